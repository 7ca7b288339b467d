import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { closeLevelIteratorsOnReturn } from './close-level-iterators.js';

/**
 * The embedded DynamoDB-compatible server (dynalite): it speaks DynamoDB's real wire protocol, so
 * the production adapter runs against it unchanged. With `path` it persists to LevelDB files there;
 * without, it keeps data in memory (tests).
 */
export interface EmbeddedDynamo {
  readonly endpoint: string;
  close(): Promise<void>;
}

export const startEmbeddedDynamo = async (
  opts: { path?: string; port?: number } = {},
): Promise<EmbeddedDynamo> => {
  closeLevelIteratorsOnReturn();
  const server = dynalite({ path: opts.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(opts.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err?: Error) => (err ? reject(err) : resolve()));
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
};
