import { z } from '@hono/zod-openapi';
import { Description } from '../../../shared/domain/names.js';
import { AppName } from '../../../shared/domain/names.js';
import { Int32, NameContains, PageQuery, Pagination, Principal, requestList, Timestamp } from './common.js';

/** Apps: HCP's Secrets20231128App and the request bodies its Go client sends. */

export const App = z
  .object({
    name: z.string(),
    description: z.string(),
    organization_id: z.string(),
    project_id: z.string(),
    resource_id: z.string(),
    resource_name: z.string(),
    secret_count: Int32,
    sync_names: z.array(z.string()),
    created_at: Timestamp,
    created_by: Principal,
    updated_at: Timestamp,
    updated_by: Principal,
  })
  .openapi('App');

const SyncName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,35}$/, 'sync names are 3-36 characters of a-z, 0-9 and -');
const SyncNames = requestList(SyncName)
  .refine((v) => !v || v.length <= 20, 'at most 20 syncs per app')
  .openapi({ description: 'Connect the app to exactly these syncs; `null` leaves them as they are.' });

export const CreateAppBody = z
  .strictObject({ name: AppName, description: Description.optional(), sync_names: SyncNames })
  .openapi('CreateAppRequest');

export const UpdateAppBody = z
  .strictObject({ description: Description.optional(), sync_names: SyncNames })
  .openapi('UpdateAppRequest');

export const ListAppsQuery = PageQuery.extend({
  name_contains: NameContains('app', /^[a-z0-9-]*$/),
});

export const AppResponse = z.object({ app: App });
export const ListAppsResponse = z.object({ apps: z.array(App), pagination: Pagination });
