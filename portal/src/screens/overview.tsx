import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { base, projectParams, useScope } from '../routes';
import { Busy, Confirm, ErrorBox, Title, useLoad } from '../ui';

type Level = 'organization' | 'project';
type Lock = Schemas['LockStatus'];
const ORG = '/secrets/2023-11-28/organizations/{organization_id}';
const PROJECT = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}';

const Overview = () => {
  const s = useScope();
  const data = useLoad(async () => {
    const [projects, apps, locks] = await Promise.all([
      call(
        api.GET('/resource-manager/2019-12-10/projects', {
          params: { query: { 'scope.type': 'ORGANIZATION', 'scope.id': s.org } },
        }),
      ),
      call(
        api.GET('/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps', {
          params: { path: projectParams(s), query: { 'pagination.page_size': 1000 } },
        }),
      ),
      // Needs the admin role; without it the screen says so instead of failing.
      call(
        api.GET('/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/lock-status', {
          params: { path: projectParams(s) },
        }),
      ).catch(() => undefined),
    ]);
    return {
      project: projects.projects?.find((p) => p.id === s.project),
      apps: apps.apps ?? [],
      locks: locks && {
        project: locks.locks,
        organization: locks.organization_lock ? [locks.organization_lock] : [],
      },
    };
  }, [s.org, s.project]);
  const [asking, setAsking] = useState<{ level: Level; lock: boolean }>();

  const [reason, setReason] = useState('');

  const setLock = async (level: Level, lock: boolean) => {
    const org = { organization_id: s.org };
    const body = { reason: reason.trim() };
    if (level === 'project')
      await call(
        lock
          ? api.POST(`${PROJECT}/lock`, { params: { path: projectParams(s) }, body })
          : api.POST(`${PROJECT}/unlock`, { params: { path: projectParams(s) } }),
      );
    else
      await call(
        lock
          ? api.POST(`${ORG}/lock`, { params: { path: org }, body })
          : api.POST(`${ORG}/unlock`, { params: { path: org } }),
      );
    data.reload();
  };

  const d = data.data;
  const lockRow = (level: Level, locks: readonly Lock[] | undefined) => (
    <section class="card" aria-labelledby={`lock-${level}`}>
      <h2 id={`lock-${level}`}>{level === 'project' ? 'Project lock' : 'Organization lock'}</h2>
      {!locks ? (
        <p class="muted">You cannot see this lock (it needs the admin role).</p>
      ) : locks.length > 0 ? (
        <>
          <p class="locked" role="status">
            Locked{locks[0]!.reason ? `: ${locks[0]!.reason}` : ''}. Nobody can open values, write or delete
            secrets, or change syncs. The audit trail says who locked it and when.
          </p>
          <button type="button" onClick={() => setAsking({ level, lock: false })}>
            Unlock {level}
          </button>
        </>
      ) : (
        <>
          <p>Unlocked. Lock it in an emergency to freeze every read of values and every write.</p>
          <button
            type="button"
            class="danger"
            onClick={() => {
              setReason('');
              setAsking({ level, lock: true });
            }}
          >
            Lock {level}
          </button>
        </>
      )}
    </section>
  );

  return (
    <>
      <Title>{d?.project?.name ?? 'Project'}</Title>
      {data.loading && !d && <Busy />}
      <ErrorBox error={data.error} />
      {d && (
        <>
          {d.project?.description && <p>{d.project.description}</p>}
          <dl class="facts">
            <dt>Project id</dt>
            <dd>
              <code>{s.project}</code>
            </dd>
            <dt>Organization id</dt>
            <dd>
              <code>{s.org}</code>
            </dd>
            <dt>Apps</dt>
            <dd>
              <a href={`${base(s)}/apps`}>{d.apps.length}</a>
            </dd>
            <dt>Secrets</dt>
            <dd>{d.apps.reduce((n, a) => n + Number(a.secret_count ?? 0), 0)}</dd>
          </dl>
          <div class="grid">
            {lockRow('project', d.locks?.project)}
            {lockRow('organization', d.locks?.organization)}
          </div>
        </>
      )}
      {asking && (
        <Confirm
          title={`${asking.lock ? 'Lock' : 'Unlock'} the ${asking.level}?`}
          message={
            asking.lock ? (
              <>
                <p>
                  While locked, nobody — including you — can open secret values, write or delete secrets, or
                  change syncs in this {asking.level}. Type the word below to confirm this break-glass action.
                </p>
                <label>
                  Reason (shown here while it is locked)
                  <input value={reason} maxLength={1024} onInput={(e) => setReason(e.currentTarget.value)} />
                </label>
              </>
            ) : (
              <p>Reads of values and writes become possible again for everyone with a role.</p>
            )
          }
          typeToConfirm={asking.lock ? 'lock' : undefined}
          action={asking.lock ? `Lock ${asking.level}` : `Unlock ${asking.level}`}
          danger={asking.lock}
          onConfirm={() => setLock(asking.level, asking.lock)}
          onClose={() => setAsking(undefined)}
        />
      )}
    </>
  );
};
export default Overview;
