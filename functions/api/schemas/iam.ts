import { z } from '@hono/zod-openapi';
import { requestList } from './common.js';

/** IAM policies and break-glass locks in HCP's shapes. */

const PolicyMember = z.object({
  member_id: z.string(),
  member_type: z.enum(['USER', 'SERVICE_PRINCIPAL']),
});
export const Policy = z
  .object({
    bindings: z.array(z.object({ role_id: z.string(), members: z.array(PolicyMember) })),
    etag: z.string(),
  })
  .openapi('Policy');

const MemberBody = z.strictObject({
  member_id: z.string().min(1).max(320),
  member_type: z.enum(['USER', 'SERVICE_PRINCIPAL']),
});
export const SetPolicyBody = z
  .strictObject({
    policy: z.strictObject({
      bindings: requestList(
        z.strictObject({
          role_id: z.string().min(1).max(64),
          members: requestList(MemberBody).refine((m) => !m || m.length <= 1000, 'at most 1000 members'),
        }),
      ).refine((b) => !b || b.length <= 20, 'at most 20 bindings'),
      etag: z.string().min(1).max(64),
    }),
  })
  .openapi('SetIamPolicyRequest');
export const PolicyResponse = z.object({ policy: Policy });

export const LockBody = z.strictObject({ reason: z.string().max(1024).optional() }).openapi('LockRequest');
const LockStatus = z
  .object({ lock_origin: z.enum(['UNKNOWN_ORIGIN', 'CUSTOMER', 'BILLING']), reason: z.string() })
  .openapi('LockStatus');
export const OrganizationLockStatus = z
  .object({
    locks: z.array(LockStatus),
    project_locks: z.record(z.string(), z.object({ locks: z.array(LockStatus) })),
  })
  .openapi('GetOrganizationLockStatusResponse');
export const ProjectLockStatus = z
  .object({ locks: z.array(LockStatus), organization_lock: LockStatus.optional() })
  .openapi('GetProjectLockStatusResponse');
