import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listOrganizations } from '../../../shared/domain/directory/organizations.js';
import { CofferError } from '../../../shared/domain/errors.js';
import { userIdFor } from '../../../shared/domain/identity/external-tokens.js';
import {
  endSession,
  hashSecret,
  LOGIN_TRANSACTION_SECONDS,
  newSecret,
  sessionEndsAt,
  startSession,
  type SessionRecord,
} from '../../../shared/domain/identity/sessions.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { unsafeOrgScope } from '../../../shared/domain/scope.js';
import type { Services, SignIn } from '../../../shared/runtime/services.js';
import type { AppEnv } from '../env.js';
import { errors, ok } from '../route-kit.js';
import {
  checkCsrf,
  clearSessionCookie,
  CSRF_HEADER,
  requestSession,
  sessionCookie,
  sessionDeps,
  setLoginCookie,
  setSessionCookie,
  takeLoginCookie,
} from './session-cookie.js';

/**
 * Audit operation names of the sign-in routes that are browser navigations, not API calls (not in
 * the OpenAPI document). GetSession and SignOut are documented, so the portal's typed client has
 * them; their operationIds name them.
 */
export const AUTH_OPERATIONS = {
  'GET /auth/config': 'GetSignInConfig',
  'GET /auth/login': 'SignIn',
  'GET /auth/callback': 'SignInCallback',
};

/** The browser session cookie (docs/SIGN-IN.md); with it, every call carries the CSRF header. */
const sessionAuth = [{ sessionCookie: [] }];

const Roles = z.array(z.string()).openapi({ description: 'Roles that apply at this level, sorted.' });
const SessionBody = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
    organizations: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        roles: Roles,
        projects: z.array(z.object({ id: z.string(), name: z.string(), roles: Roles })),
      }),
    ),
    session: z.object({
      created_at: z.string(),
      expires_at: z.string(),
      absolute_expires_at: z.string(),
      idle_timeout_seconds: z.number().int(),
    }),
  })
  .openapi('BrowserSession');
const SignOutBody = z
  .object({
    logout_url: z
      .string()
      .nullable()
      .openapi({ description: 'Navigate here to end the session at the identity provider too.' }),
  })
  .openapi('SignOutResponse');
/** Documented, not validated here: checkCsrf answers a missing or wrong header with 403 CSRF_CHECK_FAILED. */
const CsrfHeader = z.object({
  [CSRF_HEADER]: z
    .string()
    .optional()
    .openapi({ description: 'Send `1`; required with the session cookie (CSRF_CHECK_FAILED without it).' }),
});

const GetSession = createRoute({
  operationId: 'GetSession',
  summary: 'Who is signed in in this browser',
  description: 'The person, the organizations and projects they see, and when the session ends.',
  method: 'get',
  path: '/auth/session',
  tags: ['Sign-in'],
  security: sessionAuth,
  request: { headers: CsrfHeader },
  responses: { ...ok(SessionBody, 'the session'), ...errors },
});
const SignOut = createRoute({
  operationId: 'SignOut',
  summary: 'End this browser session',
  description: 'The old cookie is refused from then on, even if replayed.',
  method: 'post',
  path: '/auth/logout',
  tags: ['Sign-in'],
  security: sessionAuth,
  request: { headers: CsrfHeader },
  responses: { ...ok(SignOutBody, 'signed out'), ...errors },
});

/** A path on Coffer's own origin: one leading slash, no scheme-relative `//` or backslash tricks. */
const ReturnTo = z
  .string()
  .max(512)
  .regex(/^\/(?![/\\])[\x21-\x7e]*$/, 'return_to must be a path on this site')
  .default('/');

const signInOf = (services: Services): SignIn => {
  const s = services.signIn;
  if (!s) throw new CofferError('SIGN_IN_NOT_CONFIGURED', 'sign-in is not configured on this deployment');
  return s;
};

/**
 * The browser sign-in (BFF) routes: docs/SIGN-IN.md is their contract. The browser only ever holds
 * the session cookie; tokens from the identity provider stay on the server and are dropped once
 * the ID token has been verified.
 */
