import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENTRIES } from '../bundling.js';
import { createCofferFunction } from './function.js';
import type { CofferKeys } from './keys.js';
import type { SyncQueue } from './queue.js';
import type { CofferTable } from './table.js';

/** A custom domain for the API. The certificate must be in the stack's region and cover the name. */
export interface CustomDomain {
  /** Fully qualified name, e.g. `coffer.example.com`. */
  readonly domainName: string;
  /** ARN of an issued ACM certificate for `domainName`. */
  readonly certificateArn: string;
}

/**
 * An external OpenID Connect issuer whose tokens the API accepts for users. Written to the
 * function's `COFFER_OIDC_ISSUERS` as the JSON the app parses (`shared/config.ts`), with
 * snake_case keys.
 */
export interface OidcIssuer {
  /** Issuer URL, exactly as in the tokens' `iss` claim (HTTPS). */
  readonly issuer: string;
  /** The `aud` value tokens must carry for Coffer. */
  readonly audience: string;
  /** Claim holding the user's stable id. @default - the app's default (`sub`) */
  readonly userIdClaim?: string;
  /** Claim holding the user's email. @default - the app's default */
  readonly emailClaim?: string;
  /** Where the signing keys are. @default - discovered from the issuer's OIDC metadata */
  readonly jwksUri?: string;
  /** Required `typ` header. @default - the app's default */
  readonly typ?: string;
}

/** The `COFFER_OIDC_ISSUERS` value for `issuers`. */
export const oidcIssuersEnv = (issuers: readonly OidcIssuer[]): string =>
  JSON.stringify(
    issuers.map((i) => ({
      issuer: i.issuer,
      audience: i.audience,
      ...(i.userIdClaim !== undefined ? { user_id_claim: i.userIdClaim } : {}),
      ...(i.emailClaim !== undefined ? { email_claim: i.emailClaim } : {}),
      ...(i.jwksUri !== undefined ? { jwks_uri: i.jwksUri } : {}),
      ...(i.typ !== undefined ? { typ: i.typ } : {}),
    })),
  );

export interface CofferApiProps {
  readonly table: CofferTable;
  readonly keys: CofferKeys;
  /** Where the API enqueues a sync job after each committed change to an app's secrets. */
  readonly syncQueue: SyncQueue;
  /**
   * Trusted external OIDC issuers, passed to the function as JSON in `COFFER_OIDC_ISSUERS`.
   *
   * @default [] (only Coffer's own tokens and service principals are accepted)
   */
  readonly oidcIssuers?: readonly OidcIssuer[];
  /**
   * Serve the API at `https://<domainName>` instead of the execute-api URL. The default
   * execute-api endpoint is then disabled, so tokens have exactly one issuer.
   *
   * @default - none: the API is served at `https://<api-id>.execute-api.<region>.<suffix>`
   */
  readonly customDomain?: CustomDomain;
  /**
   * Retention of the function's logs and the API access logs.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Stage-wide request throttling.
   *
   * @default DEFAULT_THROTTLE: { rateLimit: 10,000, burstLimit: 5,000 } (requests per second; API
   * Gateway answers 429 beyond that). See docs/SCALE.md for why, and for per-organization limits.
   */
  readonly throttle?: apigw.ThrottleSettings;
  /**
   * Memory of the API function, in MB (Lambda allots CPU in proportion).
   *
   * @default DEFAULT_API_MEMORY_MB (512)
   */
  readonly memoryMb?: number;
  /**
   * Access-token lifetime, `COFFER_TOKEN_TTL_SECONDS`.
   *
   * @default Duration.minutes(15)
   */
  readonly tokenTtl?: Duration;
  /**
   * How long a warm function keeps an unwrapped data key, `COFFER_DATA_KEY_CACHE_SECONDS`.
   *
   * @default Duration.minutes(5)
   */
  readonly dataKeyCacheTtl?: Duration;
}

/**
 * Default memory of the API function. A read mostly waits on DynamoDB, so 512 MB (and its share
 * of a vCPU) serves it at half the per-millisecond price of 1 GB; bench/cost-model.ts prices
 * Lambda at this size. More memory buys more CPU: faster cold starts and bulk operations.
 */
export const DEFAULT_API_MEMORY_MB = 512;

/**
 * Default stage throttling, for all tenants together. The table sustains 10,000 requests a second
 * for one organization (16 audit shards of 1,000 writes; each app 3,000 strongly consistent reads
 * of one secret), so the stage allows that much: API Gateway's own default account quota for HTTP
 * APIs (10,000 a second, bursts of 5,000 per region), which a lower stage limit would only undercut.
 * At that rate a runaway client costs about $90 an hour (docs/SCALE.md); per-organization limits
 * belong in front of the API (docs/SCALE.md, "Front door").
 */
export const DEFAULT_THROTTLE = { rateLimit: 10_000, burstLimit: 5_000 } as const;

