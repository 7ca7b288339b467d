import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Stage } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_MEMORY_MB, LIVE_ALIAS } from '../../infra/constructs/api.js';
import { parseLambdaConfig } from '../../shared/config.js';
import { ENTRIES } from '../../infra/bundling.js';
import {
  functionEnv as envOf,
  functionsOf,
  logicalId,
  onlyResource,
  SYNTH_TIMEOUT_MS,
  synthesize,
  type Synthesized,
} from './synth.js';

type Env = Record<string, unknown>;

/** What the references in the environment resolve to once deployed. */
const DEPLOYED = {
  COFFER_TABLE_NAME: 'Coffer-prod-Table710B521B-1ABCDEF',
  COFFER_ISSUER: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
  COFFER_KMS_KEY_ID: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  COFFER_SIGNING_KEY_ID: 'arn:aws:kms:eu-west-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321',
  COFFER_SYNC_QUEUE_URL:
    'https://sqs.eu-west-1.amazonaws.com/111122223333/Coffer-prod-SyncQueue14CFE323-AbCdEf',
  AWS_REGION: 'eu-west-1',
};

/**
 * Size budgets of the bundles. The API's is issue 5's target (it bounds the cold start of every
 * request path). The worker and scheduler have no latency target (a sync job or a scheduled run
 * waits on the network far longer than an init); theirs only catch an accidental doubling.
 */
const BUNDLE_BUDGET_BYTES: Record<keyof typeof ENTRIES, number> = {
  // Issue 5's target. The bundle is about 978 kB since DynamoDB stopped going through the SDK's
  // client (issue 10); before that it was about 1,015 kB.
  api: 1_000_000,
  syncWorker: 2_000_000,
  scheduler: 2_000_000,
};

const ISSUERS = [
  { issuer: 'https://token.actions.githubusercontent.com', audience: 'coffer', userIdClaim: 'repository' },
  {
    issuer: 'https://login.example.com',
    audience: 'coffer-portal',
    jwksUri: 'https://login.example.com/keys',
  },
];
/** The API function's environment. */
const functionEnv = (s: Synthesized): Env => envOf(s, s.stack.api.function);

/** The literal variables of an environment plus what its references resolve to once deployed. */
const deployedEnv = (env: Env): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string')),
  ...DEPLOYED,
});

/** Strings that would mean key material or a credential ended up in the environment. */
const looksLikeKeyMaterial = (value: string): boolean => {
  if (/-----BEGIN [A-Z ]*KEY-----/.test(value)) return true; // PEM
  if (/"(d|k|p|q|dp|dq|qi)"\s*:/.test(value)) return true; // private or symmetric JWK members
  if (/(AKIA|ASIA)[0-9A-Z]{16}/.test(value)) return true; // AWS access key id
  const compact = value.replace(/[\s=]/g, '');
  // 16 or more bytes of base64/base64url/hex: the length of the smallest key Coffer could hold.
  return /^[A-Za-z0-9+/_-]{22,}$/.test(compact) || /^[0-9a-fA-F]{32,}$/.test(compact);
};

const accessLogsId = (s: Synthesized) =>
  logicalId(s.stack, s.stack.api.node.findChild('AccessLogs') as { node: { defaultChild?: unknown } });

