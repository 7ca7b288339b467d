import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { Busy, Dialog, Empty, ErrorBox, fmtTime, useAction, useLoad, TableHead } from '../ui';

const P = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}';
/** The engine's actions (shared/domain/sync/engine.ts), as a diff marker and a word. */
const ACTION_LABEL: Record<string, string> = {
  create: '+ create',
  update: '~ update',
  delete: '− delete',
  unchanged: '= keep',
  conflict: '! conflict',
  fail: '✕ fail',
  forget: '· forget',
};

/** Shows a dry run as a diff of names and actions; values never leave the server in a plan. */
const PlanView = ({ plan }: { plan: Schemas['SyncPlan'] }) => {
  const actions = plan.actions ?? [];
  if (actions.length === 0) return <Empty>The destination already matches: nothing to do.</Empty>;
  return (
    <ul class="diff" aria-label="Planned changes">
      {actions.map((a) => (
        <li key={`${a.action}-${a.destination_name}`} class={`diff-${(a.action ?? '').toLowerCase()}`}>
          <code>{ACTION_LABEL[a.action ?? ''] ?? a.action}</code> {a.destination_name}
          {a.secret_name && a.secret_name !== a.destination_name ? ` (from ${a.secret_name})` : ''}
          {a.reason ? <span class="muted"> — {a.reason}</span> : null}
        </li>
      ))}
    </ul>
  );
};

/** An app's syncs: connect or disconnect, dry-run plan, run now, last run and error code. */
export const AppSyncs = ({ org, project, app }: { org: string; project: string; app: string }) => {
  const path = { organization_id: org, project_id: project, app_name: app };
  const data = useLoad(async () => {
    const [mine, all, current] = await Promise.all([
      call(api.GET(`${P}/apps/{app_name}/syncs`, { params: { path } })),
      call(api.GET(`${P}/syncs`, { params: { path } })),
      call(api.GET(`${P}/apps/{app_name}`, { params: { path } })),
    ]);
    return { statuses: mine.syncs ?? [], syncs: all.syncs ?? [], connected: current.app?.sync_names ?? [] };
  }, [org, project, app]);
  const [plan, setPlan] = useState<{ sync: string; plan: Schemas['SyncPlan'] }>();
  const [choice, setChoice] = useState('');
  const act = useAction();
  const d = data.data;

  const setConnected = (names: string[]) =>
    act.run(async () => {
      await call(api.PATCH(`${P}/apps/{app_name}`, { params: { path }, body: { sync_names: names } }));
      data.reload();
    });
  const runNow = (sync: string) =>
    act.run(async () => {
      await call(
        api.POST(`${P}/apps/{app_name}/syncs/{sync_name}:sync`, {
          params: { path: { ...path, sync_name: sync } },
        }),
      );
      // The run is queued; poll its status for a short while so the user sees the outcome.
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 500));
        const r = await call(api.GET(`${P}/apps/{app_name}/syncs`, { params: { path } }));
        const st = r.syncs?.find((x) => x.sync_name === sync)?.aggregated_status;
        if (st && !/PENDING|RUNNING|QUEUED/i.test(st)) break;
      }
      data.reload();
    });
  const dryRun = (sync: string) =>
    act.run(async () => {
      const r = await call(
        api.GET(`${P}/apps/{app_name}/syncs/{sync_name}:plan`, {
          params: { path: { ...path, sync_name: sync } },
        }),
      );
      setPlan({ sync, plan: r });
    });

  const available = d ? d.syncs.filter((x) => !d.connected.includes(x.name)) : [];
  return (
    <section class="card" aria-labelledby="app-syncs">
      <h2 id="app-syncs">Syncs</h2>
      {data.loading && !d && <Busy />}
      <ErrorBox error={data.error} />
      <ErrorBox error={act.error} />
      {act.busy && <Busy label="Working…" />}
      {d && (
        <>
          {d.connected.length === 0 ? (
            <Empty>This app feeds no sync. Connect one to push its secrets to a destination.</Empty>
          ) : (
            <table>
              <TableHead
                caption="Syncs fed by this app"
                columns={['Sync', 'Status', 'Last run', 'Error code']}
                actions
              />
              <tbody>
                {d.connected.map((name) => {
                  const st = d.statuses.find((x) => x.sync_name === name);
                  const error = st?.aggregated_error_code;
                  return (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td>
                        <span class={`badge ${error ? 'bad' : st?.last_synced_at ? 'ok' : ''}`}>
                          {st?.last_synced_at ? st.aggregated_status : 'never run'}
                        </span>
                      </td>
                      <td>{fmtTime(st?.last_synced_at || undefined)}</td>
                      <td>{error ? <code>{error}</code> : '—'}</td>
                      <td class="row-actions">
                        <button
                          type="button"
                          onClick={() => void dryRun(name)}
                          aria-label={`Dry run ${name}`}
                        >
                          Dry run
                        </button>
                        <button
                          type="button"
                          onClick={() => void runNow(name)}
                          aria-label={`Run now ${name}`}
                        >
                          Run now
                        </button>
                        <button
                          type="button"
                          onClick={() => void setConnected(d.connected.filter((n) => n !== name))}
                          aria-label={`Disconnect ${name}`}
                        >
                          Disconnect
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {available.length > 0 && (
            <form
              class="inline"
              onSubmit={(e) => {
                e.preventDefault();
                if (choice) void setConnected([...d.connected, choice]);
              }}
            >
              <label>
                Connect a sync
                <select value={choice} onChange={(e) => setChoice(e.currentTarget.value)}>
                  <option value="">Choose…</option>
                  {available.map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.name} ({x.provider})
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={!choice || act.busy}>
                Connect
              </button>
            </form>
          )}
        </>
      )}
      {plan && (
        <Dialog title={`Dry run of ${plan.sync}`} onClose={() => setPlan(undefined)} wide>
          <PlanView plan={plan.plan} />
          <div class="actions">
            <button type="button" onClick={() => setPlan(undefined)}>
              Close
            </button>
            <button
              type="button"
              class="primary"
              onClick={() => {
                const sync = plan.sync;
                setPlan(undefined);
                void runNow(sync);
              }}
            >
              Run now
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
};
