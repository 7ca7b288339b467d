/**
 * Cold-start figures for the deployed functions: each bundle's minified size, and the time a fresh
 * Node.js process takes to import the API bundle and build its handler (the work Lambda bills as
 * init). The bundles are built with the options the CDK stack uses (infra/bundling.ts), so the
 * figures are those of the deployed code.
 *
 * `npm run bench` calls `measureColdStart()`; `npx tsx bench/cold-start.ts` prints the figures,
 * with the packages that take most room in each bundle.
 *
 * Targets (issue 5): API bundle under 1 MB minified, initialisation under 150 ms.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { ENTRIES, esbuildOptions } from '../infra/bundling.js';

/** Measured imports; the median damps the noise of a shared machine. At least five (issue 5). */
const INIT_RUNS = 7;
/** Unrecorded first runs, so the file-system cache is warm for every measured run alike. */
const WARMUP_RUNS = 1;

export const TARGETS = { apiBundleBytes: 1_000_000, apiInitMs: 150 } as const;

/**
 * The configuration `parseLambdaConfig` requires, with values that point nowhere. Building the
 * handler makes no AWS call (clients connect on first use), and IMDS is disabled so nothing could
 * reach for credentials either.
 */
const DUMMY_LAMBDA_ENV = {
  COFFER_TABLE_NAME: 'coffer-bench',
  COFFER_ISSUER: 'https://coffer.invalid',
  COFFER_KMS_KEY_ID: 'arn:aws:kms:us-east-1:000000000000:key/00000000-0000-0000-0000-000000000000',
  COFFER_SIGNING_KEY_ID: 'arn:aws:kms:us-east-1:000000000000:key/11111111-1111-1111-1111-111111111111',
  COFFER_SYNC_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/coffer-bench',
  COFFER_LOG_LEVEL: 'silent',
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

export interface BundleFigure {
  name: string;
  bytes: number;
}

export interface ColdStart {
  bundles: BundleFigure[];
  apiInitMs: { median: number; runs: number[] };
}

interface Built extends BundleFigure {
  file: string;
  metafile: Metafile;
}

const buildAll = async (dir: string): Promise<Built[]> =>
  Promise.all(
    Object.entries(ENTRIES).map(async ([name, entry]) => {
      const file = join(dir, name, 'index.mjs');
      const result = await build(esbuildOptions(entry, file));
      const metafile = result.metafile!;
      const output = Object.values(metafile.outputs)[0]!;
      return { name, bytes: output.bytes, file, metafile };
    }),
  );

/** Runs in the child: import the bundle, check it exports a handler, report the elapsed time. */
const CHILD_SCRIPT = `
const started = performance.now();
const mod = await import(process.env.COFFER_BENCH_BUNDLE_URL);
if (typeof mod.handler !== 'function') throw new Error('the bundle exports no handler function');
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
`;

/** Imports `file` in a fresh `node` process and returns the milliseconds import and init took. */
const timeImport = (file: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_SCRIPT], {
      env: {
        PATH: process.env.PATH ?? '',
        ...DUMMY_LAMBDA_ENV,
        COFFER_BENCH_BUNDLE_URL: pathToFileURL(file).href,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`importing the bundle failed (exit ${code}): ${err.trim()}`));
      try {
        resolve((JSON.parse(out) as { ms: number }).ms);
      } catch (e) {
        reject(new Error(`unexpected output from the import probe: ${out}`, { cause: e }));
      }
    });
  });

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Bundle sizes and the API's import-and-init time (median of several fresh processes). */
export async function measureColdStart(): Promise<ColdStart> {
  const { result } = await measure();
  return result;
}

const measure = async (): Promise<{ result: ColdStart; built: Built[] }> => {
  const dir = await mkdtemp(join(tmpdir(), 'coffer-cold-start-'));
  try {
    const built = await buildAll(dir);
    const api = built.find((b) => b.name === 'api')!;
    for (let i = 0; i < WARMUP_RUNS; i++) await timeImport(api.file);
    const runs: number[] = [];
    // Sequential on purpose: parallel children would compete for the CPU and inflate each other.
    for (let i = 0; i < INIT_RUNS; i++) runs.push(round1(await timeImport(api.file)));
    return {
      result: {
        bundles: built.map(({ name, bytes }) => ({ name, bytes })),
        apiInitMs: { median: round1(median(runs)), runs },
      },
      built,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Bytes each npm package (or the repository's own code) contributes to a bundle, largest first. */
export const composition = (metafile: Metafile): { source: string; bytes: number }[] => {
  const bySource = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(coffer)';
      bySource.set(pkg, (bySource.get(pkg) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bySource].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
};

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

const main = async () => {
  const { result, built } = await measure();
  for (const b of built) {
    const target =
      b.name === 'api'
        ? ` (target < ${kb(TARGETS.apiBundleBytes)}: ${verdict(b.bytes < TARGETS.apiBundleBytes)})`
        : '';
    console.log(`bundle ${b.name}: ${kb(b.bytes)} minified${target}`);
    for (const { source, bytes } of composition(b.metafile).slice(0, 8)) {
      console.log(`  ${kb(bytes).padStart(9)}  ${source}`);
    }
  }
  const { median: m, runs } = result.apiInitMs;
  console.log(
    `api import + init: median ${m} ms over ${runs.length} fresh processes ` +
      `(target < ${TARGETS.apiInitMs} ms: ${verdict(m < TARGETS.apiInitMs)}); runs: ${runs.join(', ')}`,
  );
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
