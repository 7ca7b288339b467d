import type { SyncJob, SyncQueue } from '../../domain/sync/queue.js';

export interface DeadLetter {
  readonly job: SyncJob;
  readonly attempts: number;
  /** The last error's code and message (never a value: sync errors carry codes and names only). */
  readonly error: string;
  readonly at: string;
}

export interface InProcessQueueOptions {
  /** Jobs run at once. Default 2. */
  readonly concurrency?: number;
  /** Attempts before a job is parked in the dead-letter list. Default 5 (as the SQS redrive policy). */
  readonly maxAttempts?: number;
  /** First retry delay; doubles per attempt, with jitter. Default 2 s. */
  readonly retryBaseMs?: number;
  readonly onError?: (job: SyncJob, attempt: number, error: unknown) => void;
}

const keyOf = (j: SyncJob) => `${j.orgId}/${j.projectId}/${j.app}/${j.sync}`;

/**
 * The local stand-in for SQS + the sync worker: jobs run in this process with retries, backoff and a
 * dead-letter list. A job enqueued while an identical one is still waiting is merged into it (one run
 * covers both); one enqueued while it runs waits for the next run, so no change is missed.
 */
export class InProcessQueue implements SyncQueue {
  readonly deadLetters: DeadLetter[] = [];
  readonly #waiting = new Map<string, { job: SyncJob; attempt: number }>();
  readonly #running = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #active = 0;
  #idle: (() => void)[] = [];
  #closed = false;

  constructor(
    private readonly handler: (job: SyncJob) => Promise<unknown>,
    private readonly opts: InProcessQueueOptions = {},
  ) {}

  async enqueue(job: SyncJob): Promise<void> {
    if (this.#closed) return;
    const key = keyOf(job);
    if (!this.#waiting.has(key)) this.#waiting.set(key, { job, attempt: 1 });
    this.pump();
  }

  /** Resolves when nothing is waiting, running or scheduled for retry. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.#idle.push(r));
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#waiting.clear();
    this.settle();
  }

  private isIdle() {
    return this.#waiting.size === 0 && this.#active === 0 && this.#timers.size === 0;
  }

  private settle() {
    if (!this.isIdle()) return;
    for (const r of this.#idle.splice(0)) r();
  }

  private pump() {
    const limit = this.opts.concurrency ?? 2;
    for (const [key, entry] of this.#waiting) {
      if (this.#active >= limit) break;
      if (this.#running.has(key)) continue;
      this.#waiting.delete(key);
      this.#running.add(key);
      this.#active++;
      void this.run(key, entry);
    }
  }

  private async run(key: string, entry: { job: SyncJob; attempt: number }) {
    try {
      await this.handler(entry.job);
    } catch (e) {
      this.opts.onError?.(entry.job, entry.attempt, e);
      if (entry.attempt >= (this.opts.maxAttempts ?? 5)) {
        const err = e as { code?: string; message?: string };
        this.deadLetters.push({
          job: entry.job,
          attempts: entry.attempt,
          error: `${err.code ?? 'ERROR'}: ${err.message ?? ''}`,
          at: new Date().toISOString(),
        });
      } else if (!this.#closed) {
        const delay = Math.random() * (this.opts.retryBaseMs ?? 2000) * 2 ** (entry.attempt - 1);
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          if (!this.#waiting.has(key)) this.#waiting.set(key, { job: entry.job, attempt: entry.attempt + 1 });
          this.pump();
          this.settle();
        }, delay);
        timer.unref();
        this.#timers.add(timer);
      }
    } finally {
      this.#running.delete(key);
      this.#active--;
      this.pump();
      this.settle();
    }
  }
}
