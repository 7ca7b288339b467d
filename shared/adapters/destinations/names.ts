import type { NameMapping } from '../../domain/sync/destination.js';

/** Coffer secret names (shared/domain/names.ts): never contain `-`, which the Azure mapping relies on. */
export const COFFER_SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The tag (AWS, Azure) or label (GCP) Coffer puts on destination entries it creates. */
export const MANAGED_BY_KEY = 'managed-by';
export const MANAGED_BY_VALUE = 'coffer';

export function mapped(name: string): NameMapping {
  return { ok: true, name };
}

export function refused(reason: string): NameMapping {
  return { ok: false, reason };
}

/** A refusal for anything that is not a Coffer secret name, or undefined when it is one. */
export function notACofferName(secretName: string): NameMapping | undefined {
  return COFFER_SECRET_NAME.test(secretName)
    ? undefined
    : refused('not a Coffer secret name (letters, digits and _, not starting with a digit, at most 64)');
}
