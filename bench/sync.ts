/**
 * The sync phase of `npm run bench` (issue 4): one app of 1,000 secrets connected to one sync, pushed
 * to the GitHub stand-in and to the AWS Secrets Manager stand-in (test/standins) by the production
 * destination clients, through the in-process queue of a Coffer started in this process. Per
 * destination it measures three runs:
 *   initial    PATCH P/apps/{app} {sync_names} (which queues the first run) → queue idle
 *   unchanged  POST P/apps/{app}/syncs/{sync}:sync with nothing changed → queue idle (target: 0 writes)
 *   one change POST P/apps/{app}/secret/kv of one secret (which queues a run) → queue idle (1 write)
 * and for each: wall time, destination requests (total, writes as the stand-in classes them, and by
 * kind), and Coffer's own DynamoDB requests. After the initial run every one of the 1,000 values is
 * compared with the plaintext that arrived at the stand-in (GitHub's sealed boxes opened with the
 * stand-in's private key), and after the change the changed one.
 *
 * Against the stand-ins only: GitHub runs with the throttling plugin's write spacing off
 * (`writeSpacingMs: 0`) and with the stand-in's repository-secret limit raised to 1,000.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCoffer, type LocalCoffer } from '../functions/local/runtime.js';
import { parseLocalConfig } from '../shared/config.js';
import type { DestinationKind } from '../shared/domain/sync/destination.js';
import { testDestinations } from '../test/sync/fixtures.js';
import {
  AwsSecretsManagerStandIn,
  GitHubStandIn,
  type DestinationStandIn,
  type LoggedRequest,
} from '../test/standins/index.js';
import { CofferClient } from './coffer-client.js';
import { diff, snapshot } from './floor.js';

export const SYNC_SECRETS = 1000;
const BATCH = 100; // the API's limit per kv:batch call
const GITHUB_REPO = 'acme/api';
const AWS_PREFIX = 'coffer/';
const AWS_REGION = 'eu-west-1';
/** Real GitHub: 100 repository secrets (1,000 organization secrets); the stand-in is raised to this. */
const GITHUB_REAL_REPO_LIMIT = 100;
/** @octokit/plugin-throttling's default write spacing per token, which Coffer keeps in production. */
const GITHUB_DEFAULT_WRITE_SPACING_MS = 1000;
/** GitHub's documented secondary limit on content-creating requests. */
const GITHUB_CONTENT_WRITES_PER_MINUTE = 80;
/** A run that has not gone idle by then is reported as a failure rather than hanging the benchmark. */
const RUN_TIMEOUT_MS = 120_000;

const secretName = (i: number) => `SYNC_${String(i).padStart(4, '0')}`;
const newValue = () => randomBytes(24).toString('base64url'); // 32 characters, like an API key

/** What one sync run cost, measured around it. */
export interface SyncRunFigures {
  readonly wallMs: number;
  readonly destinationRequests: number;
  readonly destinationWrites: number;
  /** Destination requests by kind (GitHub: method and path with the secret name elided; AWS: operation). */
  readonly byKind: Record<string, number>;
  /** Requests that got a non-2xx answer (GitHub's 404 to a create's existence check is expected). */
  readonly non2xx: number;
  readonly maxInFlight: number;
  readonly cofferDynamoRequests: number;
  readonly cofferDynamoByOperation: Record<string, number>;
  readonly kmsCalls: number;
  /** The run's plan as Coffer recorded it (GET P/apps/{app}/syncs). */
  readonly counts: Record<string, number>;
  readonly status: string;
}

export interface SyncDestinationResult {
  readonly provider: DestinationKind;
  readonly label: string;
  readonly target: Record<string, unknown>;
  readonly secrets: number;
  readonly initial: SyncRunFigures;
  readonly unchanged: SyncRunFigures;
  readonly oneChanged: SyncRunFigures;
  readonly verified: {
    readonly checked: number;
    readonly mismatches: number;
    readonly changedArrived: boolean;
  };
  readonly deadLetters: number;
  readonly notes: string[];
}

export interface SyncPhaseResult {
  readonly secretsPerApp: number;
  readonly valueCharacters: number;
  readonly method: Record<string, string>;
  readonly destinations: Record<string, SyncDestinationResult>;
  readonly targets: { readonly unchangedZeroWrites: { readonly met: boolean; readonly summary: string } };
  readonly seconds: number;
}

interface Subject {
  readonly provider: DestinationKind;
  readonly label: string;
  readonly standIn: DestinationStandIn;
  connect(): Promise<{ connection: Record<string, unknown>; target: Record<string, unknown> }>;
  /** The plaintext that arrived for a Coffer secret name, if any. */
  arrived(): (secret: string) => string | undefined;
  kind(r: LoggedRequest): string;
  notes: string[];
}

