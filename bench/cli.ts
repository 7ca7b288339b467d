/**
 * The CLI phase of `npm run bench` (issue 12): how long `coffer run --app A -- true` takes for an app
 * of 100 secrets against a local Coffer, next to the floor any Node CLI pays.
 *   floor      node -e 0                                      (Node's own start-up)
 *   start-up   node cli/dist/coffer.js --version               (the bundle parsed and run, no request)
 *   run        node cli/dist/coffer.js run --app A -- true     (signed in with `coffer login`, so the
 *              stored token is reused: scope lookup, one open-all request, offline-cache write, spawn)
 *   offline    the same with --offline (no request; cache read + decrypt + spawn)
 * Each is spawned REPEATS times in rotating order, one at a time, wall time from spawn to exit;
 * p50 and p95 (nearest rank) are reported.
 * The bundle is built first, as `npm ci` builds it. Knobs (environment): COFFER_BENCH_CLI_REPEATS
 * (default 30); COFFER_BENCH_CLI_BASELINE=<commit> also builds that commit's cli/src and times its
 * start-up, run and offline run in the same rotation (a fair before/after on a shared machine).
 * `npx tsx bench/cli.ts` runs this phase alone and sets `cli` in bench-results.json, leaving the
 * other phases' figures as they are; `npm run bench` runs it last with the rest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startLocalCoffer } from '../functions/local/runtime.js';
import { parseLocalConfig } from '../shared/config.js';
import { CofferClient } from './coffer-client.js';
import { fmt } from './report.js';
import { percentile, round, summarize, type Summary } from './stats.js';

const REPEATS = Number(process.env.COFFER_BENCH_CLI_REPEATS ?? 30);
const SECRETS = 100;
const APP = 'bench-cli';
const CLI_DIR = fileURLToPath(new URL('../cli/', import.meta.url));
const BUNDLE = join(CLI_DIR, 'dist', 'coffer.js');
const BASELINE = process.env.COFFER_BENCH_CLI_BASELINE;
const RESULTS_FILE = fileURLToPath(new URL('../bench-results.json', import.meta.url));

/** Wall time of one case: the usual summary plus p95. */
export type CliSummary = Summary & { p95: number };

const timed = (argv: string[], env: NodeJS.ProcessEnv, input = ''): Promise<number> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0] as string, argv.slice(1), { env, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(input);
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (code === 0) resolve(ms);
      else reject(new Error(`${argv.slice(1, 4).join(' ')} exited ${code}: ${stderr.trim()}`));
    });
  });

export interface CliBench {
  date: string;
  command: string;
  secrets: number;
  repeats: number;
  /** floor, startup, run, offline; with a baseline also startupBaseline, runBaseline, offlineBaseline. */
  wallMs: Record<string, CliSummary>;
  baseline?: string;
  /** p50 differences: what the CLI adds to Node's start-up, and what going online adds to --offline. */
  startupOverFloorMs: number;
  runOverFloorMs: number;
  runOverOfflineMs: number;
  /** 1/5/15-minute load averages at start and end: the machine is shared, so figures are indicative. */
  loadAverage: { start: number[]; end: number[] };
}

const summarizeWithP95 = (samples: number[]): CliSummary => ({
  ...summarize(samples),
  p95: percentile(Float64Array.from(samples).sort(), 95),
});

