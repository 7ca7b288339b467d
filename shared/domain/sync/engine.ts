import type { DataKeys } from '../crypto/data-keys.js';
import type { OrgHmac } from '../crypto/org-hmac.js';
import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { SecretHead } from '../records.js';
import { appScope, projectScope, unsafeOrgScope, type AppScope } from '../scope.js';
import { openHead } from '../secrets/read-secrets.js';
import type { AppStore, SecretStore } from '../stores.js';
import { openConnection } from './connections.js';
import {
  DestinationError,
  type Destination,
  type DestinationEntry,
  type DestinationKind,
} from './destination.js';
import type { SyncJob } from './queue.js';
import type { AppSyncStatus, EntryState, SecretSyncState, SyncConfig } from './records.js';
import type { SyncStore } from './sync-store.js';

export type DestinationFactory = (
  provider: DestinationKind,
  connection: unknown,
  target: unknown,
) => Destination;

export interface SyncDeps {
  readonly apps: AppStore;
  readonly secrets: SecretStore;
  readonly syncs: SyncStore;
  readonly dataKeys: DataKeys;
  readonly hmac: OrgHmac;
  readonly clock: Clock;
  readonly destinations: DestinationFactory;
  /** Waits between retries; injectable so tests need not sleep for real. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retry policy for one destination operation. Defaults: 5 attempts, 500 ms base, 30 s cap. */
  readonly retry?: { attempts?: number; baseMs?: number; capMs?: number };
}

export type Action = 'create' | 'update' | 'delete' | 'unchanged' | 'conflict' | 'fail' | 'forget';

/** One line of a plan. Names and actions only: a plan never holds a value. */
export interface PlannedAction {
  readonly secretName: string;
  readonly destinationName: string;
  readonly action: Action;
  /** For conflict and fail: why. */
  readonly reason?: string;
}

interface WorkItem extends PlannedAction {
  readonly head?: SecretHead;
  readonly value?: string;
  readonly hash?: string;
  readonly state?: EntryState;
  readonly entry?: DestinationEntry;
}

export interface SyncReport {
  readonly counts: Record<Action, number>;
  readonly failed: number;
  readonly destinationWrites: number;
}

const HASH_PURPOSE = 'sync-content-v1';

/** Everything a run needs, loaded and checked. */
const load = async (deps: SyncDeps, job: SyncJob) => {
  const project = projectScope(unsafeOrgScope(job.orgId), job.projectId);
  const scope = appScope(project, job.app);
  const sync = await deps.syncs.getSync(project, job.sync);
  if (!sync) throw new CofferError('SYNC_NOT_FOUND', `sync ${job.sync} not found`);
  const app = await deps.apps.getApp(scope);
  if (!app) throw new CofferError('APP_NOT_FOUND', `app ${job.app} not found`);
  const integration = await deps.syncs.getIntegration(project, sync.integrationName);
  if (!integration)
    throw new CofferError('INTEGRATION_NOT_FOUND', `integration ${sync.integrationName} not found`);
  const connection = await openConnection(
    deps.dataKeys,
    project,
    integration.name,
    integration.revision,
    integration.connectionBlob,
  );
  const destination = deps.destinations(sync.provider, connection, sync.target);
  return { scope, sync, destination, connected: app.syncNames.includes(sync.name) };
};

