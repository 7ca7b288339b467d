import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { ENTRIES } from '../bundling.js';
import { type CofferFunction, createCofferFunction } from './function.js';
import type { CofferKeys } from './keys.js';
import { SYNC_WORKER_TIMEOUT, type SyncQueue } from './queue.js';
import type { CofferTable } from './table.js';

/** Minutes between scheduled drift-repair runs of every sync (the local server's default too). */
export const DEFAULT_SYNC_INTERVAL_MINUTES = 10;
/** Sync jobs run at once, at most (the event source's maximum concurrency). */
export const DEFAULT_SYNC_CONCURRENCY = 10;
/**
 * Memory of the sync worker. A run mostly waits on DynamoDB and the destination's API; the CPU
 * work (decrypting values, GitHub's sealed boxes) is small.
 */
export const DEFAULT_SYNC_WORKER_MEMORY_MB = 512;
/**
 * Jobs per worker invocation. One: a job may use the whole timeout, and a timeout or crash then
 * costs only that job an attempt (in a batch, every job not yet reported would be received again
 * and move one attempt closer to the dead-letter queue). Invocations cost $0.20 per million.
 */
export const SYNC_BATCH_SIZE = 1;
/** The scheduler lists every connected (app, sync) and sends one message per pair. */
export const SCHEDULER_TIMEOUT = Duration.minutes(5);
export const SCHEDULER_MEMORY_MB = 256;

export interface CofferSyncProps {
  readonly table: CofferTable;
  readonly keys: CofferKeys;
  readonly syncQueue: SyncQueue;
  /** The API's configuration (`CofferApi.environment`); both functions parse the same one. */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  /**
   * Minutes between scheduled runs of every sync (drift repair), 1 to 1440; 0 keeps the schedule
   * but disables it (syncs then run only on changes and manual triggers).
   *
   * @default DEFAULT_SYNC_INTERVAL_MINUTES (10)
   */
  readonly intervalMinutes?: number;
  /**
   * Sync jobs running at once, 2 to 1000 (Lambda's limits for an SQS event source). Jobs beyond it
   * wait in the queue; no Lambda concurrency is reserved.
   *
   * @default DEFAULT_SYNC_CONCURRENCY (10)
   */
  readonly concurrency?: number;
  /** @default DEFAULT_SYNC_WORKER_MEMORY_MB (512) */
  readonly workerMemoryMb?: number;
}

/**
 * The sync runtime (issue 4) on AWS:
 *
 * - the **worker** (`functions/sync-worker`) consumes the sync queue, one job per invocation, and
 *   reports a failed job as a batch item failure, so SQS redelivers it and, after
 *   `SYNC_MAX_RECEIVE_COUNT` receives, moves it to the dead-letter queue. It runs outside any VPC:
 *   it calls the destinations (GitHub, Vercel, GCP, Azure, AWS Secrets Manager in customer
 *   accounts with the integration's own credentials) over the internet, and needs no AWS
 *   permission for them;
 * - the **scheduler** (`functions/scheduler`) runs on an EventBridge Scheduler schedule and queues
 *   one job per connected (app, sync) for drift repair.
 *
 * Both build the same services as the API from the same environment. Each has its own role with
 * only what it does: the worker reads and writes the table and uses the data key under Coffer's
 * encryption context; the scheduler queries one index and sends to the queue.
 */
export class CofferSync extends Construct {
  readonly worker: CofferFunction;
  readonly scheduler: CofferFunction;
  readonly eventSource: SqsEventSource;
  readonly schedule: scheduler.Schedule;
  /** The role EventBridge Scheduler assumes to invoke the scheduler function. */
  readonly scheduleRole: iam.Role;

