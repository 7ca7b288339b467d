import { z } from '@hono/zod-openapi';
import { SecretName, SecretValue } from '../../../shared/domain/names.js';
import { MAX_BATCH } from '../../../shared/domain/secrets/bulk-write.js';
import {
  Int64,
  NameContains,
  PageQuery,
  Pagination,
  Principal,
  RepeatedQuery,
  requestList,
  Timestamp,
} from './common.js';

/** Static secrets and their versions in HCP's shapes, and the bodies HCP's Go client sends. */

export const SecretStaticVersion = z
  .object({ version: Int64, created_at: Timestamp, created_by: Principal })
  .openapi('SecretStaticVersion');
export const OpenSecretStaticVersion = z
  .object({ version: Int64, created_at: Timestamp, created_by_id: z.string(), value: z.string() })
  .openapi('OpenSecretStaticVersion');

const SyncStatus = z
  .object({ status: z.string(), last_error_code: z.string(), updated_at: Timestamp })
  .openapi('SyncStatus');
const common = {
  name: z.string(),
  type: z.string().openapi({ description: 'Always `kv`: Coffer stores static secrets only.' }),
  provider: z.string(),
  latest_version: Int64,
  created_at: Timestamp,
  sync_status: z.record(z.string(), SyncStatus),
};
export const Secret = z
  .object({
    ...common,
    version_count: z
      .string()
      .openapi({ description: 'Versions kept, as a decimal string (as HCP sends it).' }),
    created_by: Principal,
    static_version: SecretStaticVersion,
  })
  .openapi('Secret');
export const OpenSecret = z
  .object({ ...common, created_by_id: z.string(), static_version: OpenSecretStaticVersion })
  .openapi('OpenSecret');

/** Coffer's check-and-set; a number like HCP's versions, or the decimal string earlier releases took. */
const ExpectedVersion = z
  .union([
    z
      .number()
      .int()
      .min(0)
      .max(2 ** 31),
    z.string().regex(/^(0|[1-9][0-9]{0,9})$/, 'expected_version must be a non-negative integer'),
  ])
  .transform(Number)
  .openapi({
    type: 'integer',
    format: 'int64',
    description: 'Coffer addition. 0: the secret must not exist yet; N: its latest version must be N.',
  });

export const CreateAppKVSecretBody = z
  .strictObject({ name: SecretName, value: SecretValue, expected_version: ExpectedVersion.optional() })
  .openapi('CreateAppKVSecretRequest');

export const BulkCreateAppKVSecretsBody = z
  .strictObject({
    secrets: requestList(z.strictObject({ name: SecretName, value: SecretValue }))
      .refine((v) => !!v && v.length > 0, 'secrets must not be empty')
      .refine((v) => !v || v.length <= MAX_BATCH, `at most ${MAX_BATCH} secrets per batch`),
    conflicts: z.enum(['FAIL', 'UPDATE']).optional().openapi({ description: 'Default FAIL.' }),
  })
  .openapi('BulkCreateAppKVSecretsRequest');

export const ListSecretsQuery = PageQuery.extend({
  name_contains: NameContains('secret', /^[A-Za-z0-9_]*$/),
  types: RepeatedQuery('types'),
});

export const SecretResponse = z.object({ secret: Secret });
export const OpenSecretResponse = z.object({ secret: OpenSecret });
export const SecretsResponse = z.object({ secrets: z.array(Secret) });
export const ListSecretsResponse = z.object({ secrets: z.array(Secret), pagination: Pagination });
export const OpenSecretsResponse = z.object({ secrets: z.array(OpenSecret), pagination: Pagination });
export const ListVersionsResponse = z.object({
  type: z.string(),
  static_versions: z.object({ versions: z.array(SecretStaticVersion) }),
  pagination: Pagination,
});
export const ListOpenVersionsResponse = z.object({
  type: z.string(),
  static_versions: z.object({ versions: z.array(OpenSecretStaticVersion) }),
  pagination: Pagination,
});
export const VersionResponse = z.object({ type: z.string(), static_version: SecretStaticVersion });
export const OpenVersionResponse = z.object({ type: z.string(), static_version: OpenSecretStaticVersion });
