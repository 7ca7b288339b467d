import { describe, expect, it } from 'vitest';
import { BUNDLE, esbuildOptions } from '../../infra/bundling.js';
import { CONTEXT_KEYS, propsFromContext } from '../../infra/context.js';

const GITHUB = {
  issuer: 'https://token.actions.githubusercontent.com',
  audience: 'coffer',
  userIdClaim: 'sub',
};

const fromContext = (context: Record<string, unknown>) => propsFromContext((key) => context[key]);

describe('given no context', () => {
  it('when props are read, then every prop is left to its documented default', () => {
    expect(fromContext({})).toEqual({
      stageName: undefined,
      oidcIssuers: undefined,
      customDomain: undefined,
      logRetentionDays: undefined,
      alarmEmail: undefined,
      syncIntervalMinutes: undefined,
    });
  });
});

describe('given context from the command line (strings)', () => {
  it.each([
    [
      'a JSON string (command line)',
      JSON.stringify([GITHUB, { issuer: 'https://login.example.com', audience: 'coffer' }]),
    ],
    ['a JSON array (cdk.json)', [GITHUB, { issuer: 'https://login.example.com', audience: 'coffer' }]],
  ])('when the issuers are %s, then they are parsed into a list', (_what, value) => {
    expect(fromContext({ [CONTEXT_KEYS.oidcIssuers]: value }).oidcIssuers).toEqual([
      GITHUB,
      { issuer: 'https://login.example.com', audience: 'coffer' },
    ]);
  });

  it('when every key is set, then each reaches its prop', () => {
    const props = fromContext({
      [CONTEXT_KEYS.stage]: 'dev',
      [CONTEXT_KEYS.domainName]: 'coffer.example.com',
      [CONTEXT_KEYS.certificateArn]: 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd',
      [CONTEXT_KEYS.logRetentionDays]: '90',
      [CONTEXT_KEYS.alarmEmail]: 'oncall@example.com',
      [CONTEXT_KEYS.syncIntervalMinutes]: '0',
    });
    expect(props).toMatchObject({
      stageName: 'dev',
      customDomain: {
        domainName: 'coffer.example.com',
        certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd',
      },
      logRetentionDays: 90,
      alarmEmail: 'oncall@example.com',
      syncIntervalMinutes: 0,
    });
  });

  it.each([
    [CONTEXT_KEYS.stage, { [CONTEXT_KEYS.stage]: 'Prod_1' }],
    [CONTEXT_KEYS.oidcIssuers, { [CONTEXT_KEYS.oidcIssuers]: 'https://a.example.com' }],
    [
      CONTEXT_KEYS.oidcIssuers,
      { [CONTEXT_KEYS.oidcIssuers]: [{ issuer: 'http://a.example.com', audience: 'x' }] },
    ],
    [CONTEXT_KEYS.oidcIssuers, { [CONTEXT_KEYS.oidcIssuers]: [{ issuer: 'https://a.example.com' }] }],
    [CONTEXT_KEYS.alarmEmail, { [CONTEXT_KEYS.alarmEmail]: 'not-an-address' }],
    [CONTEXT_KEYS.logRetentionDays, { [CONTEXT_KEYS.logRetentionDays]: 'forever' }],
    [CONTEXT_KEYS.syncIntervalMinutes, { [CONTEXT_KEYS.syncIntervalMinutes]: '1441' }],
    [CONTEXT_KEYS.syncIntervalMinutes, { [CONTEXT_KEYS.syncIntervalMinutes]: 'hourly' }],
    ['both', { [CONTEXT_KEYS.domainName]: 'coffer.example.com' }],
  ])('when %s is invalid, then reading fails and names the key', (key, context) => {
    expect(() => fromContext(context)).toThrow(
      new RegExp(`invalid CDK context:[\\s\\S]*${key.replace('.', '\\.')}`),
    );
  });
});

describe('given the shared bundle settings', () => {
  it('when turned into esbuild options, then they bundle one minified ES module for Node 24 with English-only zod', () => {
    const api = esbuildOptions('entry.ts', 'out.mjs');
    expect(api).toMatchObject({
      bundle: true,
      platform: 'node',
      target: BUNDLE.target,
      format: 'esm',
      minify: true,
      external: [],
    });
    expect(api.plugins?.map((p) => p.name)).toEqual(['zod-english-only']);
  });
});
