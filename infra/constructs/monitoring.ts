import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { CofferApi } from './api.js';
import type { SyncQueue } from './queue.js';
import type { CofferSync } from './sync.js';
import type { CofferTable } from './table.js';

/**
 * The sync-failure metric: one count per failed sync job, from a metric filter on the worker's
 * log group. The worker logs `{"level":"warn","msg":"sync failed",...}` for every job it reports
 * as failed (`functions/sync-worker/worker.ts`), so no code has to publish a metric and the worker
 * needs no CloudWatch permission. A metric filter cannot add a fixed dimension, so the stage is in
 * the namespace (`Coffer/<stage>`): stages deployed side by side in one account stay apart.
 */
export const syncFailureMetric = (stageName: string) =>
  ({ namespace: `Coffer/${stageName}`, metricName: 'SyncFailures' }) as const;

/** The worker's log line for a failed job, as a CloudWatch Logs JSON filter pattern. */
export const SYNC_FAILED_PATTERN = '{ $.msg = "sync failed" }';

/** Percentage of API requests answered 5xx, per minute, above which the API alarms. */
export const API_5XX_PERCENT_THRESHOLD = 5;

export interface CofferMonitoringProps {
  /** Deployment stage; part of the namespace of Coffer's custom metrics (`Coffer/<stage>`). */
  readonly stageName: string;
  readonly api: CofferApi;
  readonly table: CofferTable;
  readonly syncQueue: SyncQueue;
  readonly sync: CofferSync;
  /**
   * Address subscribed to the alarm topic (AWS sends a confirmation mail first).
   *
   * @default - no subscription; subscribe to the `AlarmTopicArn` output yourself
   */
  readonly alarmEmail?: string;
}

/**
 * Alarms, all sent (on ALARM and on OK) to one SNS topic. Missing data never alarms: an idle
 * service is healthy.
 *
 * `rollbackAlarms` are the ones CodeDeploy watches while a new API version takes traffic.
 */
export class CofferMonitoring extends Construct {
  readonly topic: sns.Topic;
  readonly api5xxRate: cloudwatch.Alarm;
  readonly apiFunctionErrors: cloudwatch.Alarm;
  readonly apiFunctionThrottles: cloudwatch.Alarm;
  readonly tableThrottles: cloudwatch.Alarm;
  readonly deadLetters: cloudwatch.Alarm;
  readonly syncFailures: cloudwatch.Alarm;
  readonly syncFailureFilter: logs.MetricFilter;
  readonly workerErrors: cloudwatch.Alarm;
  readonly workerThrottles: cloudwatch.Alarm;
  readonly schedulerErrors: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CofferMonitoringProps) {
    super(scope, id);
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);

    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Coffer ${props.stageName} alarms`,
      enforceSSL: true,
    });
    // enforceSSL gives the topic a resource policy, which replaces SNS's default one; without
    // this statement CloudWatch could no longer publish. Only this account's alarms may.
    const { account, partition, region } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarmsOfThisAccount',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    if (props.alarmEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }

    const httpApi = props.api.httpApi;
    this.api5xxRate = new cloudwatch.Alarm(this, 'Api5xxRate', {
      alarmDescription: `More than ${API_5XX_PERCENT_THRESHOLD}% of API requests failed with 5xx in two consecutive minutes.`,
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: {
          errors: httpApi.metricServerError({ period: minute, statistic: 'Sum' }),
          requests: httpApi.metricCount({ period: minute, statistic: 'Sum' }),
        },
        period: minute,
        label: 'API 5xx (%)',
      }),
      threshold: API_5XX_PERCENT_THRESHOLD,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // Unhandled errors, timeouts and crashes at start-up: the app turns its own failures into
    // responses, so any Lambda error means the code itself is broken.
    this.apiFunctionErrors = new cloudwatch.Alarm(this, 'ApiFunctionErrors', {
      alarmDescription:
        'The live API function failed (crash, timeout or init error) in two consecutive minutes.',
      metric: props.api.alias.metricErrors({ period: minute, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.apiFunctionThrottles = new cloudwatch.Alarm(this, 'ApiFunctionThrottles', {
      alarmDescription: 'Lambda throttled the API function (account or function concurrency limit reached).',
      metric: props.api.function.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const table = props.table.table;
    this.tableThrottles = new cloudwatch.Alarm(this, 'TableThrottles', {
      alarmDescription: 'DynamoDB throttled reads or writes on the Coffer table.',
      metric: new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: table.metric('ReadThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
          writes: table.metric('WriteThrottleEvents', { period: fiveMinutes, statistic: 'Sum' }),
        },
        period: fiveMinutes,
        label: 'DynamoDB throttle events',
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.deadLetters = new cloudwatch.Alarm(this, 'SyncDeadLetters', {
      alarmDescription: 'Sync jobs failed every attempt and wait in the dead-letter queue.',
      metric: props.syncQueue.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: 'Maximum',
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.syncFailureFilter = new logs.MetricFilter(this, 'SyncFailureFilter', {
      logGroup: props.sync.worker.logGroup,
      filterPattern: logs.FilterPattern.literal(SYNC_FAILED_PATTERN),
      metricNamespace: syncFailureMetric(props.stageName).namespace,
      metricName: syncFailureMetric(props.stageName).metricName,
      metricValue: '1',
      unit: cloudwatch.Unit.COUNT,
    });
    this.syncFailures = new cloudwatch.Alarm(this, 'SyncFailures', {
      alarmDescription:
        'A sync job failed (the worker logged "sync failed"); SQS retries it, up to 5 receives in all, ' +
        'before the dead-letter queue. The per-secret sync_status says which secrets and why.',
      metric: this.syncFailureFilter.metric({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    // The worker turns a failed job into a batch item failure, so a Lambda error means a timeout,
    // a crash or a failed start (for example an invalid configuration).
    this.workerErrors = new cloudwatch.Alarm(this, 'SyncWorkerErrors', {
      alarmDescription: 'The sync worker timed out, crashed or failed to start.',
      metric: props.sync.worker.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.workerThrottles = new cloudwatch.Alarm(this, 'SyncWorkerThrottles', {
      alarmDescription: 'Lambda throttled the sync worker (account concurrency limit reached).',
      metric: props.sync.worker.function.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.schedulerErrors = new cloudwatch.Alarm(this, 'SchedulerErrors', {
      alarmDescription: 'A scheduled run failed to queue the drift-repair syncs.',
      metric: props.sync.scheduler.function.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const action = new SnsAction(this.topic);
    for (const alarm of this.alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }

  get alarms(): cloudwatch.Alarm[] {
    return [
      this.api5xxRate,
      this.apiFunctionErrors,
      this.apiFunctionThrottles,
      this.tableThrottles,
      this.deadLetters,
      this.syncFailures,
      this.workerErrors,
      this.workerThrottles,
      this.schedulerErrors,
    ];
  }

  /** The alarms that stop a gradual deployment and roll it back. */
  get rollbackAlarms(): cloudwatch.Alarm[] {
    return [this.api5xxRate, this.apiFunctionErrors];
  }
}
