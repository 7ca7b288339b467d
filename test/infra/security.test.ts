import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Condition?: unknown };
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Every statement of every identity policy (inline policies, roles' inline policies, managed policies). */
const identityStatements = (resources: Resources): { owner: string; statement: Statement }[] =>
  Object.entries(resources).flatMap(([id, r]) => {
    const docs: { Statement: Statement[] }[] = [];
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') {
      docs.push(r.Properties!.PolicyDocument as { Statement: Statement[] });
    }
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of (r.Properties!.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]) {
        docs.push(p.PolicyDocument);
      }
    }
    return docs.flatMap((d) => d.Statement.map((statement) => ({ owner: id, statement })));
  });

/** Strings in a template that would be a secret in plain text. */
const SECRET_PATTERNS: [string, RegExp][] = [
  ['PEM block', /-----BEGIN [A-Z ]*(KEY|CERTIFICATE)-----/],
  ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['private JWK member', /"(d|k|p|q|dp|dq|qi)"\s*:\s*"/],
  ['JWT', /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./],
  ['hex run of 16+ bytes', /^[0-9a-fA-F]{32,}$/],
];
/** 24+ bytes of base64 or base64url: random bytes mix upper case, lower case and digits; words do not. */
const looksLikeBase64Key = (s: string) =>
  /^[A-Za-z0-9+/_-]{32,}={0,2}$/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);
const SECRET_NAMED_KEY = /(secret|password|passwd|private_?key|api_?key|credential)/i;

