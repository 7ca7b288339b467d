/**
 * Every failure the user sees is a CliError: a stable code (for scripts and tests), a message that
 * says what went wrong, and a hint that says what to do next. Exit codes follow sysexits-like
 * groups so scripts can tell "fix your input" from "Coffer is down".
 */
export type CliErrorCode =
  | 'USAGE'
  | 'CONFIG'
  | 'NOT_LOGGED_IN'
  | 'AUTH_FAILED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNREACHABLE'
  | 'SERVER'
  | 'FORMAT_CANNOT_HOLD'
  | 'NAME_CLASH'
  | 'CACHE_MISS'
  | 'CACHE_STALE'
  | 'INPUT_REQUIRED'
  | 'SPAWN_FAILED';

const EXIT: Record<CliErrorCode, number> = {
  USAGE: 2,
  CONFIG: 2,
  NAME_CLASH: 2,
  INPUT_REQUIRED: 2,
  FORMAT_CANNOT_HOLD: 65,
  NOT_LOGGED_IN: 77,
  AUTH_FAILED: 77,
  FORBIDDEN: 77,
  NOT_FOUND: 66,
  CONFLICT: 75,
  UNREACHABLE: 69,
  CACHE_MISS: 69,
  CACHE_STALE: 69,
  SERVER: 70,
  SPAWN_FAILED: 127,
};

export class CliError extends Error {
  readonly exitCode: number;
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = EXIT[code];
  }
}
