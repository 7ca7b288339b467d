import { createDestination } from '../../shared/adapters/destinations/factory.js';
import { createAwsServices } from '../../shared/runtime/aws-services.js';
import { createSyncWorker } from './worker.js';

/** Lambda entry point for the sync queue (SQS event source with ReportBatchItemFailures). */
export const handler = createSyncWorker(
  createAwsServices(process.env, { destinations: (p, c, t) => createDestination(p, c, t) }),
);
