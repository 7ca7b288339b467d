import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The encryption-context keys Coffer sends with every GenerateDataKey and Decrypt
 * (`shared/domain/crypto/aad.ts`, `keyContextFor`). The data key's policy requires exactly these.
 */
export const DATA_KEY_CONTEXT_KEYS = ['coffer:org', 'coffer:project', 'coffer:app'] as const;

/** The only way Coffer signs tokens (`shared/adapters/aws/kms-signing-key.ts`). */
export const TOKEN_SIGNING_ALGORITHM = 'ECDSA_SHA_256';

export interface CofferKeysProps {
  /**
   * Days KMS waits before deleting a key scheduled for deletion (7 to 30). Keys are also
   * retained when the stack is deleted; this only matters if someone schedules deletion by hand.
   *
   * @default 30 (the maximum: a deleted data key makes every secret it wrapped unreadable)
   */
  readonly pendingWindowDays?: number;
}

/**
 * The stack's three customer-managed KMS keys:
 *
 * - `dataKey` (symmetric, rotated yearly) wraps the per-app data keys. Its key policy lets a
 *   function use it only with Coffer's encryption context, so the function cannot decrypt
 *   anything that was not wrapped for an org/project/app.
 * - `tableKey` (symmetric, rotated yearly) encrypts the DynamoDB table at rest. It is separate
 *   from `dataKey` because DynamoDB calls KMS without Coffer's context; sharing one key would
 *   mean granting the function unconditional Decrypt on the key that wraps the data keys.
 * - `signingKey` (ECC_NIST_P256, SIGN_VERIFY) signs access tokens; the private key never
 *   leaves KMS. KMS cannot rotate asymmetric keys: rotating means creating a new key, publishing
 *   both public keys in the JWKS for one token lifetime, then switching (see docs/DEPLOY.md).
 *
 * All three are retained when the stack is deleted: losing `dataKey` loses every secret.
 */
export class CofferKeys extends Construct {
  readonly dataKey: kms.Key;
  readonly tableKey: kms.Key;
  readonly signingKey: kms.Key;

  constructor(scope: Construct, id: string, props: CofferKeysProps = {}) {
    super(scope, id);
    const pendingWindow = Duration.days(props.pendingWindowDays ?? 30);
    const stackName = Stack.of(this).stackName;

    this.dataKey = new kms.Key(this, 'DataKey', {
      description: `Coffer (${stackName}): wraps per-app data keys; usable only with Coffer's encryption context`,
      enableKeyRotation: true,
      pendingWindow,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.tableKey = new kms.Key(this, 'TableKey', {
      description: `Coffer (${stackName}): encrypts the DynamoDB table at rest`,
      enableKeyRotation: true,
      pendingWindow,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.signingKey = new kms.Key(this, 'SigningKey', {
      description: `Coffer (${stackName}): signs access tokens (ES256)`,
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      // Asymmetric keys cannot be rotated by KMS; see the class comment.
      enableKeyRotation: false,
      pendingWindow,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets `grantee` call GenerateDataKey and Decrypt on the data key, but only when the request
   * carries exactly Coffer's three encryption-context keys. The statement goes into both the key
   * policy and the grantee's IAM policy, so neither alone can widen it.
   */
  grantDataKeyUse(grantee: iam.IGrantable): iam.Grant {
    const requireEachKey = Object.fromEntries(
      DATA_KEY_CONTEXT_KEYS.map((k) => [`kms:EncryptionContext:${k}`, 'false']),
    );
    return iam.Grant.addToPrincipalAndResource({
      grantee,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resourceArns: [this.dataKey.keyArn],
      resource: this.dataKey,
      // In a key policy "*" means "this key"; AWS requires that form there.
      resourceSelfArns: ['*'],
      conditions: {
        // No context key other than Coffer's...
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...DATA_KEY_CONTEXT_KEYS] },
        // ...and each of Coffer's present (ForAllValues alone would also match an empty context).
        Null: requireEachKey,
      },
    });
  }

  /**
   * Lets `grantee` use the table key the way DynamoDB needs when it reads and writes a table
   * encrypted with a customer-managed key on the caller's behalf, and only through DynamoDB in
   * this region. These are the actions `Table.grantReadWriteData` would grant, with its
   * `ReEncrypt*` and `GenerateDataKey*` spelled out and narrowed by `kms:ViaService`.
   */
  grantTableKeyUse(grantee: iam.IGrantable): iam.Grant {
    return this.grantTableKeyViaDynamoDb(grantee, [
      'kms:Decrypt',
      'kms:DescribeKey',
      'kms:Encrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
    ]);
  }

  /**
   * The read-only part of `grantTableKeyUse`, for a function that only reads the table: the
   * actions `Table.grantReadData` would grant on the key (Decrypt, DescribeKey), again only
   * through DynamoDB in this region.
   */
  grantTableKeyRead(grantee: iam.IGrantable): iam.Grant {
    return this.grantTableKeyViaDynamoDb(grantee, ['kms:Decrypt', 'kms:DescribeKey']);
  }

  private grantTableKeyViaDynamoDb(grantee: iam.IGrantable, actions: string[]): iam.Grant {
    const { region, urlSuffix } = Stack.of(this);
    return iam.Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [this.tableKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${region}.${urlSuffix}` } },
    });
  }

  /** Lets `grantee` sign tokens (ES256 over the raw signing input only) and read the public key. */
  grantTokenSigning(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:Sign'],
      resourceArns: [this.signingKey.keyArn],
      conditions: {
        StringEquals: { 'kms:SigningAlgorithm': TOKEN_SIGNING_ALGORITHM, 'kms:MessageType': 'RAW' },
      },
    });
    this.signingKey.grant(grantee, 'kms:GetPublicKey');
  }
}
