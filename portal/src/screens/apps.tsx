import { useMemo, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { base, enc, projectParams, useScope } from '../routes';
import { Busy, Confirm, Dialog, Empty, ErrorBox, fmtTime, Title, useAction, useLoad, TableHead } from '../ui';

type App = Schemas['App'];
const APP = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}';
const NAME_RULE = /^[a-z0-9][a-z0-9-]{2,35}$/;

const AppForm = ({
  app,
  onSave,
  onClose,
}: {
  app?: App;
  onSave: (name: string, description: string) => Promise<unknown>;
  onClose: () => void;
}) => {
  const [name, setName] = useState(app?.name ?? '');
  const [description, setDescription] = useState(app?.description ?? '');
  const act = useAction();
  const nameOk = app !== undefined || NAME_RULE.test(name);
  return (
    <Dialog title={app ? `Edit ${app.name}` : 'Create an app'} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(() => onSave(name, description)).then((ok) => ok && onClose());
        }}
      >
        {!app && (
          <>
            <label>
              Name
              <input
                value={name}
                required
                aria-describedby="app-name-rule"
                aria-invalid={name !== '' && !nameOk}
                onInput={(e) => setName(e.currentTarget.value)}
                autoComplete="off"
              />
            </label>
            {/* Outside the label: it describes the field (aria-describedby) without lengthening its name. */}
            <small id="app-name-rule">3–36 characters: a–z, 0–9 and -, not starting with -.</small>
          </>
        )}
        <label>
          Description
          <textarea
            value={description}
            maxLength={1024}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <ErrorBox error={act.error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={!nameOk || act.busy}>
            {act.busy ? 'Saving…' : app ? 'Save' : 'Create app'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};

const Apps = () => {
  const s = useScope();
  const path = projectParams(s);
  const list = useLoad(async () => {
    const apps: App[] = [];
    let token: string | undefined;
    do {
      const r = await call(
        api.GET('/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps', {
          params: { path, query: { 'pagination.page_size': 1000, 'pagination.next_page_token': token } },
        }),
      );
      apps.push(...(r.apps ?? []));
      token = r.pagination?.next_page_token || undefined;
    } while (token);
    return apps;
  }, [s.org, s.project]);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<App | 'new'>();
  const [deleting, setDeleting] = useState<{ app: App; purge: boolean }>();
  const shown = useMemo(
    () =>
      (list.data ?? []).filter(
        (a) =>
          a.name.includes(q.toLowerCase()) || (a.description ?? '').toLowerCase().includes(q.toLowerCase()),
      ),
    [list.data, q],
  );

  const save = async (name: string, description: string) => {
    if (editing === 'new')
      await call(
        api.POST('/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps', {
          params: { path },
          body: { name, description },
        }),
      );
    else if (editing)
      await call(
        api.PATCH(APP, { params: { path: { ...path, app_name: editing.name } }, body: { description } }),
      );
    list.reload();
  };
  const remove = async ({ app, purge }: { app: App; purge: boolean }) => {
    const p = { params: { path: { ...path, app_name: app.name } } };
    await call(purge ? api.DELETE(`${APP}:purge`, p) : api.DELETE(APP, p));
    list.reload();
  };

  return (
    <>
      <Title>Apps</Title>
      <div class="toolbar">
        <label class="search">
          Search apps
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="button" class="primary" onClick={() => setEditing('new')}>
          Create app
        </button>
      </div>
      {list.loading && !list.data && <Busy />}
      <ErrorBox error={list.error} />
      {list.data &&
        (shown.length === 0 ? (
          <Empty>{q ? `No app matches “${q}”.` : 'No apps yet. Create one to start storing secrets.'}</Empty>
        ) : (
          <table>
            <TableHead
              caption="Apps in this project"
              columns={['Name', 'Description', 'Secrets', 'Syncs', 'Updated']}
              actions
            />
            <tbody>
              {shown.map((a) => (
                <tr key={a.name}>
                  <th scope="row">
                    <a href={`${base(s)}/apps/${enc(a.name)}`}>{a.name}</a>
                  </th>
                  <td>{a.description || <span class="muted">—</span>}</td>
                  <td>{a.secret_count}</td>
                  <td>{a.sync_names?.length ? a.sync_names.join(', ') : <span class="muted">none</span>}</td>
                  <td>{fmtTime(a.updated_at)}</td>
                  <td class="row-actions">
                    <button type="button" onClick={() => setEditing(a)} aria-label={`Edit ${a.name}`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      onClick={() => setDeleting({ app: a, purge: false })}
                      aria-label={`Delete ${a.name}`}
                    >
                      Delete
                    </button>
                    <button
                      type="button"
                      class="danger"
                      onClick={() => setDeleting({ app: a, purge: true })}
                      aria-label={`Purge ${a.name}`}
                    >
                      Purge
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {editing && (
        <AppForm
          app={editing === 'new' ? undefined : editing}
          onSave={save}
          onClose={() => setEditing(undefined)}
        />
      )}
      {deleting && (
        <Confirm
          title={deleting.purge ? `Purge ${deleting.app.name}?` : `Delete ${deleting.app.name}?`}
          message={
            deleting.purge ? (
              <p>
                Purging deletes the app together with all its secrets and their history. This cannot be
                undone.
              </p>
            ) : (
              <p>
                Only an app without secrets can be deleted. Use Purge to remove an app and all its secrets.
              </p>
            )
          }
          typeToConfirm={deleting.purge ? deleting.app.name : undefined}
          action={deleting.purge ? 'Purge app' : 'Delete app'}
          danger
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        />
      )}
    </>
  );
};
export default Apps;
