import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { Principal } from '../principal.js';
import type { ClientKey } from '../records.js';
import type { PrincipalStore } from '../stores.js';
import type { AccessTokens } from './access-tokens.js';
import { clientSecretMatches, hashClientSecret } from './client-credentials.js';

/** Compared against when the client id is unknown, so both paths do the same work. */
const DUMMY_HASH = hashClientSecret('coffer-unknown-client');

/**
 * The brute-force brake on `/oauth2/token`. Failed logins are counted per client id in fixed
 * windows of LOGIN_WINDOW_SECONDS; once MAX_FAILED_LOGINS failed in the current window, a wrong
 * secret is answered 429 with Retry-After (the end of the window) and is not counted any further.
 *
 * The right secret is always accepted, even while the client id is throttled: an attacker who knows
 * only the client id cannot lock the real client out, not even for one window. What the brake buys
 * is bounded work and a clear signal (429s in the audit trail, alarms) rather than secrecy: Coffer's
 * client secrets are 256-bit random values (the local bootstrap's, if chosen, at least 32
 * characters), which no online guessing rate could find.
 *
 * State: the count lives on the client key's own item (already read, strongly consistent, by every
 * login), so every Lambda instance sees the same count and a throttled attempt costs no write. Unknown
 * client ids have no item: they get the same answers from a bounded in-memory counter, so the
 * throttle does not reveal which client ids exist (per instance only, which is enough for that).
 */
export const MAX_FAILED_LOGINS = 10;
export const LOGIN_WINDOW_SECONDS = 60;
/** Unknown client ids remembered per process; the oldest is forgotten first. */
const MAX_UNKNOWN_TRACKED = 10_000;

export class LoginThrottle {
  readonly #unknown = new Map<string, { window: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  /** The current window's start (seconds since the epoch) and when it ends. */
  window(): { start: number; retryAfter: number } {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const start = now - (now % LOGIN_WINDOW_SECONDS);
    return { start, retryAfter: Math.max(1, start + LOGIN_WINDOW_SECONDS - now) };
  }

  /** Failed logins counted in the current window for this key or unknown client id. */
  failures(key: ClientKey | undefined, clientId: string, window: number): number {
    const state = key ? key.failedLogins : this.#unknown.get(clientId);
    return state && state.window === window ? state.count : 0;
  }

  async recordFailure(
    principals: PrincipalStore,
    key: ClientKey | undefined,
    clientId: string,
    window: number,
  ): Promise<void> {
    if (key) {
      await principals.recordFailedLogin(key, window);
      return;
    }
    const count = this.failures(undefined, clientId, window) + 1;
    this.#unknown.delete(clientId);
    this.#unknown.set(clientId, { window, count });
    if (this.#unknown.size > MAX_UNKNOWN_TRACKED) {
      this.#unknown.delete(this.#unknown.keys().next().value as string);
    }
  }
}

/** OAuth 2.0 client credentials grant: a service principal's key for a short-lived access token. */
export const loginWithClientCredentials = async (
  deps: { principals: PrincipalStore; tokens: AccessTokens; loginThrottle: LoginThrottle },
  clientId: string,
  clientSecret: string,
  /** Told the key's organization as soon as it is known, so even a failed login is audited there. */
  onOrganization: (orgId: string) => void = () => undefined,
) => {
  const key = await deps.principals.findClientKey(clientId);
  if (key) onOrganization(key.orgId);
  const ok = clientSecretMatches(clientSecret, key?.secretHash ?? DUMMY_HASH);
  if (!key || !ok) {
    const throttle = deps.loginThrottle;
    const { start, retryAfter } = throttle.window();
    if (throttle.failures(key, clientId, start) >= MAX_FAILED_LOGINS) {
      throw new CofferError('LOGIN_THROTTLED', 'too many failed logins for this client; retry later', {
        retryAfterSeconds: retryAfter,
      });
    }
    await throttle.recordFailure(deps.principals, key, clientId, start);
    throw new CofferError('INVALID_CLIENT', 'client authentication failed');
  }
  const principal: Principal = {
    id: key.principalId,
    type: 'SERVICE',
    name: key.principalName,
    clientId: key.clientId,
    ...(key.principalProjectId ? { projectId: key.principalProjectId } : {}),
  };
  return { ...(await deps.tokens.issue(principal)), principal, orgId: key.orgId };
};