const githubSubject = (): Subject => {
  const s = new GitHubStandIn({ maxRepoSecrets: SYNC_SECRETS });
  const spacedSeconds = (SYNC_SECRETS * GITHUB_DEFAULT_WRITE_SPACING_MS) / 1000;
  return {
    provider: 'github',
    label: 'GitHub (repository secrets)',
    standIn: s,
    connect: async () => {
      await s.addRepo(GITHUB_REPO);
      return {
        connection: { token: s.authToken, base_url: s.url },
        target: { scope: 'repository', owner: 'acme', repository: 'api' },
      };
    },
    arrived: () => {
      const all = s.secrets(GITHUB_REPO);
      return (name) => all[name.toUpperCase()]?.plaintext;
    },
    kind: (r) => `${r.method} ${r.path.replace(/\/SYNC_\d+$/, '/{name}')}`,
    notes: [
      `Stand-in limit raised with new GitHubStandIn({ maxRepoSecrets: ${SYNC_SECRETS} }): real GitHub allows ` +
        `${GITHUB_REAL_REPO_LIMIT} repository (and ${GITHUB_REAL_REPO_LIMIT} environment) secrets, 1,000 ` +
        'organization secrets; 1,000 secrets in one place need organization scope on real GitHub.',
      'Run with the throttling plugin write spacing off (github.writeSpacingMs: 0), as against a stand-in. ' +
        'Real GitHub needs the default spacing (1 write per second per token): the ' +
        `${SYNC_SECRETS.toLocaleString('en')} initial PUTs alone then take at least ~${spacedSeconds} s ` +
        `(~${Math.round(spacedSeconds / 60)} min); GitHub's own secondary limit is ` +
        `${GITHUB_CONTENT_WRITES_PER_MINUTE} content-creating requests per minute (at least ` +
        `${Math.round((SYNC_SECRETS / GITHUB_CONTENT_WRITES_PER_MINUTE) * 60)} s). That variant is not run. ` +
        'The unchanged re-run makes no writes, so the spacing does not slow it.',
      'A create first reads the secret (GET .../secrets/{name}, answered 404) so that it never overwrites an ' +
        'entry someone else made since the list: one extra read per new secret on the initial run.',
    ],
  };
};

const awsSubject = (): Subject => {
  const s = new AwsSecretsManagerStandIn({ region: AWS_REGION });
  return {
    provider: 'aws',
    label: 'AWS Secrets Manager',
    standIn: s,
    connect: async () => ({
      connection: {
        region: AWS_REGION,
        access_key_id: 'AKIASTANDIN000000001',
        secret_access_key: 'standin-secret-key',
        endpoint: s.url,
      },
      target: { name_prefix: AWS_PREFIX },
    }),
    arrived: () => {
      const all = s.secrets();
      return (name) => {
        const e = all[`${AWS_PREFIX}${name}`];
        return e?.deletedDate === undefined ? e?.current : undefined;
      };
    },
    kind: (r) => r.operation ?? `${r.method} ${r.path}`,
    notes: [],
  };
};

const fmt1 = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

