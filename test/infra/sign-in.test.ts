import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENTRIES, esbuildOptions } from '../../infra/bundling.js';
import { parseLambdaConfig } from '../../shared/config.js';
import {
  functionEnv,
  logicalId,
  onlyResource,
  SYNTH_TIMEOUT_MS,
  synthesize,
  type Synthesized,
} from './synth.js';

const PROVIDER = {
  issuer: 'https://login.example.com/oauth2/default',
  clientId: 'coffer-web-0oa1',
  clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:coffer/signin-AbCdEf',
};

/** Statements of the API function's role policy. */
const apiStatements = (s: Synthesized) => {
  const roleId = logicalId(s.stack, s.stack.api.function.role as never);
  return Object.values(s.template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[]);
};

describe('given no sign-in provider, when synthesized', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({ stageName: 'dev' }, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('then a Cognito user pool requires MFA (TOTP only), has no self sign-up and a strong password policy', () => {
    const { resource } = onlyResource(s.template, 'AWS::Cognito::UserPool');
    expect(resource.Properties).toMatchObject({
      UserPoolName: 'coffer-dev',
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
      DeletionProtection: 'ACTIVE',
    });
    expect(resource.DeletionPolicy).toBe('Retain');
  });

  it('then one confidential app client does the code flow back to {API URL}/auth/callback', () => {
    const { resource } = onlyResource(s.template, 'AWS::Cognito::UserPoolClient');
    expect(resource.Properties).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(JSON.stringify(resource.Properties.CallbackURLs)).toContain('/auth/callback');
    onlyResource(s.template, 'AWS::Cognito::UserPoolDomain');
  });

  it('then the API is wired to the pool: issuer, client id, pool id, hosted logout; never the secret', () => {
    const env = functionEnv(s, s.stack.api.function);
    const pool = logicalId(s.stack, s.stack.signIn.userPool as never);
    const client = logicalId(s.stack, s.stack.signIn.webClient as never);
    expect(env.COFFER_SIGNIN_ISSUER).toEqual({ 'Fn::GetAtt': [pool, 'ProviderURL'] });
    expect(env.COFFER_SIGNIN_CLIENT_ID).toEqual({ Ref: client });
    expect(env.COFFER_SIGNIN_COGNITO_USER_POOL_ID).toEqual({ Ref: pool });
    expect(JSON.stringify(env.COFFER_SIGNIN_LOGOUT_URL)).toContain('/logout?client_id=');
    expect(env).not.toHaveProperty('COFFER_SIGNIN_CLIENT_SECRET');
    expect(apiStatements(s)).toContainEqual(
      expect.objectContaining({
        Action: 'cognito-idp:DescribeUserPoolClient',
        Resource: { 'Fn::GetAtt': [pool, 'Arn'] },
      }),
    );
  });

  it('then the deployed API environment satisfies the app config schema with sign-in on', () => {
    const config = parseLambdaConfig({
      COFFER_TABLE_NAME: 'coffer',
      COFFER_ISSUER: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com',
      COFFER_KMS_KEY_ID: 'arn:aws:kms:eu-west-1:111122223333:key/1',
      COFFER_SIGNING_KEY_ID: 'arn:aws:kms:eu-west-1:111122223333:key/2',
      COFFER_SYNC_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/q',
      AWS_REGION: 'eu-west-1',
      COFFER_SIGNIN_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC',
      COFFER_SIGNIN_CLIENT_ID: 'client123',
      COFFER_SIGNIN_COGNITO_USER_POOL_ID: 'eu-west-1_AbC',
      COFFER_SIGNIN_LOGOUT_URL:
        'https://coffer-dev-1.auth.eu-west-1.amazoncognito.com/logout?client_id=c&logout_uri=https://a/',
    });
    expect(config.COFFER_SIGNIN_COGNITO_USER_POOL_ID).toBe('eu-west-1_AbC');
  });
});

describe('given the customer’s OIDC provider, when synthesized', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({ signIn: PROVIDER }, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('then there is no Cognito user pool, client or domain', () => {
    for (const type of [
      'AWS::Cognito::UserPool',
      'AWS::Cognito::UserPoolClient',
      'AWS::Cognito::UserPoolDomain',
    ])
      expect(Object.keys(s.template.findResources(type))).toEqual([]);
  });

  it('then the API gets the issuer, client id and secret ARN, and may read exactly that secret', () => {
    const env = functionEnv(s, s.stack.api.function);
    expect(env).toMatchObject({
      COFFER_SIGNIN_ISSUER: PROVIDER.issuer,
      COFFER_SIGNIN_CLIENT_ID: PROVIDER.clientId,
      COFFER_SIGNIN_CLIENT_SECRET_ARN: PROVIDER.clientSecretArn,
    });
    expect(env).not.toHaveProperty('COFFER_SIGNIN_COGNITO_USER_POOL_ID');
    expect(apiStatements(s)).toContainEqual(
      expect.objectContaining({
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Resource: PROVIDER.clientSecretArn,
      }),
    );
  });

  it('then a plain-http issuer is refused', () => {
    expect(() =>
      synthesize({ signIn: { ...PROVIDER, issuer: 'http://login.example.com' } }, { bundle: false }),
    ).toThrow('the sign-in issuer must be https');
  });
});

describe('given the Lambda bundles', () => {
  it.each(Object.entries(ENTRIES))(
    'then the %s bundle imports neither the development provider nor anything under functions/local',
    async (_name, entry) => {
      const dir = await mkdtemp(join(tmpdir(), 'coffer-bundle-'));
      try {
        const out = await build({ ...esbuildOptions(entry, join(dir, 'index.mjs')), write: false });
        const inputs = Object.keys(out.metafile?.inputs ?? {});
        expect(inputs.length).toBeGreaterThan(50);
        expect(
          inputs.filter((i) => i.includes('node_modules/oidc-provider/') || i.includes('functions/local/')),
        ).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('then the API bundle does include the relying party (openid-client) that sign-in needs', async () => {
    const out = await build({ ...esbuildOptions(ENTRIES.api, join(tmpdir(), 'unused.mjs')), write: false });
    expect(
      Object.keys(out.metafile?.inputs ?? {}).some((i) => i.includes('node_modules/openid-client/')),
    ).toBe(true);
  }, 120_000);
});
