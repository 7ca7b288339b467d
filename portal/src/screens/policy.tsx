import { useState } from 'preact/hooks';
import { api, ApiError, call, type Schemas } from '../api/client';
import { Busy, Empty, ErrorBox, useAction, useLoad, TableHead } from '../ui';

type Policy = Schemas['Policy'];
type Binding = NonNullable<Policy['bindings']>[number];
type MemberType = 'USER' | 'SERVICE_PRINCIPAL';
export type PolicyScope =
  | { level: 'organization'; org: string }
  | { level: 'project'; org: string; project: string }
  | { level: 'app'; org: string; project: string; app: string };

const ROLES: Record<PolicyScope['level'], string[]> = {
  organization: ['roles/admin', 'roles/contributor', 'roles/viewer'],
  project: ['roles/admin', 'roles/contributor', 'roles/viewer'],
  app: ['roles/app-manager', 'roles/app-secret-reader'],
};
const APP =
  '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}/iam-policy';

const getPolicy = (s: PolicyScope) =>
  s.level === 'organization'
    ? call(
        api.GET('/resource-manager/2019-12-10/organizations/{id}/iam-policy', {
          params: { path: { id: s.org } },
        }),
      )
    : s.level === 'project'
      ? call(
          api.GET('/resource-manager/2019-12-10/projects/{id}/iam-policy', {
            params: { path: { id: s.project } },
          }),
        )
      : call(
          api.GET(APP, {
            params: { path: { organization_id: s.org, project_id: s.project, app_name: s.app } },
          }),
        );

const setPolicy = (s: PolicyScope, policy: { bindings: Binding[]; etag: string }) =>
  s.level === 'organization'
    ? call(
        api.PUT('/resource-manager/2019-12-10/organizations/{id}/iam-policy', {
          params: { path: { id: s.org } },
          body: { policy },
        }),
      )
    : s.level === 'project'
      ? call(
          api.PUT('/resource-manager/2019-12-10/projects/{id}/iam-policy', {
            params: { path: { id: s.project } },
            body: { policy },
          }),
        )
      : call(
          api.PUT(APP, {
            params: { path: { organization_id: s.org, project_id: s.project, app_name: s.app } },
            body: { policy },
          }),
        );

/** One scope's IAM policy: grant and revoke roles, saved with the etag it was read with. */
export const PolicyEditor = ({ scope, label }: { scope: PolicyScope; label: string }) => {
  const key = JSON.stringify(scope);
  const data = useLoad(() => getPolicy(scope), [key]);
  const [role, setRole] = useState(ROLES[scope.level][0]!);
  const [memberType, setMemberType] = useState<MemberType>('USER');
  const [memberId, setMemberId] = useState('');
  const [conflict, setConflict] = useState(false);
  const act = useAction();
  const policy = data.data?.policy;
  const bindings = policy?.bindings ?? [];

  const save = (next: Binding[]) =>
    act.run(async () => {
      setConflict(false);
      try {
        await setPolicy(scope, {
          bindings: next.filter((b) => (b.members ?? []).length > 0),
          etag: policy?.etag ?? '',
        });
      } catch (e) {
        // 409 ABORTED: the policy changed since it was read. Say so plainly rather than overwrite.
        if (e instanceof ApiError && e.status === 409) setConflict(true);
        throw e;
      }
      setMemberId('');
      data.reload();
    });
  const grant = () => {
    const next = bindings.map((b) => ({ ...b, members: [...(b.members ?? [])] }));
    let b = next.find((x) => x.role_id === role);
    if (!b) next.push((b = { role_id: role, members: [] }));
    if (!b.members!.some((m) => m.member_id === memberId && m.member_type === memberType))
      b.members!.push({ member_id: memberId.trim(), member_type: memberType });
    return save(next);
  };
  const revoke = (roleId: string, id: string, type: string) =>
    save(
      bindings.map((b) =>
        b.role_id === roleId
          ? {
              ...b,
              members: (b.members ?? []).filter((m) => !(m.member_id === id && m.member_type === type)),
            }
          : b,
      ),
    );

  const rows = bindings.flatMap((b) => (b.members ?? []).map((m) => ({ role: b.role_id, ...m })));
  return (
    <section class="card" aria-label={`${label} IAM policy`}>
      {data.loading && !data.data && <Busy />}
      <ErrorBox error={data.error} />
      {conflict && (
        <div class="error" role="alert">
          <p>
            <strong>Someone else changed this policy</strong> after you opened it, so your change was not
            saved (etag conflict). Reload to see the current policy, then apply your change again.
          </p>
          <button
            type="button"
            onClick={() => {
              setConflict(false);
              act.clear();
              data.reload();
            }}
          >
            Reload policy
          </button>
        </div>
      )}
      {!conflict && <ErrorBox error={act.error} />}
      {policy &&
        (rows.length === 0 ? (
          <Empty>No roles are granted at this scope.</Empty>
        ) : (
          <table>
            <TableHead caption={`${label} role grants`} columns={['Role', 'Member', 'Type']} actions />
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.role}-${r.member_type}-${r.member_id}`}>
                  <td>{r.role.replace(/^roles\//, '')}</td>
                  <th scope="row">
                    <code>{r.member_id}</code>
                  </th>
                  <td>{r.member_type === 'USER' ? 'user' : 'service principal'}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      disabled={act.busy}
                      aria-label={`Revoke ${r.role.replace(/^roles\//, '')} from ${r.member_id}`}
                      onClick={() => void revoke(r.role, r.member_id, r.member_type)}
                    >
                      Revoke
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {policy && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (memberId.trim()) void grant();
          }}
        >
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.currentTarget.value)}>
              {ROLES[scope.level].map((r) => (
                <option key={r} value={r}>
                  {r.replace(/^roles\//, '')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Member type
            <select value={memberType} onChange={(e) => setMemberType(e.currentTarget.value as MemberType)}>
              <option value="USER">user</option>
              <option value="SERVICE_PRINCIPAL">service principal</option>
            </select>
          </label>
          <label>
            Member id
            <input
              value={memberId}
              onInput={(e) => setMemberId(e.currentTarget.value)}
              autoComplete="off"
              required
            />
          </label>
          <button type="submit" class="primary" disabled={act.busy}>
            Grant role
          </button>
        </form>
      )}
    </section>
  );
};