export const measureSync = async (): Promise<SyncPhaseResult> => {
  const t0 = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'coffer-bench-sync-'));
  const subjects = [githubSubject(), awsSubject()];
  let coffer: LocalCoffer | undefined;
  try {
    for (const s of subjects) await s.standIn.start();
    const config = parseLocalConfig({
      COFFER_DATA_DIR: dataDir,
      PORT: '0',
      COFFER_LOG_LEVEL: 'silent',
      COFFER_SYNC_INTERVAL_SECONDS: '0',
      // The stand-ins listen on plain http on loopback, which tenant-chosen addresses may not use.
      COFFER_ALLOW_LOOPBACK_HTTP: 'true',
    });
    // Production destination clients, allowed plain HTTP to the stand-ins, GitHub write spacing 0.
    coffer = await startLocalCoffer(config, { overrides: testDestinations({ writeSpacingMs: 0 }) });
    const { organization_id: org, project_id: project, client_id: clientId } = coffer.bootstrap.state;
    const secret = coffer.bootstrap.generatedSecret;
    if (!secret) throw new Error('a fresh data directory did not generate bootstrap credentials');
    const api = await CofferClient.login(coffer.url, clientId, secret);
    const P = `/secrets/2023-11-28/organizations/${org}/projects/${project}`;

    const destinations: Record<string, SyncDestinationResult> = {};
    for (const subject of subjects) {
      process.stdout.write(`  sync: ${subject.label}, ${SYNC_SECRETS} secrets …`);
      destinations[subject.provider] = await measureOne(coffer, api, P, subject);
      process.stdout.write(' done\n');
    }
    const all = Object.values(destinations);
    return {
      secretsPerApp: SYNC_SECRETS,
      valueCharacters: 32,
      method: {
        coffer:
          'in this process (startLocalCoffer), embedded table, in-process sync queue; ' +
          'COFFER_SYNC_INTERVAL_SECONDS=0 (no scheduled runs), log level silent',
        destinations:
          'production destination clients (createDestination) with allowInsecureHttp for the stand-ins, ' +
          'retry { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50 }, github.writeSpacingMs 0 ' +
          '(test/sync/fixtures.ts testDestinations)',
        setup:
          `one app per destination, ${SYNC_SECRETS} secrets written with kv:batch (${BATCH} per call) ` +
          'before the app is connected; one integration and one sync per destination',
        initial:
          'wall time from PATCH P/apps/{app} {sync_names} (which queues the run) until the queue is idle',
        unchanged: 'stand-in log cleared, POST P/apps/{app}/syncs/{sync}:sync, until the queue is idle',
        oneChanged:
          'stand-in log cleared, POST P/apps/{app}/secret/kv for one secret, until the queue is idle',
        requests:
          'as the stand-in logged them; writes = requests the stand-in classes as writes (writeCount())',
        cofferDynamo: 'coffer.dynamoStats delta around the run (the API request that queued it included)',
        verification:
          'after the initial run every value is compared with the plaintext at the stand-in ' +
          '(GitHub: sealed box opened by the stand-in; AWS: current version)',
      },
      destinations,
      targets: {
        unchangedZeroWrites: {
          met: all.every((d) => d.unchanged.destinationWrites === 0),
          summary: all
            .map(
              (d) =>
                `${d.provider}: ${d.unchanged.destinationWrites} writes (${d.unchanged.destinationRequests} requests)`,
            )
            .join('; '),
        },
      },
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await coffer?.close().catch(() => undefined);
    for (const s of subjects) await s.standIn.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }
};

const measureOne = async (
  coffer: LocalCoffer,
  api: CofferClient,
  P: string,
  subject: Subject,
): Promise<SyncDestinationResult> => {
  const app = `bench-sync-${subject.provider}`;
  const integration = `bench-${subject.provider}`;
  const sync = `bench-to-${subject.provider}`;
  const { connection, target } = await subject.connect();
  await api.call('POST', `${P}/integrations`, { name: integration, provider: subject.provider, connection });
  await api.call('POST', `${P}/syncs`, { name: sync, integration_name: integration, target });
  await api.call('POST', `${P}/apps`, { name: app, description: 'benchmark: sync' });
  const values = new Map<string, string>();
  for (let start = 0; start < SYNC_SECRETS; start += BATCH) {
    const secrets = Array.from({ length: Math.min(BATCH, SYNC_SECRETS - start) }, (_, i) => ({
      name: secretName(start + i),
      value: newValue(),
    }));
    for (const s of secrets) values.set(s.name, s.value);
    await api.call('POST', `${P}/apps/${app}/secret/kv:batch`, { secrets });
  }
  await coffer.syncQueue.idle(); // nothing is connected yet, so nothing should be queued
  subject.standIn.clearLog();
  const deadBefore = coffer.syncQueue.deadLetters.length;

  const run = async (start: () => Promise<unknown>): Promise<SyncRunFigures> => {
    subject.standIn.clearLog();
    const d0 = snapshot(coffer.dynamoStats);
    const k0 = { ...coffer.services.dataKeys.stats };
    const t = performance.now();
    await start();
    await idleWithin(coffer, RUN_TIMEOUT_MS);
    const wallMs = performance.now() - t;
    const d = diff(snapshot(coffer.dynamoStats), d0);
    const k = coffer.services.dataKeys.stats;
    const log = subject.standIn.requests;
    const byKind: Record<string, number> = {};
    for (const r of log) {
      const key = subject.kind(r);
      byKind[key] = (byKind[key] ?? 0) + 1;
    }
    const status = await api.call<{
      syncs: { name: string; status: string; counts: Record<string, number> }[];
    }>('GET', `${P}/apps/${app}/syncs`);
    const mine = status.syncs.find((s) => s.name === sync);
    return {
      wallMs,
      destinationRequests: log.length,
      destinationWrites: subject.standIn.writeCount(),
      byKind,
      non2xx: log.filter((r) => r.status < 200 || r.status > 299).length,
      maxInFlight: subject.standIn.maxInFlight,
      cofferDynamoRequests: d.requests,
      cofferDynamoByOperation: d.byOperation,
      kmsCalls: k.generate - k0.generate + (k.decrypt - k0.decrypt),
      counts: Object.fromEntries(Object.entries(mine?.counts ?? {}).filter(([, n]) => n > 0)),
      status: mine?.status ?? 'MISSING',
    };
  };

  const initial = await run(() => api.call('PATCH', `${P}/apps/${app}`, { sync_names: [sync] }));
  const arrived = subject.arrived();
  let mismatches = 0;
  for (const [name, value] of values) if (arrived(name) !== value) mismatches++;
  const unchanged = await run(() => api.call('POST', `${P}/apps/${app}/syncs/${sync}:sync`));
  const changedName = secretName(Math.floor(SYNC_SECRETS / 2));
  const changedValue = newValue();
  const oneChanged = await run(() =>
    api.call('POST', `${P}/apps/${app}/secret/kv`, { name: changedName, value: changedValue }),
  );
  const changedArrived = subject.arrived()(changedName) === changedValue;
  const deadLetters = coffer.syncQueue.deadLetters.length - deadBefore;
  const notes = [...subject.notes];
  if (mismatches > 0) notes.push(`${mismatches} of ${SYNC_SECRETS} values did not arrive as written`);
  if (!changedArrived) notes.push(`the changed value of ${changedName} did not arrive`);
  if (deadLetters > 0) notes.push(`${deadLetters} job(s) landed in the dead-letter list`);
  return {
    provider: subject.provider,
    label: subject.label,
    target,
    secrets: SYNC_SECRETS,
    initial,
    unchanged,
    oneChanged,
    verified: { checked: values.size, mismatches, changedArrived },
    deadLetters,
    notes,
  };
};