const allHeads = async (deps: SyncDeps, scope: AppScope): Promise<SecretHead[]> => {
  const heads: SecretHead[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.secrets.listHeads(scope, { limit: 1000, cursor });
    heads.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return heads;
};

/**
 * Compares what Coffer holds, what it recorded pushing, and what the destination reports. Coffer
 * only ever updates or deletes entries it created; an entry of the same name that someone else made
 * is a conflict, reported and left alone.
 */
const plan = async (
  deps: SyncDeps,
  scope: AppScope,
  sync: SyncConfig,
  destination: Destination,
  connected: boolean,
): Promise<WorkItem[]> => {
  const [heads, states, entries] = await Promise.all([
    connected ? allHeads(deps, scope) : Promise.resolve([]),
    deps.syncs.listEntryStates(scope, sync.name),
    destination.list(),
  ]);
  const stateOf = new Map(states.map((s) => [s.secretName, s]));
  const entryOf = new Map(entries.map((e) => [e.name, e]));
  const items: WorkItem[] = [];
  const mapped = heads.map((h) => ({ head: h, mapping: destination.mapName(h.name) }));
  const taken = new Map<string, number>();
  for (const m of mapped) if (m.mapping.ok) taken.set(m.mapping.name, (taken.get(m.mapping.name) ?? 0) + 1);

  for (const { head, mapping } of mapped) {
    const state = stateOf.get(head.name);
    if (!mapping.ok) {
      items.push({
        secretName: head.name,
        destinationName: '',
        action: 'fail',
        reason: `NAME_NOT_ALLOWED: ${mapping.reason}`,
        head,
        state,
      });
      continue;
    }
    const name = mapping.name;
    if ((taken.get(name) ?? 0) > 1) {
      items.push({
        secretName: head.name,
        destinationName: name,
        action: 'fail',
        reason: 'NAME_COLLISION: another secret maps to the same destination name',
        head,
        state,
      });
      continue;
    }
    const opened = await openHead(deps.dataKeys, scope, head);
    const value = opened.latest.value;
    const hash = await deps.hmac.digest(scope.orgId, HASH_PURPOSE, value);
    const entry = entryOf.get(name);
    const owned =
      state?.destName === name &&
      (state.owned === 'yes' || (state.owned === 'pending' && entry !== undefined));
    const base = { secretName: head.name, destinationName: name, head, value, hash, state, entry };
    if (!owned) {
      items.push(
        entry
          ? {
              ...base,
              action: 'conflict',
              reason: 'NOT_OWNED: an entry of that name exists and Coffer did not create it',
            }
          : { ...base, action: 'create' },
      );
    } else if (!entry) {
      items.push({ ...base, action: 'create' }); // Coffer's entry was removed at the destination: restore it
    } else if (state.hash !== hash) {
      items.push({ ...base, action: 'update' });
    } else if (entry.updatedAt && state.destUpdatedAt && entry.updatedAt !== state.destUpdatedAt) {
      // Changed at the destination since Coffer wrote it (the marker is opaque: a time or a version id).
      items.push({ ...base, action: 'update' });
    } else {
      items.push({ ...base, action: 'unchanged' });
    }
  }

  const live = new Set(heads.map((h) => h.name));
  for (const state of states) {
    if (live.has(state.secretName)) continue;
    const removable = state.owned !== 'no' && sync.deleteBehavior === 'DELETE' && entryOf.has(state.destName);
    items.push({
      secretName: state.secretName,
      destinationName: state.destName,
      action: removable ? 'delete' : 'forget',
      state,
    });
  }
  return items;
};

/** The dry run: what the next run would change, without changing anything. */
export const planSync = async (deps: SyncDeps, job: SyncJob): Promise<PlannedAction[]> => {
  const { scope, sync, destination, connected } = await load(deps, job);
  let items: WorkItem[];
  try {
    items = await plan(deps, scope, sync, destination, connected);
  } catch (e) {
    // The destination could not be listed. Not an internal error: a refusal (bad credentials, no
    // such repository) is the caller's to fix, an outage is worth a retry. Messages of
    // DestinationError name the vendor's answer, never a value or a credential.
    if (!(e instanceof DestinationError)) throw e;
    throw new CofferError(
      e.retryable ? 'SYNC_FAILED' : 'DESTINATION_REFUSED',
      `dry run of sync ${sync.name}: the destination failed (${e.code}): ${e.message}`,
      { cause: e },
    );
  }
  return items.map(({ secretName, destinationName, action, reason }) => ({
    secretName,
    destinationName,
    action,
    ...(reason ? { reason } : {}),
  }));
};

/**
 * Runs one job: plan, then apply with retries and backoff. Every outcome is recorded per secret
 * (on its head, for the API) and per destination entry (for the next run). A job that leaves any
 * secret FAILED throws SYNC_FAILED after recording, so the queue retries it and, if it keeps
 * failing, parks it in the dead-letter queue. Re-running a job is safe: the plan starts from what
 * was recorded and what the destination reports.
 */
export const runSync = async (deps: SyncDeps, job: SyncJob): Promise<SyncReport> => {
  const { scope, sync, destination, connected } = await load(deps, job);
  let items: WorkItem[];
  try {
    items = await plan(deps, scope, sync, destination, connected);
  } catch (e) {
    // The destination could not even be listed: every secret of the app is FAILED for this sync.
    const code = e instanceof DestinationError || e instanceof CofferError ? e.code : 'UNEXPECTED';
    await markAllFailed(deps, scope, sync.name, code);
    throw new CofferError(
      'SYNC_FAILED',
      `sync ${sync.name} of app ${job.app}: the destination failed (${code})`,
      { cause: e },
    );
  }
  const counts: Record<Action, number> = {
    create: 0,
    update: 0,
    delete: 0,
    unchanged: 0,
    conflict: 0,
    fail: 0,
    forget: 0,
  };
  let failed = 0;
  let writes = 0;
  let lastError = '';
  const now = () => deps.clock.now().toISOString();

  const record = async (
    item: WorkItem,
    status: SecretSyncState,
    code: string,
    owned: EntryState['owned'],
  ) => {
    if (!item.head) return;
    const unchangedRecord =
      item.state?.status === status &&
      item.state.lastErrorCode === code &&
      item.state.hash === (item.hash ?? '') &&
      item.state.owned === owned &&
      item.state.destUpdatedAt === item.entry?.updatedAt;
    if (!unchangedRecord) {
      await deps.syncs.putEntryState(scope, sync.name, {
        secretName: item.secretName,
        destName: item.destinationName,
        owned,
        hash: status === 'SYNCED' ? (item.hash ?? '') : (item.state?.hash ?? ''),
        version: item.head.latest.version,
        ...(item.entry?.updatedAt ? { destUpdatedAt: item.entry.updatedAt } : {}),
        status,
        lastErrorCode: code,
        updatedAt: now(),
      });
    }
    const current = item.head.syncStatus?.[sync.name];
    if (current?.status !== status || current.lastErrorCode !== code) {
      await deps.syncs.setSecretSyncStatus(scope, item.secretName, item.head.latest.version, sync.name, {
        status,
        lastErrorCode: code,
        updatedAt: now(),
      });
    }
  };

  // Entries Coffer wrote this run. Their change markers are read back after the writes (one more
  // listing), so the next run can tell Coffer's own write from someone else's overwrite.
  const written: WorkItem[] = [];
  for (const item of items) {
    counts[item.action]++;
    try {
      switch (item.action) {
        case 'unchanged':
          await record(item, 'SYNCED', '', 'yes');
          break;
        case 'conflict':
          await record(item, 'CONFLICT', 'NOT_OWNED', 'no');
          break;
        case 'fail':
          failed++;
          lastError = (item.reason ?? 'FAILED').split(':')[0] ?? 'FAILED';
          await record(item, 'FAILED', lastError, item.state?.owned ?? 'no');
          break;
        case 'create':
        case 'update': {
          const exists = item.action === 'update';
          // Claim before writing: if the process dies after the destination accepted the entry, the
          // next run recognises it as Coffer's instead of reporting a conflict with itself.
          if (!exists && item.state?.owned !== 'yes' && item.state?.owned !== 'pending' && item.head) {
            await deps.syncs.putEntryState(scope, sync.name, {
              secretName: item.secretName,
              destName: item.destinationName,
              owned: 'pending',
              hash: '',
              version: item.head.latest.version,
              status: 'PENDING',
              lastErrorCode: '',
              updatedAt: now(),
            });
          }
          writes++;
          await withRetry(deps, () =>
            destination.put(item.destinationName, item.value ?? '', exists && item.entry !== undefined),
          );
          written.push(item);
          break;
        }
        case 'delete':
          writes++;
          await withRetry(deps, () => destination.delete(item.destinationName));
          await deps.syncs.deleteEntryState(scope, sync.name, item.secretName);
          break;
        case 'forget':
          await deps.syncs.deleteEntryState(scope, sync.name, item.secretName);
          break;
      }
    } catch (e) {
      failed++;
      lastError = e instanceof DestinationError ? e.code : e instanceof CofferError ? e.code : 'UNEXPECTED';
      await record(
        item,
        'FAILED',
        lastError,
        item.state?.owned === 'yes' || item.action === 'update' ? 'yes' : (item.state?.owned ?? 'pending'),
      ).catch(() => undefined);
    }
  }

  if (written.length > 0) {
    // Without a marker the entry is still SYNCED; the next unchanged run records the marker it sees.
    const after = await destination.list().catch(() => [] as DestinationEntry[]);
    const markers = new Map(after.map((e) => [e.name, e]));
    for (const item of written) {
      const entry = markers.get(item.destinationName);
      await record({ ...item, state: undefined, entry }, 'SYNCED', '', 'yes');
    }
  }

  const status: AppSyncStatus['status'] = failed > 0 ? 'FAILED' : counts.conflict > 0 ? 'CONFLICT' : 'SYNCED';
  await deps.syncs.putAppSyncStatus(scope, {
    sync: sync.name,
    status,
    lastSyncAt: now(),
    lastErrorCode: failed > 0 ? lastError : '',
    counts,
  });
  if (failed > 0)
    throw new CofferError(
      'SYNC_FAILED',
      `sync ${sync.name} of app ${job.app}: ${failed} secret(s) failed (${lastError})`,
    );
  return { counts, failed, destinationWrites: writes };
};

const markAllFailed = async (deps: SyncDeps, scope: AppScope, sync: string, code: string) => {
  const at = deps.clock.now().toISOString();
  for (const head of await allHeads(deps, scope)) {
    const current = head.syncStatus?.[sync];
    if (current?.status === 'FAILED' && current.lastErrorCode === code) continue;
    await deps.syncs.setSecretSyncStatus(scope, head.name, head.latest.version, sync, {
      status: 'FAILED',
      lastErrorCode: code,
      updatedAt: at,
    });
  }
  await deps.syncs.putAppSyncStatus(scope, {
    sync,
    status: 'FAILED',
    lastSyncAt: at,
    lastErrorCode: code,
    counts: {},
  });
};

/** Exponential backoff with full jitter, never shorter than what the destination asked for. */
const withRetry = async (deps: SyncDeps, op: () => Promise<void>): Promise<void> => {
  const attempts = deps.retry?.attempts ?? 5;
  const base = deps.retry?.baseMs ?? 500;
  const cap = deps.retry?.capMs ?? 30_000;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (!(e instanceof DestinationError) || !e.retryable || attempt >= attempts) throw e;
      const backoff = Math.random() * Math.min(cap, base * 2 ** (attempt - 1));
      await sleep(Math.min(cap, Math.max(backoff, e.retryAfterMs ?? 0)));
    }
  }
};
