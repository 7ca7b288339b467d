import { createRequire } from 'node:module';

/**
 * dynalite answers every Query and Scan from a LevelDB iterator wrapped in a stream, and closes the
 * iterator when the stream is destroyed by calling `iterator.return()`. The iterators of
 * abstract-level 3 (what dynalite 4 uses) have no `return()`, only `close()`, so none is ever
 * closed: each Query with a Limit (open-all, the audit query's per-shard reads) leaves an open
 * iterator pinning a LevelDB snapshot until the database closes. Measured: 1,500 Queries, 0 closed,
 * ≈ 50 MB of memory each thousand; a long benchmark accumulates tens of thousands, which slows every
 * later read and makes the database's close walk all of them at once ("Iterator is not open" from
 * reads caught by that close).
 *
 * Giving the iterators the `return()` dynalite calls (closing them, which abstract-level defers
 * until a read in progress has finished) closes each one when its Query is done. Idempotent, and
 * done in our code so that node_modules stays as npm installed it.
 */
export const closeLevelIteratorsOnReturn = (): void => {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { AbstractValueIterator } = fromDynalite('abstract-level') as {
    AbstractValueIterator: { prototype: object };
  };
  // CommonIterator, the parent of the entry, key and value iterators alike.
  const common = Object.getPrototypeOf(AbstractValueIterator.prototype) as {
    close?: () => Promise<void>;
    return?: () => Promise<{ done: true; value: undefined }>;
  };
  if (typeof common.close !== 'function' || typeof common.return === 'function') return;
  Object.defineProperty(common, 'return', {
    configurable: true,
    writable: true,
    value: async function (this: { close(): Promise<void> }) {
      await this.close();
      return { done: true, value: undefined };
    },
  });
};
