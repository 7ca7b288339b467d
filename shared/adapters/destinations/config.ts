/**
 * What an integration (a destination's *connection*: credentials and an optional API base URL) and
 * a sync (its *target*: where in the destination) hold, per provider, as zod schemas. The engine
 * validates both from here: `DestinationConfigSchema` for the pair, `ConnectionSchemas[provider]`
 * and `TargetSchemas[provider]` for one side (an integration is created before any sync).
 *
 * Base URL overrides (GitHub Enterprise Server, AWS VPC endpoints, sovereign clouds, the test
 * stand-ins) are checked again by each client: `https:` unless the factory allows plain HTTP.
 */
import { z } from 'zod';
import type { DestinationKind } from '../../domain/sync/destination.js';
import { MANAGED_BY_KEY } from './names.js';

const httpUrl = z.url({ protocol: /^https?$/ });
const nonEmpty = z.string().min(1);

// ---------- GitHub Actions ----------

export const GitHubConnectionSchema = z.strictObject({
  /** A fine-grained PAT or an installation token with Secrets (and Environments) write access. */
  token: nonEmpty,
  /** Default https://api.github.com; GitHub Enterprise Server: https://HOST/api/v3. */
  base_url: httpUrl.optional(),
});

const ghName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, ., _ and - only');

export const GitHubTargetSchema = z
  .strictObject({
    scope: z.enum(['repository', 'environment', 'organization']),
    /** The repository's owner, or the organization. */
    owner: ghName,
    repository: ghName.optional(),
    environment: z.string().min(1).max(255).optional(),
    /** Organization secrets only: which repositories see them. Default `private`. */
    visibility: z.enum(['all', 'private', 'selected']).optional(),
    /** With `visibility: selected`: the repository ids that see the secrets. */
    selected_repository_ids: z.array(z.number().int().positive()).max(1000).optional(),
  })
  .superRefine((t, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    if (t.scope !== 'organization' && t.repository === undefined) {
      issue('repository', `required for ${t.scope} scope`);
    }
    if (t.scope === 'organization' && t.repository !== undefined) {
      issue('repository', 'not used for organization scope');
    }
    if (t.scope === 'environment' && t.environment === undefined) issue('environment', 'required');
    if (t.scope !== 'environment' && t.environment !== undefined) {
      issue('environment', 'only for environment scope');
    }
    if (t.scope !== 'organization' && t.visibility !== undefined) {
      issue('visibility', 'only for organization scope');
    }
    if (t.selected_repository_ids !== undefined && t.visibility !== 'selected') {
      issue('selected_repository_ids', 'only with visibility "selected"');
    }
  });

// ---------- Vercel ----------

export const VERCEL_TARGETS = ['production', 'preview', 'development'] as const;

export const VercelConnectionSchema = z.strictObject({
  token: nonEmpty,
  /** Sent as `teamId` on every call; without it Vercel looks in the token owner's personal scope. */
  team_id: nonEmpty,
  /** Default https://api.vercel.com. */
  base_url: httpUrl.optional(),
});

export const VercelTargetSchema = z
  .strictObject({
    /** Project id (`prj_...`) or name. */
    project: z.string().min(1).max(100),
    targets: z
      .array(z.enum(VERCEL_TARGETS))
      .min(1)
      .transform((ts) => [...new Set(ts)]),
    /** `sensitive` values can never be read back, even in the dashboard. */
    type: z.enum(['encrypted', 'sensitive', 'plain']).default('encrypted'),
  })
  .superRefine((t, ctx) => {
    if (t.type === 'sensitive' && t.targets.includes('development')) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets'],
        message: 'sensitive variables can only target production and preview',
      });
    }
  });

// ---------- AWS Secrets Manager ----------

export const AwsConnectionSchema = z
  .strictObject({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as eu-west-1'),
    access_key_id: z
      .string()
      .regex(/^[A-Z0-9]{16,128}$/)
      .optional(),
    secret_access_key: nonEmpty.optional(),
    /** The customer's role Coffer assumes (with `external_id`): not implemented yet, see aws-secrets-manager.ts. */
    role_arn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/)
      .optional(),
    external_id: z
      .string()
      .regex(/^[\w+=,.@:/-]{2,1224}$/)
      .optional(),
    /** A VPC or FIPS endpoint, e.g. https://vpce-....secretsmanager.eu-west-1.vpce.amazonaws.com. */
    endpoint: httpUrl.optional(),
    /** STS endpoint for role assumption (VPC endpoints, sovereign partitions, tests). */
    sts_endpoint: httpUrl.optional(),
  })
  .superRefine((c, ctx) => {
    const keys = c.access_key_id !== undefined || c.secret_access_key !== undefined;
    if (keys && (c.access_key_id === undefined || c.secret_access_key === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['secret_access_key'], message: 'access keys come in pairs' });
    }
    if (keys === (c.role_arn !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['role_arn'],
        message: 'give either role_arn (with external_id) or access_key_id and secret_access_key',
      });
    }
    if (c.role_arn !== undefined && c.external_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['external_id'], message: 'required with role_arn' });
    }
    if (c.external_id !== undefined && c.role_arn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['external_id'], message: 'only with role_arn' });
    }
  });

