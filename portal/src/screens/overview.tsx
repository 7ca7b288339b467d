import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { base, projectParams, useScope } from '../routes';
import { Busy, Confirm, ErrorBox, fmtTime, Title, useLoad, who } from '../ui';

type Level = 'organization' | 'project';

const Overview = () => {
  const s = useScope();
  const data = useLoad(async () => {
    const [projects, apps, projectLock, orgLock] = await Promise.all([
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
      call(
        api.GET('/resource-manager/2019-12-10/projects/{id}/lock-status', {
          params: { path: { id: s.project } },
        }),
      ).catch(() => undefined),
      call(
        api.GET('/resource-manager/2019-12-10/organizations/{id}/lock-status', {
          params: { path: { id: s.org } },
        }),
      ).catch(() => undefined),
    ]);
    return {
      project: projects.projects?.find((p) => p.id === s.project),
      apps: apps.apps ?? [],
      projectLock,
      orgLock,
    };
  }, [s.org, s.project]);
  const [asking, setAsking] = useState<{ level: Level; lock: boolean }>();

  const setLock = async (level: Level, lock: boolean) => {
    const id = level === 'project' ? s.project : s.org;
    if (level === 'project')
      await call(
        lock
          ? api.POST('/resource-manager/2019-12-10/projects/{id}/lock', { params: { path: { id } } })
          : api.POST('/resource-manager/2019-12-10/projects/{id}/unlock', { params: { path: { id } } }),
      );
    else
      await call(
        lock
          ? api.POST('/resource-manager/2019-12-10/organizations/{id}/lock', { params: { path: { id } } })
          : api.POST('/resource-manager/2019-12-10/organizations/{id}/unlock', { params: { path: { id } } }),
      );
    data.reload();
  };

  const d = data.data;
  const lockRow = (level: Level, status: Schemas['LockStatus'] | undefined) => {
    const l = status?.lock_status;
    return (
      <section class="card" aria-labelledby={`lock-${level}`}>
        <h2 id={`lock-${level}`}>{level === 'project' ? 'Project lock' : 'Organization lock'}</h2>
        {!status ? (
          <p class="muted">You cannot see this lock (it needs the admin role).</p>
        ) : l?.locked ? (
          <>
            <p class="locked" role="status">
              Locked since {fmtTime(l.locked_at)} by {who(l.locked_by)}. Nobody can open values, write or
              delete secrets, or change syncs.
            </p>
            <button type="button" onClick={() => setAsking({ level, lock: false })}>
              Unlock {level}
            </button>
          </>
        ) : (
          <>
            <p>Unlocked. Lock it in an emergency to freeze every read of values and every write.</p>
            <button type="button" class="danger" onClick={() => setAsking({ level, lock: true })}>
              Lock {level}
            </button>
          </>
        )}
      </section>
    );
  };

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
            {lockRow('project', d.projectLock)}
            {lockRow('organization', d.orgLock)}
          </div>
        </>
      )}
      {asking && (
        <Confirm
          title={`${asking.lock ? 'Lock' : 'Unlock'} the ${asking.level}?`}
          message={
            asking.lock ? (
              <p>
                While locked, nobody — including you — can open secret values, write or delete secrets, or
                change syncs in this {asking.level}. Type the word below to confirm this break-glass action.
              </p>
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
