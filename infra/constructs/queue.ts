import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The longest a sync worker invocation may run. Not used by a function yet (the worker does not
 * exist); the queue's visibility timeout is derived from it, as Lambda's SQS integration wants.
 */
export const SYNC_WORKER_TIMEOUT = Duration.minutes(1);

/** Attempts before a sync job is moved to the dead-letter queue. */
export const SYNC_MAX_RECEIVE_COUNT = 5;

export interface SyncQueueProps {
  /**
   * How long an unprocessed sync job waits in the queue.
   *
   * @default 4 days (SQS's default: a schedule re-enqueues drift repair long before that)
   */
  readonly retentionPeriod?: Duration;
}

/**
 * The sync queue and its dead-letter queue. Both refuse plain-HTTP access (`enforceSSL`) and are
 * encrypted with SQS-managed keys: a job names an app and a destination, never a secret value,
 * and a KMS key here would add a KMS request ($3 per million) to every message.
 *
 * The consumers (the sync worker and scheduler functions) are not deployed yet; see
 * docs/DEPLOY.md.
 */
export class SyncQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: SyncQueueProps = {}) {
    super(scope, id);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      // The maximum, to leave time to inspect and redrive failed jobs.
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      // Six times the function timeout, as AWS recommends for Lambda consumers, so a retried
      // batch is not handed to a second worker while the first still runs.
      visibilityTimeout: Duration.seconds(SYNC_WORKER_TIMEOUT.toSeconds() * 6),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SYNC_MAX_RECEIVE_COUNT },
    });
  }
}