describe('given the default stack, when synthesized with the API bundled', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize();
  }, SYNTH_TIMEOUT_MS);

  it('then the function runs on arm64 with the Node.js 24 runtime', () => {
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Coffer API (functions/api/handler.ts)',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: DEFAULT_API_MEMORY_MB,
      Timeout: 10,
    });
  });

  it('then there is one function per entry point, and no other', () => {
    expect(Object.keys(functionsOf(s))).toEqual(Object.keys(ENTRIES));
    expect(Object.keys(s.template.findResources('AWS::Lambda::Function')).sort()).toEqual(
      Object.values(functionsOf(s))
        .map((fn) => logicalId(s.stack, fn))
        .sort(),
    );
  });

  it.each(Object.entries(BUNDLE_BUDGET_BYTES))(
    'then the %s code asset is one minified ES module, bundled locally, within %d bytes',
    (name, budget) => {
      const asset = functionsOf(s)[name as keyof typeof ENTRIES].node.findChild('Code') as Asset;
      const bytes = statSync(join(Stage.of(s.stack)!.outdir, asset.assetPath, 'index.mjs')).size;
      expect(bytes).toBeGreaterThan(10_000);
      expect(bytes).toBeLessThan(budget);
    },
  );

  it('then the environment holds exactly the configuration the app reads, by reference', () => {
    const api = logicalId(s.stack, s.stack.api.httpApi);
    expect(functionEnv(s)).toEqual({
      COFFER_TABLE_NAME: { Ref: logicalId(s.stack, s.stack.table.table) },
      COFFER_ISSUER: {
        'Fn::Join': [
          '',
          ['https://', { Ref: api }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
        ],
      },
      COFFER_AUDIENCE: 'coffer-api',
      COFFER_KMS_KEY_ID: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.keys.dataKey), 'Arn'] },
      COFFER_SIGNING_KEY_ID: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.keys.signingKey), 'Arn'] },
      COFFER_TOKEN_TTL_SECONDS: '900',
      COFFER_DATA_KEY_CACHE_SECONDS: '300',
      COFFER_LOG_LEVEL: 'info',
      COFFER_OIDC_ISSUERS: '[]',
      COFFER_SYNC_QUEUE_URL: { Ref: logicalId(s.stack, s.stack.syncQueue.queue) },
      COFFER_SYNC_WORKER_FUNCTION: { Ref: logicalId(s.stack, s.stack.sync.worker.function) },
      // Sign-in (constructs/sign-in.ts; test/infra/sign-in.test.ts checks the values).
      COFFER_SIGNIN_ISSUER: expect.anything(),
      COFFER_SIGNIN_CLIENT_ID: expect.anything(),
      COFFER_SIGNIN_COGNITO_USER_POOL_ID: expect.anything(),
      COFFER_SIGNIN_LOGOUT_URL: expect.anything(),
    });
  });

  it('then the sync worker and the scheduler get the API environment, less the worker name and sign-in only the API uses', () => {
    const { syncWorker, scheduler } = functionsOf(s);
    const shared = Object.fromEntries(
      Object.entries(functionEnv(s)).filter(
        ([k]) => k !== 'COFFER_SYNC_WORKER_FUNCTION' && !k.startsWith('COFFER_SIGNIN_'),
      ),
    );
    expect(envOf(s, syncWorker)).toEqual(shared);
    expect(envOf(s, scheduler)).toEqual(shared);
  });

  it.each(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])(
    "then the %s environment, once deployed, satisfies the app's own config schema",
    (name) => {
      const env = envOf(s, functionsOf(s)[name]);
      const config = parseLambdaConfig(deployedEnv(env));
      expect(config).toMatchObject({
        COFFER_TOKEN_TTL_SECONDS: 900,
        COFFER_DATA_KEY_CACHE_SECONDS: 300,
        COFFER_SYNC_QUEUE_URL: DEPLOYED.COFFER_SYNC_QUEUE_URL,
      });
    },
  );

  it.each(Object.keys(ENTRIES) as (keyof typeof ENTRIES)[])(
    'then no %s environment variable holds key material',
    (name) => {
      const env = envOf(s, functionsOf(s)[name]);
      for (const [variable, value] of Object.entries(env)) {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        expect({ variable, keyMaterial: looksLikeKeyMaterial(text) }).toEqual({
          variable,
          keyMaterial: false,
        });
      }
      // The key variables name keys (ARNs resolved at deploy time); they never carry them.
      expect(Object.keys(env.COFFER_KMS_KEY_ID as object)).toEqual(['Fn::GetAtt']);
      expect(Object.keys(env.COFFER_SIGNING_KEY_ID as object)).toEqual(['Fn::GetAtt']);
    },
  );

  it('then the key-material detector itself recognises keys', () => {
    expect.soft(looksLikeKeyMaterial('-----BEGIN PRIVATE KEY-----\nMIGH...')).toBe(true);
    expect.soft(looksLikeKeyMaterial('{"kty":"EC","crv":"P-256","d":"abc","x":"y"}')).toBe(true);
    expect.soft(looksLikeKeyMaterial(Buffer.alloc(32, 7).toString('base64'))).toBe(true);
    expect.soft(looksLikeKeyMaterial('0123456789abcdef0123456789abcdef')).toBe(true);
    expect.soft(looksLikeKeyMaterial('coffer-api')).toBe(false);
    expect
      .soft(
        looksLikeKeyMaterial(
          '[{"issuer":"https://token.actions.githubusercontent.com","audience":"coffer"}]',
        ),
      )
      .toBe(false);
  });

  it(`then the API invokes the "${LIVE_ALIAS}" alias, never $LATEST`, () => {
    const alias = logicalId(s.stack, s.stack.api.alias);
    s.template.hasResourceProperties('AWS::Lambda::Alias', {
      Name: LIVE_ALIAS,
      FunctionVersion: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiFunctionCurrentVersion'), 'Version'] },
    });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { Ref: alias },
      PayloadFormatVersion: '2.0',
    });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    s.template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: alias },
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it('then the $default stage throttles and writes JSON access logs without query strings', () => {
    const { resource } = onlyResource(s.template, 'AWS::ApiGatewayV2::Stage');
    expect(resource.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      // What the table sustains for one organization (docs/SCALE.md), not HCP's old 100 a second.
      DefaultRouteSettings: { ThrottlingRateLimit: 10_000, ThrottlingBurstLimit: 5_000 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [accessLogsId(s), 'Arn'] } },
    });
    const format = JSON.parse((resource.Properties.AccessLogSettings as { Format: string }).Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(Object.values(format).join(' ')).not.toMatch(/querystring|rawQuery|header|body/i);
  });

  it('then the log groups (three functions, API access) keep a year of logs and survive stack deletion', () => {
    const groups = Object.values(s.template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(4);
    for (const group of groups) {
      expect(group).toMatchObject({ DeletionPolicy: 'Retain', Properties: { RetentionInDays: 365 } });
    }
    s.template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^ApiFunctionLogs') } },
    });
  });

  it('then the execute-api endpoint stays enabled and no custom domain exists', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    s.template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });
});

