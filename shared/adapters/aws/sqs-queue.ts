import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CofferError } from '../../domain/errors.js';
import type { SyncJob, SyncQueue } from '../../domain/sync/queue.js';

/**
 * Sync jobs on an SQS queue (with a dead-letter queue by redrive policy, set up in infra/). The
 * message holds identifiers only, never a value or credential.
 */
export class SqsSyncQueue implements SyncQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(job: SyncJob): Promise<void> {
    await this.sqs
      .send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }))
      .catch((e: unknown) => {
        throw new CofferError('STORE_UNAVAILABLE', 'the sync queue is unavailable', { cause: e });
      });
  }
}

/** Parses a message body back into a job; anything else is refused (and so dead-lettered). */
export const parseSyncJob = (body: string): SyncJob => {
  const j = JSON.parse(body) as Partial<SyncJob>;
  if (
    typeof j.orgId !== 'string' ||
    typeof j.projectId !== 'string' ||
    typeof j.app !== 'string' ||
    typeof j.sync !== 'string'
  ) {
    throw new Error('not a sync job');
  }
  return {
    orgId: j.orgId,
    projectId: j.projectId,
    app: j.app,
    sync: j.sync,
    reason: j.reason === 'schedule' || j.reason === 'manual' ? j.reason : 'change',
  };
};
