import { describe, expect, it } from 'vitest';
import {
  ConnectionSchemas,
  DestinationConfigSchema,
  TargetSchemas,
} from '../../shared/adapters/destinations/config.js';
import { createDestination } from '../../shared/adapters/destinations/factory.js';
import type { DestinationKind } from '../../shared/domain/sync/destination.js';
import { canary, thrown } from './helpers.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';

const valid: Record<
  DestinationKind,
  { connection: Record<string, unknown>; target: Record<string, unknown> }
> = {
  github: {
    connection: { token: 'ghp_x' },
    target: { scope: 'repository', owner: 'acme', repository: 'api' },
  },
  vercel: {
    connection: { token: 't', team_id: 'team_1' },
    target: { project: 'web', targets: ['production'] },
  },
  aws: {
    connection: { region: 'eu-west-1', access_key_id: 'AKIAEXAMPLE000000001', secret_access_key: 's' },
    target: {},
  },
  gcp: {
    connection: {
      service_account_key: {
        type: 'service_account',
        client_email: 'sync@p.iam.gserviceaccount.com',
        private_key: PEM,
        token_uri: 'https://oauth2.googleapis.com/token',
        project_id: 'my-project',
      },
    },
    target: { project: 'my-project' },
  },
  azure: {
    connection: {
      tenant_id: 'contoso.onmicrosoft.com',
      client_id: 'c',
      client_secret: 's',
      vault_url: 'https://v.vault.azure.net',
    },
    target: {},
  },
};

describe('destination config schemas', () => {
  it.each(Object.keys(valid) as DestinationKind[])(
    'accepts a %s integration and sync, from one union',
    (provider) => {
      const parsed = DestinationConfigSchema.safeParse({ provider, ...valid[provider] });
      expect(parsed.success).toBe(true);
    },
  );

  it('fills in the documented defaults', () => {
    expect(TargetSchemas.vercel.parse({ project: 'web', targets: ['preview', 'preview'] })).toEqual({
      project: 'web',
      targets: ['preview'],
      type: 'encrypted',
    });
    expect(TargetSchemas.aws.parse({})).toEqual({ name_prefix: 'coffer/' });
    expect(ConnectionSchemas.azure.parse(valid.azure.connection)).toMatchObject({
      authority_host: 'https://login.microsoftonline.com',
    });
  });

  it('keeps unknown fields of a GCP key file (it has many) but not elsewhere', () => {
    const parsed = ConnectionSchemas.gcp.parse(valid.gcp.connection);
    expect(parsed.service_account_key).toMatchObject({ type: 'service_account' });
    expect(ConnectionSchemas.github.safeParse({ token: 'x', baseUrl: 'https://ghe' }).success).toBe(false);
  });

  it.each<[DestinationKind, 'connection' | 'target', Record<string, unknown>, string]>([
    ['github', 'target', { scope: 'repository', owner: 'acme' }, 'repository'],
    ['github', 'target', { scope: 'environment', owner: 'acme', repository: 'api' }, 'environment'],
    ['github', 'target', { scope: 'organization', owner: 'acme', repository: 'api' }, 'repository'],
    [
      'github',
      'target',
      { scope: 'repository', owner: 'acme', repository: 'api', visibility: 'all' },
      'visibility',
    ],
    [
      'github',
      'target',
      { scope: 'organization', owner: 'acme', selected_repository_ids: [1] },
      'selected_repository_ids',
    ],
    ['github', 'connection', { token: '' }, 'token'],
    ['github', 'connection', { token: 'x', base_url: 'ftp://ghe.example' }, 'base_url'],
    ['vercel', 'target', { project: 'web', targets: [] }, 'targets'],
    [
      'vercel',
      'target',
      { project: 'web', targets: ['production', 'development'], type: 'sensitive' },
      'targets',
    ],
    ['vercel', 'connection', { token: 't' }, 'team_id'],
    [
      'aws',
      'connection',
      { region: 'eu-west-1', access_key_id: 'AKIAEXAMPLE000000001' },
      'secret_access_key',
    ],
    ['aws', 'connection', { region: 'eu-west-1' }, 'role_arn'],
    [
      'aws',
      'connection',
      { region: 'eu-west-1', role_arn: 'arn:aws:iam::123456789012:role/r' },
      'external_id',
    ],
    [
      'aws',
      'connection',
      { region: 'Europe', access_key_id: 'AKIAEXAMPLE000000001', secret_access_key: 's' },
      'region',
    ],
    ['aws', 'target', { tags: { 'managed-by': 'me' } }, 'tags'],
    ['aws', 'target', { name_prefix: 'has space/' }, 'name_prefix'],
    ['gcp', 'target', { project: 'UPPER' }, 'project'],
    ['gcp', 'connection', { service_account_key: { client_email: 'x@y' } }, 'service_account_key'],
    ['azure', 'target', { name_prefix: 'has_underscore' }, 'name_prefix'],
    ['azure', 'connection', { tenant_id: 't', client_id: 'c', client_secret: 's' }, 'vault_url'],
  ])('%s %s rejects %j (at %s)', (provider, side, raw, path) => {
    const schema = side === 'connection' ? ConnectionSchemas[provider] : TargetSchemas[provider];
    const parsed = schema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toContain(path);
  });
});

describe('createDestination', () => {
  it.each(Object.keys(valid) as DestinationKind[])('builds the %s client', (provider) => {
    const dest = createDestination(provider, valid[provider].connection, valid[provider].target);
    expect(dest.kind).toBe(provider);
  });

  it('reports invalid configuration as INVALID_CONFIG with paths, never the values given', () => {
    const secret = canary('config');
    const err = thrown(() =>
      createDestination('github', { token: secret, tokn: secret, base_url: 'not a url' }, { scope: 'repo' }),
    );

    expect(err).toMatchObject({ code: 'INVALID_CONFIG', retryable: false });
    expect(err.message).toContain('github: invalid connection');
    expect(err.message).not.toContain(secret);
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['plain http', { base_url: 'http://127.0.0.1:1234' }, false],
    ['plain http, when allowed', { base_url: 'http://127.0.0.1:1234' }, true],
  ])('checks base URL overrides: %s', (_label, override, allowInsecureHttp) => {
    const build = () =>
      createDestination('github', { ...valid.github.connection, ...override }, valid.github.target, {
        allowInsecureHttp,
      });
    if (allowInsecureHttp) expect(build().kind).toBe('github');
    else
      expect(thrown(build)).toMatchObject({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('https'),
      });
  });

  it('refuses a base URL that carries credentials', () => {
    const err = thrown(() =>
      createDestination(
        'vercel',
        { ...valid.vercel.connection, base_url: 'https://user:pw@api.vercel.com' },
        valid.vercel.target,
      ),
    );
    expect(err).toMatchObject({ code: 'INVALID_CONFIG' });
    expect(err.message).not.toContain('pw');
  });

  it('refuses plain-HTTP token endpoints too (GCP token_uri, Azure authority)', () => {
    const gcpKey = {
      ...(valid.gcp.connection.service_account_key as object),
      token_uri: 'http://10.0.0.1/token',
    };
    expect(
      thrown(() => createDestination('gcp', { service_account_key: gcpKey }, valid.gcp.target)),
    ).toMatchObject({
      code: 'INVALID_CONFIG',
    });
    expect(
      thrown(() =>
        createDestination(
          'azure',
          { ...valid.azure.connection, authority_host: 'http://169.254.169.254' },
          {},
        ),
      ),
    ).toMatchObject({ code: 'INVALID_CONFIG' });
  });
});
