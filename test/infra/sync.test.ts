import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNC_MAX_RECEIVE_COUNT, SYNC_WORKER_TIMEOUT } from '../../infra/constructs/queue.js';
import {
  DEFAULT_SYNC_CONCURRENCY,
  DEFAULT_SYNC_INTERVAL_MINUTES,
  DEFAULT_SYNC_WORKER_MEMORY_MB,
  SCHEDULER_MEMORY_MB,
  SCHEDULER_TIMEOUT,
  SYNC_BATCH_SIZE,
} from '../../infra/constructs/sync.js';
import {
  logicalId,
  onlyResource,
  propertiesOf,
  SYNTH_TIMEOUT_MS,
  synthesize,
  type Synthesized,
} from './synth.js';

const getAtt = (s: Synthesized, construct: { node: { defaultChild?: unknown } }, attr = 'Arn') => ({
  'Fn::GetAtt': [logicalId(s.stack, construct), attr],
});
const ref = (s: Synthesized, construct: { node: { defaultChild?: unknown } }) => ({
  Ref: logicalId(s.stack, construct),
});

describe('given the default stack, when synthesized', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({}, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  describe('the sync worker', () => {
    it('then runs functions/sync-worker on arm64 with the API runtime, outside any VPC, for up to 10 minutes', () => {
      const api = propertiesOf(s, s.stack.api.function);
      const worker = propertiesOf(s, s.stack.sync.worker.function);
      expect(worker).toMatchObject({
        Description: 'Coffer sync worker (functions/sync-worker/handler.ts)',
        Handler: 'index.handler',
        Runtime: api.Runtime,
        Architectures: ['arm64'],
        MemorySize: DEFAULT_SYNC_WORKER_MEMORY_MB,
        Timeout: 600,
      });
      expect(api.Runtime).toBe('nodejs24.x');
      expect(SYNC_WORKER_TIMEOUT.toSeconds()).toBe(600);
      // Destinations are on the internet (GitHub, Vercel, GCP, Azure, customer AWS accounts).
      expect(worker.VpcConfig).toBeUndefined();
    });

    it('then consumes the sync queue one job at a time, reporting failed jobs as batch item failures', () => {
      const { resource } = onlyResource(s.template, 'AWS::Lambda::EventSourceMapping');
      expect(resource.Properties).toEqual({
        EventSourceArn: getAtt(s, s.stack.syncQueue.queue),
        FunctionName: ref(s, s.stack.sync.worker.function),
        BatchSize: SYNC_BATCH_SIZE,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: DEFAULT_SYNC_CONCURRENCY },
      });
      expect(SYNC_BATCH_SIZE).toBe(1);
      expect(DEFAULT_SYNC_CONCURRENCY).toBe(10);
    });

    it("then the queue's visibility timeout is at least six times the worker's timeout", () => {
      const queue = propertiesOf(s, s.stack.syncQueue.queue);
      const worker = propertiesOf(s, s.stack.sync.worker.function);
      expect(queue.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * (worker.Timeout as number));
    });

    it(`then a job goes to the dead-letter queue after ${SYNC_MAX_RECEIVE_COUNT} receives, as locally`, () => {
      expect(SYNC_MAX_RECEIVE_COUNT).toBe(5);
      expect(propertiesOf(s, s.stack.syncQueue.queue).RedrivePolicy).toEqual({
        deadLetterTargetArn: getAtt(s, s.stack.syncQueue.deadLetterQueue),
        maxReceiveCount: 5,
      });
    });

    it('then writes to a log group of its own that keeps a year of logs', () => {
      expect(propertiesOf(s, s.stack.sync.worker.function).LoggingConfig).toEqual({
        LogGroup: ref(s, s.stack.sync.worker.logGroup),
      });
      expect(s.template.toJSON().Resources[logicalId(s.stack, s.stack.sync.worker.logGroup)]).toMatchObject({
        DeletionPolicy: 'Retain',
        Properties: { RetentionInDays: 365 },
      });
    });
  });

  it('then the outputs name the dead-letter queue (to inspect and redrive) and the worker log group', () => {
    s.template.hasOutput('SyncDeadLetterQueueUrl', { Value: ref(s, s.stack.syncQueue.deadLetterQueue) });
    s.template.hasOutput('SyncDeadLetterQueueArn', { Value: getAtt(s, s.stack.syncQueue.deadLetterQueue) });
    s.template.hasOutput('SyncWorkerLogGroup', { Value: ref(s, s.stack.sync.worker.logGroup) });
  });

  describe('the scheduler', () => {
    it('then runs functions/scheduler on arm64 with the API runtime, without asynchronous retries', () => {
      expect(propertiesOf(s, s.stack.sync.scheduler.function)).toMatchObject({
        Description: 'Coffer sync scheduler (functions/scheduler/handler.ts)',
        Handler: 'index.handler',
        Runtime: propertiesOf(s, s.stack.api.function).Runtime,
        Architectures: ['arm64'],
        MemorySize: SCHEDULER_MEMORY_MB,
        Timeout: SCHEDULER_TIMEOUT.toSeconds(),
        LoggingConfig: { LogGroup: ref(s, s.stack.sync.scheduler.logGroup) },
      });
      s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: ref(s, s.stack.sync.scheduler.function),
        MaximumRetryAttempts: 0,
      });
    });

    it(`then EventBridge Scheduler invokes it every ${DEFAULT_SYNC_INTERVAL_MINUTES} minutes`, () => {
      const { resource } = onlyResource(s.template, 'AWS::Scheduler::Schedule');
      expect(resource.Properties).toMatchObject({
        ScheduleExpression: 'rate(10 minutes)',
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: getAtt(s, s.stack.sync.scheduler.function),
          RoleArn: getAtt(s, s.stack.sync.scheduleRole),
          RetryPolicy: { MaximumEventAgeInSeconds: 600, MaximumRetryAttempts: 3 },
        },
      });
    });

    it("then the schedule's role may only invoke the scheduler, and only this account's schedules may assume it", () => {
      const role = propertiesOf(s, s.stack.sync.scheduleRole);
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(role.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': { Ref: 'AWS::AccountId' },
                'aws:SourceArn': {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':scheduler:',
                      { Ref: 'AWS::Region' },
                      ':',
                      { Ref: 'AWS::AccountId' },
                      ':schedule-group/default',
                    ],
                  ],
                },
              },
            },
          },
        ],
      });
      const fn = getAtt(s, s.stack.sync.scheduler.function);
      s.template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [ref(s, s.stack.sync.scheduleRole)],
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: 'lambda:InvokeFunction',
              Resource: [fn, { 'Fn::Join': ['', [fn, ':*']] }],
            },
          ],
        },
      });
    });
  });
});

