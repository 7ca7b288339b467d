import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { projectParams, useScope } from '../routes';
import {
  Busy,
  Confirm,
  Dialog,
  Empty,
  ErrorBox,
  Title,
  copyText,
  fmtTime,
  useAction,
  useLoad,
  TableHead,
} from '../ui';
import { PolicyEditor, type PolicyScope } from './policy';

const SP = '/iam/2019-12-10/organizations/{organization_id}/service-principals';
const KEYS = '/iam/2019-12-10/organizations/{organization_id}/service-principal-keys';
type Principal = Schemas['ServicePrincipal'];

/** The one moment a client secret is visible: shown with a copy button, gone when closed. */
const NewKey = ({ id, secret, onClose }: { id: string; secret: string; onClose: () => void }) => {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title="New key: copy the secret now" onClose={onClose}>
      <p>This client secret is shown once. Coffer keeps only a hash of it.</p>
      <dl class="facts">
        <dt>Client id</dt>
        <dd>
          <code>{id}</code>
        </dd>
        <dt>Client secret</dt>
        <dd>
          <code class="revealed">{secret}</code>
        </dd>
      </dl>
      <p role="status">{copied ? 'Copied to the clipboard.' : ''}</p>
      <div class="actions">
        <button type="button" onClick={() => void copyText(secret).then(() => setCopied(true))}>
          Copy secret
        </button>
        <button type="button" class="primary" onClick={onClose}>
          I have stored it
        </button>
      </div>
    </Dialog>
  );
};

