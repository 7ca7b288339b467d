import { useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api/client';
import { useScope } from '../routes';
import { Busy, Empty, ErrorBox, Title, fmtTime, useLoad, TableHead } from '../ui';

type Filters = {
  operation: string;
  principal_id: string;
  outcome: string;
  start_time: string;
  end_time: string;
};
const NONE: Filters = { operation: '', principal_id: '', outcome: '', start_time: '', end_time: '' };
const PAGE = 50;

const principalName = (p: unknown) => {
  if (p && typeof p === 'object') {
    const o = p as { name?: string; id?: string; type?: string };
    return o.name ?? o.id ?? '—';
  }
  return typeof p === 'string' ? p : '—';
};

const Audit = () => {
  const s = useScope();
  const [draft, setDraft] = useState<Filters>(NONE);
  const [applied, setApplied] = useState<Filters>(NONE);
  // Page tokens seen so far, so "Previous" goes back without the server keeping state.
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const token = tokens[tokens.length - 1];
  const data = useLoad(async () => {
    const query: Record<string, string | number> = { 'pagination.page_size': PAGE };
    if (token) query['pagination.next_page_token'] = token;
    for (const [k, v] of Object.entries(applied))
      if (v) query[k] = k.endsWith('_time') ? new Date(v).toISOString() : k === 'outcome' ? Number(v) : v;
    return call(
      api.GET('/audit/2019-12-10/organizations/{organization_id}/events', {
        params: { path: { organization_id: s.org }, query },
      }),
    );
  }, [s.org, JSON.stringify(applied), token]);
  const events: Schemas['AuditEvent'][] = data.data?.events ?? [];
  const next = data.data?.pagination?.next_page_token;
  const field = (k: keyof Filters, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type as 'text'}
        value={draft[k]}
        onInput={(e) => {
          const v = e.currentTarget.value;
          setDraft((d) => ({ ...d, [k]: v }));
        }}
      />
    </label>
  );
  return (
    <>
      <Title>Audit trail</Title>
      <form
        class="inline filters"
        onSubmit={(e) => {
          e.preventDefault();
          setTokens([undefined]);
          setApplied(draft);
        }}
      >
        {field('operation', 'Operation')}
        {field('principal_id', 'Principal id')}
        <label>
          Outcome (HTTP status)
          <input
            type="number"
            min={100}
            max={599}
            value={draft.outcome}
            onInput={(e) => {
              const v = e.currentTarget.value;
              setDraft((d) => ({ ...d, outcome: v }));
            }}
          />
        </label>
        {field('start_time', 'From', 'datetime-local')}
        {field('end_time', 'To', 'datetime-local')}
        <button type="submit" class="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft(NONE);
            setApplied(NONE);
            setTokens([undefined]);
          }}
        >
          Clear
        </button>
      </form>
      {data.loading && <Busy label="Loading events…" />}
      <ErrorBox error={data.error} />
      {data.data &&
        (events.length === 0 ? (
          <Empty>No audit events match these filters.</Empty>
        ) : (
          <table>
            <TableHead
              caption="Audit events, newest first"
              columns={['Time', 'Principal', 'Operation', 'Resource', 'Outcome', 'Source']}
            />
            <tbody>
              {events.map((e) => (
                <tr key={`${e.request_id}-${e.time}`}>
                  <td>{fmtTime(e.time)}</td>
                  <td>{principalName(e.principal)}</td>
                  <th scope="row">{e.operation}</th>
                  <td>
                    <code>{e.resource}</code>
                  </td>
                  <td>
                    <span class={`badge ${Number(e.outcome) < 400 ? 'ok' : 'bad'}`}>
                      {e.outcome}
                      {e.error_code ? ` ${e.error_code}` : ''}
                    </span>
                  </td>
                  <td>{e.source_ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <nav class="pager" aria-label="Audit pages">
        <button type="button" disabled={tokens.length <= 1} onClick={() => setTokens((t) => t.slice(0, -1))}>
          Newer
        </button>
        <span>Page {tokens.length}</span>
        <button type="button" disabled={!next} onClick={() => setTokens((t) => [...t, next])}>
          Older
        </button>
      </nav>
    </>
  );
};
export default Audit;
