import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Service-principal client secrets. They are 256-bit random strings, so a single SHA-256 is a safe
 * one-way hash (no password-style stretching needed: there is nothing to guess). Only the hash is
 * stored; comparison is constant-time.
 */
export const generateClientSecret = (): string => `cfs_${randomBytes(32).toString('base64url')}`;

export const generateClientId = (): string => `cfc_${randomBytes(16).toString('hex')}`;

export const hashClientSecret = (secret: string): Buffer =>
  createHash('sha256').update(secret, 'utf8').digest();

/** Compares in constant time; both sides are fixed-length digests so no length leaks either. */
export const clientSecretMatches = (presented: string, storedHash: Uint8Array): boolean => {
  const digest = hashClientSecret(presented);
  return storedHash.length === digest.length && timingSafeEqual(digest, storedHash);
};
