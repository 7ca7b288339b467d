import { dirname } from 'node:path';
import { AssetHashType, DockerImage, type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleLocally } from '../bundling.js';

/** The runtime of every Coffer function; `BUNDLE.target` in bundling.ts matches it. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;
/** Graviton: about 20% cheaper per GB-second than x86_64, and the bundle is pure JavaScript. */
export const LAMBDA_ARCHITECTURE = lambda.Architecture.ARM_64;

export interface CofferFunctionProps {
  /** TypeScript entry point (one of `ENTRIES` in bundling.ts); it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  /** @default - the function's description */
  readonly roleDescription?: string;
  readonly memoryMb: number;
  readonly timeout: Duration;
  /** The configuration `parseLambdaConfig` reads (`CofferApi.environment`). */
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** Retries of a failed asynchronous invocation. @default - Lambda's default (2) */
  readonly retryAttempts?: number;
}

export interface CofferFunction {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

/**
 * One Coffer function the same way for every entry point: bundled by the local esbuild
 * (`bundleLocally`), Node.js 24 on arm64, a log group with retention that survives stack
 * deletion, and an IAM role of its own that may write to that log group and nothing else (rather
 * than the AWS managed basic-execution policy, which may create log groups anywhere). The caller
 * adds the function's permissions with `grant*`.
 *
 * Creates `<id>Logs`, `<id>Role` and `<id>` directly in `scope`, so the API's construct ids (and
 * logical ids) are the ones it had before this helper existed.
 */
export const createCofferFunction = (
  scope: Construct,
  id: string,
  props: CofferFunctionProps,
): CofferFunction => {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: props.roleDescription ?? props.description,
  });
  logGroup.grantWrite(role);

  const fn = new lambda.Function(scope, id, {
    description: props.description,
    // Bundled here by esbuild (bundling.ts); the hash of the output names the asset, so a change
    // anywhere in the function's code, or in a dependency, deploys a new version.
    code: lambda.Code.fromAsset(dirname(props.entry), {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'), // never used: local bundling always succeeds or throws
        local: {
          tryBundle: (outputDir) => {
            bundleLocally(props.entry, outputDir);
            return true;
          },
        },
      },
    }),
    handler: 'index.handler',
    runtime: LAMBDA_RUNTIME,
    architecture: LAMBDA_ARCHITECTURE,
    memorySize: props.memoryMb,
    timeout: props.timeout,
    role,
    logGroup,
    environment: props.environment,
    retryAttempts: props.retryAttempts,
  });
  return { function: fn, role, logGroup };
};
