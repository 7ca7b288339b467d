import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CofferStack, type CofferStackProps } from '../../infra/coffer-stack.js';

/** The feature flags `cdk synth` uses (infra/cdk.json), so tests see the template CI deploys. */
const cdkJsonContext = (): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL('../../infra/cdk.json', import.meta.url), 'utf8')).context;

/**
 * Time allowed for one synthesis. Loading aws-cdk-lib and bundling take 10 to 20 s on a quiet
 * two-core machine and several times that while other suites share it.
 */
export const SYNTH_TIMEOUT_MS = 180_000;

export interface Synthesized {
  readonly stack: CofferStack;
  readonly template: Template;
}

/**
 * Builds the stack offline, with no credentials. By default the API function is bundled with the
 * local esbuild exactly as `cdk synth` does (a second or two); `bundle: false` skips that for tests
 * that only look at configuration variants.
 */
export const synthesize = (props: CofferStackProps = {}, opts: { bundle?: boolean } = {}): Synthesized => {
  const app = new App({
    context: {
      ...cdkJsonContext(),
      ...(opts.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  const stack = new CofferStack(app, 'Coffer-test', props);
  return { stack, template: Template.fromStack(stack) };
};

export interface CfnResourceJson {
  Properties: Record<string, unknown>;
  [key: string]: unknown;
}

/** The one resource of `type` in the template, by logical id; fails unless there is exactly one. */
export const onlyResource = (template: Template, type: string): { id: string; resource: CfnResourceJson } => {
  const found = Object.entries(template.findResources(type) as Record<string, CfnResourceJson>);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  const [id, resource] = found[0]!;
  return { id, resource };
};

/** The logical id of a construct's CloudFormation resource. */
export const logicalId = (stack: CofferStack, construct: { node: { defaultChild?: unknown } }): string =>
  stack.getLogicalId(construct.node.defaultChild as Parameters<CofferStack['getLogicalId']>[0]);

/** The CloudFormation properties of a construct's resource. */
export const propertiesOf = (
  s: Synthesized,
  construct: { node: { defaultChild?: unknown } },
): Record<string, unknown> =>
  (s.template.toJSON().Resources[logicalId(s.stack, construct)] as CfnResourceJson).Properties;

/** The environment variables of a function, as synthesized (references unresolved). */
export const functionEnv = (
  s: Synthesized,
  fn: { node: { defaultChild?: unknown } },
): Record<string, unknown> =>
  (propertiesOf(s, fn).Environment as { Variables: Record<string, unknown> }).Variables;

/** The three deployed functions, by the name `ENTRIES` gives their entry points. */
export const functionsOf = (s: Synthesized) =>
  ({
    api: s.stack.api.function,
    syncWorker: s.stack.sync.worker.function,
    scheduler: s.stack.sync.scheduler.function,
  }) as const;
