/** One unit of sync work: push one app's secrets to one sync's destination. */
export interface SyncJob {
  readonly orgId: string;
  readonly projectId: string;
  readonly app: string;
  readonly sync: string;
  readonly reason: 'change' | 'schedule' | 'manual';
}

/** Where jobs wait (SQS on AWS, an in-process queue locally). */
export interface SyncQueue {
  enqueue(job: SyncJob): Promise<void>;
}
