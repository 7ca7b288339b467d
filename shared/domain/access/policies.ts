import { CofferError } from '../errors.js';
import type { Role } from '../principal.js';
import type { AccessState, Binding, Member } from '../records.js';
import { unsafeOrgScope, type OrgScope } from '../scope.js';
import type { AccessStore, AccessTarget, PolicyLevel, PrincipalStore } from '../stores.js';
import { checkNewMembers } from './member-rules.js';
import type { Authorizer } from './authorizer.js';
import { normalizeMember } from './members.js';
import { ROLE_SCOPES, roleFromId } from './permissions.js';

export interface RawBinding {
  readonly role_id: string;
  readonly members: readonly { member_id: string; member_type: 'USER' | 'SERVICE_PRINCIPAL' }[];
}

const levelOf = (t: AccessTarget): PolicyLevel => (t.app ? 'APP' : t.projectId ? 'PROJECT' : 'ORGANIZATION');

export const readPolicy = async (
  deps: { access: AccessStore },
  target: AccessTarget,
): Promise<AccessState> => {
  const records = await deps.access.getAccess(target);
  const state = target.app ? records.app : target.projectId ? records.project : records.org;
  if (!state) throw new CofferError(target.app ? 'APP_NOT_FOUND' : 'PROJECT_NOT_FOUND', 'resource not found');
  return state;
};

/**
 * Replaces the IAM policy of an organization, project or app (check-and-set on `etag`). Roles must
 * exist and fit the level (app roles only on apps); the organization must keep at least one admin,
 * so nobody can lock everyone out by accident.
 */
export const setPolicy = async (
  deps: { access: AccessStore; authorizer: Authorizer; principals: PrincipalStore },
  target: AccessTarget,
  raw: readonly RawBinding[],
  etag: string,
): Promise<AccessState> => {
  const level = levelOf(target);
  const byRole = new Map<Role, Map<string, Member>>();
  for (const b of raw) {
    const role = roleFromId(b.role_id);
    if (!role) throw new CofferError('INVALID_ARGUMENT', `unknown role ${b.role_id}`);
    if (!ROLE_SCOPES[role].includes(level)) {
      throw new CofferError(
        'INVALID_ARGUMENT',
        `${b.role_id} cannot be granted on ${level.toLowerCase()} scope`,
      );
    }
    const members = byRole.get(role) ?? new Map<string, Member>();
    for (const m of b.members) {
      const member = normalizeMember({ id: m.member_id, type: m.member_type });
      members.set(`${member.type}:${member.id}`, member);
    }
    byRole.set(role, members);
  }
  const bindings: Binding[] = [...byRole].map(([role, members]) => ({
    role,
    members: [...members.values()],
  }));
  if (level === 'ORGANIZATION' && !bindings.some((b) => b.role === 'admin' && b.members.length > 0)) {
    throw new CofferError('INVALID_ARGUMENT', 'an organization must keep at least one admin');
  }
  const before = await readPolicy(deps, target);
  await checkNewMembers(deps, unsafeOrgScope(target.orgId), target, before.bindings, bindings);
  const after = await deps.access.putPolicy(target, level, bindings, etag);
  deps.authorizer.invalidate(target);
  await syncMemberships(deps.access, target, level, before.bindings, bindings);
  return after;
};

/** Keeps the membership index (used to list a caller's organizations) in step with the policy. */
const syncMemberships = async (
  access: AccessStore,
  target: AccessTarget,
  level: PolicyLevel,
  before: readonly Binding[],
  after: readonly Binding[],
) => {
  const org = unsafeOrgScope(target.orgId);
  const key = (m: Member) => `${m.type}:${m.id}`;
  const flat = (bs: readonly Binding[]) =>
    new Map(bs.flatMap((b) => b.members.map((m) => [key(m), m] as const)));
  const was = flat(before);
  const now = flat(after);
  for (const [k, m] of now) if (!was.has(k)) await access.putMembership(org, m);
  // Only an organization-level removal forgets the membership; deeper grants keep the org listed.
  if (level === 'ORGANIZATION')
    for (const [k, m] of was) if (!now.has(k)) await access.deleteMembership(org, m);
};

/**
 * Takes a member out of every policy of the organization (or of one project, for a principal
 * confined to it), as when a service principal is deleted. Each policy is rewritten with its etag;
 * a concurrent change makes it read again and retry.
 */
export const removeMemberEverywhere = async (
  deps: { access: AccessStore; authorizer: Authorizer },
  org: OrgScope,
  member: Member,
  projectId?: string,
): Promise<void> => {
  const same = (m: Member) => m.type === member.type && m.id === member.id;
  for (const found of await deps.access.listPolicies(org, projectId)) {
    let state: AccessState = found.state;
    for (let attempt = 0; state.bindings.some((b) => b.members.some(same)); attempt++) {
      const bindings = state.bindings
        .map((b) => ({ role: b.role, members: b.members.filter((m) => !same(m)) }))
        .filter((b) => b.members.length > 0);
      try {
        await deps.access.putPolicy(found.target, found.level, bindings, state.etag);
        break;
      } catch (e) {
        if (!(e instanceof CofferError) || e.code !== 'ETAG_MISMATCH' || attempt >= 4) throw e;
        state = await readPolicy(deps, found.target);
      }
    }
  }
  await deps.access.deleteMembership(org, member);
  deps.authorizer.invalidate({ orgId: org.orgId });
};

export const setLock = async (
  deps: { access: AccessStore; authorizer: Authorizer },
  target: AccessTarget,
  lock: AccessState['locked'] | undefined,
): Promise<void> => {
  await deps.access.setLock(target, levelOf(target), lock);
  deps.authorizer.invalidate(target);
};
