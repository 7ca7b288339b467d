import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { makeApi, ok } from '../api/client.js';
import type { UserTokens } from '../auth/oidc.js';
import { clientCredentialsToken, connect } from '../auth/session.js';
import {
  deleteCredentials,
  saveCredentials,
  type SecretStore,
  type StoredCredentials,
} from '../auth/store.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import { nodeFetch } from '../http.js';
import { readSecretValue } from '../input.js';
import { maskForActions } from '../mask.js';
import { render } from '../output.js';
import { contextOf, examples } from './common.js';

const storedNotice = (ctx: Context, store: SecretStore) => {
  if (store.kind === 'file')
    ctx.notice(`No OS keychain here: credentials kept in ${store.where} (readable only by you, mode 0600).`);
};

const openBrowser = (url: string) => {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(cmd, [url], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  } catch {
    /* no browser: the URL is printed anyway */
  }
};

interface LoginFlags {
  clientId?: string;
  issuer?: string;
  oidcClientId?: string;
  scope?: string;
  device?: boolean;
  paste?: boolean;
  browser: boolean;
  federatedProvider?: string;
  audience?: string;
}

/**
 * Which provider and public client a person signs in with: --issuer / --oidc-client-id, the
 * COFFER_OIDC_* variables, else what Coffer itself advertises at GET /auth/config (docs/SIGN-IN.md).
 */
const signInProvider = async (ctx: Context, f: LoginFlags): Promise<{ issuer: string; clientId: string }> => {
  const issuer = f.issuer ?? ctx.env.COFFER_OIDC_ISSUER;
  const clientId = f.oidcClientId ?? ctx.env.COFFER_OIDC_CLIENT_ID;
  if (issuer) return { issuer, clientId: clientId ?? 'coffer-cli' };
  const res = await nodeFetch(`${ctx.addr}/auth/config`, { headers: { accept: 'application/json' } }).catch(
    (e: unknown) => {
      throw new CliError(
        'UNREACHABLE',
        `cannot reach Coffer at ${ctx.addr}`,
        'Check --addr / COFFER_ADDR, or name the provider with --issuer URL.',
        { cause: e },
      );
    },
  );
  const config = (await res.json().catch(() => ({}))) as { issuer?: unknown; cli_client_id?: unknown };
  if (!res.ok || typeof config.issuer !== 'string')
    throw new CliError(
      'CONFIG',
      `${ctx.addr} does not sign people in (GET /auth/config: HTTP ${res.status})`,
      'Pass --issuer URL (your OpenID Connect issuer), or sign in as a service principal with --client-id.',
    );
  const advertised = typeof config.cli_client_id === 'string' ? config.cli_client_id : undefined;
  return { issuer: config.issuer, clientId: clientId ?? advertised ?? 'coffer-cli' };
};

const loginPerson = async (ctx: Context, f: LoginFlags): Promise<StoredCredentials> => {
  const ssh = !!ctx.env.SSH_CONNECTION || !!ctx.env.SSH_TTY;
  const paste = !f.device && (f.paste || ssh);
  // The loopback and device flows need a person at a browser, not at this process's stdin; only
  // pasting the address back reads the terminal.
  if (ctx.inCI || (paste && !ctx.interactive))
    throw new CliError(
      'INPUT_REQUIRED',
      ctx.inCI ? 'a person cannot sign in from CI' : 'pasting the sign-in address needs a terminal',
      'In scripts use --client-id, COFFER_CLIENT_ID/SECRET or COFFER_TOKEN; in GitHub Actions --federated-provider.',
    );
  const { issuer, clientId } = await signInProvider(ctx, f);
  const show = (text: string) => process.stderr.write(`${text}\n`);
  // Sign-in code (an HTTP server, prompts) is loaded only by the login that uses it.
  const { loginWithDeviceCode, loginWithPkce } = await import('../auth/oidc.js');
  const { createInterface } = await import('node:readline/promises');
  let tokens: UserTokens;
  if (f.device) tokens = await loginWithDeviceCode({ issuer, clientId, scope: f.scope, show });
  else {
    tokens = await loginWithPkce({
      issuer,
      clientId,
      scope: f.scope,
      show: (url) => {
        show(`Open this address to sign in:\n\n  ${url}\n`);
        if (f.browser && !paste) openBrowser(url);
      },
      ...(paste
        ? {
            paste: async (q) => {
              const rl = createInterface({ input: process.stdin, output: process.stderr });
              try {
                return await rl.question(q);
              } finally {
                rl.close();
              }
            },
          }
        : {}),
    });
  }
  return {
    kind: 'user',
    issuer,
    client_id: clientId,
    ...(tokens.refresh_token ? { refresh_token: tokens.refresh_token } : {}),
    cache_seed: randomBytes(32).toString('base64'),
    token: tokens.token,
  };
};