const PrincipalDetail = ({ org, principal }: { org: string; principal: Principal }) => {
  const path = { organization_id: org, principal_id: principal.id };
  const data = useLoad(async () => {
    const [keys, providers] = await Promise.all([
      call(api.GET(`${SP}/{principal_id}/keys`, { params: { path } })),
      call(api.GET(`${SP}/{principal_id}/workload-identity-providers`, { params: { path } })),
    ]);
    return { keys: keys.keys ?? [], providers: providers.providers ?? [] };
  }, [org, principal.id]);
  const [shown, setShown] = useState<{ id: string; secret: string }>();
  const [wif, setWif] = useState({ name: '', issuer: '', audiences: '', condition: '', description: '' });
  const [removing, setRemoving] = useState<{ kind: 'key' | 'provider'; id: string }>();
  const act = useAction();
  return (
    <section class="card" aria-labelledby={`sp-${principal.id}`}>
      <h3 id={`sp-${principal.id}`}>
        {principal.name} <code class="muted">{principal.id}</code>
      </h3>
      {data.loading && !data.data && <Busy />}
      <ErrorBox error={data.error ?? act.error} />
      {data.data && (
        <>
          <h4>Keys</h4>
          {data.data.keys.length === 0 ? (
            <Empty>No keys. Create one to let this principal call the API.</Empty>
          ) : (
            <ul class="plain">
              {data.data.keys.map((k) => (
                <li key={k.client_id}>
                  <code>{k.client_id}</code> <span class="muted">created {fmtTime(k.created_at)}</span>{' '}
                  <button
                    type="button"
                    aria-label={`Delete key ${k.client_id}`}
                    onClick={() => setRemoving({ kind: 'key', id: k.client_id })}
                  >
                    Delete
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            disabled={act.busy}
            onClick={() =>
              void act.run(async () => {
                const r = await call(
                  api.POST(KEYS, {
                    params: { path: { organization_id: org } },
                    body: { principal_id: principal.id },
                  }),
                );
                setShown({ id: r.key.client_id, secret: r.client_secret });
                data.reload();
              })
            }
          >
            Create key
          </button>
          <h4>Workload identity providers</h4>
          {data.data.providers.length === 0 ? (
            <Empty>
              No workload identity providers. Add one to let a CI job or cloud workload sign in without a key.
            </Empty>
          ) : (
            <table>
              <TableHead
                caption={`Workload identity providers of ${principal.name}`}
                columns={['Name', 'Issuer', 'Audiences', 'Condition']}
                actions
              />
              <tbody>
                {data.data.providers.map((p) => (
                  <tr key={p.name}>
                    <th scope="row">{p.name}</th>
                    <td>
                      <code>{p.issuer}</code>
                    </td>
                    <td>{(p.allowed_audiences ?? []).join(', ')}</td>
                    <td>
                      <code>{p.conditional_access}</code>
                    </td>
                    <td>
                      <button
                        type="button"
                        aria-label={`Delete provider ${p.name}`}
                        onClick={() => setRemoving({ kind: 'provider', id: p.name })}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form
            class="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void act.run(async () => {
                await call(
                  api.POST(`${SP}/{principal_id}/workload-identity-providers`, {
                    params: { path },
                    body: {
                      name: wif.name,
                      issuer: wif.issuer,
                      allowed_audiences: wif.audiences
                        .split(',')
                        .map((x) => x.trim())
                        .filter(Boolean),
                      conditional_access: wif.condition,
                      description: wif.description,
                    },
                  }),
                );
                setWif({ name: '', issuer: '', audiences: '', condition: '', description: '' });
                data.reload();
              });
            }}
          >
            <fieldset>
              <legend>Add a workload identity provider</legend>
              {(
                [
                  ['name', 'Name'],
                  ['issuer', 'Issuer URL'],
                  ['audiences', 'Allowed audiences (comma-separated)'],
                  ['condition', 'Condition (e.g. jwt_claims.repository == "acme/web")'],
                  ['description', 'Description'],
                ] as const
              ).map(([k, label]) => (
                <label key={k}>
                  {label}
                  <input
                    value={wif[k]}
                    required={k !== 'description'}
                    autoComplete="off"
                    onInput={(e) => {
                      const v = e.currentTarget.value;
                      setWif((w) => ({ ...w, [k]: v }));
                    }}
                  />
                </label>
              ))}
              <button type="submit" disabled={act.busy}>
                Add provider
              </button>
            </fieldset>
          </form>
        </>
      )}
      {shown && <NewKey id={shown.id} secret={shown.secret} onClose={() => setShown(undefined)} />}
      {removing && (
        <Confirm
          title={removing.kind === 'key' ? `Delete key ${removing.id}?` : `Delete provider ${removing.id}?`}
          message={<p>Anything signing in with it is refused from now on.</p>}
          action="Delete"
          danger
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            if (removing.kind === 'key')
              await call(
                api.DELETE(`${KEYS}/{client_id}`, {
                  params: { path: { organization_id: org, client_id: removing.id } },
                }),
              );
            else
              await call(
                api.DELETE(`${SP}/{principal_id}/workload-identity-providers/{provider_name}`, {
                  params: { path: { ...path, provider_name: removing.id } },
                }),
              );
            data.reload();
          }}
        />
      )}
    </section>
  );
};

const Principals = ({ org, project }: { org: string; project: string }) => {
  const path = { organization_id: org };
  const list = useLoad(
    async () =>
      (await call(api.GET(SP, { params: { path, query: { 'pagination.page_size': 100 } } })))
        .service_principals ?? [],
    [org],
  );
  const [name, setName] = useState('');
  const [projectScoped, setProjectScoped] = useState(true);
  const [open, setOpen] = useState<string>();
  const [deleting, setDeleting] = useState<Principal>();
  const act = useAction();
  return (
    <section aria-labelledby="principals">
      <h2 id="principals">Service principals</h2>
      {list.loading && !list.data && <Busy />}
      <ErrorBox error={list.error ?? act.error} />
      {list.data &&
        (list.data.length === 0 ? (
          <Empty>No service principals. Create one for a deployment or a CI job.</Empty>
        ) : (
          <table>
            <TableHead caption="Service principals" columns={['Name', 'Id', 'Scope', 'Created']} actions />
            <tbody>
              {list.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{p.name}</th>
                  <td>
                    <code>{p.id}</code>
                  </td>
                  <td>{p.project_id ? `project ${p.project_id}` : 'organization'}</td>
                  <td>{fmtTime(p.created_at)}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      aria-expanded={open === p.id}
                      aria-label={`Keys and providers of ${p.name}`}
                      onClick={() => setOpen(open === p.id ? undefined : p.id)}
                    >
                      Keys and providers
                    </button>
                    <button
                      type="button"
                      class="danger"
                      aria-label={`Delete ${p.name}`}
                      onClick={() => setDeleting(p)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {open && list.data?.find((p) => p.id === open) && (
        <PrincipalDetail org={org} principal={list.data.find((p) => p.id === open)!} />
      )}
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            await call(
              api.POST(SP, {
                params: { path },
                body: { name, ...(projectScoped ? { project_id: project } : {}) },
              }),
            );
            setName('');
            list.reload();
          });
        }}
      >
        <label>
          New service principal name
          <input value={name} required onInput={(e) => setName(e.currentTarget.value)} autoComplete="off" />
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={projectScoped}
            onChange={(e) => setProjectScoped(e.currentTarget.checked)}
          />
          Belongs to this project
        </label>
        <button type="submit" disabled={act.busy}>
          Create service principal
        </button>
      </form>
      {deleting && (
        <Confirm
          title={`Delete ${deleting.name}?`}
          message={<p>Its keys stop working and its tokens are refused.</p>}
          action="Delete"
          danger
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await call(
              api.DELETE(`${SP}/{principal_id}`, {
                params: { path: { ...path, principal_id: deleting.id } },
              }),
            );
            list.reload();
          }}
        />
      )}
    </section>
  );
};

const Access = () => {
  const s = useScope();
  const apps = useLoad(
    async () =>
      (
        await call(
          api.GET('/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps', {
            params: { path: projectParams(s), query: { 'pagination.page_size': 1000 } },
          }),
        )
      ).apps ?? [],
    [s.org, s.project],
  );
  const [level, setLevel] = useState<'organization' | 'project' | 'app'>('project');
  const [app, setApp] = useState('');
  const scope: PolicyScope | undefined =
    level === 'organization'
      ? { level, org: s.org }
      : level === 'project'
        ? { level, org: s.org, project: s.project }
        : app
          ? { level, org: s.org, project: s.project, app }
          : undefined;
  return (
    <>
      <Title>Access</Title>
      <section aria-labelledby="policies">
        <h2 id="policies">Role grants</h2>
        <div class="inline">
          <label>
            Scope
            <select value={level} onChange={(e) => setLevel(e.currentTarget.value as typeof level)}>
              <option value="organization">Organization</option>
              <option value="project">Project</option>
              <option value="app">An app</option>
            </select>
          </label>
          {level === 'app' && (
            <label>
              App
              <select value={app} onChange={(e) => setApp(e.currentTarget.value)}>
                <option value="">Choose…</option>
                {(apps.data ?? []).map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <ErrorBox error={apps.error} />
        {scope ? (
          <PolicyEditor key={JSON.stringify(scope)} scope={scope} label={level} />
        ) : (
          <Empty>Choose an app.</Empty>
        )}
      </section>
      <Principals org={s.org} project={s.project} />
    </>
  );
};
export default Access;
