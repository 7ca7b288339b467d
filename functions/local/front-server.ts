import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The local process's HTTP server, listening before the API is built: the development identity
 * provider's issuer is `{URL}/dev-oidc`, so the port must be known (PORT=0 picks one) before the
 * services that trust that issuer exist. Until `attach`, requests get 503.
 */
export const listenFront = async (port: number, host: string) => {
  let handler: NodeHandler | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' });
    res.end('starting');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    attach: (h: NodeHandler) => {
      handler = h;
    },
  };
};
