import * as oidc from 'openid-client';
import { CofferError } from '../../domain/errors.js';

/** Coffer as an OpenID Connect confidential client (the BFF of the portal). */
export interface RelyingPartyConfig {
  readonly issuer: string;
  readonly clientId: string;
  /** The secret, or how to fetch it once (Secrets Manager, Cognito) at the first sign-in. */
  readonly clientSecret: string | (() => Promise<string>);
  /** `{public URL}/auth/callback`, registered at the provider. */
  readonly redirectUri: string;
  /** Where the provider sends the browser after RP-initiated logout. */
  readonly postLogoutRedirectUri: string;
  readonly scopes: string;
  /**
   * A logout URL for providers whose discovery document has no `end_session_endpoint` (Amazon
   * Cognito's `/logout?client_id=..&logout_uri=..`). Used as given.
   */
  readonly logoutUrl?: string;
}

/** Who signed in, from the verified ID token. */
export interface SignedIn {
  readonly issuer: string;
  readonly subject: string;
  /** Lower-cased, present only when the provider did not say it is unverified. */
  readonly email?: string;
  readonly name?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Wraps `openid-client` (panva): discovery once per process (retried after a failure), the
 * authorization URL with PKCE (S256) and nonce, and the code exchange with state, nonce, PKCE and ID
 * token checks. A code can only be redeemed once at the provider; Coffer's login transaction is
 * single-use too, so a replayed callback fails before it reaches the provider.
 */
export class RelyingParty {
  #config?: Promise<oidc.Configuration>;

  /** Plain-http issuers are refused unless they are on loopback (the development provider). */
  constructor(readonly settings: RelyingPartyConfig) {
    const url = new URL(settings.issuer);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
      throw new Error(`sign-in issuer must use https (got ${settings.issuer})`);
  }

  get issuer() {
    return this.settings.issuer;
  }

  private configuration(): Promise<oidc.Configuration> {
    if (!this.#config) {
      const insecure = new URL(this.settings.issuer).protocol === 'http:';
      const secret = this.settings.clientSecret;
      this.#config = (typeof secret === 'string' ? Promise.resolve(secret) : secret())
        .then((clientSecret) =>
          oidc.discovery(
            new URL(this.settings.issuer),
            this.settings.clientId,
            clientSecret,
            oidc.ClientSecretBasic(clientSecret),
            { timeout: 5, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
          ),
        )
        .catch((e: unknown) => {
          this.#config = undefined;
          throw new CofferError('IDENTITY_PROVIDER_UNAVAILABLE', 'the identity provider cannot be reached', {
            cause: e,
          });
        });
    }
    return this.#config;
  }

  async authorizationUrl(t: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const config = await this.configuration();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state: t.state,
      nonce: t.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(t.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Redeems the code in `callbackUrl`; throws LOGIN_FAILED for any mismatch or refusal. */
  async finish(
    callbackUrl: URL,
    t: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignedIn> {
    const config = await this.configuration();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        expectedState: t.state,
        expectedNonce: t.nonce,
        pkceCodeVerifier: t.codeVerifier,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (e) {
      // The library's error code (never its message, which may echo the response) says why.
      const code = (e as { code?: unknown; error?: unknown }).error ?? (e as { code?: unknown }).code;
      throw new CofferError(
        'LOGIN_FAILED',
        `sign-in failed (${typeof code === 'string' ? code : 'refused'})`,
        {
          cause: e,
        },
      );
    }
    if (!claims) throw new CofferError('LOGIN_FAILED', 'sign-in failed (no ID token)');
    const email =
      typeof claims.email === 'string' && claims.email_verified !== false
        ? claims.email.toLowerCase()
        : undefined;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      ...(email ? { email } : {}),
      ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    };
  }

  /** Where to send the browser to end the session at the provider too; undefined if it cannot. */
  async logoutUrl(): Promise<string | undefined> {
    if (this.settings.logoutUrl) return this.settings.logoutUrl;
    const config = await this.configuration().catch(() => undefined);
    if (!config?.serverMetadata().end_session_endpoint) return undefined;
    return oidc
      .buildEndSessionUrl(config, {
        client_id: this.settings.clientId,
        post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      })
      .toString();
  }
}
