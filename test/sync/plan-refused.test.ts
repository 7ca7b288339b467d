import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { GitHubStandIn } from '../standins/index.js';

/**
 * A dry run whose destination refuses to be listed is the caller's to fix (the portal shows the
 * message next to the sync): 412 DESTINATION_REFUSED with the destination's code, never a 500, and
 * never the credential it sent.
 */
describe('dry-run plan when the destination refuses', () => {
  let t: TestCoffer;
  const github = new GitHubStandIn();
  const WRONG_TOKEN = 'ghp_wrong_token_for_plan_test';

  beforeAll(async () => {
    await github.start();
    await github.addRepo('acme/web');
    t = await startTestCoffer({ env: { COFFER_SYNC_ALLOW_HTTP: 'true' } });
    await t.api('POST', `${t.P}/apps`, { name: 'web' });
    await t.api('POST', `${t.P}/apps/web/secret/kv`, { name: 'DB_PASSWORD', value: 'plan-refused-value' });
    const integrations = [
      ['bad-token', WRONG_TOKEN],
      ['good-token', github.authToken],
    ] as const;
    for (const [name, token] of integrations)
      await t.api('POST', `${t.P}/integrations`, {
        name,
        provider: 'github',
        connection: { token, base_url: github.url },
      });
    const syncs = [
      ['wrong-credentials', 'bad-token', 'web'],
      ['missing-repository', 'good-token', 'gone'],
    ] as const;
    for (const [name, integration, repository] of syncs)
      await t.api('POST', `${t.P}/syncs`, {
        name,
        integration_name: integration,
        target: { scope: 'repository', owner: 'acme', repository },
      });
    await t.api('PATCH', `${t.P}/apps/web`, { sync_names: syncs.map(([name]) => name) });
  });
  afterAll(async () => {
    await t?.close();
    await github.close();
  });

  it.each([
    ['wrong-credentials', 'UNAUTHORIZED'],
    ['missing-repository', 'NOT_FOUND'],
  ])('%s: 412 DESTINATION_REFUSED naming %s', async (sync, destinationCode) => {
    // Act
    const r = await t.api('GET', `${t.P}/apps/web/syncs/${sync}:plan`);

    // Assess
    expect(r.status).toBe(412);
    expect(r.body.details).toEqual([{ '@type': 'coffer.ErrorInfo', reason: 'DESTINATION_REFUSED' }]);
    expect(r.body.message).toContain(`dry run of sync ${sync}: the destination failed (${destinationCode})`);
    expect(r.body.message).not.toContain(WRONG_TOKEN);
  });
});
