import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { CofferError } from '../../domain/errors.js';
import type { PlannedAction } from '../../domain/sync/engine.js';
import type { SyncPlanner } from '../../domain/sync/planner.js';
import type { SyncJob } from '../../domain/sync/queue.js';

/** The invocation the sync worker answers with a plan instead of treating it as an SQS batch. */
export interface PlanInvocation {
  readonly coffer: 'plan';
  readonly job: SyncJob;
}

export const isPlanInvocation = (e: unknown): e is PlanInvocation =>
  typeof e === 'object' && e !== null && (e as { coffer?: unknown }).coffer === 'plan';

/** The worker's error codes the API answers as they are; any other is SYNC_FAILED. */
const PASSED_THROUGH = ['SYNC_NOT_FOUND', 'DESTINATION_REFUSED'] as const;

/** Asks the sync worker function for a plan (synchronous Lambda invoke). */
export class LambdaPlanner implements SyncPlanner {
  constructor(
    private readonly lambda: LambdaClient,
    private readonly functionName: string,
  ) {}

  async plan(job: SyncJob): Promise<PlannedAction[]> {
    const payload: PlanInvocation = { coffer: 'plan', job };
    const out = await this.lambda
      .send(
        new InvokeCommand({ FunctionName: this.functionName, Payload: Buffer.from(JSON.stringify(payload)) }),
      )
      .catch((e: unknown) => {
        throw new CofferError('STORE_UNAVAILABLE', 'the sync worker is unavailable; retry shortly', {
          cause: e,
        });
      });
    const body = JSON.parse(Buffer.from(out.Payload ?? []).toString('utf8') || 'null') as
      { actions: PlannedAction[] } | { error: { code: string; message: string } } | null;
    if (out.FunctionError || !body)
      throw new CofferError('STORE_UNAVAILABLE', 'the sync worker failed to plan; retry shortly');
    if ('error' in body)
      throw new CofferError(
        PASSED_THROUGH.find((c) => c === body.error.code) ?? 'SYNC_FAILED',
        body.error.message,
      );
    return body.actions;
  }
}