/** Name of the alias the API invokes and CodeDeploy shifts between versions. */
export const LIVE_ALIAS = 'live';

/**
 * The HTTP API and the function behind it.
 *
 * The API invokes the `live` alias, never `$LATEST`, so a deployment publishes a new version and
 * CodeDeploy moves the alias gradually (see `deployment.ts`).
 *
 * The issuer URL is computed from the API id without a dependency cycle: the function's
 * environment refers to the `AWS::ApiGatewayV2::Api` resource only, while the route and the
 * integration (which refer to the function) are separate resources that depend on both. The API
 * uses the `$default` stage, so its URL has no stage path and the app's routes match as they do
 * locally.
 */
export class CofferApi extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly function: lambda.Function;
  readonly alias: lambda.Alias;
  /** Public base URL of the API, also the issuer of Coffer's access tokens. */
  readonly url: string;
  /**
   * The configuration `parseLambdaConfig` (shared/config.ts) reads, as the function's environment.
   * The sync worker and scheduler build the same services (`shared/runtime/aws-services.ts`) from
   * the same configuration, so they get exactly this environment too.
   */
  readonly environment: Readonly<Record<string, string>>;
  readonly domainName?: apigw.DomainName;

  constructor(scope: Construct, id: string, props: CofferApiProps) {
    super(scope, id);
    const { region, urlSuffix } = Stack.of(this);
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Coffer API',
      createDefaultStage: false,
      disableExecuteApiEndpoint: props.customDomain !== undefined,
    });
    this.url = props.customDomain
      ? `https://${props.customDomain.domainName}`
      : `https://${this.httpApi.apiId}.execute-api.${region}.${urlSuffix}`;

    this.environment = {
      COFFER_TABLE_NAME: props.table.table.tableName,
      COFFER_ISSUER: this.url,
      COFFER_AUDIENCE: 'coffer-api',
      COFFER_KMS_KEY_ID: props.keys.dataKey.keyArn,
      COFFER_SIGNING_KEY_ID: props.keys.signingKey.keyArn,
      COFFER_TOKEN_TTL_SECONDS: String((props.tokenTtl ?? Duration.minutes(15)).toSeconds()),
      COFFER_DATA_KEY_CACHE_SECONDS: String((props.dataKeyCacheTtl ?? Duration.minutes(5)).toSeconds()),
      COFFER_LOG_LEVEL: 'info',
      COFFER_OIDC_ISSUERS: oidcIssuersEnv(props.oidcIssuers ?? []),
      COFFER_SYNC_QUEUE_URL: props.syncQueue.queue.queueUrl,
    };
    const { function: fn, role } = createCofferFunction(this, 'Function', {
      description: 'Coffer API (functions/api/handler.ts)',
      roleDescription: 'Coffer API function',
      entry: ENTRIES.api,
      memoryMb: props.memoryMb ?? DEFAULT_API_MEMORY_MB,
      timeout: Duration.seconds(10),
      environment: { ...this.environment },
      logRetention: retention,
    });
    this.function = fn;

    props.table.grantApiAccess(role);
    props.keys.grantTableKeyUse(role);
    props.keys.grantDataKeyUse(role);
    props.keys.grantTokenSigning(role);
    props.syncQueue.grantEnqueue(role);

    this.alias = new lambda.Alias(this, 'LiveAlias', {
      aliasName: LIVE_ALIAS,
      version: this.function.currentVersion,
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.customDomain) {
      this.domainName = new apigw.DomainName(this, 'DomainName', {
        domainName: props.customDomain.domainName,
        certificate: acm.Certificate.fromCertificateArn(
          this,
          'Certificate',
          props.customDomain.certificateArn,
        ),
      });
    }
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: accessLogFormat(),
      },
      domainMapping: this.domainName ? { domainName: this.domainName } : undefined,
    });

    const route = new apigw.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('Integration', this.alias),
    });
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Coffer authenticates every request itself (functions/api verifies OIDC and Coffer-signed ' +
        'JWTs and serves the client-credential and token-exchange grants at /oauth2/token, which ' +
        'must be reachable without a token). An API Gateway authorizer cannot express these flows, ' +
        'and a second check in front would only duplicate the app.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.table.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason:
        'Table.grant covers the table and its indexes; the table has exactly one index (gsi1), which ' +
        'the API queries, so the wildcard matches nothing else.',
    });
  }
}

/**
 * One JSON line per request. Path, status and latency only: no query string, headers or body, so
 * nothing secret reaches the log.
 */
const accessLogFormat = () =>
  AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      path: '$context.path',
      protocol: '$context.protocol',
      status: '$context.status',
      responseLength: '$context.responseLength',
      integrationLatency: '$context.integrationLatency',
      integrationError: '$context.integrationErrorMessage',
      userAgent: '$context.identity.userAgent',
    }),
  );
