import { z } from 'zod';

/**
 * Settings of people's sign-in (browser sessions, docs/SIGN-IN.md), part of shared/config.ts.
 * Sign-in is on when COFFER_SIGNIN_ISSUER is set, or locally when the development provider runs.
 */
export const signInSettings = {
  /**
   * Public base URL of Coffer as browsers reach it (https, or http on loopback). The callback is
   * `{url}/auth/callback`, its origin is the only one allowed to use a session, and https selects
   * the `__Host-` cookie. Locally the default is the server's own URL.
   */
  COFFER_PUBLIC_URL: z.url().optional(),
  /** The OpenID Connect provider people sign in with (Okta, Entra ID, Google, Auth0, Cognito...). */
  COFFER_SIGNIN_ISSUER: z.url().optional(),
  /** Coffer's confidential client id at that provider. */
  COFFER_SIGNIN_CLIENT_ID: z.string().min(1).optional(),
  COFFER_SIGNIN_SCOPES: z.string().min(1).default('openid email profile'),
  /** A logout URL for providers with no `end_session_endpoint` (Cognito's /logout). */
  COFFER_SIGNIN_LOGOUT_URL: z.url().optional(),
  /** The provider's public client for the CLI (`coffer login`), advertised at GET /auth/config. */
  COFFER_SIGNIN_CLI_CLIENT_ID: z.string().min(1).optional(),
  /** More origins allowed to use a session (comma-separated), e.g. a portal dev server. */
  COFFER_SIGNIN_EXTRA_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /** A session unused this long ends (default 1800: 30 minutes). */
  COFFER_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
  /** A session ends this long after sign-in (default 43200: 12 hours). */
  COFFER_SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(300).max(604_800).default(43_200),
  /** How often the idle timer is reset and memberships rechecked (default 60 s). */
  COFFER_SESSION_TOUCH_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
};

export const localSignInSettings = {
  /** The sign-in client's secret when COFFER_SIGNIN_ISSUER names an external provider. */
  COFFER_SIGNIN_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * The embedded development OpenID Connect provider under /dev-oidc (functions/local/dev-oidc/).
   * On by default unless COFFER_SIGNIN_ISSUER names another provider. Never deployed.
   */
  COFFER_DEV_OIDC: z.enum(['auto', 'true', 'false']).default('auto'),
  /** The development user's e-mail (default admin@coffer.local). */
  COFFER_DEV_USER_EMAIL: z.email().optional(),
  /** The development user's password (default: generated at first start and printed once). */
  COFFER_DEV_USER_PASSWORD: z
    .string()
    .min(12, 'COFFER_DEV_USER_PASSWORD must be at least 12 characters')
    .max(256)
    .optional(),
};
