import { getConnInfo, handle } from 'hono/aws-lambda';
import { createAwsServices } from '../../shared/runtime/aws-services.js';
import { createApi } from './app.js';

/** The API on Lambda: AWS-wired services in the shared app. */
export const createLambdaHandler = (env: Record<string, string | undefined>) =>
  handle(createApi(createAwsServices(env), { clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown' }));
