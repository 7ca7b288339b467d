import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { base, enc, projectParams, useScope } from '../routes';
import {
  Busy,
  Confirm,
  Dialog,
  Empty,
  ErrorBox,
  Pager,
  TableHead,
  Title,
  copyText,
  fmtTime,
  useAction,
  useLoad,
  who,
} from '../ui';
import { formatEnv } from '../env-file';
import { AppSyncs } from './app-syncs';
import { ImportDialog } from './import';

type Secret = Schemas['Secret'];
const APP = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}';
/** Rows per page: a page of a 10 000-secret app renders as fast as a small app. */
const PAGE = 50;

const SecretForm = ({
  secret,
  onSave,
  onClose,
}: {
  secret?: Secret;
  onSave: (name: string, value: string) => Promise<unknown>;
  onClose: () => void;
}) => {
  const [name, setName] = useState(secret?.name ?? '');
  const [value, setValue] = useState('');
  const act = useAction();
  return (
    <Dialog title={secret ? `New version of ${secret.name}` : 'Add a secret'} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(() => onSave(name, value)).then((ok) => ok && onClose());
        }}
      >
        {!secret && (
          <label>
            Name
            <input
              value={name}
              required
              pattern="[A-Za-z_][A-Za-z0-9_]{0,63}"
              onInput={(e) => setName(e.currentTarget.value)}
              autoComplete="off"
              spellcheck={false}
            />
          </label>
        )}
        <label>
          Value
          <textarea
            value={value}
            required
            class="secret-input"
            onInput={(e) => setValue(e.currentTarget.value)}
            autoComplete="off"
            spellcheck={false}
          />
        </label>
        {secret && (
          <p class="muted">
            Saving creates version {Number(secret.latest_version) + 1}; older versions stay.
          </p>
        )}
        <ErrorBox error={act.error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={act.busy || value === ''}>
            {act.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};

const Secrets = () => {
  const s = useScope();
  const path = { ...projectParams(s), app_name: s.app };
  const list = useLoad(async () => {
    const all: Secret[] = [];
    let token: string | undefined;
    do {
      const r = await call(
        api.GET(`${APP}/secrets`, {
          params: { path, query: { 'pagination.page_size': 1000, 'pagination.next_page_token': token } },
        }),
      );
      all.push(...(r.secrets ?? []));
      token = r.pagination?.next_page_token || undefined;
    } while (token);
    return all.sort((a, b) => a.name.localeCompare(b.name));
  }, [s.org, s.project, s.app]);
  // Revealed values live only in this screen's memory: leaving it (or hiding the tab) forgets them.
  const [values, setValues] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const hide = () => document.visibilityState === 'hidden' && setValues(new Map());
    document.addEventListener('visibilitychange', hide);
    return () => document.removeEventListener('visibilitychange', hide);
  }, []);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const [dialog, setDialog] = useState<
    | { kind: 'add' }
    | { kind: 'edit'; secret: Secret }
    | { kind: 'delete'; secret: Secret }
    | { kind: 'import'; text?: string }
  >();
  const [notice, setNotice] = useState('');
  const act = useAction();

  const shown = useMemo(() => {
    const needle = q.toLowerCase();
    return (list.data ?? []).filter((x) => x.name.toLowerCase().includes(needle));
  }, [list.data, q]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const rows = shown.slice(page * PAGE, page * PAGE + PAGE);
  useEffect(() => setPage(0), [q]);

  const openOne = async (name: string) => {
    const r = await call(
      api.GET(`${APP}/secrets/{secret_name}:open`, { params: { path: { ...path, secret_name: name } } }),
    );
    const value = r.secret?.static_version?.value ?? '';
    setValues((m) => new Map(m).set(name, value));
    return value;
  };
  const openAll = async () => {
    const m = new Map<string, string>();
    let token: string | undefined;
    do {
      const r = await call(
        api.GET(`${APP}/secrets:open`, {
          params: { path, query: { 'pagination.page_size': 1000, 'pagination.next_page_token': token } },
        }),
      );
      for (const x of r.secrets ?? []) m.set(x.name, x.static_version?.value ?? '');
      token = r.pagination?.next_page_token || undefined;
    } while (token);
    setValues(m);
    return m;
  };
  const copy = (name: string) =>
    act.run(async () => {
      await copyText(values.get(name) ?? (await openOne(name)));
      setNotice(`Copied the value of ${name}.`);
    });
  /** `expected`: 0 when adding (an existing secret is refused, not overwritten), else the version edited. */
  const write = async (name: string, value: string, expected: number) => {
    await call(
      api.POST(`${APP}/secret/kv`, {
        params: { path },
        body: { name, value, expected_version: expected },
      }),
    );
    setValues((m) => {
      const n = new Map(m);
      n.delete(name);
      return n;
    });
    list.reload();
  };
  const remove = async (name: string) => {
    await call(
      api.DELETE(`${APP}/secrets/{secret_name}`, { params: { path: { ...path, secret_name: name } } }),
    );
    list.reload();
  };
  /** Per secret and sync: the last outcome and, when it failed, the destination's error code. */
  const syncCell = (x: Secret) => {
    const st = Object.entries(x.sync_status);
    if (st.length === 0) return <span class="muted">not synced</span>;
    return st.map(([sync, o]) => (
      <span key={sync} class={`badge ${o.status === 'SYNCED' ? 'ok' : o.last_error_code ? 'bad' : ''}`}>
        {sync}: {o.status}
        {o.last_error_code ? ` (${o.last_error_code})` : ''}
      </span>
    ));
  };

  return (
    <>
      <p class="crumbs">
        <a href={`${base(s)}/apps`}>Apps</a> / {s.app}
      </p>
      <Title>{s.app}</Title>
      <div class="toolbar">
        <label class="search">
          Search secrets
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="button" class="primary" onClick={() => setDialog({ kind: 'add' })}>
          Add secret
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'import' })}>
          Import .env
        </button>
        <button
          type="button"
          disabled={act.busy || !list.data?.length}
          onClick={() =>
            void act.run(async () => {
              const m = await openAll();
              setDialog({
                kind: 'import',
                text: formatEnv([...m].map(([name, value]) => ({ name, value }))),
              });
            })
          }
        >
          Edit as text
        </button>
        {values.size > 0 ? (
          <button type="button" onClick={() => setValues(new Map())}>
            Hide all values
          </button>
        ) : (
          <button
            type="button"
            disabled={act.busy || !list.data?.length}
            onClick={() => void act.run(openAll)}
          >
            Reveal all values
          </button>
        )}
      </div>
      <p class="sr-only" role="status" aria-live="polite">
        {notice}
      </p>
      {notice && <p class="notice">{notice}</p>}
      <ErrorBox error={act.error} />
      {act.busy && <Busy label="Working…" />}
      {list.loading && !list.data && <Busy label="Loading secrets…" />}
      <ErrorBox error={list.error} />
      {list.data &&
        (shown.length === 0 ? (
          <Empty>
            {q ? `No secret matches “${q}”.` : 'This app has no secrets yet. Add one, or import a .env file.'}
          </Empty>
        ) : (
          <>
            <p class="muted">
              {shown.length} secret{shown.length === 1 ? '' : 's'}. Every reveal and copy is recorded in the
              audit trail.
            </p>
            <table class="secrets">
              <TableHead
                caption={`Secrets of ${s.app}`}
                columns={['Name', 'Value', 'Versions', 'Sync status', 'Last change']}
                actions
              />
              <tbody>
                {rows.map((x) => {
                  const v = values.get(x.name);
                  return (
                    <tr key={x.name}>
                      <th scope="row">
                        <a href={`${base(s)}/apps/${enc(s.app)}/secrets/${enc(x.name)}`}>{x.name}</a>
                      </th>
                      <td class="value">
                        {v === undefined ? (
                          <span class="masked">
                            <span aria-hidden="true">••••••••</span>
                            <span class="sr-only">hidden</span>
                          </span>
                        ) : (
                          <code class="revealed">{v}</code>
                        )}
                      </td>
                      <td>{String(x.version_count ?? x.latest_version)}</td>
                      <td>{syncCell(x)}</td>
                      <td>
                        {fmtTime(x.static_version?.created_at ?? x.created_at)}
                        <br />
                        <span class="muted">{who(x.static_version?.created_by ?? x.created_by)}</span>
                      </td>
                      <td class="row-actions">
                        {v === undefined ? (
                          <button
                            type="button"
                            aria-label={`Reveal ${x.name}`}
                            onClick={() => void act.run(() => openOne(x.name))}
                          >
                            Reveal
                          </button>
                        ) : (
                          <button
                            type="button"
                            aria-label={`Hide ${x.name}`}
                            onClick={() =>
                              setValues((m) => {
                                const n = new Map(m);
                                n.delete(x.name);
                                return n;
                              })
                            }
                          >
                            Hide
                          </button>
                        )}
                        <button type="button" aria-label={`Copy ${x.name}`} onClick={() => void copy(x.name)}>
                          Copy
                        </button>
                        <button
                          type="button"
                          aria-label={`Edit ${x.name}`}
                          onClick={() => setDialog({ kind: 'edit', secret: x })}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          class="danger"
                          aria-label={`Delete ${x.name}`}
                          onClick={() => setDialog({ kind: 'delete', secret: x })}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <Pager page={page} pages={pages} onPage={setPage} label="Secrets pages" />
          </>
        ))}
      <AppSyncs org={s.org} project={s.project} app={s.app} />
      {dialog?.kind === 'add' && (
        <SecretForm onSave={(n, v) => write(n, v, 0)} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'edit' && (
        <SecretForm
          secret={dialog.secret}
          onSave={(_n, v) => write(dialog.secret.name, v, dialog.secret.latest_version)}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <Confirm
          title={`Delete ${dialog.secret.name}?`}
          message={
            <p>The secret and all its versions are deleted. Syncs remove it from their destinations.</p>
          }
          action="Delete secret"
          danger
          onConfirm={() => remove(dialog.secret.name)}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportDialog
          org={s.org}
          project={s.project}
          app={s.app}
          initial={dialog.text}
          onDone={() => list.reload()}
          onClose={() => setDialog(undefined)}
        />
      )}
    </>
  );
};
export default Secrets;
