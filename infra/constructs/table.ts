import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table-definition.js';

export interface CofferTableProps {
  /** Customer-managed key that encrypts the table at rest (`CofferKeys.tableKey`). */
  readonly encryptionKey: kms.IKey;
  /**
   * Physical table name. A fixed name is a guard: CloudFormation refuses to replace a resource
   * with a custom name, so a change that would swap the table for a new, empty one fails instead
   * of silently pointing the API at it (the old table would only be retained).
   *
   * @default the stack name in lower case, e.g. `coffer-prod`
   */
  readonly tableName?: string;
}

/**
 * The single table, with the key schema, index and TTL attribute of `TABLE_DEFINITION` (the
 * same definition the local embedded server creates its table from).
 *
 * On-demand billing (nothing to pay at idle), point-in-time recovery (35 days of restores),
 * deletion protection and a RETAIN removal policy: deleting the stack, or the table by hand, never
 * deletes the secrets.
 */
export class CofferTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CofferTableProps) {
    super(scope, id);
    const str = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

    this.table = new dynamodb.Table(this, 'Table', {
      tableName: props.tableName ?? Stack.of(this).stackName.toLowerCase(),
      partitionKey: str(TABLE_DEFINITION.partitionKey),
      sortKey: str(TABLE_DEFINITION.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_DEFINITION.gsi1.name,
      partitionKey: str(TABLE_DEFINITION.gsi1.partitionKey),
      sortKey: str(TABLE_DEFINITION.gsi1.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }

  /**
   * Grants the item operations the API function performs (every request goes through
   * `shared/adapters/dynamodb/table.ts`; a test keeps this list equal to the commands it sends)
   * on the table and its index, and nothing else: no Scan, no DescribeTable, no table management.
   * The caller must also be granted the table key (`CofferKeys.grantTableKeyUse`).
   */
  grantApiAccess(grantee: iam.IGrantable): iam.Grant {
    return this.table.grant(
      grantee,
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:Query',
      'dynamodb:BatchWriteItem',
    );
  }
  /**
   * Grants what a sync run does (`shared/domain/sync/engine.ts` through the app, secret, sync and
   * audit stores): read the sync, integration, app and secret heads (GetItem, Query), record entry
   * states and statuses (PutItem, UpdateItem, DeleteItem), and create the organization's HMAC key
   * on first use (PutItem). On the table only: the sync path never queries an index, never
   * batch-reads (BatchGetItem is the authorizer's) and never batch-deletes.
   */
  grantSyncWorkerAccess(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
      ],
      resourceArns: [this.table.tableArn],
    });
  }

  /**
   * Grants what the scheduler does: Query the `gsi1` partition that lists every app connected to a
   * sync (`DynamoSyncStore.listAllBindings`). That index only, read only.
   */
  grantSchedulerAccess(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: [`${this.table.tableArn}/index/${TABLE_DEFINITION.gsi1.name}`],
    });
  }
}
