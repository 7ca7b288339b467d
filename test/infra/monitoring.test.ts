import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  API_5XX_PERCENT_THRESHOLD,
  SYNC_FAILED_PATTERN,
  syncFailureMetric,
} from '../../infra/constructs/monitoring.js';
import { logicalId, onlyResource, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

type Alarm = { Properties: Record<string, unknown> };
const alarmProps = (s: Synthesized, alarm: { node: { defaultChild?: unknown } }) =>
  (s.template.toJSON().Resources[logicalId(s.stack, alarm)] as Alarm).Properties;

describe('given the default stack, when synthesized', () => {
  let s: Synthesized;
  let topic: { Ref: string };
  beforeAll(() => {
    s = synthesize({ stageName: 'staging' }, { bundle: false });
    topic = { Ref: logicalId(s.stack, s.stack.monitoring.topic) };
  }, SYNTH_TIMEOUT_MS);

  it('then every alarm notifies the topic on ALARM and OK, and missing data never alarms', () => {
    const alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm')) as Alarm[];
    expect(alarms).toHaveLength(9);
    expect(alarms).toHaveLength(s.stack.monitoring.alarms.length);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [topic],
        OKActions: [topic],
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('then the dead-letter alarm fires on the first message in the DLQ', () => {
    expect(alarmProps(s, s.stack.monitoring.deadLetters)).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.syncQueue.deadLetterQueue), 'QueueName'] },
        },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it(`then the 5xx alarm fires above ${API_5XX_PERCENT_THRESHOLD}% of requests for two minutes`, () => {
    const api = { Ref: logicalId(s.stack, s.stack.api.httpApi) };
    expect(alarmProps(s, s.stack.monitoring.api5xxRate)).toMatchObject({
      Threshold: API_5XX_PERCENT_THRESHOLD,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Metrics: [
        { Expression: 'IF(requests > 0, 100 * errors / requests, 0)', ReturnData: true },
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: '5xx',
              Dimensions: [{ Name: 'ApiId', Value: api }],
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'requests',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: 'Count',
              Dimensions: [{ Name: 'ApiId', Value: api }],
            },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
      ],
    });
  });

  it('then throttling of the function and of the table alarms', () => {
    expect(alarmProps(s, s.stack.monitoring.apiFunctionThrottles)).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(s.stack, s.stack.api.function) } }],
      Threshold: 1,
    });
    const table = alarmProps(s, s.stack.monitoring.tableThrottles);
    const names = (table.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
      .flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []))
      .sort();
    expect(names).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
  });

  it('then a metric filter counts the worker\'s "sync failed" log lines in this stage\'s namespace', () => {
    const { resource } = onlyResource(s.template, 'AWS::Logs::MetricFilter');
    expect(resource.Properties).toEqual({
      LogGroupName: { Ref: logicalId(s.stack, s.stack.sync.worker.logGroup) },
      FilterPattern: '{ $.msg = "sync failed" }',
      MetricTransformations: [
        { MetricNamespace: 'Coffer/staging', MetricName: 'SyncFailures', MetricValue: '1', Unit: 'Count' },
      ],
    });
    expect(SYNC_FAILED_PATTERN).toBe('{ $.msg = "sync failed" }');
  });

  it('then the filter pattern matches the line the worker logs for a failed job', async () => {
    const { createLogger } = await import('../../shared/logger.js');
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).warn('sync failed', {
      messageId: 'm-1',
      code: 'DESTINATION_UNAVAILABLE',
    });
    // The pattern's one condition, applied as CloudWatch Logs applies it to a JSON event.
    const [, field, value] = /^\{ \$\.(\w+) = "([^"]+)" \}$/.exec(SYNC_FAILED_PATTERN)!;
    expect((JSON.parse(lines[0]!) as Record<string, unknown>)[field!]).toBe(value);
    const worker = await import('node:fs').then((fs) =>
      fs.readFileSync(new URL('../../functions/sync-worker/worker.ts', import.meta.url), 'utf8'),
    );
    expect(worker).toContain(`log.warn('${value}'`);
  });

  it('then sync failures alarm on the first failed job in five minutes', () => {
    expect(alarmProps(s, s.stack.monitoring.syncFailures)).toMatchObject({
      Namespace: syncFailureMetric('staging').namespace,
      MetricName: syncFailureMetric('staging').metricName,
      Period: 300,
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarmProps(s, s.stack.monitoring.syncFailures).Dimensions).toBeUndefined();
  });

  it.each([
    ['workerErrors', 'Errors', 'worker'],
    ['workerThrottles', 'Throttles', 'worker'],
    ['schedulerErrors', 'Errors', 'scheduler'],
  ] as const)('then %s alarms on the first Lambda %s of the %s function', (alarm, metric, fn) => {
    expect(alarmProps(s, s.stack.monitoring[alarm])).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: metric,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(s.stack, s.stack.sync[fn].function) } }],
      Period: 300,
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it("then CloudWatch may publish to the topic, for this account's alarms only, over TLS", () => {
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
  });

  it('then nobody is subscribed unless an alarm email is given', () => {
    s.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  describe('the canary deployment', () => {
    it('then shifts 10% of traffic for five minutes and rolls back on failure, stop or alarm', () => {
      const { resource } = onlyResource(s.template, 'AWS::CodeDeploy::DeploymentGroup');
      expect(resource.Properties).toMatchObject({
        DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        DeploymentStyle: { DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' },
        AutoRollbackConfiguration: {
          Enabled: true,
          Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
        },
        AlarmConfiguration: {
          Enabled: true,
          Alarms: [
            { Name: { Ref: logicalId(s.stack, s.stack.monitoring.api5xxRate) } },
            { Name: { Ref: logicalId(s.stack, s.stack.monitoring.apiFunctionErrors) } },
          ],
        },
      });
    });

    it('then the alias the API invokes is updated through CodeDeploy', () => {
      const alias = s.template.toJSON().Resources[logicalId(s.stack, s.stack.api.alias)];
      const { id: group } = onlyResource(s.template, 'AWS::CodeDeploy::DeploymentGroup');
      expect(alias.UpdatePolicy).toEqual({
        CodeDeployLambdaAliasUpdate: {
          ApplicationName: { Ref: logicalId(s.stack, s.stack.deployment.group.application) },
          DeploymentGroupName: { Ref: group },
        },
      });
    });

    it('then the function-error alarm watches the live alias', () => {
      expect(alarmProps(s, s.stack.monitoring.apiFunctionErrors)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Threshold: 1,
        EvaluationPeriods: 2,
        DatapointsToAlarm: 2,
      });
      const fn = { Ref: logicalId(s.stack, s.stack.api.function) };
      expect(alarmProps(s, s.stack.monitoring.apiFunctionErrors).Dimensions).toEqual([
        { Name: 'FunctionName', Value: fn },
        { Name: 'Resource', Value: { 'Fn::Join': ['', [fn, ':live']] } },
      ]);
    });
  });
});

describe('given an alarm email, when synthesized', () => {
  it(
    'then the address is subscribed to the alarm topic',
    () => {
      const s = synthesize({ alarmEmail: 'oncall@example.com' }, { bundle: false });
      s.template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'oncall@example.com',
        TopicArn: { Ref: logicalId(s.stack, s.stack.monitoring.topic) },
      });
    },
    SYNTH_TIMEOUT_MS,
  );
});
