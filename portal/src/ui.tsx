import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api/client';

/** Loads data for a screen; `reload` re-runs it. Stale answers (after deps change) are dropped. */
export const useLoad = <T,>(load: () => Promise<T>, deps: unknown[]) => {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const reload = useCallback(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, loading: false }),
      (error: unknown) => mine === seq.current && setState({ error, loading: false }),
    );
  }, deps);
  useEffect(() => {
    reload();
    return () => {
      seq.current++;
    };
  }, [reload]);
  return { ...state, reload };
};

/** Runs one user action at a time, keeping its error for display. */
export const useAction = () => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(async (f: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await f();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(undefined) };
};

export const errorText = (e: unknown): string =>
  e instanceof ApiError
    ? `${e.message}${e.status ? ` (HTTP ${e.status}${e.requestId && !e.message.includes(e.requestId) ? `, request ${e.requestId}` : ''})` : ''}`
    : e instanceof Error
      ? e.message
      : String(e);

export const ErrorBox = ({ error }: { error: unknown }) =>
  error === undefined ? null : (
    <p class="error" role="alert">
      {errorText(error)}
    </p>
  );

export const Empty = ({ children }: { children: ComponentChildren }) => <p class="empty">{children}</p>;

export const Busy = ({ label = 'Loading…' }: { label?: string }) => (
  <p class="busy" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true" />
    {label}
  </p>
);

/** A modal dialog on the native <dialog>: focus moves in, Escape closes, the page behind is inert. */
export const Dialog = ({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) => {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      class={wide ? 'wide' : undefined}
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header>
        <h2 id="dialog-title">{title}</h2>
        <button type="button" class="icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
};

/** Asks before a destructive or risky action; with `typeToConfirm` the user must type that text. */
export const Confirm = ({
  title,
  message,
  action,
  typeToConfirm,
  onConfirm,
  onClose,
  danger,
}: {
  title: string;
  message: ComponentChildren;
  action: string;
  typeToConfirm?: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  danger?: boolean;
}) => {
  const [typed, setTyped] = useState('');
  const act = useAction();
  const ok = typeToConfirm === undefined || typed === typeToConfirm;
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ok) void act.run(onConfirm).then((done) => done && onClose());
        }}
      >
        <div class="message">{message}</div>
        {typeToConfirm !== undefined && (
          <label>
            Type <strong>{typeToConfirm}</strong> to confirm
            <input value={typed} onInput={(e) => setTyped(e.currentTarget.value)} autoComplete="off" />
          </label>
        )}
        <ErrorBox error={act.error} />
        <div class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class={danger ? 'danger' : 'primary'} disabled={!ok || act.busy}>
            {act.busy ? 'Working…' : action}
          </button>
        </div>
      </form>
    </Dialog>
  );
};

export const fmtTime = (iso: string | undefined) => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
};

export const who = (p: { name?: string; type?: string } | undefined) => (p?.name ? p.name : '—');

/** Client-side pages over an already-loaded list. */
export const Pager = ({
  page,
  pages,
  onPage,
  label,
}: {
  page: number;
  pages: number;
  onPage: (p: number) => void;
  label: string;
}) =>
  pages <= 1 ? null : (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <button type="button" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );

/** Copies text; clipboard access needs a user gesture, which every caller here is. */
export const copyText = async (text: string) => {
  await navigator.clipboard.writeText(text);
};

/** The screen's heading; focusable so navigation can move focus to it. */
export const Title = ({ children }: { children: ComponentChildren }) => {
  useEffect(() => {
    document.title = `${typeof children === 'string' ? children : 'Coffer'} · Coffer`;
  }, [children]);
  return <h1 tabIndex={-1}>{children}</h1>;
};

/**
 * A table's caption (for screen readers) and column headers; `actions` adds the last column, whose
 * header is read out but not shown, for the row's buttons.
 */
export const TableHead = ({
  caption,
  columns,
  actions = false,
}: {
  caption: string;
  columns: readonly string[];
  actions?: boolean;
}) => (
  <>
    <caption class="sr-only">{caption}</caption>
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
        {actions && (
          <th scope="col">
            <span class="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  </>
);
