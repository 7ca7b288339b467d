import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The longest one sync job (one app to one destination) may run: the sync worker's timeout. Ten
 * minutes leave room for a first sync of about 1,000 secrets with the engine's retries and a
 * destination's rate-limit waits (GitHub allows about 80 secret writes a minute); a job cut off
 * by the timeout has recorded what it finished, and its next run continues from there.
 */
export const SYNC_WORKER_TIMEOUT = Duration.minutes(10);

/**
 * Visibility timeout of the sync queue: six times the worker's timeout, as AWS recommends for
 * Lambda consumers, so a job whose invocation was throttled and retried is not handed to a second
 * worker while the first still runs. A job the worker reports as failed becomes visible again only
 * when this expires, so the five attempts are about an hour apart; the schedule meanwhile queues a
 * fresh run of every sync anyway (see docs/DEPLOY.md).
 */
export const SYNC_VISIBILITY_TIMEOUT = Duration.seconds(SYNC_WORKER_TIMEOUT.toSeconds() * 6);

/**
 * Receives before a sync job is moved to the dead-letter queue: five, like the attempts of the
 * local in-process queue (`shared/adapters/local/in-process-queue.ts`).
 */
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
 * The API and the scheduler send to it (`grantEnqueue`); the sync worker consumes it through a
 * Lambda event source (`sync.ts`).
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
      visibilityTimeout: SYNC_VISIBILITY_TIMEOUT,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SYNC_MAX_RECEIVE_COUNT },
    });
  }

  /**
   * Lets `grantee` enqueue sync jobs: `sqs:SendMessage` only, the one command
   * `shared/adapters/aws/sqs-queue.ts` sends (`grantSendMessages` would add GetQueueAttributes and
   * GetQueueUrl, which Coffer never calls: it has the URL from its configuration). The queue uses
   * SQS-managed encryption, so no KMS permission is needed.
   */
  grantEnqueue(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grant(grantee, 'sqs:SendMessage');
  }
}
