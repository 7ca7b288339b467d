import { inspect } from 'node:util';
import { expect } from 'vitest';
import { DestinationError } from '../../shared/domain/sync/destination.js';
import type { DestinationOptions } from '../../shared/adapters/destinations/factory.js';

/** Plain HTTP to the stand-ins, quick retries, no GitHub write spacing. */
export const FAST: DestinationOptions = Object.freeze({
  allowInsecureHttp: true,
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 },
  github: { writeSpacingMs: 0 },
});

export function fast(overrides: DestinationOptions = {}): DestinationOptions {
  return {
    ...FAST,
    ...overrides,
    retry: { ...FAST.retry, ...(overrides.retry ?? {}) },
    github: { ...FAST.github, ...(overrides.github ?? {}) },
  };
}

/** The DestinationError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<DestinationError> {
  let outcome: unknown;
  try {
    await promise;
  } catch (err) {
    outcome = err;
  }
  expect(outcome).toBeInstanceOf(DestinationError);
  return outcome as DestinationError;
}

/** Same, for a synchronous call (the factory). */
export function thrown(fn: () => unknown): DestinationError {
  let outcome: unknown;
  try {
    fn();
  } catch (err) {
    outcome = err;
  }
  expect(outcome).toBeInstanceOf(DestinationError);
  return outcome as DestinationError;
}

/** A value no vendor message would contain by chance. */
export function canary(label: string): string {
  return `canary-${label}-${Math.random().toString(36).slice(2)}-do-not-log`;
}

/** Nothing printable about the error, its cause chain included, carries `value`. */
export function expectNoValue(err: unknown, value: string): void {
  expect(inspect(err, { depth: 10 })).not.toContain(value);
  expect(JSON.stringify({ message: err instanceof Error ? err.message : String(err) })).not.toContain(value);
}
