import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { CofferApi } from './api.js';
import type { SyncQueue } from './queue.js';
import type { CofferTable } from './table.js';

/**
 * The custom metric the sync worker must publish, once per sync that failed after its retries
 * (for example with CloudWatch Embedded Metric Format: namespace `Coffer`, metric `SyncFailures`,
 * unit Count, dimension `Stage`). Documented in docs/DEPLOY.md.
 */
export const SYNC_FAILURE_METRIC = { namespace: 'Coffer', metricName: 'SyncFailures' } as const;

/** Percentage of API requests answered 5xx, per minute, above which the API alarms. */
export const API_5XX_PERCENT_THRESHOLD = 5;

export interface CofferMonitoringProps {
  /** Deployment stage; the `Stage` dimension of Coffer's custom metrics. */
  readonly stageName: string;
  readonly api: CofferApi;
  readonly table: CofferTable;
  readonly syncQueue: SyncQueue;
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

    this.syncFailures = new cloudwatch.Alarm(this, 'SyncFailures', {
      alarmDescription: 'The sync worker reported syncs that failed after their retries.',
      metric: new cloudwatch.Metric({
        ...SYNC_FAILURE_METRIC,
        dimensionsMap: { Stage: props.stageName },
        period: fiveMinutes,
        statistic: 'Sum',
      }),
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
    ];
  }

  /** The alarms that stop a gradual deployment and roll it back. */
  get rollbackAlarms(): cloudwatch.Alarm[] {
    return [this.api5xxRate, this.apiFunctionErrors];
  }
}
