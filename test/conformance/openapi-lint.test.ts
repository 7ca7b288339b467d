import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

/** The served OpenAPI document passes Redocly's recommended rules (config: redocly.yaml). */
describe('the OpenAPI document', () => {
  let t: TestCoffer;
  let dir: string;
  let doc: { paths: Record<string, Record<string, Record<string, unknown>>> };
  beforeAll(async () => {
    t = await startTestCoffer();
    dir = await mkdtemp(join(tmpdir(), 'coffer-openapi-'));
    doc = (await t.api('GET', '/openapi.json')).body as typeof doc;
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes `redocly lint` with the checked-in configuration', async () => {
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(doc));
    const result = await run(
      join(ROOT, 'node_modules/.bin/redocly'),
      ['lint', '--config', join(ROOT, 'redocly.yaml'), '--format', 'stylish', file],
      {
        cwd: ROOT,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    ).catch((e: { stdout?: string; stderr?: string; code?: number }) => e);
    expect({ code: 'code' in result ? result.code : 0, out: result.stdout }).toEqual({
      code: 0,
      out: expect.any(String),
    });
  }, 60_000);

  it('writes every int64 as an integer, gives every operation a summary, and opens the token endpoint', () => {
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
    expect(ops.filter((o) => !o.summary).map((o) => o.operationId)).toEqual([]);
    expect(doc.paths['/oauth2/token']?.post?.security).toEqual([]);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('64-bit integer as a decimal string');
    const secret = (
      doc as unknown as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } }
    ).components.schemas.Secret?.properties;
    expect(secret?.latest_version).toEqual({ type: 'integer', format: 'int64' });
    expect(secret?.version_count).toMatchObject({ type: 'string' });
  });
});
