import { CofferError } from '../errors.js';
import type { Binding, Member } from '../records.js';
import type { OrgScope } from '../scope.js';
import type { AccessStore, AccessTarget, PrincipalStore } from '../stores.js';

/**
 * Who may be named in a policy. Every member must be someone of the policy's organization:
 *
 * - a service principal: its id (a UUID) must name a principal of this organization; a principal
 *   created for one project may only be granted roles on that project or its apps;
 * - a user by Coffer user id (`usr_…`): the user must already hold a grant in the organization (that
 *   is how Coffer knows the id belongs here; the org's creator holds one from the start);
 * - a user by e-mail address, for someone who has not signed in yet (a pending grant). It takes
 *   effect when a user whose trusted issuer asserts that (verified) address signs in. Pending grants
 *   are bounded: a syntactically valid address of at most 254 characters, and at most
 *   MAX_EMAIL_MEMBERS of them per policy.
 *
 * Only members a change adds are checked; those already in the policy were checked when added.
 */
export const MAX_EMAIL_MEMBERS = 20;
/** Distinct members one policy may name (all roles together). */
export const MAX_POLICY_MEMBERS = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const USER_ID = /^usr_[A-Za-z0-9_-]{26}$/;
const EMAIL = /^[^@\s"<>()[\],;:\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

const invalid = (why: string) => new CofferError('INVALID_ARGUMENT', why);

export const checkNewMembers = async (
  deps: { access: AccessStore; principals: PrincipalStore },
  org: OrgScope,
  target: AccessTarget,
  before: readonly Binding[],
  after: readonly Binding[],
): Promise<void> => {
  const key = (m: Member) => `${m.type}:${m.id}`;
  const all = new Map(after.flatMap((b) => b.members.map((m) => [key(m), m] as const)));
  if (all.size > MAX_POLICY_MEMBERS) throw invalid(`a policy may name at most ${MAX_POLICY_MEMBERS} members`);
  const emails = [...all.values()].filter((m) => m.type === 'USER' && m.id.includes('@'));
  if (emails.length > MAX_EMAIL_MEMBERS) {
    throw invalid(`a policy may name at most ${MAX_EMAIL_MEMBERS} users by e-mail address`);
  }
  const known = new Set(before.flatMap((b) => b.members.map(key)));
  const added = [...all.values()].filter((m) => !known.has(key(m)));
  await Promise.all(added.map((m) => checkMember(deps, org, target, m)));
};

const checkMember = async (
  deps: { access: AccessStore; principals: PrincipalStore },
  org: OrgScope,
  target: AccessTarget,
  m: Member,
): Promise<void> => {
  if (m.type === 'SERVICE_PRINCIPAL') {
    if (!UUID.test(m.id)) throw invalid(`service principal id ${JSON.stringify(m.id)} is not a UUID`);
    const sp = await deps.principals.getServicePrincipal(org, m.id);
    if (!sp) throw invalid(`service principal ${m.id} is not a principal of this organization`);
    if (sp.projectId && sp.projectId !== target.projectId) {
      throw invalid(
        `service principal ${m.id} belongs to project ${sp.projectId}; it can only be granted roles there`,
      );
    }
    return;
  }
  if (m.id.includes('@')) {
    if (m.id.length > 254 || !EMAIL.test(m.id))
      throw invalid(`${JSON.stringify(m.id)} is not an e-mail address`);
    return;
  }
  if (!USER_ID.test(m.id)) {
    throw invalid(`user ${JSON.stringify(m.id)} is neither a Coffer user id (usr_…) nor an e-mail address`);
  }
  if (!(await deps.access.isMember(org, m))) {
    throw invalid(`user ${m.id} is not a member of this organization; name a new user by e-mail address`);
  }
};
