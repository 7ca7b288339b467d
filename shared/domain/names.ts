import { z } from 'zod';

/**
 * Names and values as API.md limits them. These schemas are the single source of truth: the HTTP
 * layer validates requests with them and the OpenAPI document is generated from them.
 */

/** 3-36 characters, lower-case letters, digits and hyphens, not starting with a hyphen. */
export const AppName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,35}$/, 'app names are 3-36 characters of a-z, 0-9 and -, not starting with -');

/** Secret names become environment variable names, so they follow the POSIX shape. */
export const SecretName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'secret names are 1-64 characters of A-Z, a-z, 0-9 and _, not starting with a digit',
  );

/** 64 KiB, the largest value any sync destination accepts (AWS Secrets Manager, GCP, Vercel). */
export const MAX_VALUE_BYTES = 64 * 1024;

/**
 * A secret value: 1 byte to 64 KiB once encoded as UTF-8. Lone surrogates are rejected because they
 * cannot be encoded as UTF-8 and would silently turn into U+FFFD, changing the stored value.
 */
export const SecretValue = z
  .string()
  .min(1, 'value must not be empty')
  .refine((v) => v.isWellFormed(), 'value must be well-formed Unicode (no lone surrogates)')
  .refine(
    (v) => Buffer.byteLength(v, 'utf8') <= MAX_VALUE_BYTES,
    `value must be at most ${MAX_VALUE_BYTES} bytes of UTF-8`,
  );

export const Description = z
  .string()
  .max(1024, 'description must be at most 1024 characters')
  .refine((v) => v.isWellFormed(), 'description must be well-formed Unicode');

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(100, 'name must be at most 100 characters')
  .refine((v) => v.isWellFormed() && !/[\p{Cc}]/u.test(v), 'name must be printable Unicode');

export const ResourceId = z.uuid('must be a UUID');

/** Versions travel as decimal strings (HCP's gateway writes int64 as strings). */
export const VersionNumber = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'version must be a positive integer string')
  .transform(Number);

/** `expected_version`: "0" means the secret must not exist yet. */
export const ExpectedVersion = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,9})$/, 'expected_version must be a non-negative integer string')
  .transform(Number);
