import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_KEY_CONTEXT_KEYS } from '../../infra/constructs/keys.js';
import { logicalId, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

describe('given the default stack, when synthesized', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({}, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('then there are exactly three KMS keys, all retained when the stack is deleted', () => {
    const keys = s.template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(3);
    for (const key of Object.values(keys)) {
      expect(key).toMatchObject({
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { PendingWindowInDays: 30 },
      });
    }
  });

  it('then the data key and the table key are symmetric and rotate', () => {
    for (const key of [s.stack.keys.dataKey, s.stack.keys.tableKey]) {
      const props = s.template.toJSON().Resources[logicalId(s.stack, key)].Properties;
      expect(props.EnableKeyRotation).toBe(true);
      expect(props.KeySpec).toBeUndefined(); // SYMMETRIC_DEFAULT
    }
  });

  it('then the signing key is an ECC_NIST_P256 sign/verify key without rotation (KMS cannot rotate it)', () => {
    const props = s.template.toJSON().Resources[logicalId(s.stack, s.stack.keys.signingKey)].Properties;
    expect(props).toMatchObject({
      KeySpec: 'ECC_NIST_P256',
      KeyUsage: 'SIGN_VERIFY',
      EnableKeyRotation: false,
    });
  });

  it("then the data key policy lets the API and sync worker roles, and no other, use it only with exactly Coffer's encryption context", () => {
    type KeyStatement = { Principal?: { AWS?: unknown }; Condition?: unknown; [k: string]: unknown };
    const policy = s.template.toJSON().Resources[logicalId(s.stack, s.stack.keys.dataKey)].Properties
      .KeyPolicy as { Statement: KeyStatement[] };
    const roleArn = (role: { node: { defaultChild?: unknown } }) => ({
      'Fn::GetAtt': [logicalId(s.stack, role), 'Arn'],
    });
    // Statements for roles (not the account root); CDK merges identical ones into one statement.
    const forRoles = policy.Statement.filter((st) => st.Condition !== undefined);
    expect(forRoles).toHaveLength(1);
    const [statement] = forRoles;
    const { Principal, ...rest } = statement!;
    expect(rest).toEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: {
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...DATA_KEY_CONTEXT_KEYS] },
        Null: {
          'kms:EncryptionContext:coffer:org': 'false',
          'kms:EncryptionContext:coffer:project': 'false',
          'kms:EncryptionContext:coffer:app': 'false',
        },
      },
    });
    const principals = [Principal?.AWS].flat().map((p) => JSON.stringify(p));
    expect(principals.sort()).toEqual(
      [roleArn(s.stack.api.function.role!), roleArn(s.stack.sync.worker.role)]
        .map((p) => JSON.stringify(p))
        .sort(),
    );
  });

  it('then no key policy names the scheduler role or the schedule role (they use no key directly)', () => {
    const policies = JSON.stringify(
      Object.values(s.template.findResources('AWS::KMS::Key')).map(
        (k) => (k as { Properties: { KeyPolicy: unknown } }).Properties.KeyPolicy,
      ),
    );
    expect(policies).not.toContain(logicalId(s.stack, s.stack.sync.scheduler.role));
    expect(policies).not.toContain(logicalId(s.stack, s.stack.sync.scheduleRole));
  });

  it('then the context keys required by the key policy are the ones the app sends', async () => {
    const { keyContextFor } = await import('../../shared/domain/crypto/aad.js');
    expect(Object.keys(keyContextFor('o', 'p', 'a')).sort()).toEqual([...DATA_KEY_CONTEXT_KEYS].sort());
  });

  it('then no key policy statement other than the account root grants anything without a condition', () => {
    for (const key of Object.values(s.template.findResources('AWS::KMS::Key'))) {
      const statements = (key as { Properties: { KeyPolicy: { Statement: Record<string, unknown>[] } } })
        .Properties.KeyPolicy.Statement;
      const unconditioned = statements.filter((st) => st.Condition === undefined);
      expect(unconditioned).toHaveLength(1);
      expect(unconditioned[0]).toMatchObject({ Action: 'kms:*', Effect: 'Allow' });
      expect(JSON.stringify(unconditioned[0]?.Principal)).toMatch(
        /":iam::",\{"Ref":"AWS::AccountId"\},":root"/,
      );
    }
  });
});
