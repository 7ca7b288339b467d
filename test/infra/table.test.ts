import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNC_MAX_RECEIVE_COUNT, SYNC_VISIBILITY_TIMEOUT } from '../../infra/constructs/queue.js';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition.js';
import { logicalId, onlyResource, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

describe('given the default stack, when synthesized', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({}, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  describe('the table', () => {
    it('then has the key schema, index and TTL attribute of TABLE_DEFINITION', () => {
      const { resource } = onlyResource(s.template, 'AWS::DynamoDB::Table');
      expect(resource.Properties).toMatchObject({
        KeySchema: [
          { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: TABLE_DEFINITION.gsi1.name,
            KeySchema: [
              { AttributeName: TABLE_DEFINITION.gsi1.partitionKey, KeyType: 'HASH' },
              { AttributeName: TABLE_DEFINITION.gsi1.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
      });
      const attributes = resource.Properties.AttributeDefinitions as { AttributeName: string }[];
      expect(attributes.map((a) => a.AttributeName).sort()).toEqual(
        [
          TABLE_DEFINITION.partitionKey,
          TABLE_DEFINITION.sortKey,
          TABLE_DEFINITION.gsi1.partitionKey,
          TABLE_DEFINITION.gsi1.sortKey,
        ].sort(),
      );
      expect(attributes).toEqual(attributes.map(() => expect.objectContaining({ AttributeType: 'S' })));
    });

    it('then bills on demand and keeps point-in-time recovery and deletion protection on', () => {
      s.template.hasResourceProperties('AWS::DynamoDB::Table', {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('then has a fixed name, so CloudFormation refuses to replace it with an empty table', () => {
      s.template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'coffer-test' });
    });

    it('then is retained when the stack is deleted or the table replaced', () => {
      s.template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it("then is encrypted with the stack's own table key", () => {
      s.template.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: {
          SSEEnabled: true,
          SSEType: 'KMS',
          KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(s.stack, s.stack.keys.tableKey), 'Arn'] },
        },
      });
    });
  });

  describe('the sync queue', () => {
    it(`then moves a job to the dead-letter queue after ${SYNC_MAX_RECEIVE_COUNT} receives`, () => {
      const dlqId = logicalId(s.stack, s.stack.syncQueue.deadLetterQueue);
      s.template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: SYNC_MAX_RECEIVE_COUNT,
        },
        VisibilityTimeout: SYNC_VISIBILITY_TIMEOUT.toSeconds(),
      });
      expect(SYNC_VISIBILITY_TIMEOUT.toSeconds()).toBe(3600);
    });

    it('then keeps dead letters for the maximum 14 days', () => {
      const dlq = s.template.toJSON().Resources[logicalId(s.stack, s.stack.syncQueue.deadLetterQueue)];
      expect(dlq.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    });

    it.each(['queue', 'deadLetterQueue'] as const)(
      'then the %s is encrypted and refuses non-TLS access',
      (which) => {
        const id = logicalId(s.stack, s.stack.syncQueue[which]);
        expect(s.template.toJSON().Resources[id].Properties.SqsManagedSseEnabled).toBe(true);
        s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Principal: { AWS: '*' },
                Action: 'sqs:*',
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      },
    );
  });
});