export const registerAuthRoutes = (app: OpenAPIHono<AppEnv>) => {
  app.get('/auth/config', (c) => {
    const s = signInOf(c.get('services'));
    return c.json({
      issuer: s.relyingParty.issuer,
      cli_client_id: s.cliClientId ?? null,
      login_path: '/auth/login',
      csrf_header: CSRF_HEADER,
    });
  });

  app.get('/auth/login', async (c) => {
    const s = signInOf(c.get('services'));
    const returnTo = ReturnTo.safeParse(c.req.query('return_to'));
    if (!returnTo.success) throw new CofferError('INVALID_ARGUMENT', 'return_to must be a path on this site');
    const tx = { state: newSecret(), nonce: newSecret(), codeVerifier: newSecret() };
    const url = await s.relyingParty.authorizationUrl(tx);
    const id = newSecret();
    const now = c.get('services').clock.now();
    await s.sessions.putLoginTransaction(
      hashSecret(id),
      { ...tx, returnTo: returnTo.data, createdAt: now.toISOString() },
      new Date(now.getTime() + LOGIN_TRANSACTION_SECONDS * 1000),
    );
    setLoginCookie(c, s, id, LOGIN_TRANSACTION_SECONDS);
    c.header('cache-control', 'no-store');
    return c.redirect(url.toString(), 302);
  });

  app.get('/auth/callback', async (c) => {
    const services = c.get('services');
    const s = signInOf(services);
    const id = takeLoginCookie(c, s);
    if (!id) throw new CofferError('LOGIN_FAILED', 'no sign-in is in progress in this browser; start again');
    const tx = await s.sessions.takeLoginTransaction(hashSecret(id));
    if (!tx)
      throw new CofferError('LOGIN_FAILED', 'this sign-in has expired or was already completed; start again');
    // The URL the provider redirected to, rebuilt on the registered redirect URI (never the Host header).
    const callback = new URL(s.relyingParty.settings.redirectUri);
    callback.search = new URL(c.req.url).search;
    const who = await s.relyingParty.finish(callback, tx);
    const principal: Principal = {
      id: userIdFor(who.issuer, who.subject),
      type: 'USER',
      name: who.email ?? who.subject,
      ...(who.email ? { email: who.email } : {}),
    };
    const { cookieValue } = await startSession(sessionDeps(services, s), s.policy, {
      principal,
      issuer: who.issuer,
      subject: who.subject,
    });
    c.set('principal', principal);
    setSessionCookie(c, s, cookieValue);
    c.header('cache-control', 'no-store');
    return c.redirect(tx.returnTo, 302);
  });

  app.openapi(SignOut, async (c) => {
    const services = c.get('services');
    const s = signInOf(services);
    checkCsrf(c, s);
    const value = sessionCookie(c, s);
    if (value !== undefined) {
      const live = await requestSession(c).catch(() => undefined);
      if (live) c.set('principal', live.principal);
      await endSession(s, value);
    }
    clearSessionCookie(c, s);
    return c.json({ logout_url: (await s.relyingParty.logoutUrl()) ?? null }, 200);
  });

  app.openapi(GetSession, async (c) => {
    const services = c.get('services');
    const s = signInOf(services);
    let session: SessionRecord | undefined;
    try {
      session = await requestSession(c);
    } catch (e) {
      if (e instanceof CofferError && e.code === 'SESSION_EXPIRED') clearSessionCookie(c, s);
      throw e;
    }
    if (!session) throw new CofferError('UNAUTHENTICATED', 'not signed in');
    c.set('principal', session.principal);
    c.header('cache-control', 'no-store');
    return c.json(await presentSession(services, s, session), 200);
  });
};

/** The session JSON of docs/SIGN-IN.md. */
const presentSession = async (services: Services, s: SignIn, session: SessionRecord) => {
  const p = session.principal;
  const orgs = await listOrganizations(services, p);
  const organizations = await Promise.all(
    orgs.map(async (o) => {
      // Listed unscoped, then each project authorized: a person granted on one project only sees it.
      const page = await services.directory.listProjects(unsafeOrgScope(o.id), { limit: 100 });
      const visible = await Promise.all(
        page.items.map((proj) =>
          services.authorizer.authorizeProject(p, { orgId: o.id, projectId: proj.id }, 'project.read').then(
            (a) => ({ id: proj.id, name: proj.name, roles: [...a.roles].sort() }),
            () => undefined,
          ),
        ),
      );
      const orgRoles = await services.authorizer.authorizeOrg(p, o.id, 'organization.read').then(
        (a) => [...a.roles].sort(),
        () => [],
      );
      return {
        id: o.id,
        name: o.name,
        roles: orgRoles,
        projects: visible.filter((v) => v !== undefined),
      };
    }),
  );
  return {
    user: { id: p.id, name: p.name, email: p.email ?? null },
    organizations,
    session: {
      created_at: session.createdAt,
      expires_at: sessionEndsAt(session, s.policy).toISOString(),
      absolute_expires_at: session.absoluteExpiresAt,
      idle_timeout_seconds: s.policy.idleSeconds,
    },
  };
};