const login = async (ctx: Context, f: LoginFlags) => {
  let creds: StoredCredentials;
  if (f.federatedProvider) {
    const { exchangeWorkloadToken, githubActionsIdToken } = await import('../auth/federated.js');
    const subject = await githubActionsIdToken(ctx.env, f.audience ?? f.federatedProvider);
    maskForActions(ctx, [subject]);
    const token = await exchangeWorkloadToken(ctx.addr, f.federatedProvider, subject);
    maskForActions(ctx, [token.access_token]);
    creds = {
      kind: 'federated',
      resource_name: f.federatedProvider,
      token,
      cache_seed: randomBytes(32).toString('base64'),
    };
  } else if (f.clientId) {
    const secret = ctx.env.COFFER_CLIENT_SECRET ?? (await readSecretValue(ctx, 'Client secret'));
    if (!secret)
      throw new CliError('USAGE', 'empty client secret', 'Pipe it on stdin or set COFFER_CLIENT_SECRET.');
    const token = await clientCredentialsToken(ctx.addr, f.clientId, secret);
    creds = { kind: 'client', client_id: f.clientId, client_secret: secret, token };
  } else creds = await loginPerson(ctx, f);
  const store = await saveCredentials(ctx.env, ctx.addr, creds);
  storedNotice(ctx, store);
  const who = await ok(
    makeApi(ctx.addr, creds.token?.access_token).GET('/iam/2019-12-10/caller-identity'),
    'checking the sign-in',
  );
  ctx.notice(
    `Signed in to ${ctx.addr} as ${principalName(who.principal)} (${who.principal.type.toLowerCase()}).`,
  );
};

export const registerAuth = (program: Command) => {
  program
    .command('login')
    .description('Sign in: a person through their browser (OIDC + PKCE), a service principal, or a CI job')
    .option(
      '--client-id <id>',
      'sign in as a service principal; the secret comes from stdin or COFFER_CLIENT_SECRET',
    )
    .option(
      '--issuer <url>',
      'OpenID Connect issuer for a person (or COFFER_OIDC_ISSUER; default: the one Coffer names at /auth/config)',
    )
    .option(
      '--oidc-client-id <id>',
      'public client registered for the CLI at the issuer (or COFFER_OIDC_CLIENT_ID)',
    )
    .option(
      '--scope <scopes>',
      'scopes to ask the issuer for (default: openid email offline_access, and coffer where the issuer offers it)',
    )
    .option('--device', 'use the device flow (enter a code on another device)')
    .option('--paste', 'paste the address the browser ends on instead of a loopback redirect (SSH sessions)')
    .option('--no-browser', 'print the sign-in address without opening a browser')
    .option(
      '--federated-provider <resource-name>',
      "GitHub Actions: exchange the job's OIDC token for this workload identity provider",
    )
    .option('--audience <aud>', 'audience to request for the job token (default: the provider resource name)')
    .addHelpText(
      'after',
      examples(
        'coffer login                                      # a person, in the browser (the provider Coffer names)',
        'coffer login --no-browser                         # print the address instead of opening a browser',
        'coffer login --issuer https://id.example.com      # another OpenID Connect provider',
        'printf %s "$SECRET" | coffer login --client-id sp-1234',
        'coffer login --federated-provider iam/project/p/service-principal/ci/workload-identity-provider/gh',
        '# scripts can skip login: COFFER_CLIENT_ID + COFFER_CLIENT_SECRET, or COFFER_TOKEN',
      ),
    )
    .action(async (f: LoginFlags, cmd: Command) => login(contextOf(cmd), f));

  program
    .command('logout')
    .description('Forget the credentials stored for this Coffer address')
    .addHelpText('after', examples('coffer logout', 'coffer logout --addr https://coffer.example.com'))
    .action(async (_f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      await deleteCredentials(ctx.env, ctx.addr);
      ctx.notice(`Signed out of ${ctx.addr}.`);
    });

  program
    .command('whoami')
    .description('Show who the CLI acts as, and how it signed in')
    .addHelpText('after', examples('coffer whoami', 'coffer whoami -o json'))
    .action(async (_f: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const { api, principal } = await connect(ctx);
      const who = await ok(api.GET('/iam/2019-12-10/caller-identity'), 'asking who you are');
      const via = {
        COFFER_TOKEN: 'COFFER_TOKEN',
        COFFER_CLIENT_ID: 'COFFER_CLIENT_ID/SECRET',
        login: 'coffer login',
      }[principal.source];
      render(
        ctx,
        { ...who, addr: ctx.addr, via },
        [
          {
            name: principalName(who.principal),
            type: who.principal.type,
            id: who.principal.id,
            addr: ctx.addr,
            via,
          },
        ],
        ['name', 'type', 'id', 'addr', 'via'],
      );
    });
};

/** HCP's caller identity names a service principal in `service`, a person in `user`. */
const principalName = (p: { id: string; service?: { name?: string }; user?: { full_name?: string } }) =>
  p.service?.name ?? p.user?.full_name ?? p.id;