describe.each([
  [1, 'rate(1 minute)', 'ENABLED', 60],
  [30, 'rate(30 minutes)', 'ENABLED', 1800],
  [1440, 'rate(1 day)', 'ENABLED', 86_400],
  [0, 'rate(1 minute)', 'DISABLED', 60],
])('given syncIntervalMinutes %d', (minutes, expression, state, maxAge) => {
  it(
    `when synthesized, then the schedule is "${expression}" and ${state}`,
    () => {
      const s = synthesize({ syncIntervalMinutes: minutes }, { bundle: false });
      s.template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        State: state,
        Target: Match.objectLike({
          RetryPolicy: { MaximumEventAgeInSeconds: maxAge, MaximumRetryAttempts: 3 },
        }),
      });
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('given syncConcurrency 50', () => {
  it(
    'when synthesized, then at most 50 sync jobs run at once',
    () => {
      const s = synthesize({ syncConcurrency: 50 }, { bundle: false });
      s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        ScalingConfig: { MaximumConcurrency: 50 },
      });
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('given sync settings Lambda or EventBridge would refuse', () => {
  it.each([
    [
      { syncIntervalMinutes: -1 },
      /syncIntervalMinutes must be a whole number from 1 to 1440, or 0 to disable; got -1/,
    ],
    [{ syncIntervalMinutes: 2.5 }, /syncIntervalMinutes .*got 2\.5/],
    [{ syncIntervalMinutes: 1441 }, /syncIntervalMinutes .*got 1441/],
    [{ syncConcurrency: 1 }, /syncConcurrency must be a whole number from 2 to 1000; got 1/],
    [{ syncConcurrency: 1001 }, /syncConcurrency .*got 1001/],
  ])('when the stack is built with %o, then it fails naming the prop', (props, message) => {
    expect(() => synthesize(props, { bundle: false })).toThrow(message);
  });
});
