import { z } from 'zod';
import { DEFAULT_TABLE_NAME } from './adapters/dynamodb/table-definition.js';
import { localSignInSettings, signInSettings } from './sign-in-config.js';

/**
 * Configuration, parsed once from the environment at start-up, validated with zod and frozen.
 * Nothing else reads process.env. No secret has a default.
 */
const common = {
  COFFER_TABLE_NAME: z.string().min(3).max(255).default(DEFAULT_TABLE_NAME),
  COFFER_AUDIENCE: z.string().min(1).default('coffer-api'),
  /** Access-token lifetime in seconds (default 900: 15 minutes). */
  COFFER_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(43_200).default(900),
  /** How long an unwrapped data key is reused in memory (default 300 s). */
  COFFER_DATA_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
  COFFER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * Trusted OpenID Connect issuers for users, as JSON: [{"issuer","audience","user_id_claim"?,
   * "email_claim"?,"jwks_uri"?,"typ"?}]. Default: none (only Coffer's own tokens are accepted).
   */
  COFFER_OIDC_ISSUERS: z
    .string()
    .default('[]')
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.strictObject({
          issuer: z.url(),
          audience: z.string().min(1),
          user_id_claim: z.string().min(1).optional(),
          email_claim: z.string().min(1).optional(),
          jwks_uri: z.url().optional(),
          typ: z.string().min(1).optional(),
        }),
      ),
    ),
  /** Days an audit event is kept before the table's TTL removes it (default 365). */
  COFFER_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /** Seconds a process reuses policies and locks it read (default 10); see access/authorizer.ts. */
  COFFER_POLICY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  ...signInSettings,
  /** Organizations one user may create by self-service (default 3); see directory/organizations.ts. */
  COFFER_ORGS_PER_USER: z.coerce.number().int().min(0).max(1000).default(3),
};

const LocalSchema = z
  .object({
    ...common,
    PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
    /** Interface to listen on; loopback by default so a laptop does not serve its secrets to the LAN. */
    COFFER_HOST: z.string().min(1).default('127.0.0.1'),
    COFFER_DATA_DIR: z.string().min(1).default('./.coffer'),
    /** The built web portal (`npm run build -w portal`), served at `/`; absent means API only. */
    COFFER_PORTAL_DIR: z.string().min(1).default('./portal/dist'),
    /** Users may create organizations themselves (on locally: one machine, its own people). */
    COFFER_ORG_SELF_SERVICE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
    /**
     * A DynamoDB-compatible endpoint to use instead of the embedded store (DynamoDB Local, or a
     * regional endpoint such as https://dynamodb.eu-west-1.amazonaws.com). Region and credentials
     * then come from the standard AWS chain (AWS_REGION, AWS_PROFILE, ...). Unset: embedded store.
     */
    COFFER_DYNAMODB_ENDPOINT: z.url().optional(),
    /** Public base URL, used as the token issuer. Default http://127.0.0.1:<PORT>. */
    COFFER_ISSUER: z.url().optional(),
    /** Seconds between scheduled sync runs (drift repair) for every connected app; 0 turns it off. */
    COFFER_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
    /**
     * Let tenant-chosen outbound addresses (sync destinations' base URLs, workload identity issuers
     * and their JWKS) use plain http and loopback addresses: tests and local development against
     * local servers. Off by default: such a URL would send credentials in clear or reach services on
     * Coffer's own machine. Private, link-local and metadata addresses stay refused either way.
     * `COFFER_SYNC_ALLOW_HTTP` is its former name, still accepted.
     */
    COFFER_ALLOW_LOOPBACK_HTTP: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    COFFER_SYNC_ALLOW_HTTP: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /** First retry delay of a failed sync job and of a failed destination request (doubles each time). */
    COFFER_SYNC_RETRY_BASE_MS: z.coerce.number().int().min(1).max(60_000).default(2000),
    /** Days before the local token-signing key is replaced (the old one stays valid for its tokens). */
    COFFER_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    COFFER_BOOTSTRAP_CLIENT_ID: z
      .string()
      .regex(/^[A-Za-z0-9._~-]{8,128}$/)
      .optional(),
    COFFER_BOOTSTRAP_CLIENT_SECRET: z
      .string()
      .min(32, 'COFFER_BOOTSTRAP_CLIENT_SECRET must be at least 32 characters')
      .max(512)
      .optional(),
    ...localSignInSettings,
  })
  .refine(
    (c) => (c.COFFER_BOOTSTRAP_CLIENT_ID === undefined) === (c.COFFER_BOOTSTRAP_CLIENT_SECRET === undefined),
    {
      message: 'set both COFFER_BOOTSTRAP_CLIENT_ID and COFFER_BOOTSTRAP_CLIENT_SECRET, or neither',
    },
  );

