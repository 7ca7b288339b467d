import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CofferStack, DEFAULT_STAGE } from './coffer-stack.js';
import { propsFromContext } from './context.js';

/**
 * `cd infra && npx cdk deploy` entry point. Environment-agnostic: the account and region come
 * from the credentials at deploy time, so `cdk synth` needs none.
 */
const app = new App();
const props = propsFromContext((key) => app.node.tryGetContext(key));
new CofferStack(app, `Coffer-${props.stageName ?? DEFAULT_STAGE}`, props);
// Synthesis fails on any AwsSolutions finding that is not acknowledged (with a reason) in code.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
