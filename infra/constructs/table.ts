import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
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
}