/** Builds `commit`'s cli/src (git archive into node_modules/.cache, so imports resolve here). */
const buildBaseline = async (commit: string): Promise<string> => {
  const dir = join(CLI_DIR, '..', 'node_modules', '.cache', 'coffer-cli-baseline', commit);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive "$1" cli/src | tar -x -C "$2"`, 'sh', commit, dir], {
    cwd: join(CLI_DIR, '..'),
    stdio: 'inherit',
  });
  const { build } = (await import(pathToFileURL(join(CLI_DIR, 'build.mjs')).href)) as {
    build(o: { entryPoint: string; outfile: string }): Promise<string>;
  };
  return build({ entryPoint: join(dir, 'cli', 'src', 'main.ts'), outfile: join(dir, 'coffer.js') });
};

export const measureCli = async (): Promise<CliBench | { error: string }> => {
  const loadAtStart = loadavg();
  const dataDir = await mkdtemp(join(tmpdir(), 'coffer-bench-cli-'));
  const home = await mkdtemp(join(tmpdir(), 'coffer-bench-cli-home-'));
  let coffer: Awaited<ReturnType<typeof startLocalCoffer>> | undefined;
  try {
    execFileSync(process.execPath, [join(CLI_DIR, 'build.mjs')], { stdio: 'inherit' });
    const baseline = BASELINE ? await buildBaseline(BASELINE) : undefined;
    coffer = await startLocalCoffer(
      parseLocalConfig({
        COFFER_DATA_DIR: dataDir,
        PORT: '0',
        COFFER_LOG_LEVEL: 'silent',
        COFFER_SYNC_INTERVAL_SECONDS: '0',
      }),
    );
    const { organization_id: org, project_id: project, client_id: clientId } = coffer.bootstrap.state;
    const secret = coffer.bootstrap.generatedSecret;
    if (!secret) throw new Error('a fresh data directory did not generate bootstrap credentials');
    const api = await CofferClient.login(coffer.url, clientId, secret);
    const P = `/secrets/2023-11-28/organizations/${org}/projects/${project}`;
    await api.call('POST', `${P}/apps`, { name: APP, description: 'CLI benchmark' });
    await api.call('POST', `${P}/apps/${APP}/secret/kv:batch`, {
      secrets: Array.from({ length: SECRETS }, (_, i) => ({
        name: `SECRET_${String(i).padStart(3, '0')}`,
        value: randomBytes(24).toString('base64url'),
      })),
    });
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      COFFER_ADDR: coffer.url,
      COFFER_ORG: org,
      COFFER_PROJECT: project,
      COFFER_NO_KEYCHAIN: '1',
    };
    const node = process.execPath;
    await timed([node, BUNDLE, 'login', '--client-id', clientId], env, secret);
    const cli = (bundle: string) => ({
      startup: [node, bundle, '--version'],
      run: [node, bundle, 'run', '--app', APP, '--', 'true'],
      offline: [node, bundle, 'run', '--app', APP, '--offline', '--', 'true'],
    });
    const now = cli(BUNDLE);
    const before = baseline ? cli(baseline) : undefined;
    const cases: Record<string, string[]> = {
      floor: [node, '-e', '0'],
      ...now,
      ...(before
        ? { startupBaseline: before.startup, runBaseline: before.run, offlineBaseline: before.offline }
        : {}),
    };
    const ids = Object.keys(cases);
    const samples = Object.fromEntries(ids.map((id) => [id, [] as number[]]));
    const argv = (id: string) => cases[id] as string[];
    for (const id of ids) await timed(argv(id), env); // warm the file cache and the token
    for (let r = 0; r < REPEATS; r++) {
      for (let k = 0; k < ids.length; k++) {
        const id = ids[(r + k) % ids.length] as string;
        samples[id]?.push(await timed(argv(id), env));
      }
    }
    const wallMs = Object.fromEntries(ids.map((id) => [id, summarizeWithP95(samples[id] ?? [])]));
    const p50 = (id: string) => (wallMs[id] as CliSummary).p50;
    const result: CliBench = {
      date: new Date().toISOString(),
      command: 'npx tsx bench/cli.ts (also the last phase of npm run bench)',
      secrets: SECRETS,
      repeats: REPEATS,
      wallMs,
      ...(BASELINE ? { baseline: `cli/src of ${BASELINE}` } : {}),
      startupOverFloorMs: p50('startup') - p50('floor'),
      runOverFloorMs: p50('run') - p50('floor'),
      runOverOfflineMs: p50('run') - p50('offline'),
      loadAverage: { start: loadAtStart, end: loadavg() },
    };
    console.log(
      `\nCLI: coffer run --app ${APP} -- true, ${SECRETS} secrets, ${REPEATS} runs each (wall ms, p50 / p95)`,
    );
    for (const id of ids)
      console.log(
        `  ${id.padEnd(15)} ${fmt(p50(id)).padStart(8)} / ${fmt((wallMs[id] as CliSummary).p95)}   ` +
          argv(id)
            .slice(1)
            .join(' ')
            .replace(BUNDLE, 'coffer')
            .replace(baseline ?? '\0', `coffer@${BASELINE}`),
      );
    console.log(
      `  start-up over node -e 0: ${fmt(result.startupOverFloorMs)} ms; whole run over it: ${fmt(result.runOverFloorMs)} ms; ` +
        `online over --offline: ${fmt(result.runOverOfflineMs)} ms`,
    );
    return result;
  } catch (e) {
    const error = String((e as Error)?.message ?? e);
    console.warn(`  CLI phase failed: ${error}`);
    return { error };
  } finally {
    await coffer?.close().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  }
};

/** Rounds every number to 2 decimals for the JSON file. */
const rounded = (v: unknown): unknown => {
  if (typeof v === 'number') return round(v, 2);
  if (Array.isArray(v)) return v.map(rounded);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rounded(x)]));
  return v;
};

/** `npx tsx bench/cli.ts` runs this phase alone and records it under `cli` in bench-results.json. */
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureCli();
  if ('error' in result) process.exitCode = 1;
  else {
    const all = JSON.parse(await readFile(RESULTS_FILE, 'utf8').catch(() => '{}')) as Record<string, unknown>;
    all.cli = rounded(result);
    await writeFile(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
    console.log(`\nSet cli in ${RESULTS_FILE}`);
  }
}
