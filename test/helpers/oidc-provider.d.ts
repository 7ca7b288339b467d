/** The few parts of `oidc-provider` the tests use (the package ships no type declarations). */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export default class Provider {
    constructor(
      issuer: string,
      configuration: Record<string, unknown> & {
        extraTokenClaims?: (ctx: unknown, token: unknown) => Record<string, unknown>;
      },
    );
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
