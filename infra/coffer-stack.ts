import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CofferApi, type CustomDomain, type OidcIssuer } from './constructs/api.js';
import { CanaryDeployment } from './constructs/deployment.js';
import { CofferKeys } from './constructs/keys.js';
import { CofferMonitoring } from './constructs/monitoring.js';
import { CofferPortal } from './constructs/portal.js';
import { SyncQueue } from './constructs/queue.js';
import { CofferSync } from './constructs/sync.js';
import { CofferTable } from './constructs/table.js';
import { CofferSignIn, type SignInProvider } from './constructs/sign-in.js';

export interface CofferStackProps extends StackProps {
  /**
   * Deployment stage (`dev`, `prod`, ...): part of the stack name, of the namespace of Coffer's
   * custom metrics (`Coffer/<stage>`) and of the alarm topic's name. Not an API Gateway stage: the API always
   * uses `$default`, so URLs carry no stage prefix.
   *
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * Trusted external OIDC issuers (issuer URL and audience, optionally claims and JWKS URI),
   * passed to the API as `COFFER_OIDC_ISSUERS`.
   *
   * @default [] (only Coffer's own tokens and service principals are accepted)
   */
  readonly oidcIssuers?: readonly OidcIssuer[];
  /**
   * Custom domain and its ACM certificate; the issuer becomes `https://<domainName>`.
   *
   * @default - none: the API and issuer use the execute-api URL
   */
  readonly customDomain?: CustomDomain;
  /**
   * Retention of the function and API access logs, in days; one of CloudWatch's allowed values
   * (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
   * 3288, 3653).
   *
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Email address subscribed to the alarm topic.
   *
   * @default - no subscription
   */
  readonly alarmEmail?: string;
  /**
   * Memory of the API function in MB; Lambda allots CPU in proportion.
   *
   * @default 512 (DEFAULT_API_MEMORY_MB in constructs/api.ts)
   */
  readonly apiMemoryMb?: number;
  /**
   * API throttling.
   *
   * @default DEFAULT_THROTTLE in constructs/api.ts (10,000 requests/s, bursts of 5,000; docs/SCALE.md)
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Minutes between scheduled drift-repair runs of every sync (EventBridge Scheduler invoking the
   * scheduler function), 1 to 1440; 0 disables the schedule, so syncs run only after changes and
   * on manual triggers.
   *
   * @default 10 (DEFAULT_SYNC_INTERVAL_MINUTES in constructs/sync.ts)
   */
  readonly syncIntervalMinutes?: number;
  /**
   * Sync jobs running at once, at most (the SQS event source's maximum concurrency, 2 to 1000).
   *
   * @default 10 (DEFAULT_SYNC_CONCURRENCY in constructs/sync.ts)
   */
  readonly syncConcurrency?: number;
  /**
   * Who signs people in for browser sessions (docs/SIGN-IN.md): the customer's OpenID Connect
   * provider, with the client secret in Secrets Manager.
   *
   * @default - an Amazon Cognito user pool with MFA required (constructs/sign-in.ts)
   */
  readonly signIn?: SignInProvider;
}

export const DEFAULT_STAGE = 'prod';
export const DEFAULT_LOG_RETENTION_DAYS = 365;

/** Everything Coffer needs in one AWS account and region. */
export class CofferStack extends Stack {
  readonly keys: CofferKeys;
  readonly table: CofferTable;
  readonly syncQueue: SyncQueue;
  readonly api: CofferApi;
  readonly sync: CofferSync;
  readonly monitoring: CofferMonitoring;
  readonly deployment: CanaryDeployment;
  readonly portal: CofferPortal;
  readonly signIn: CofferSignIn;

