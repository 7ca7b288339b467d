import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { base, enc, projectParams, useScope } from '../routes';
import { Busy, Confirm, Dialog, Empty, ErrorBox, Title, fmtTime, useAction, useLoad, TableHead } from '../ui';
import {
  CONNECTION_FIELDS,
  PROVIDERS,
  TARGET_FIELDS,
  toObject,
  type FieldSpec,
  type Provider,
} from './provider-fields';

const P = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}';

const Fields = ({
  fields,
  form,
  set,
  prefix,
}: {
  fields: readonly FieldSpec[];
  form: Record<string, string>;
  set: (k: string, v: string) => void;
  prefix: string;
}) => (
  <>
    {fields.map((f) => (
      <label key={f.key}>
        {f.label}
        {f.optional ? <span class="muted"> (optional)</span> : null}
        {f.kind === 'select' ? (
          <select
            value={form[f.key] ?? ''}
            onChange={(e) => set(f.key, e.currentTarget.value)}
            name={`${prefix}${f.key}`}
          >
            <option value="">Choose…</option>
            {f.options?.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : f.kind === 'json' ? (
          <textarea
            value={form[f.key] ?? ''}
            name={`${prefix}${f.key}`}
            spellcheck={false}
            autoComplete="off"
            onInput={(e) => set(f.key, e.currentTarget.value)}
          />
        ) : (
          <input
            // The union confuses Preact's per-type input props; both are plain text inputs.
            type={(f.secret ? 'password' : 'text') as 'text'}
            value={form[f.key] ?? ''}
            name={`${prefix}${f.key}`}
            autoComplete={f.secret ? 'new-password' : 'off'}
            required={!f.optional}
            onInput={(e) => set(f.key, e.currentTarget.value)}
          />
        )}
      </label>
    ))}
  </>
);

const IntegrationForm = ({
  existing,
  onSave,
  onClose,
}: {
  existing?: Schemas['Integration'];
  onSave: (name: string, provider: Provider, connection: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
}) => {
  const [name, setName] = useState(existing?.name ?? '');
  const [provider, setProvider] = useState<Provider>((existing?.provider as Provider) ?? 'github');
  const [form, setForm] = useState<Record<string, string>>({});
  const act = useAction();
  return (
    <Dialog
      title={existing ? `Replace the credentials of ${existing.name}` : 'Add an integration'}
      onClose={onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act
            .run(() => onSave(name, provider, toObject(CONNECTION_FIELDS[provider], form)))
            .then((ok) => ok && onClose());
        }}
      >
        {!existing && (
          <>
            <label>
              Name
              <input
                value={name}
                required
                onInput={(e) => setName(e.currentTarget.value)}
                autoComplete="off"
              />
            </label>
            <label>
              Destination
              <select value={provider} onChange={(e) => setProvider(e.currentTarget.value as Provider)}>
                {PROVIDERS.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <p class="muted">
          Credentials are write-only: Coffer stores them encrypted and never shows them again.
        </p>
        <Fields
          fields={CONNECTION_FIELDS[provider]}
          form={form}
          prefix="conn-"
          set={(k, v) => setForm((f) => ({ ...f, [k]: v }))}
        />
        <ErrorBox error={act.error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={act.busy}>
            {act.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};

const SyncForm = ({
  integrations,
  onSave,
  onClose,
}: {
  integrations: Schemas['Integration'][];
  onSave: (body: Schemas['CreateSyncRequest']) => Promise<unknown>;
  onClose: () => void;
}) => {
  const [name, setName] = useState('');
  const [integration, setIntegration] = useState(integrations[0]?.name ?? '');
  const [del, setDel] = useState<'DELETE' | 'LEAVE'>('DELETE');
  const [form, setForm] = useState<Record<string, string>>({});
  const provider = (integrations.find((i) => i.name === integration)?.provider ?? 'github') as Provider;
  const act = useAction();
  return (
    <Dialog title="Add a sync" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act
            .run(() =>
              onSave({
                name,
                integration_name: integration,
                target: toObject(TARGET_FIELDS[provider], form),
                delete_behavior: del,
              }),
            )
            .then((ok) => ok && onClose());
        }}
      >
        <label>
          Name
          <input value={name} required onInput={(e) => setName(e.currentTarget.value)} autoComplete="off" />
        </label>
        <label>
          Integration
          <select value={integration} onChange={(e) => setIntegration(e.currentTarget.value)}>
            {integrations.map((i) => (
              <option key={i.name} value={i.name}>
                {i.name} ({i.provider})
              </option>
            ))}
          </select>
        </label>
        <Fields
          fields={TARGET_FIELDS[provider]}
          form={form}
          prefix="target-"
          set={(k, v) => setForm((f) => ({ ...f, [k]: v }))}
        />
        <label>
          When a secret is deleted in Coffer
          <select value={del} onChange={(e) => setDel(e.currentTarget.value as 'DELETE' | 'LEAVE')}>
            <option value="DELETE">delete it at the destination</option>
            <option value="LEAVE">leave it at the destination</option>
          </select>
        </label>
        <ErrorBox error={act.error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={act.busy || !integration}>
            {act.busy ? 'Saving…' : 'Create sync'}
          </button>
        </div>
      </form>
    </Dialog>
  );
};

const Syncs = () => {
  const s = useScope();
  const path = projectParams(s);
  const data = useLoad(async () => {
    const [integrations, syncs, apps] = await Promise.all([
      call(api.GET(`${P}/integrations`, { params: { path } })),
      call(api.GET(`${P}/syncs`, { params: { path } })),
      call(api.GET(`${P}/apps`, { params: { path, query: { 'pagination.page_size': 1000 } } })),
    ]);
    return { integrations: integrations.integrations ?? [], syncs: syncs.syncs ?? [], apps: apps.apps ?? [] };
  }, [s.org, s.project]);
  const [dialog, setDialog] = useState<
    | { kind: 'integration'; existing?: Schemas['Integration'] }
    | { kind: 'sync' }
    | { kind: 'delete-integration' | 'delete-sync'; name: string }
  >();
  const d = data.data;
  const close = () => setDialog(undefined);

  return (
    <>
      <Title>Syncs</Title>
      {data.loading && !d && <Busy />}
      <ErrorBox error={data.error} />
      {d && (
        <>
          <section aria-labelledby="integrations">
            <div class="toolbar">
              <h2 id="integrations">Integrations</h2>
              <button type="button" class="primary" onClick={() => setDialog({ kind: 'integration' })}>
                Add integration
              </button>
            </div>
            {d.integrations.length === 0 ? (
              <Empty>
                No integrations. An integration holds the credentials Coffer uses to write to a destination.
              </Empty>
            ) : (
              <table>
                <TableHead
                  caption="Integrations"
                  columns={['Name', 'Destination', 'Created', 'Credentials']}
                  actions
                />
                <tbody>
                  {d.integrations.map((i) => (
                    <tr key={i.name}>
                      <th scope="row">{i.name}</th>
                      <td>{PROVIDERS.find((p) => p.id === i.provider)?.label ?? i.provider}</td>
                      <td>{fmtTime(i.created_at)}</td>
                      <td class="muted">stored, write-only</td>
                      <td class="row-actions">
                        <button
                          type="button"
                          onClick={() => setDialog({ kind: 'integration', existing: i })}
                          aria-label={`Replace credentials of ${i.name}`}
                        >
                          Replace credentials
                        </button>
                        <button
                          type="button"
                          class="danger"
                          onClick={() => setDialog({ kind: 'delete-integration', name: i.name })}
                          aria-label={`Delete integration ${i.name}`}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="syncs">
            <div class="toolbar">
              <h2 id="syncs">Syncs</h2>
              <button
                type="button"
                class="primary"
                disabled={d.integrations.length === 0}
                onClick={() => setDialog({ kind: 'sync' })}
              >
                Add sync
              </button>
            </div>
            {d.syncs.length === 0 ? (
              <Empty>
                No syncs. A sync names a place in a destination; connect apps to it from the app's page.
              </Empty>
            ) : (
              <table>
                <TableHead
                  caption="Syncs"
                  columns={['Name', 'Integration', 'Target', 'On delete', 'Fed by apps']}
                  actions
                />
                <tbody>
                  {d.syncs.map((x) => {
                    const feeders = d.apps.filter((a) => a.sync_names?.includes(x.name));
                    return (
                      <tr key={x.name}>
                        <th scope="row">{x.name}</th>
                        <td>
                          {x.integration_name} <span class="muted">({x.provider})</span>
                        </td>
                        <td>
                          <code>
                            {Object.entries((x.target ?? {}) as Record<string, unknown>)
                              .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
                              .join(' ')}
                          </code>
                        </td>
                        <td>{x.delete_behavior === 'LEAVE' ? 'leave' : 'delete'}</td>
                        <td>
                          {feeders.length === 0 ? (
                            <span class="muted">none</span>
                          ) : (
                            feeders.map((a, i) => (
                              <>
                                {i > 0 && ', '}
                                <a key={a.name} href={`${base(s)}/apps/${enc(a.name)}`}>
                                  {a.name}
                                </a>
                              </>
                            ))
                          )}
                        </td>
                        <td class="row-actions">
                          <button
                            type="button"
                            class="danger"
                            onClick={() => setDialog({ kind: 'delete-sync', name: x.name })}
                            aria-label={`Delete sync ${x.name}`}
                          >
                            Delete
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
      {dialog?.kind === 'integration' && (
        <IntegrationForm
          existing={dialog.existing}
          onClose={close}
          onSave={async (name, provider, connection) => {
            if (dialog.existing)
              await call(
                api.PATCH(`${P}/integrations/{integration_name}`, {
                  params: { path: { ...path, integration_name: dialog.existing.name } },
                  body: { connection },
                }),
              );
            else
              await call(
                api.POST(`${P}/integrations`, { params: { path }, body: { name, provider, connection } }),
              );
            data.reload();
          }}
        />
      )}
      {dialog?.kind === 'sync' && d && (
        <SyncForm
          integrations={d.integrations}
          onClose={close}
          onSave={async (body) => {
            await call(api.POST(`${P}/syncs`, { params: { path }, body }));
            data.reload();
          }}
        />
      )}
      {(dialog?.kind === 'delete-integration' || dialog?.kind === 'delete-sync') && (
        <Confirm
          title={`Delete ${dialog.name}?`}
          message={
            <p>
              {dialog.kind === 'delete-sync'
                ? 'Apps stop feeding this sync.'
                : 'Its stored credentials are destroyed.'}
            </p>
          }
          action="Delete"
          danger
          onClose={close}
          onConfirm={async () => {
            if (dialog.kind === 'delete-sync')
              await call(
                api.DELETE(`${P}/syncs/{sync_name}`, {
                  params: { path: { ...path, sync_name: dialog.name } },
                }),
              );
            else
              await call(
                api.DELETE(`${P}/integrations/{integration_name}`, {
                  params: { path: { ...path, integration_name: dialog.name } },
                }),
              );
            data.reload();
          }}
        />
      )}
    </>
  );
};
export default Syncs;
