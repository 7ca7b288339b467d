import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  API_EXACT_PATHS,
  API_PATH_PREFIXES,
  PORTAL_CSP,
  PORTAL_SECURITY_HEADERS,
} from '../../shared/web/portal-site.js';

export interface CofferPortalProps {
  /** Host name of the API origin (the execute-api host, or the custom domain). */
  readonly apiDomainName: string;
}

/** Headers CloudFront sets itself in typed fields; the rest of PORTAL_SECURITY_HEADERS become custom headers. */
const TYPED = new Set([
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'referrer-policy',
]);

/** HSTS max-age, read from the one header value so local and CloudFront cannot drift. */
const hstsMaxAge = () =>
  Number(/max-age=(\d+)/.exec(PORTAL_SECURITY_HEADERS['strict-transport-security']!)![1]);

/**
 * Rewrites the portal's own routes (`/o/…/apps/web`) to index.html at the edge. It runs only on the
 * default (bucket) behavior, so API 404s are never turned into the app page, which distribution-wide
 * custom error responses would do.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web portal on AWS: its files in a private bucket read only by CloudFront (origin access
 * control), uploaded after `cdk deploy` with `aws s3 sync portal/dist s3://<PortalBucket>` (docs/DEPLOY.md),
 * and one CloudFront distribution that also routes the API and sign-in paths to API
 * Gateway, so the browser talks to one origin and the session cookie stays first-party.
 */
export class CofferPortal extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  readonly assetHeaders: cloudfront.ResponseHeadersPolicy;
  /** The portal's public URL (https://<id>.cloudfront.net). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: CofferPortalProps) {
    super(scope, id);
    this.logBucket = new s3.Bucket(this, 'Logs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are delivered with an ACL, which needs object-writer ownership.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the access logs of the portal bucket and the distribution; logging it ' +
        'into itself would loop and logging it elsewhere would need a third bucket with the same finding.',
    });

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3/',
      // Only built files: a new deployment replaces them all.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const security = (cacheControl: string) =>
      ({
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: PORTAL_CSP, override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.seconds(hstsMaxAge()),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
          referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            ...Object.entries(PORTAL_SECURITY_HEADERS)
              .filter(([name]) => !TYPED.has(name))
              .map(([header, value]) => ({ header, value, override: true })),
            { header: 'cache-control', value: cacheControl, override: true },
          ],
        },
      }) satisfies cloudfront.ResponseHeadersPolicyProps;
    // index.html and app routes: always revalidated, so a deployment is seen on the next load.
    const prefix = `${Stack.of(this).stackName}-portal`;
    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: `${prefix}-pages`,
      comment: 'Coffer portal: CSP and security headers (shared/web/portal-site.ts), no-cache',
      ...security('no-cache'),
    });
    // Hashed build files never change.
    this.assetHeaders = new cloudfront.ResponseHeadersPolicy(this, 'AssetHeaders', {
      responseHeadersPolicyName: `${prefix}-assets`,
      comment: 'Coffer portal assets: security headers, immutable',
      ...security('public, max-age=31536000, immutable'),
    });

    const files = origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
      originId: 'portal-files',
      originAccessControl: new cloudfront.S3OriginAccessControl(this, 'Oac', {
        originAccessControlName: `${prefix}-oac`,
        signing: cloudfront.Signing.SIGV4_ALWAYS,
      }),
    });
    const api = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      originId: 'api',
    });
    // The API sees every request as the browser sent it (cookie, CSRF header, query), except Host,
    // which must be the API's own for API Gateway to route it; nothing is cached at the edge.
    const apiBehavior: cloudfront.BehaviorOptions = {
      origin: api,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const rewrite = new cloudfront.Function(this, 'SpaRewrite', {
      functionName: `${prefix}-rewrite`,
      code: cloudfront.FunctionCode.fromInline(SPA_REWRITE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Coffer portal: app routes to index.html',
    });

    // index.html is revalidated with the bucket on every request (TTL 0), so a deployment shows at
    // once without an invalidation.
    const pageCache = new cloudfront.CachePolicy(this, 'PageCache', {
      cachePolicyName: `${prefix}-pages`,
      comment: 'Coffer portal pages: always revalidated',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Coffer: portal and API on one origin',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: files,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: pageCache,
        responseHeadersPolicy: this.headers,
        functionAssociations: [{ function: rewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: files,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.assetHeaders,
        },
        ...Object.fromEntries(API_PATH_PREFIXES.map((p) => [`${p}*`, apiBehavior])),
        ...Object.fromEntries(API_EXACT_PATHS.map((p) => [p, apiBehavior])),
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    for (const [id, reason] of [
      [
        'AwsSolutions-CFR1',
        'Coffer serves its customers wherever they are; access is decided by authentication and IAM ' +
          'policies in the API, not by the country of the request.',
      ],
      [
        'AwsSolutions-CFR2',
        'WAF is optional and costs a monthly fee per web ACL; the API throttles every caller itself and ' +
          'an operator can attach a web ACL to this distribution without changing Coffer.',
      ],
      [
        'AwsSolutions-CFR4',
        'Without a custom domain the distribution uses the cloudfront.net certificate, whose minimum ' +
          'protocol CloudFront fixes; viewers negotiate TLS 1.2 or 1.3 in practice, and a custom domain ' +
          'with its own certificate lifts this.',
      ],
    ] as const)
      Validations.of(this.distribution).acknowledge({ id, reason });
  }
}