  constructor(scope: Construct, id: string, props: CofferSyncProps) {
    super(scope, id);
    const interval = checkInterval(props.intervalMinutes ?? DEFAULT_SYNC_INTERVAL_MINUTES);
    const concurrency = checkConcurrency(props.concurrency ?? DEFAULT_SYNC_CONCURRENCY);
    const { account, region } = Stack.of(this);

    this.worker = createCofferFunction(this, 'Worker', {
      description: 'Coffer sync worker (functions/sync-worker/handler.ts)',
      entry: ENTRIES.syncWorker,
      memoryMb: props.workerMemoryMb ?? DEFAULT_SYNC_WORKER_MEMORY_MB,
      timeout: SYNC_WORKER_TIMEOUT,
      environment: { ...props.environment },
      logRetention: props.logRetention,
    });
    props.table.grantSyncWorkerAccess(this.worker.role);
    props.keys.grantTableKeyUse(this.worker.role);
    props.keys.grantDataKeyUse(this.worker.role);
    // AWS Secrets Manager destinations live in customers' accounts: the worker assumes the role each
    // integration names, and only with that integration's external id (checked by the customer's
    // trust policy). Which roles is tenant data, so the resource cannot be narrowed here.
    this.worker.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['arn:aws:iam::*:role/*'],
        conditions: { StringLike: { 'sts:ExternalId': '*' } },
      }),
    );
    Validations.of(this.worker.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:aws:iam::*:role/*]',
      reason:
        'The sync worker assumes roles in customer accounts named by each AWS integration; they are tenant data, so no fixed ARN exists. Every assumption must carry an external id, and each customer role trusts only its own.',
    });

    this.eventSource = new SqsEventSource(props.syncQueue.queue, {
      batchSize: SYNC_BATCH_SIZE,
      // The handler never throws for a job: it returns the failed ones in `batchItemFailures`.
      // Without this setting Lambda would ignore that list and delete failed jobs as done.
      reportBatchItemFailures: true,
      maxConcurrency: concurrency,
    });
    // Grants the worker's role what the event source mapping needs to poll the queue:
    // ReceiveMessage, DeleteMessage, ChangeMessageVisibility, GetQueueAttributes, GetQueueUrl.
    this.worker.function.addEventSource(this.eventSource);

    this.scheduler = createCofferFunction(this, 'Scheduler', {
      description: 'Coffer sync scheduler (functions/scheduler/handler.ts)',
      entry: ENTRIES.scheduler,
      memoryMb: SCHEDULER_MEMORY_MB,
      timeout: SCHEDULER_TIMEOUT,
      environment: { ...props.environment },
      logRetention: props.logRetention,
      // No asynchronous retries: the next tick of the schedule is the retry, and a failed run
      // shows in the SchedulerErrors alarm.
      retryAttempts: 0,
    });
    props.table.grantSchedulerAccess(this.scheduler.role);
    props.keys.grantTableKeyRead(this.scheduler.role);
    props.syncQueue.grantEnqueue(this.scheduler.role);

    // Only schedules of this account's default group may assume the role (the condition the L2
    // target would set on a role it created itself).
    this.scheduleRole = new iam.Role(this, 'ScheduleRole', {
      description: 'EventBridge Scheduler: invokes the Coffer sync scheduler',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': account,
            'aws:SourceArn': Stack.of(this).formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: 'default',
              region,
              account,
            }),
          },
        },
      }),
    });
    const everyMinutes = Math.max(interval, 1);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Coffer: queue a drift-repair run of every sync every ${everyMinutes} minute(s)`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(everyMinutes)),
      enabled: interval > 0,
      target: new LambdaInvoke(this.scheduler.function, {
        role: this.scheduleRole,
        // A run that could not be started within one interval is superseded by the next one.
        maxEventAge: Duration.minutes(everyMinutes),
        retryAttempts: 3,
      }),
    });

    Validations.of(this.scheduleRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.scheduler.function.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        'Function.grantInvoke adds the ARN of the scheduler function with ":*", which matches only ' +
        "that function's own versions and aliases; the schedule invokes the unqualified function.",
    });
  }
}

const checkInterval = (minutes: number): number => {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
    throw new Error(
      `syncIntervalMinutes must be a whole number from 1 to 1440, or 0 to disable; got ${minutes}`,
    );
  }
  return minutes;
};

const checkConcurrency = (n: number): number => {
  if (!Number.isInteger(n) || n < 2 || n > 1000) {
    throw new Error(`syncConcurrency must be a whole number from 2 to 1000; got ${n}`);
  }
  return n;
};
