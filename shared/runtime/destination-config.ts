import { ConnectionSchemas, TargetSchemas, describeIssues } from '../adapters/destinations/config.js';
import { CofferError } from '../domain/errors.js';
import type { DestinationKind } from '../domain/sync/destination.js';
import type { DestinationConfigValidator } from '../domain/sync/manage.js';

/** Validates integration connections and sync targets with each destination adapter's zod schema. */
export const destinationConfig: DestinationConfigValidator = {
  connection: (provider: DestinationKind, raw: unknown) => {
    const parsed = ConnectionSchemas[provider].safeParse(raw);
    if (!parsed.success)
      throw new CofferError(
        'INVALID_ARGUMENT',
        `invalid ${provider} connection: ${describeIssues(parsed.error)}`,
      );
    return parsed.data;
  },
  target: (provider: DestinationKind, raw: unknown) => {
    const parsed = TargetSchemas[provider].safeParse(raw);
    if (!parsed.success)
      throw new CofferError(
        'INVALID_ARGUMENT',
        `invalid ${provider} target: ${describeIssues(parsed.error)}`,
      );
    return parsed.data as Record<string, unknown>;
  },
};
