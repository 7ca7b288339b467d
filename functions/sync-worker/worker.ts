import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseSyncJob } from '../../shared/adapters/aws/sqs-queue.js';
import { runSync } from '../../shared/domain/sync/engine.js';
import type { Services } from '../../shared/runtime/services.js';

/**
 * Consumes sync jobs from SQS. Each message is one (app, sync) run; a failed run is reported as a
 * batch item failure so only it returns to the queue, and SQS's redrive policy moves a message that
 * keeps failing to the dead-letter queue (where its last error is in the logs and the sync status).
 */
export const createSyncWorker =
  (services: Services) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
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