const idleWithin = async (coffer: LocalCoffer, ms: number) => {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      coffer.syncQueue.idle(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`sync queue not idle after ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
};

export const printSyncReport = (r: SyncPhaseResult) => {
  console.log(
    `\nSync (issue 4): ${r.secretsPerApp} secrets in one app, one sync, to each destination stand-in ` +
      '(production clients, in-process queue)',
  );
  const rows: string[][] = [];
  for (const d of Object.values(r.destinations)) {
    const line = (run: string, f: SyncRunFigures) => [
      d.label,
      run,
      fmt1(f.wallMs / 1000, 2),
      String(f.destinationRequests),
      String(f.destinationWrites),
      String(f.destinationRequests - f.destinationWrites),
      fmt1(f.destinationRequests / (f.wallMs / 1000), 0),
      String(f.cofferDynamoRequests),
      f.status,
      Object.entries(f.counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
    ];
    rows.push(
      line('initial', d.initial),
      line('unchanged re-run', d.unchanged),
      line('one changed', d.oneChanged),
    );
  }
  grid(
    ['destination', 'run', 'wall s', 'dest req', 'writes', 'reads', 'req/s', 'DDB req', 'status', 'plan'],
    rows,
    new Set([0, 1, 8, 9]),
  );
  console.log('  dest req / writes: requests the stand-in received / of them writes (writeCount()).');
  console.log(
    "  DDB req: Coffer's own DynamoDB requests during the run. plan: the run's actions as Coffer recorded them.",
  );

  console.log('\nSync destination requests by kind:');
  const kinds: string[][] = [];
  for (const d of Object.values(r.destinations)) {
    const keys = [
      ...new Set([
        ...Object.keys(d.initial.byKind),
        ...Object.keys(d.unchanged.byKind),
        ...Object.keys(d.oneChanged.byKind),
      ]),
    ].sort();
    for (const k of keys) {
      kinds.push([
        d.provider,
        k,
        String(d.initial.byKind[k] ?? 0),
        String(d.unchanged.byKind[k] ?? 0),
        String(d.oneChanged.byKind[k] ?? 0),
      ]);
    }
  }
  grid(['destination', 'request', 'initial', 'unchanged', 'one changed'], kinds);

  for (const d of Object.values(r.destinations)) {
    console.log(
      `  ${d.label}: ${d.verified.checked - d.verified.mismatches}/${d.verified.checked} values arrived exactly` +
        `; changed value ${d.verified.changedArrived ? 'arrived' : 'DID NOT ARRIVE'}; ` +
        `${d.deadLetters} dead letters; initial non-2xx ${d.initial.non2xx}.`,
    );
    for (const n of d.notes) console.log(`    - ${n}`);
  }
  const t = r.targets.unchangedZeroWrites;
  console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  an unchanged re-run makes zero writes: ${t.summary}`);
};

/** A text table; columns in `left` are left-aligned, the others (numbers) right-aligned. */
const grid = (head: string[], body: string[][], left: ReadonlySet<number> = new Set([0, 1])) => {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (left.has(i) ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
};
