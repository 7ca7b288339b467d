import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CofferApi, type CustomDomain, type OidcIssuer } from './constructs/api.js';
import { CanaryDeployment } from './constructs/deployment.js';
import { CofferKeys } from './constructs/keys.js';
import { CofferMonitoring } from './constructs/monitoring.js';
import { SyncQueue } from './constructs/queue.js';
import { CofferTable } from './constructs/table.js';

export interface CofferStackProps extends StackProps {
  /**
   * Deployment stage (`dev`, `prod`, ...): part of the stack name, the `Stage` dimension of
   * Coffer's custom metrics and the alarm topic's name. Not an API Gateway stage: the API always
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
   * @default DEFAULT_THROTTLE in constructs/api.ts (100 requests/s, bursts of 200)
   */
  readonly throttle?: ThrottleSettings;
}

export const DEFAULT_STAGE = 'prod';
export const DEFAULT_LOG_RETENTION_DAYS = 365;

/** Everything Coffer needs in one AWS account and region. */
export class CofferStack extends Stack {
  readonly keys: CofferKeys;
  readonly table: CofferTable;
  readonly syncQueue: SyncQueue;
  readonly api: CofferApi;
  readonly monitoring: CofferMonitoring;
  readonly deployment: CanaryDeployment;

  constructor(scope: Construct, id: string, props: CofferStackProps = {}) {
    super(scope, id, {
      description: 'Coffer: multi-tenant secrets service (API, table, keys, sync queue, alarms)',
      ...props,
    });
    const stageName = props.stageName ?? DEFAULT_STAGE;

    this.keys = new CofferKeys(this, 'Keys');
    this.table = new CofferTable(this, 'Table', { encryptionKey: this.keys.tableKey });
    this.syncQueue = new SyncQueue(this, 'Sync');
    this.api = new CofferApi(this, 'Api', {
      table: this.table,
      keys: this.keys,
      oidcIssuers: props.oidcIssuers,
      customDomain: props.customDomain,
      logRetention: toRetentionDays(props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS),
      throttle: props.throttle,
      memoryMb: props.apiMemoryMb,
    });
    this.monitoring = new CofferMonitoring(this, 'Monitoring', {
      stageName,
      api: this.api,
      table: this.table,
      syncQueue: this.syncQueue,
      alarmEmail: props.alarmEmail,
    });
    this.deployment = new CanaryDeployment(this, 'Deployment', {
      alias: this.api.alias,
      rollbackAlarms: this.monitoring.rollbackAlarms,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL and token issuer' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'SyncQueueUrl', { value: this.syncQueue.queue.queueUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
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
