import { useState } from 'preact/hooks';
import { api, call } from '../api/client';
import { parseEnv, reviewImport, type EnvProblem, type Review } from '../env-file';
import { Busy, Dialog, ErrorBox, useAction, TableHead } from '../ui';

const APP = '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}';
/** The API's batch limit (API.md): larger imports go in several batches. */
const BATCH = 100;
const LABEL: Record<Review['change'], string> = {
  create: 'Create',
  change: 'Change',
  unchanged: 'Unchanged',
  refused: 'Refused',
};

/** Paste or upload a .env file, review what it would do, then write it in batches. */
export const ImportDialog = ({
  org,
  project,
  app,
  initial,
  onDone,
  onClose,
}: {
  org: string;
  project: string;
  app: string;
  initial?: string;
  onDone: () => void;
  onClose: () => void;
}) => {
  const path = { organization_id: org, project_id: project, app_name: app };
  const [text, setText] = useState(initial ?? '');
  const [review, setReview] = useState<{ rows: Review[]; problems: EnvProblem[] }>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();
  const [finished, setFinished] = useState<string>();
  const act = useAction();

  const doReview = () =>
    act.run(async () => {
      const { entries, problems } = parseEnv(text);
      // Changed or unchanged needs today's values: one audited read of the app.
      const current = new Map<string, string>();
      let token: string | undefined;
      do {
        const r = await call(
          api.GET(`${APP}/secrets:open`, {
            params: { path, query: { 'pagination.page_size': 1000, 'pagination.next_page_token': token } },
          }),
        );
        for (const x of r.secrets ?? []) current.set(x.name, x.static_version?.value ?? '');
        token = r.pagination?.next_page_token || undefined;
      } while (token);
      setReview({ rows: reviewImport(entries, current), problems });
    });

  const write = (rows: Review[]) =>
    act.run(async () => {
      const todo = rows.filter((r) => r.change === 'create' || r.change === 'change');
      setProgress({ done: 0, total: todo.length });
      for (let i = 0; i < todo.length; i += BATCH) {
        const chunk = todo.slice(i, i + BATCH);
        await call(
          api.POST(`${APP}/secret/kv:batch`, {
            params: { path },
            body: { secrets: chunk.map(({ name, value }) => ({ name, value })), conflicts: 'UPDATE' },
          }),
        );
        setProgress({ done: i + chunk.length, total: todo.length });
      }
      onDone();
      setFinished(`Wrote ${todo.length} secret${todo.length === 1 ? '' : 's'}.`);
    });

  const counts = review
    ? (['create', 'change', 'unchanged', 'refused'] as const).map(
        (c) => [c, review.rows.filter((r) => r.change === c).length] as const,
      )
    : [];
  const writable = review?.rows.filter((r) => r.change === 'create' || r.change === 'change').length ?? 0;

  return (
    <Dialog title={`Import into ${app}`} onClose={onClose} wide>
      {finished ? (
        <>
          <p role="status">{finished}</p>
          <div class="actions">
            <button type="button" class="primary" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : !review ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void doReview();
          }}
        >
          <label>
            .env content
            <textarea
              class="env"
              value={text}
              rows={14}
              spellcheck={false}
              autoComplete="off"
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </label>
          <label>
            Or upload a .env file
            <input
              type="file"
              accept=".env,text/plain"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                if (f) void f.text().then(setText);
              }}
            />
          </label>
          <p class="muted">
            Quotes, # comments and multi-line quoted values follow dotenv; $ is kept as written. Nothing is
            written before you review the changes.
          </p>
          <ErrorBox error={act.error} />
          {act.busy && <Busy label="Comparing with the app's current values…" />}
          <div class="actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={act.busy || text.trim() === ''}>
              Review changes
            </button>
          </div>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void write(review.rows);
          }}
        >
          <ul class="counts" aria-label="Summary">
            {counts.map(([c, n]) => (
              <li key={c} class={`badge ${c}`}>
                {LABEL[c]}: {n}
              </li>
            ))}
          </ul>
          {review.problems.length > 0 && (
            <div class="error" role="alert">
              <p>Lines that could not be read:</p>
              <ul>
                {review.problems.map((p) => (
                  <li key={p.line}>
                    Line {p.line}: {p.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div class="scroll">
            <table>
              <TableHead caption="Review of the import" columns={['Line', 'Name', 'Action', 'Reason']} />
              <tbody>
                {review.rows.map((r) => (
                  <tr key={`${r.line}-${r.name}`}>
                    <td>{r.line}</td>
                    <th scope="row">{r.name}</th>
                    <td>
                      <span class={`badge ${r.change}`}>{LABEL[r.change]}</span>
                    </td>
                    <td>{r.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorBox error={act.error} />
          {progress && act.busy && (
            <p role="status">
              <progress max={progress.total} value={progress.done} aria-label="Import progress" /> Written{' '}
              {progress.done} of {progress.total}
            </p>
          )}
          <div class="actions">
            <button type="button" onClick={() => setReview(undefined)}>
              Back
            </button>
            <button type="submit" class="primary" disabled={act.busy || writable === 0}>
              {writable === 0 ? 'Nothing to write' : `Write ${writable} secret${writable === 1 ? '' : 's'}`}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
};
