import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { logicalId, onlyResource, SYNTH_TIMEOUT_MS, synthesize, type Synthesized } from './synth.js';

type Behavior = Record<string, unknown> & { PathPattern?: string; TargetOriginId: string };
type Origin = { Id: string; DomainName: unknown; S3OriginConfig?: unknown; CustomOriginConfig?: unknown };

/** The portal's headers as issue 14 and README "Portal" state them. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
  "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const API_PATTERNS = [
  '/secrets/*',
  '/resource-manager/*',
  '/iam/*',
  '/audit/*',
  '/oauth2/*',
  '/.well-known/*',
  '/auth/*',
  '/v1/*',
  '/2023-11-28/*',
  '/openapi.json',
  '/healthz',
  '/auth',
];
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

describe('given the default stack, when synthesized', () => {
  let s: Synthesized;
  let config: { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[]; Origins: Origin[] } & Record<
    string,
    unknown
  >;
  beforeAll(() => {
    s = synthesize({}, { bundle: false });
    config = onlyResource(s.template, 'AWS::CloudFront::Distribution').resource.Properties
      .DistributionConfig as typeof config;
  }, SYNTH_TIMEOUT_MS);

  it('then the portal bucket is private, encrypted, TLS-only and read by CloudFront alone', () => {
    const bucketId = logicalId(s.stack, s.stack.portal.bucket);
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/' }),
    });
    const policies = s.template.findResources('AWS::S3::BucketPolicy', {
      Properties: { Bucket: { Ref: bucketId } },
    });
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
        }),
      ]),
    );
    // Nobody else is allowed anything on the bucket.
    for (const st of statements.filter((x) => x.Effect === 'Allow'))
      expect(st.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    });
  });

  it('then the bucket is the default origin, through origin access control, with app routes rewritten', () => {
    const def = config.DefaultCacheBehavior;
    const origin = config.Origins.find((o) => o.Id === def.TargetOriginId)!;
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(origin).toHaveProperty('OriginAccessControlId');
    expect(def.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(def.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    const fn = onlyResource(s.template, 'AWS::CloudFront::Function').resource.Properties;
    expect(fn.FunctionCode).toContain("request.uri = '/index.html'");
    expect(config.DefaultRootObject).toBe('index.html');
    // No distribution-wide error pages: they would turn the API's 403/404 answers into the app page.
    expect(config.CustomErrorResponses).toBeUndefined();
  });

  it('then every API and sign-in path goes to API Gateway uncached, with the cookie and all but Host', () => {
    const api = config.CacheBehaviors.filter((b) => b.PathPattern !== '/assets/*');
    expect(api.map((b) => b.PathPattern).sort()).toEqual([...API_PATTERNS].sort());
    for (const b of api) {
      expect(b).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      });
      expect(b.FunctionAssociations).toBeUndefined();
    }
    const origin = config.Origins.find((o) => o.Id === api[0]!.TargetOriginId)!;
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
    expect(JSON.stringify(origin.DomainName)).toContain(logicalId(s.stack, s.stack.api.httpApi));
  });

  it('then the portal answers carry the CSP and the same security headers as locally', () => {
    const policies = Object.values(s.template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      (p) =>
        (p as { Properties: { ResponseHeadersPolicyConfig: Record<string, unknown> } }).Properties
          .ResponseHeadersPolicyConfig,
    );
    expect(policies).toHaveLength(2);
    const cacheControls = [];
    for (const p of policies) {
      expect(p.SecurityHeadersConfig).toEqual({
        ContentSecurityPolicy: { ContentSecurityPolicy: CSP, Override: true },
        StrictTransportSecurity: {
          AccessControlMaxAgeSec: 63072000,
          IncludeSubdomains: true,
          Override: true,
        },
        ContentTypeOptions: { Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      });
      const custom = (p.CustomHeadersConfig as { Items: { Header: string; Value: string }[] }).Items;
      expect(Object.fromEntries(custom.map((h) => [h.Header, h.Value]))).toMatchObject({
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
      });
      cacheControls.push(custom.find((h) => h.Header === 'cache-control')!.Value);
    }
    expect(cacheControls.sort()).toEqual(['no-cache', 'public, max-age=31536000, immutable']);
    const assets = config.CacheBehaviors.find((b) => b.PathPattern === '/assets/*')!;
    expect(assets.TargetOriginId).toBe(config.DefaultCacheBehavior.TargetOriginId);
    expect(assets.ResponseHeadersPolicyId).toEqual({ Ref: logicalId(s.stack, s.stack.portal.assetHeaders) });
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: logicalId(s.stack, s.stack.portal.headers),
    });
  });

  it('then the distribution logs to the log bucket and the portal URL is an output', () => {
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    s.template.hasOutput('PortalUrl', {
      Value: {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [logicalId(s.stack, s.stack.portal.distribution), 'DomainName'] }],
        ],
      },
    });
  });
});