/** Walks a template and lists every literal that looks like a secret; logical ids are skipped. */
const plaintextSecrets = (template: Record<string, unknown>): string[] => {
  const sections = ['Resources', 'Outputs', 'Parameters', 'Conditions', 'Mappings'];
  const logicalIds = new Set(sections.flatMap((k) => Object.keys((template[k] ?? {}) as object)));
  const found: string[] = [];
  const walk = (value: unknown, path: string, key: string) => {
    if (typeof value === 'string') {
      if (logicalIds.has(value)) return;
      for (const [what, re] of SECRET_PATTERNS) if (re.test(value)) found.push(`${path}: ${what}`);
      if (looksLikeBase64Key(value)) found.push(`${path}: base64 run of 24+ bytes`);
      if (SECRET_NAMED_KEY.test(key) && value !== '') found.push(`${path}: literal value under "${key}"`);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`, key));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, k);
    }
  };
  const { CDKMetadata: _analytics, ...resources } = template.Resources as Record<string, unknown>;
  walk({ ...template, Resources: resources }, '$', '');
  return found;
};

/** Every `Validations.acknowledge` in the tree, with its reason. */
const acknowledgments = (root: IConstruct): { path: string; id: string; reason: string }[] =>
  root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id,
          reason,
        })),
      ),
  );

/** The statements of the identity policies attached to the role with logical id `roleId`. */
const statementsOf = (resources: Resources, roleId: string): Statement[] =>
  identityStatements(resources)
    .filter(({ owner }) => {
      const roles = (resources[owner]!.Properties!.Roles ?? []) as { Ref: string }[];
      return roles.some((r) => r.Ref === roleId);
    })
    .map(({ statement }) => statement);

describe('given the default stack, when synthesized', () => {
  let s: Synthesized;
  let resources: Resources;
  beforeAll(() => {
    s = synthesize({}, { bundle: false });
    resources = s.template.toJSON().Resources;
  }, SYNTH_TIMEOUT_MS);

  it('then no identity policy grants anything on Resource "*"', () => {
    const star = identityStatements(resources).filter(({ statement }) =>
      [statement.Resource].flat().some((r) => r === '*'),
    );
    expect(star).toEqual([]);
  });

  it('then "*" appears only as the resource of KMS key policies, where it means "this key"', () => {
    const owners = new Set<string>();
    for (const [id, r] of Object.entries(resources)) {
      const text = JSON.stringify(r.Properties ?? {});
      if (text.includes('"Resource":"*"')) owners.add(r.Type);
      void id;
    }
    expect([...owners]).toEqual(['AWS::KMS::Key']);
  });

  const arnOf = (k: { node: { defaultChild?: unknown } }) => ({
    'Fn::GetAtt': [logicalId(s.stack, k), 'Arn'],
  });
  const viaDynamoDb = {
    StringEquals: {
      'kms:ViaService': {
        'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
      },
    },
  };
  const dataKeyContext = {
    'ForAllValues:StringEquals': {
      'kms:EncryptionContextKeys': ['coffer:org', 'coffer:project', 'coffer:app'],
    },
    Null: {
      'kms:EncryptionContext:coffer:org': 'false',
      'kms:EncryptionContext:coffer:project': 'false',
      'kms:EncryptionContext:coffer:app': 'false',
    },
  };

  it('then the API role may do exactly what the API does, and nothing else', () => {
    const mine = statementsOf(resources, logicalId(s.stack, s.stack.api.function.role!));
    const key = arnOf;
    const table = key(s.stack.table.table);
    expect(mine).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^ApiFunctionLogs/), 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        Resource: [table, { 'Fn::Join': ['', [table, '/index/*']] }],
      },
      {
        Effect: 'Allow',
        Action: [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
        ],
        Condition: {
          StringEquals: {
            'kms:ViaService': {
              'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
            },
          },
        },
        Resource: key(s.stack.keys.tableKey),
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: {
          'ForAllValues:StringEquals': {
            'kms:EncryptionContextKeys': ['coffer:org', 'coffer:project', 'coffer:app'],
          },
          Null: {
            'kms:EncryptionContext:coffer:org': 'false',
            'kms:EncryptionContext:coffer:project': 'false',
            'kms:EncryptionContext:coffer:app': 'false',
          },
        },
        Resource: key(s.stack.keys.dataKey),
      },
      {
        Effect: 'Allow',
        Action: 'kms:Sign',
        Condition: { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'RAW' } },
        Resource: key(s.stack.keys.signingKey),
      },
      { Effect: 'Allow', Action: 'kms:GetPublicKey', Resource: key(s.stack.keys.signingKey) },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: key(s.stack.syncQueue.queue) },
      // Dry-run plans: the API asks the worker, which holds the destination clients.
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: key(s.stack.sync.worker.function) },
      // Sign-in: the Cognito app client's generated secret (constructs/sign-in.ts).
      {
        Effect: 'Allow',
        Action: 'cognito-idp:DescribeUserPoolClient',
        Resource: key(s.stack.signIn.userPool!),
      },
    ]);
  });

  it("then the sync worker role may read and write the table, use the data key under Coffer's context, assume customer roles with an external id and consume the queue, and nothing else", () => {
    const mine = statementsOf(resources, logicalId(s.stack, s.stack.sync.worker.role));
    expect(mine).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(s.stack.sync.worker.logGroup),
      },
      {
        Effect: 'Allow',
        Action: [
          'dynamodb:DeleteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Query',
          'dynamodb:UpdateItem',
        ],
        Resource: arnOf(s.stack.table.table),
      },
      {
        Effect: 'Allow',
        Action: [
          'kms:Decrypt',
          'kms:DescribeKey',
          'kms:Encrypt',
          'kms:GenerateDataKey',
          'kms:GenerateDataKeyWithoutPlaintext',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
        ],
        Condition: viaDynamoDb,
        Resource: arnOf(s.stack.keys.tableKey),
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Condition: dataKeyContext,
        Resource: arnOf(s.stack.keys.dataKey),
      },
      // Customer roles for AWS Secrets Manager destinations, only ever with an external id.
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Condition: { StringLike: { 'sts:ExternalId': '*' } },
        Resource: 'arn:aws:iam::*:role/*',
      },
      {
        Effect: 'Allow',
        Action: [
          'sqs:ChangeMessageVisibility',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
          'sqs:ReceiveMessage',
        ],
        Resource: arnOf(s.stack.syncQueue.queue),
      },
    ]);
  });

  it('then the scheduler role may query the sync index and send to the queue, and nothing else', () => {
    const mine = statementsOf(resources, logicalId(s.stack, s.stack.sync.scheduler.role));
    expect(mine).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(s.stack.sync.scheduler.logGroup),
      },
      {
        Effect: 'Allow',
        Action: 'dynamodb:Query',
        Resource: { 'Fn::Join': ['', [arnOf(s.stack.table.table), '/index/gsi1']] },
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Condition: viaDynamoDb,
        Resource: arnOf(s.stack.keys.tableKey),
      },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: arnOf(s.stack.syncQueue.queue) },
    ]);
  });

  it('then the API and the scheduler may send to the sync queue, only the worker may consume it, and none the dead-letter queue', () => {
    const sqsActions = (
      role: { node: { defaultChild?: unknown } },
      queue: { node: { defaultChild?: unknown } },
    ) =>
      statementsOf(resources, logicalId(s.stack, role))
        .filter((st) => JSON.stringify(st.Resource) === JSON.stringify(arnOf(queue)))
        .flatMap((st) => [st.Action].flat());
    const { queue, deadLetterQueue } = s.stack.syncQueue;
    const roles = {
      api: s.stack.api.function.role!,
      worker: s.stack.sync.worker.role,
      scheduler: s.stack.sync.scheduler.role,
    };
    expect(sqsActions(roles.api, queue)).toEqual(['sqs:SendMessage']);
    expect(sqsActions(roles.scheduler, queue)).toEqual(['sqs:SendMessage']);
    expect(sqsActions(roles.worker, queue)).toContain('sqs:ReceiveMessage');
    expect(sqsActions(roles.worker, queue)).toContain('sqs:DeleteMessage');
    expect(sqsActions(roles.worker, queue)).not.toContain('sqs:SendMessage');
    for (const role of Object.values(roles)) expect(sqsActions(role, deadLetterQueue)).toEqual([]);
  });

  it('then the actions granted to send to the queue are exactly the commands the SQS adapter sends', () => {
    const source = readFileSync(new URL('../../shared/adapters/aws/sqs-queue.ts', import.meta.url), 'utf8');
    const sent = [...new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => `sqs:${m[1]}`))];
    for (const role of [s.stack.api.function.role!, s.stack.sync.scheduler.role]) {
      const granted = statementsOf(resources, logicalId(s.stack, role))
        .filter((st) => JSON.stringify(st.Resource) === JSON.stringify(arnOf(s.stack.syncQueue.queue)))
        .flatMap((st) => [st.Action].flat());
      expect(granted).toEqual(sent);
    }
  });

  it('then no statement in any policy allows Secrets Manager, or a wildcard action other than key administration', () => {
    // Every policy statement in the template: identity policies, key policies, queue and topic policies.
    const statements: (Statement & { Principal?: unknown })[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.Effect === 'string' && 'Action' in o) statements.push(o as unknown as Statement);
        Object.values(o).forEach(walk);
      }
    };
    walk(Object.values(resources).map((r) => r.Properties));
    const allowed = statements.filter((st) => st.Effect === 'Allow');
    expect(allowed.length).toBeGreaterThan(20);
    const actions = allowed.flatMap((st) => [st.Action].flat());
    expect(actions.filter((a) => /^secretsmanager:/i.test(a))).toEqual([]);
    // The one wildcard: the account root's "kms:*" in each key policy (CDK's default key admin).
    const wildcards = allowed.filter((st) => [st.Action].flat().some((a) => a.includes('*')));
    expect(wildcards.map((st) => [st.Action].flat())).toEqual(
      Object.keys(s.template.findResources('AWS::KMS::Key')).map(() => ['kms:*']),
    );
  });

  it('then the signing key is usable by the API role only', () => {
    const signing = JSON.stringify(arnOf(s.stack.keys.signingKey));
    const owners = identityStatements(resources)
      .filter(({ statement }) => JSON.stringify(statement.Resource) === signing)
      .flatMap(({ owner }) =>
        ((resources[owner]!.Properties!.Roles ?? []) as { Ref: string }[]).map((r) => r.Ref),
      );
    expect([...new Set(owners)]).toEqual([logicalId(s.stack, s.stack.api.function.role!)]);
  });

  it.each([
    ['dynamodb', 'shared/adapters/dynamodb/table.ts', () => s.stack.table.table],
    ['kms', 'shared/adapters/aws/kms-key-provider.ts', () => s.stack.keys.dataKey],
    ['kms', 'shared/adapters/aws/kms-signing-key.ts', () => s.stack.keys.signingKey],
  ])(
    'then the %s actions granted on the resource %s uses are exactly the commands it sends',
    (service, file, target) => {
      const source = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      const sent = [
        // SDK commands (`new GetItemCommand(`) or the DynamoDB client's operations (`.send('GetItem'`).
        ...new Set(
          [...source.matchAll(/new (\w+)Command\(|\.send\(\s*'(\w+)'/g)].map(
            (m) => `${service}:${m[1] ?? m[2]}`,
          ),
        ),
      ].sort();
      const arn = JSON.stringify({ 'Fn::GetAtt': [logicalId(s.stack, target()), 'Arn'] });
      // Over every role: the worker's grants are a subset of the API's, so none may add an action.
      const granted = [
        ...new Set(
          identityStatements(resources)
            .filter(({ statement }) => [statement.Resource].flat().some((r) => JSON.stringify(r) === arn))
            .flatMap(({ statement }) => [statement.Action].flat()),
        ),
      ].sort();
      expect(sent.length).toBeGreaterThan(0);
      expect(granted).toEqual(sent);
    },
  );

  it.each(['api', 'worker', 'scheduler'] as const)(
    'then the %s role is assumable by Lambda only and has no managed policies',
    (which) => {
      const role = {
        api: s.stack.api.function.role!,
        worker: s.stack.sync.worker.role,
        scheduler: s.stack.sync.scheduler.role,
      }[which];
      const props = resources[logicalId(s.stack, role)]!.Properties!;
      expect(props.ManagedPolicyArns).toBeUndefined();
      expect(props.AssumeRolePolicyDocument).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
      });
    },
  );

  it('then the template contains no plaintext secret', () => {
    expect(plaintextSecrets(s.template.toJSON())).toEqual([]);
    expect(Object.values(resources).map((r) => r.Type)).not.toContain('AWS::SecretsManager::Secret');
  });

  it('then the secret scanner itself finds planted secrets', () => {
    const planted = {
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Environment: {
              Variables: {
                KEY: '-----BEGIN EC PRIVATE KEY-----\nMHc...',
                AWS_KEY: 'AKIAABCDEFGHIJKLMNOP',
                DATA_KEY: 'q7Kc3vN0yP9ZmX2bT5wR8uE1sL4hG6jD0fA3kV9nB2c=',
                DB_PASSWORD: 'hunter2',
              },
            },
          },
        },
      },
    };
    expect(plaintextSecrets(planted)).toHaveLength(4);
  });
});

describe.each([
  ['the default stack', {}],
  [
    'a stack with a custom domain, trusted issuers and an alarm email',
    {
      customDomain: {
        domainName: 'coffer.example.com',
        certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd',
      },
      oidcIssuers: [{ issuer: 'https://token.actions.githubusercontent.com', audience: 'coffer' }],
      alarmEmail: 'oncall@example.com',
    },
  ],
])('given %s, when the AwsSolutions pack checks it', (_name, props) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize(props, { bundle: false });
  }, SYNTH_TIMEOUT_MS);

  it('then there are no unacknowledged findings, errors or warnings', () => {
    const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(s.stack);
    const findings = report.violations.map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      at: v.violatingResources.map((r) => r.constructPath),
    }));
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('then every acknowledgment names a rule and gives a reason in words', () => {
    const acks = acknowledgments(s.stack);
    expect(acks.length).toBeGreaterThanOrEqual(4);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/i);
      expect(ack.reason.split(/\s+/).length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(12);
    }
  });
});
