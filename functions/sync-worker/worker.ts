import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { isPlanInvocation, type PlanInvocation } from '../../shared/adapters/aws/lambda-planner.js';
import { parseSyncJob } from '../../shared/adapters/aws/sqs-queue.js';
import { planSync, runSync, type PlannedAction } from '../../shared/domain/sync/engine.js';
import { CofferError } from '../../shared/domain/errors.js';
import type { Services } from '../../shared/runtime/services.js';

type PlanAnswer = { actions: PlannedAction[] } | { error: { code: string; message: string } };

/**
 * Consumes sync jobs from SQS. Each message is one (app, sync) run; a failed run is reported as a
 * batch item failure so only it returns to the queue, and SQS's redrive policy moves a message that
 * keeps failing to the dead-letter queue (where its last error is in the logs and the sync status).
 * It also answers the API's synchronous dry-run plan requests, since it holds the destination clients.
 */
export const createSyncWorker = (services: Services) =>
  async function worker(event: SQSEvent | PlanInvocation): Promise<SQSBatchResponse | PlanAnswer> {
    if (isPlanInvocation(event)) {
      try {
        return { actions: await planSync(services, event.job) };
      } catch (e) {
        const err = e instanceof CofferError ? e : new CofferError('SYNC_FAILED', 'planning failed');
        return { error: { code: err.code, message: err.message } };
      }
    }
    const batchItemFailures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      try {
        const job = parseSyncJob(record.body);
        const report = await runSync(services, job);
        services.log.info('sync finished', {
          app: job.app,
          sync: job.sync,
          reason: job.reason,
          ...report.counts,
          writes: report.destinationWrites,
        });
      } catch (e) {
        const err = e as { code?: string; name?: string };
        services.log.warn('sync failed', {
          messageId: record.messageId,
          code: err.code ?? err.name,
          receiveCount: record.attributes.ApproximateReceiveCount,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
