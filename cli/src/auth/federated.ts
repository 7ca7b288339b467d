import { makeApi, ok } from '../api/client.js';
import { CliError } from '../errors.js';
import { nodeFetch } from '../http.js';
import type { CachedToken } from './store.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

/** The job's OIDC token from GitHub Actions (needs `permissions: id-token: write`). */
export const githubActionsIdToken = async (env: NodeJS.ProcessEnv, audience: string): Promise<string> => {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer)
    throw new CliError(
      'NOT_LOGGED_IN',
      'no GitHub Actions OIDC token in this environment',
      'Run inside a GitHub Actions job with `permissions: id-token: write`.',
    );
  const u = new URL(url);
  u.searchParams.set('audience', audience);
  const res = await nodeFetch(u, {
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
  }).catch((e: unknown) => {
    throw new CliError('UNREACHABLE', 'cannot reach the GitHub Actions token service', undefined, {
      cause: e,
    });
  });
  const body = (await res.json().catch(() => ({}))) as { value?: string };
  if (!res.ok || !body.value)
    throw new CliError('AUTH_FAILED', `GitHub refused the OIDC token request (HTTP ${res.status})`);
  return body.value;
};

/** RFC 8693: the workload's token for a Coffer token of the service principal that trusts it. */
export const exchangeWorkloadToken = async (
  addr: string,
  resourceName: string,
  subjectToken: string,
): Promise<CachedToken> => {
  const body = await ok(
    makeApi(addr).POST('/oauth2/token', {
      body: {
        grant_type: TOKEN_EXCHANGE,
        subject_token: subjectToken,
        subject_token_type: JWT_TYPE,
        resource: resourceName,
      },
    }),
    `exchanging the workload token for ${resourceName}`,
  );
  return { access_token: body.access_token, expires_at: Date.now() + body.expires_in * 1000 };
};
