import { createHash, randomBytes } from 'node:crypto';
import { CofferError } from '../errors.js';
import type { Clock } from '../ports.js';
import type { Principal } from '../principal.js';

/**
 * Browser sessions (the BFF pattern): after an OpenID Connect login the browser holds only an
 * opaque session reference in an HttpOnly cookie; the identity lives here, server-side.
 *
 * The cookie value is `{user id}.{secret}`. The store keeps only SHA-256(secret): the secret is 256
 * random bits, so a plain hash is one-way and a stolen table yields no usable cookie. The user id
 * part names the partition the session lives in (sessions belong to a person, not to one
 * organization; see docs/SIGN-IN.md), so a lookup is one GetItem and "every session of this user"
 * is one Query.
 */
export interface SessionRecord {
  readonly userId: string;
  /** Hex SHA-256 of the cookie's secret part. */
  readonly secretHash: string;
  readonly principal: Principal;
  /** Which identity provider signed the person in (its issuer and subject). */
  readonly issuer: string;
  readonly subject: string;
  readonly createdAt: string;
  /** Last time the idle timer was reset (at most every `touchSeconds`). */
  readonly touchedAt: string;
  readonly absoluteExpiresAt: string;
  /** Whether the person was seen holding a grant in some organization during this session. */
  readonly orgsSeen: boolean;
}

export interface SessionStore {
  putSession(s: SessionRecord): Promise<void>;
  getSession(userId: string, secretHash: string): Promise<SessionRecord | undefined>;
  /** Resets the idle timer; false when the session is gone. */
  touchSession(s: SessionRecord, touchedAt: string, orgsSeen: boolean): Promise<boolean>;
  deleteSession(userId: string, secretHash: string): Promise<void>;
  /** Ends every session of a user (sign-out everywhere, removal from every organization). */
  deleteUserSessions(userId: string): Promise<number>;
  /** A login in progress, keyed by the hash of its transaction id; it expires by itself. */
  putLoginTransaction(idHash: string, tx: LoginTransaction, expiresAt: Date): Promise<void>;
  /** Reads and deletes a login transaction: only one caller ever gets it (single use). */
  takeLoginTransaction(idHash: string): Promise<LoginTransaction | undefined>;
}

/** What the callback needs to finish a login that /auth/login started. Never sent to the browser. */
export interface LoginTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A same-origin path to land on after sign-in. */
  readonly returnTo: string;
  readonly createdAt: string;
}

export interface SessionPolicy {
  /** A session unused this long ends (default 30 minutes). */
  readonly idleSeconds: number;
  /** A session ends this long after sign-in, however active (default 12 hours). */
  readonly absoluteSeconds: number;
  /**
   * The idle timer is reset, and the person's organization memberships rechecked, at most this
   * often (default 60 s): one write per minute per active session instead of one per request.
   */
  readonly touchSeconds: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleSeconds: 1800,
  absoluteSeconds: 43_200,
  touchSeconds: 60,
};

/** How long a login may take between /auth/login and /auth/callback. */
export const LOGIN_TRANSACTION_SECONDS = 600;

const COOKIE_VALUE = /^(usr_[A-Za-z0-9_-]{26})\.([A-Za-z0-9_-]{43})$/;

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export const newSecret = () => randomBytes(32).toString('base64url');

/** Splits a cookie value; anything not exactly of the issued shape is no session at all. */
export const parseSessionCookie = (value: string): { userId: string; secret: string } | undefined => {
  const m = COOKIE_VALUE.exec(value);
  return m ? { userId: m[1] as string, secret: m[2] as string } : undefined;
};

export const sessionEnded = () =>
  new CofferError('SESSION_EXPIRED', 'the session has ended (signed out, expired or revoked); sign in again');

export interface SessionDeps {
  readonly sessions: SessionStore;
  readonly clock: Clock;
  /** Organizations the principal holds a grant in (to revoke sessions of people removed from all). */
  readonly organizationsOf: (p: Principal) => Promise<readonly string[]>;
}

/** Creates a session for a person who just signed in; returns the cookie value (shown once). */
export const startSession = async (
  deps: SessionDeps,
  policy: SessionPolicy,
  who: { principal: Principal; issuer: string; subject: string },
): Promise<{ cookieValue: string; record: SessionRecord }> => {
  const now = deps.clock.now();
  const secret = newSecret();
  const orgs = await deps.organizationsOf(who.principal);
  const record: SessionRecord = {
    userId: who.principal.id,
    secretHash: hashSecret(secret),
    principal: who.principal,
    issuer: who.issuer,
    subject: who.subject,
    createdAt: now.toISOString(),
    touchedAt: now.toISOString(),
    absoluteExpiresAt: new Date(now.getTime() + policy.absoluteSeconds * 1000).toISOString(),
    orgsSeen: orgs.length > 0,
  };
  await deps.sessions.putSession(record);
  return { cookieValue: `${record.userId}.${secret}`, record };
};

/** When a live session ends if it stays unused: the earlier of its idle and absolute deadlines. */
export const sessionEndsAt = (s: SessionRecord, policy: SessionPolicy): Date =>
  new Date(Math.min(Date.parse(s.touchedAt) + policy.idleSeconds * 1000, Date.parse(s.absoluteExpiresAt)));

/**
 * The session a cookie refers to, if it is still live. Throws SESSION_EXPIRED otherwise: unknown,
 * signed out, idle too long, past its absolute lifetime, or revoked because the person no longer
 * holds a grant in any organization (having held one earlier in the session).
 */
export const resumeSession = async (
  deps: SessionDeps,
  policy: SessionPolicy,
  cookieValue: string,
): Promise<SessionRecord> => {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) throw sessionEnded();
  const hash = hashSecret(parsed.secret);
  const s = await deps.sessions.getSession(parsed.userId, hash);
  if (!s) throw sessionEnded();
  const now = deps.clock.now();
  if (now >= sessionEndsAt(s, policy)) {
    await deps.sessions.deleteSession(s.userId, s.secretHash);
    throw sessionEnded();
  }
  if (now.getTime() - Date.parse(s.touchedAt) < policy.touchSeconds * 1000) return s;

  const orgs = await deps.organizationsOf(s.principal);
  if (orgs.length === 0 && s.orgsSeen) {
    // Removed from every organization: every session of this person ends, not only this one.
    await deps.sessions.deleteUserSessions(s.userId);
    throw sessionEnded();
  }
  const orgsSeen = s.orgsSeen || orgs.length > 0;
  if (!(await deps.sessions.touchSession(s, now.toISOString(), orgsSeen))) throw sessionEnded();
  return { ...s, touchedAt: now.toISOString(), orgsSeen };
};

export const endSession = async (deps: Pick<SessionDeps, 'sessions'>, cookieValue: string) => {
  const parsed = parseSessionCookie(cookieValue);
  if (parsed) await deps.sessions.deleteSession(parsed.userId, hashSecret(parsed.secret));
};
