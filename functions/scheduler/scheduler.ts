import type { Services } from '../../shared/runtime/services.js';

/**
 * Queues a run of every (app, sync) pair: the scheduled drift repair. Runs whose destination matches
 * what Coffer recorded make no destination writes, so a frequent schedule costs only reads.
 */
export const enqueueAllSyncs = async (services: Services): Promise<number> => {
  const bindings = await services.syncs.listAllBindings();
  for (const b of bindings) await services.syncQueue.enqueue({ ...b, reason: 'schedule' });
  return bindings.length;
};

export const createScheduler = (services: Services) => async (): Promise<{ enqueued: number }> => {
  const enqueued = await enqueueAllSyncs(services);
  services.log.info('scheduled syncs queued', { enqueued });
  return { enqueued };
};
