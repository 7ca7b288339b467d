import { z } from '@hono/zod-openapi';
import { AppName, ResourceId, SecretName, VersionNumber } from '../../../shared/domain/names.js';

/**
 * Building blocks shared by the HCP-shaped schemas. JSON types follow HCP's generated Go client
 * (docs/API.md): an int64 is a JSON number here, never a string.
 */

/** A 64-bit integer that travels as a JSON number (HCP's `format: int64`). */
export const Int64 = z.number().int().openapi({ type: 'integer', format: 'int64' });
/** A 32-bit integer (HCP's `format: int32`). */
export const Int32 = z.number().int().openapi({ type: 'integer', format: 'int32' });
export const Timestamp = z.string().openapi({ format: 'date-time' });

/** Who created or changed a resource (HCP's Secrets20231128Principal). */
export const Principal = z
  .object({ name: z.string(), type: z.string(), email: z.string().optional() })
  .openapi('Principal');

/**
 * A list field in a request. HCP's Go client always sends list fields, as `null` when unset, so
 * `null` is accepted and means "not given".
 */
export const requestList = <T extends z.ZodType>(item: T) => z.array(item).nullish();

// ---- path parameters ----
export const OrgParams = z.object({
  organization_id: ResourceId.openapi({ param: { name: 'organization_id', in: 'path' } }),
});
export const ProjectParams = OrgParams.extend({
  project_id: ResourceId.openapi({ param: { name: 'project_id', in: 'path' } }),
});
export const AppParams = ProjectParams.extend({
  app_name: AppName.openapi({ param: { name: 'app_name', in: 'path' } }),
});
export const SecretParams = AppParams.extend({
  secret_name: SecretName.openapi({ param: { name: 'secret_name', in: 'path' } }),
});
export const VersionParams = SecretParams.extend({
  version: VersionNumber.openapi({
    param: { name: 'version', in: 'path' },
    type: 'integer',
    format: 'int64',
  }),
});
export const IdParams = z.object({ id: ResourceId.openapi({ param: { name: 'id', in: 'path' } }) });

// ---- pagination ----
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

const pageToken = (name: string) =>
  z
    .string()
    .max(2048)
    .optional()
    .openapi({ param: { name, in: 'query' } });

/** HCP's CommonPaginationRequest as query parameters; `page_size` 0 or absent means the default. */
export const PageQuery = z.object({
  'pagination.page_size': z.coerce
    .number()
    .int('page_size must be an integer')
    .min(0)
    .max(MAX_PAGE_SIZE)
    .optional()
    .openapi({
      param: { name: 'pagination.page_size', in: 'query' },
      type: 'integer',
      format: 'int64',
      description: `0 or absent: ${DEFAULT_PAGE_SIZE}; at most ${MAX_PAGE_SIZE}`,
    }),
  'pagination.next_page_token': pageToken('pagination.next_page_token'),
  'pagination.previous_page_token': pageToken('pagination.previous_page_token'),
});
export type PageQueryT = z.infer<typeof PageQuery>;

export const Pagination = z
  .object({ next_page_token: z.string(), previous_page_token: z.string() })
  .openapi('Pagination');

export const NameContains = (what: string, pattern: RegExp) =>
  z
    .string()
    .max(64)
    .regex(pattern, `name_contains may only hold characters allowed in ${what} names`)
    .optional()
    .openapi({ param: { name: 'name_contains', in: 'query' } });

/** A repeatable query parameter (`types=kv&types=rotating`). */
export const RepeatedQuery = (name: string) =>
  z
    .preprocess(
      (v) => (v === undefined || Array.isArray(v) ? v : [v]),
      z.array(z.string().max(32)).max(10).optional(),
    )
    .openapi({ param: { name, in: 'query', style: 'form', explode: true } });

export const Empty = z.object({}).openapi('Empty');
