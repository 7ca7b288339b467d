import type { PlannedAction } from './engine.js';
import type { SyncJob } from './queue.js';

/**
 * Computes a dry-run plan. Locally and in the sync worker it runs the engine's planner directly; the
 * API function asks the worker, so the API bundle carries no destination clients (its size and cold
 * start stay small).
 */
export interface SyncPlanner {
  plan(job: SyncJob): Promise<PlannedAction[]>;
}
