import { createLambdaHandler } from './lambda.js';

/** Lambda entry point (API Gateway HTTP API, payload v2). Built once per cold start. */
export const handler = createLambdaHandler(process.env);