describe('given props for a custom domain, trusted issuers and 30-day logs, when synthesized', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize(
      {
        customDomain: {
          domainName: 'coffer.example.com',
          certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd',
        },
        oidcIssuers: ISSUERS,
        logRetentionDays: 30,
        throttle: { rateLimit: 10, burstLimit: 20 },
      },
      { bundle: false },
    );
  }, SYNTH_TIMEOUT_MS);

  it('then the issuer is the custom domain and the execute-api endpoint is disabled', () => {
    expect(functionEnv(s).COFFER_ISSUER).toBe('https://coffer.example.com');
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'coffer.example.com',
      DomainNameConfigurations: [
        Match.objectLike({ CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd' }),
      ],
    });
    s.template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: logicalId(s.stack, s.stack.api.httpApi) },
      Stage: '$default',
    });
    s.template.hasOutput('CustomDomainTarget', {});
  });

  it('then the trusted issuers reach the function as the JSON the app parses', () => {
    const env = functionEnv(s);
    expect(JSON.parse(env.COFFER_OIDC_ISSUERS as string)).toEqual([
      {
        issuer: 'https://token.actions.githubusercontent.com',
        audience: 'coffer',
        user_id_claim: 'repository',
      },
      {
        issuer: 'https://login.example.com',
        audience: 'coffer-portal',
        jwks_uri: 'https://login.example.com/keys',
      },
    ]);
    expect(() => parseLambdaConfig(deployedEnv(env))).not.toThrow();
    const shared = Object.fromEntries(
      Object.entries(env).filter(
        ([k]) => k !== 'COFFER_SYNC_WORKER_FUNCTION' && !k.startsWith('COFFER_SIGNIN_'),
      ),
    );
    expect(envOf(s, s.stack.sync.worker.function)).toEqual(shared);
    expect(envOf(s, s.stack.sync.scheduler.function)).toEqual(shared);
  });

  it('then log retention (of all four log groups) and throttling follow the props', () => {
    const groups = Object.values(s.template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(4);
    for (const group of groups) {
      expect(group).toMatchObject({ Properties: { RetentionInDays: 30 } });
    }
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
  });
});

describe('given a log retention CloudWatch does not offer', () => {
  it('when the stack is built, then it fails naming the allowed values', () => {
    expect(() => synthesize({ logRetentionDays: 42 }, { bundle: false })).toThrow(
      /logRetentionDays must be one of 1, 3, 5, 7, 14, 30, .*; got 42/,
    );
  });
});