const LambdaSchema = z
  .object({
    ...common,
    COFFER_ISSUER: z.url(),
    /** KMS key (id or ARN) that wraps data keys. */
    COFFER_KMS_KEY_ID: z.string().min(1),
    /** Asymmetric KMS key (ECC_NIST_P256) that signs access tokens. */
    COFFER_SIGNING_KEY_ID: z.string().min(1),
    /**
     * Users may create organizations themselves. Off by default on AWS: a shared deployment decides
     * who its tenants are (an operator creates them) unless it opts in.
     */
    COFFER_ORG_SELF_SERVICE: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    /**
     * Signing keys rotated out, still published until their tokens expire, as JSON:
     * [{"key_id","retire_after"}] (retire_after: RFC 3339). Default: none.
     */
    COFFER_PREVIOUS_SIGNING_KEYS: z
      .string()
      .default('[]')
      .transform((raw) => JSON.parse(raw) as unknown)
      .pipe(z.array(z.strictObject({ key_id: z.string().min(1), retire_after: z.iso.datetime() }))),
    /** The SQS queue sync jobs go to (the sync worker consumes it). */
    COFFER_SYNC_QUEUE_URL: z.url(),
    /** The sync worker function, which the API asks for dry-run plans. Unset: plans are unavailable. */
    COFFER_SYNC_WORKER_FUNCTION: z.string().min(1).optional(),
    /** Secrets Manager secret holding the sign-in client secret (with COFFER_SIGNIN_ISSUER). */
    COFFER_SIGNIN_CLIENT_SECRET_ARN: z.string().min(1).optional(),
    /** Or: the Cognito user pool whose app client's secret the API reads (the stack's default pool). */
    COFFER_SIGNIN_COGNITO_USER_POOL_ID: z.string().min(1).optional(),
    AWS_REGION: z.string().min(1),
    /** Endpoint overrides the AWS SDKs honour too (tests point the table at a local store). */
    AWS_ENDPOINT_URL_DYNAMODB: z.url().optional(),
    AWS_ENDPOINT_URL: z.url().optional(),
  })
  .refine(
    (c) =>
      !c.COFFER_SIGNIN_ISSUER ||
      (c.COFFER_SIGNIN_CLIENT_ID !== undefined &&
        (c.COFFER_SIGNIN_CLIENT_SECRET_ARN === undefined) !==
          (c.COFFER_SIGNIN_COGNITO_USER_POOL_ID === undefined)),
    {
      message:
        'COFFER_SIGNIN_ISSUER needs COFFER_SIGNIN_CLIENT_ID and one of COFFER_SIGNIN_CLIENT_SECRET_ARN or COFFER_SIGNIN_COGNITO_USER_POOL_ID',
    },
  );

export type LocalConfig = Readonly<z.infer<typeof LocalSchema>> & { readonly issuer: string };
export type LambdaConfig = Readonly<z.infer<typeof LambdaSchema>>;

const fail = (error: z.ZodError): never => {
  const lines = error.issues.map((i) => `  ${i.path.join('.') || 'config'}: ${i.message}`);
  throw new Error(`invalid configuration:\n${lines.join('\n')}`);
};

export const parseLocalConfig = (env: Record<string, string | undefined>): LocalConfig => {
  const parsed = LocalSchema.safeParse(env);
  if (!parsed.success) return fail(parsed.error);
  const c = parsed.data;
  return Object.freeze({
    ...c,
    COFFER_ALLOW_LOOPBACK_HTTP: c.COFFER_ALLOW_LOOPBACK_HTTP || c.COFFER_SYNC_ALLOW_HTTP,
    issuer: c.COFFER_ISSUER ?? `http://127.0.0.1:${c.PORT}`,
  });
};

export const parseLambdaConfig = (env: Record<string, string | undefined>): LambdaConfig => {
  const parsed = LambdaSchema.safeParse(env);
  if (!parsed.success) return fail(parsed.error);
  return Object.freeze(parsed.data);
};