export const AwsTargetSchema = z.strictObject({
  /** Prepended to every name; also what `list()` filters on. */
  name_prefix: z
    .string()
    .regex(/^[A-Za-z0-9/_+=.@-]{0,256}$/, 'AWS secret name characters only')
    .default('coffer/'),
  /** Extra tags on the secrets Coffer creates (it always adds managed-by: coffer). */
  tags: z
    .record(
      z
        .string()
        .min(1)
        .max(128)
        .refine((k) => !k.toLowerCase().startsWith('aws:'), 'the aws: prefix is reserved')
        .refine((k) => k !== MANAGED_BY_KEY, `${MANAGED_BY_KEY} is set by Coffer`),
      z.string().max(256),
    )
    .refine((tags) => Object.keys(tags).length <= 49, 'at most 49 tags (AWS allows 50, one is Coffer’s)')
    .optional(),
});

// ---------- GCP Secret Manager ----------

export const GcpServiceAccountKeySchema = z.looseObject({
  client_email: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'a service account e-mail'),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  /** Where the signed assertion is exchanged; https://oauth2.googleapis.com/token for Google. */
  token_uri: httpUrl,
  project_id: nonEmpty,
});

export const GcpConnectionSchema = z.strictObject({
  /** The service account's JSON key file, parsed. */
  service_account_key: GcpServiceAccountKeySchema,
  /** Default https://secretmanager.googleapis.com (regional or sovereign endpoints differ). */
  base_url: httpUrl.optional(),
});

export const GcpTargetSchema = z.strictObject({
  /** Project id or number. */
  project: z.string().regex(/^([a-z][a-z0-9-]{4,28}[a-z0-9]|\d{1,20})$/, 'a GCP project id or number'),
});

// ---------- Azure Key Vault ----------

export const AzureConnectionSchema = z.strictObject({
  tenant_id: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/, 'a tenant id or domain'),
  client_id: nonEmpty,
  client_secret: nonEmpty,
  /** Entra authority; sovereign clouds differ (https://login.microsoftonline.us, ...). */
  authority_host: httpUrl.default('https://login.microsoftonline.com'),
  /** https://VAULT.vault.azure.net (or .vault.azure.cn, .vault.usgovcloudapi.net). */
  vault_url: httpUrl,
});

export const AzureTargetSchema = z.strictObject({
  /** Prepended to every (mapped) name: letters, digits and `-`. */
  name_prefix: z
    .string()
    .regex(/^[0-9A-Za-z-]{0,63}$/, 'letters, digits and - only')
    .optional(),
});

// ---------- by provider ----------

export const ConnectionSchemas = {
  github: GitHubConnectionSchema,
  vercel: VercelConnectionSchema,
  aws: AwsConnectionSchema,
  gcp: GcpConnectionSchema,
  azure: AzureConnectionSchema,
} as const satisfies Record<DestinationKind, z.ZodType>;

export const TargetSchemas = {
  github: GitHubTargetSchema,
  vercel: VercelTargetSchema,
  aws: AwsTargetSchema,
  gcp: GcpTargetSchema,
  azure: AzureTargetSchema,
} as const satisfies Record<DestinationKind, z.ZodType>;

/** An integration's connection and a sync's target together, discriminated by `provider`. */
export const DestinationConfigSchema = z.discriminatedUnion('provider', [
  z.strictObject({
    provider: z.literal('github'),
    connection: GitHubConnectionSchema,
    target: GitHubTargetSchema,
  }),
  z.strictObject({
    provider: z.literal('vercel'),
    connection: VercelConnectionSchema,
    target: VercelTargetSchema,
  }),
  z.strictObject({ provider: z.literal('aws'), connection: AwsConnectionSchema, target: AwsTargetSchema }),
  z.strictObject({ provider: z.literal('gcp'), connection: GcpConnectionSchema, target: GcpTargetSchema }),
  z.strictObject({
    provider: z.literal('azure'),
    connection: AzureConnectionSchema,
    target: AzureTargetSchema,
  }),
]);

export type GitHubConnection = z.output<typeof GitHubConnectionSchema>;
export type GitHubTarget = z.output<typeof GitHubTargetSchema>;
export type VercelConnection = z.output<typeof VercelConnectionSchema>;
export type VercelTarget = z.output<typeof VercelTargetSchema>;
export type AwsConnection = z.output<typeof AwsConnectionSchema>;
export type AwsTarget = z.output<typeof AwsTargetSchema>;
export type GcpConnection = z.output<typeof GcpConnectionSchema>;
export type GcpTarget = z.output<typeof GcpTargetSchema>;
export type AzureConnection = z.output<typeof AzureConnectionSchema>;
export type AzureTarget = z.output<typeof AzureTargetSchema>;
export type DestinationConfig = z.output<typeof DestinationConfigSchema>;
export type DestinationConfigInput = z.input<typeof DestinationConfigSchema>;

/**
 * Issue paths and messages only: never the received values, since a connection is credentials.
 * (zod's messages name expected types and formats, not inputs.)
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
