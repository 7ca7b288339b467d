import { roleId } from '../../../shared/domain/access/permissions.js';
import type { LockView } from '../../../shared/domain/access/locks.js';
import type { AccessState } from '../../../shared/domain/records.js';

/** HashicorpCloudResourcemanagerPolicy. */
export const presentPolicy = (s: AccessState) => ({
  policy: {
    bindings: s.bindings.map((b) => ({
      role_id: roleId(b.role),
      members: b.members.map((m) => ({ member_id: m.id, member_type: m.type })),
    })),
    etag: s.etag,
  },
});

/** Secrets20231128LockStatus. */
export const presentLock = (l: LockView) => ({ lock_origin: l.origin, reason: l.reason });
