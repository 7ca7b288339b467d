import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';

export interface OidcIssuer {
  issuer: string;
  /** The issuer's private signing key, for crafting hostile tokens in tests. */
  signingJwk: JWK & { kid: string };
  /** A real access token (JWT, `typ: at+jwt`) for a client, via the client credentials grant. */
  token(clientId: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on loopback. Its clients stand in for
 * users: `sub` is the client id and `email` comes from the client list.
 */
export const startOidcIssuer = async (opts: {
  audience: string;
  clients: { id: string; email?: string; claims?: Record<string, unknown> }[];
}): Promise<OidcIssuer> => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingJwk = {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: 'test-key-1',
    alg: 'ES256',
    use: 'sig',
  };
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const byId = new Map(opts.clients.map((c) => [c.id, c]));
  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      client_id: c.id,
      client_secret: `${c.id}-secret-${'x'.repeat(24)}`,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      id_token_signed_response_alg: 'ES256',
    })),
    jwks: { keys: [signingJwk] },
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'https://coffer.test/api',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api',
          audience: opts.audience,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 300,
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx, token) => {
      const client = byId.get(String((token as { clientId?: string }).clientId));
      return { ...(client?.email ? { email: client.email, email_verified: true } : {}), ...client?.claims };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    signingJwk,
    token: async (clientId) => {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret-${'x'.repeat(24)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api' }),
      });
      const body = (await res.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token)
        throw new Error(`oidc-provider refused: ${res.status} ${body.error_description}`);
      return body.access_token;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};
