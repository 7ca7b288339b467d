import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueAllSyncs } from '../../functions/scheduler/scheduler.js';
import { createSyncWorker } from '../../functions/sync-worker/worker.js';
import { LambdaPlanner } from '../../shared/adapters/aws/lambda-planner.js';
import type { SyncJob } from '../../shared/domain/sync/queue.js';
import { startTestCoffer, type TestCoffer } from '../helpers/coffer.js';
import { AwsSecretsManagerStandIn } from '../standins/index.js';
import { testDestinations } from '../sync/fixtures.js';

const sqsEvent = (jobs: unknown[]): SQSEvent => ({
  Records: jobs.map((job, i) => ({
    messageId: `m-${i}`,
    receiptHandle: 'r',
    body: typeof job === 'string' ? job : JSON.stringify(job),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:111122223333:coffer-sync',
    awsRegion: 'eu-west-1',
  })),
});

describe('sync worker, scheduler and the API’s planner', () => {
  let t: TestCoffer;
  const aws = new AwsSecretsManagerStandIn({ region: 'eu-west-1' });
  let job: SyncJob;

  beforeAll(async () => {
    const { url } = await aws.start();
    t = await startTestCoffer({ overrides: testDestinations() });
    const connection = {
      region: 'eu-west-1',
      access_key_id: 'AKIASTANDIN000000001',
      secret_access_key: 'x',
      endpoint: url,
    };
    await t.api('POST', `${t.P}/integrations`, { name: 'aws-conn', provider: 'aws', connection });
    await t.api('POST', `${t.P}/syncs`, { name: 'to-aws', integration_name: 'aws-conn', target: {} });
    await t.api('POST', `${t.P}/apps`, { name: 'worker-app' });
    await t.api('POST', `${t.P}/apps/worker-app/secret/kv`, { name: 'FROM_WORKER', value: 'worker-value-1' });
    await t.api('PATCH', `${t.P}/apps/worker-app`, { sync_names: ['to-aws'] });
    await t.coffer.syncQueue.idle();
    job = { orgId: t.org, projectId: t.project, app: 'worker-app', sync: 'to-aws', reason: 'change' };
  });
  afterAll(async () => {
    await t.close();
    await aws.close();
  });

  it('answers a plan invocation with the plan (names and actions only)', async () => {
    const worker = createSyncWorker(t.coffer.services);
    const answer = await worker({ coffer: 'plan', job });
    expect(answer).toEqual({
      actions: [{ secretName: 'FROM_WORKER', destinationName: 'coffer/FROM_WORKER', action: 'unchanged' }],
    });
    expect(await worker({ coffer: 'plan', job: { ...job, sync: 'nope' } })).toEqual({
      error: { code: 'SYNC_NOT_FOUND', message: 'sync nope not found' },
    });
  });

  it('runs SQS jobs and reports only the failed messages', async () => {
    await t.api('POST', `${t.P}/apps/worker-app/secret/kv`, { name: 'FROM_WORKER', value: 'worker-value-2' });
    await t.coffer.syncQueue.idle();
    const worker = createSyncWorker(t.coffer.services);
    const result = await worker(sqsEvent([job, 'not json', { ...job, sync: 'missing' }]));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }] });
    expect(aws.secret('coffer/FROM_WORKER')?.current).toBe('worker-value-2');
  });

  it('schedules one job per connected (app, sync)', async () => {
    const queued: SyncJob[] = [];
    const n = await enqueueAllSyncs({
      ...t.coffer.services,
      syncQueue: { enqueue: async (j) => void queued.push(j) },
    });
    expect(n).toBe(1);
    expect(queued).toEqual([{ ...job, reason: 'schedule' }]);
  });

  it('lets the API plan through a synchronous invoke of the worker', async () => {
    const lambda = mockClient(LambdaClient);
    const worker = createSyncWorker(t.coffer.services);
    lambda.on(InvokeCommand).callsFake(async (input: { Payload?: Uint8Array; FunctionName?: string }) => {
      expect(input.FunctionName).toBe('coffer-sync-worker');
      const answer = await worker(
        JSON.parse(Buffer.from(input.Payload ?? []).toString()) as { coffer: 'plan'; job: SyncJob },
      );
      return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(answer)) };
    });
    const planner = new LambdaPlanner(new LambdaClient({ region: 'eu-west-1' }), 'coffer-sync-worker');
    expect(await planner.plan(job)).toEqual([
      { secretName: 'FROM_WORKER', destinationName: 'coffer/FROM_WORKER', action: 'unchanged' },
    ]);
    await expect(planner.plan({ ...job, sync: 'nope' })).rejects.toMatchObject({ code: 'SYNC_NOT_FOUND' });
    lambda.restore();
  });
});