  constructor(scope: Construct, id: string, props: CofferStackProps = {}) {
    super(scope, id, {
      description: 'Coffer: multi-tenant secrets service (API, table, keys, sync queue and workers, alarms)',
      ...props,
    });
    const stageName = props.stageName ?? DEFAULT_STAGE;

    this.keys = new CofferKeys(this, 'Keys');
    this.table = new CofferTable(this, 'Table', { encryptionKey: this.keys.tableKey });
    this.syncQueue = new SyncQueue(this, 'Sync');
    const logRetention = toRetentionDays(props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS);
    this.api = new CofferApi(this, 'Api', {
      table: this.table,
      keys: this.keys,
      syncQueue: this.syncQueue,
      oidcIssuers: props.oidcIssuers,
      customDomain: props.customDomain,
      logRetention,
      throttle: props.throttle,
      memoryMb: props.apiMemoryMb,
    });
    this.sync = new CofferSync(this, 'SyncRuntime', {
      table: this.table,
      keys: this.keys,
      syncQueue: this.syncQueue,
      environment: this.api.environment,
      logRetention,
      intervalMinutes: props.syncIntervalMinutes,
      concurrency: props.syncConcurrency,
    });
    // The API asks the worker for dry-run plans (the worker holds the destination clients, so the
    // API bundle does not): the worker's name, and permission to invoke it, for the API only.
    this.api.function.addEnvironment('COFFER_SYNC_WORKER_FUNCTION', this.sync.worker.function.functionName);
    // Exactly the unqualified function (grantInvoke would add `:*`, every version and alias).
    this.api.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.sync.worker.function.functionArn],
      }),
    );
    this.signIn = new CofferSignIn(this, 'SignIn', { api: this.api, stageName, provider: props.signIn });
    this.monitoring = new CofferMonitoring(this, 'Monitoring', {
      stageName,
      api: this.api,
      table: this.table,
      syncQueue: this.syncQueue,
      sync: this.sync,
      alarmEmail: props.alarmEmail,
    });
    this.deployment = new CanaryDeployment(this, 'Deployment', {
      alias: this.api.alias,
      rollbackAlarms: this.monitoring.rollbackAlarms,
    });

    this.portal = new CofferPortal(this, 'Portal', {
      apiDomainName:
        props.customDomain?.domainName ??
        `${this.api.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`,
    });

    new CfnOutput(this, 'PortalUrl', {
      value: this.portal.url,
      description: 'The web portal, with the API and sign-in on the same origin',
    });
    new CfnOutput(this, 'PortalBucket', {
      value: this.portal.bucket.bucketName,
      description: 'Upload the built portal here: aws s3 sync portal/dist s3://<this> --delete',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL and token issuer' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'SyncQueueUrl', { value: this.syncQueue.queue.queueUrl });
    new CfnOutput(this, 'SyncDeadLetterQueueUrl', {
      value: this.syncQueue.deadLetterQueue.queueUrl,
      description: 'Sync jobs that failed every attempt (inspect or purge them here)',
    });
    new CfnOutput(this, 'SyncDeadLetterQueueArn', {
      value: this.syncQueue.deadLetterQueue.queueArn,
      description: 'Source ARN for `aws sqs start-message-move-task` (redrive)',
    });
    new CfnOutput(this, 'SyncWorkerLogGroup', {
      value: this.sync.worker.logGroup.logGroupName,
      description: 'The sync worker logs, with a "sync failed" line per failed job',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'SignInIssuer', { value: this.signIn.issuer, description: 'Who signs people in' });
    if (this.signIn.userPool) {
      new CfnOutput(this, 'UserPoolId', {
        value: this.signIn.userPool.userPoolId,
        description: 'Invite people here (aws cognito-idp admin-create-user); MFA is required',
      });
    }
    if (this.api.domainName) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.api.domainName.regionalDomainName,
        description: 'Point a CNAME (or Route 53 alias) for the custom domain here',
      });
    }
  }
}

const RETENTION_DAYS = new Set<number>(
  Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number'),
);

const toRetentionDays = (days: number): logs.RetentionDays => {
  if (!RETENTION_DAYS.has(days) || days === logs.RetentionDays.INFINITE) {
    const allowed = [...RETENTION_DAYS]
      .filter((d) => d !== logs.RetentionDays.INFINITE)
      .sort((a, b) => a - b);
    throw new Error(`logRetentionDays must be one of ${allowed.join(', ')}; got ${days}`);
  }
  return days as logs.RetentionDays;
};
