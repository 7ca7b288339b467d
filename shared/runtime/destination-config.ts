import { ConnectionSchemas, TargetSchemas, describeIssues } from '../adapters/destinations/config.js';
import { CofferError } from '../domain/errors.js';
import type { DestinationKind } from '../domain/sync/destination.js';
import type { DestinationConfigValidator } from '../domain/sync/manage.js';
import { urlProblem, type OutboundPolicy } from '../adapters/http/safe-fetch.js';

/**
 * Validates integration connections and sync targets with each destination adapter's zod schema, and
 * refuses up front any URL in a connection (base URLs, endpoints, token URIs, vaults) that the
 * outbound policy would refuse at connect time.
 */
export const destinationConfigFor = (outbound: OutboundPolicy): DestinationConfigValidator => ({
  connection: (provider: DestinationKind, raw: unknown) => {
    const parsed = ConnectionSchemas[provider].safeParse(raw);
    if (!parsed.success)
      throw new CofferError(
        'INVALID_ARGUMENT',
        `invalid ${provider} connection: ${describeIssues(parsed.error)}`,
      );
    for (const [path, url] of urlsIn(parsed.data)) {
      const problem = urlProblem(url, outbound);
      if (problem)
        throw new CofferError('INVALID_ARGUMENT', `invalid ${provider} connection: ${path} ${problem}`);
    }
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
});

/** Production's rules: https only, no internal address. */
export const destinationConfig = destinationConfigFor({ allowLoopbackHttp: false });

/** Every string that looks like an http(s) URL, with its path in the connection. */
const urlsIn = (value: unknown, path = 'connection'): [string, string][] => {
  if (typeof value === 'string') return /^https?:\/\//i.test(value) ? [[path, value]] : [];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => urlsIn(v, `${path}.${k}`));
  return [];
};
