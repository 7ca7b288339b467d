import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCofferClient } from '../../api-client/src/index.js';
import { renderClientSchema } from '../../api-client/render.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';

/** The generated client is what the CLI and the portal call Coffer with; it must match the API. */
describe('api-client', () => {
  let t: TestCoffer;
  beforeAll(async () => {
    t = await startTestCoffer();
  });
  afterAll(() => t.close());

  it('is generated from the OpenAPI document the server serves now (else: npm run generate:client)', async () => {
    // prepare
    const document: unknown = await (await fetch(`${t.coffer.url}/openapi.json`)).json();
    // act
    const rendered = await renderClientSchema(document);
    // assess
    const checkedIn = await readFile(new URL('../../api-client/src/schema.ts', import.meta.url), 'utf8');
    expect(rendered === checkedIn, 'api-client/src/schema.ts is stale: run `npm run generate:client`').toBe(
      true,
    );
  });

  it('sends the bearer token and decodes answers and errors', async () => {
    // prepare
    const client = createCofferClient({ baseUrl: `${t.coffer.url}/`, token: () => t.token });
    const path = { organization_id: t.org, project_id: t.project };
    // act
    const created = await client.POST(
      '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps',
      {
        params: { path },
        body: { name: 'client-app', description: 'from the typed client' },
      },
    );
    const missing = await client.GET(
      '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps/{app_name}',
      { params: { path: { ...path, app_name: 'no-such-app' } } },
    );
    const anonymous = await createCofferClient({ baseUrl: t.coffer.url }).GET(
      '/secrets/2023-11-28/organizations/{organization_id}/projects/{project_id}/apps',
      { params: { path } },
    );
    // assess
    expect(created.response.status).toBe(200);
    expect(created.data?.app?.name).toBe('client-app');
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe(5);
    expect(anonymous.response.status).toBe(401);
  });
});
