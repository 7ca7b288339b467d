import { createAwsServices } from '../../shared/runtime/aws-services.js';
import { createScheduler } from './scheduler.js';

/** Lambda entry point for the EventBridge Scheduler schedule. */
export const handler = createScheduler(createAwsServices(process.env));
