import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The one person of the development identity provider. Kept in `dev-user.json` in the data
 * directory (mode 0600): e-mail, a stable subject, and the password only as an scrypt hash.
 */
export interface DevUser {
  readonly email: string;
  readonly subject: string;
  /** `scrypt$N$r$p$salt$hash` (base64url). */
  readonly passwordHash: string;
}

export interface DevUserResult {
  readonly user: DevUser;
  /** The password, when this start generated it (printed once, never stored). */
  readonly generatedPassword?: string;
  /** True when the user is new or its e-mail changed: it must be (re)made admin of `default`. */
  readonly needsGrant: boolean;
}

export const DEFAULT_DEV_EMAIL = 'admin@coffer.local';

/** scrypt cost: N=2^15, r=8, p=1 (about 32 MiB and tens of milliseconds per check). */
const N = 32_768;
const R = 8;
const P = 1;

const derive = (password: string, salt: Buffer, n = N, r = R, p = P) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, 32, { N: n, r, p, maxmem: 128 * n * r * 2 }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
};

export const passwordMatches = async (password: string, stored: string): Promise<boolean> => {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
};

/**
 * Loads the development user, creating it at first start. COFFER_DEV_USER_EMAIL / _PASSWORD, when
 * set, win over what is stored (a changed password is re-hashed; a changed e-mail is re-granted).
 */
export const loadDevUser = async (
  dataDir: string,
  fixed: { email?: string; password?: string },
): Promise<DevUserResult> => {
  const file = join(dataDir, 'dev-user.json');
  const stored = await readFile(file, 'utf8').then(
    (t) => JSON.parse(t) as DevUser,
    () => undefined,
  );
  const email = (fixed.email ?? stored?.email ?? DEFAULT_DEV_EMAIL).toLowerCase();
  let generatedPassword: string | undefined;
  let passwordHash = stored?.passwordHash;
  if (fixed.password !== undefined) {
    if (!passwordHash || !(await passwordMatches(fixed.password, passwordHash)))
      passwordHash = await hashPassword(fixed.password);
  } else if (!passwordHash) {
    generatedPassword = randomBytes(12).toString('base64url');
    passwordHash = await hashPassword(generatedPassword);
  }
  const user: DevUser = { email, subject: stored?.subject ?? randomUUID(), passwordHash };
  if (JSON.stringify(user) !== JSON.stringify(stored))
    await writeFile(file, JSON.stringify(user, null, 2) + '\n', { mode: 0o600 });
  return { user, ...(generatedPassword ? { generatedPassword } : {}), needsGrant: stored?.email !== email };
};
