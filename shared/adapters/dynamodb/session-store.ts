import type { LoginTransaction, SessionRecord, SessionStore } from '../../domain/identity/sessions.js';
import type { Principal } from '../../domain/principal.js';
import * as k from './keys.js';
import type { Item, Table } from './table.js';
import { TABLE_DEFINITION } from './table-definition.js';

const TTL = TABLE_DEFINITION.ttlAttribute;
const epoch = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 1000);

/**
 * Browser sessions and logins in progress. Both carry the table's TTL attribute so DynamoDB removes
 * abandoned ones by itself; reads still check the deadlines, because TTL deletion can lag by days.
 */
export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly table: Table,
    /** Idle timeout, so the TTL of a touched session moves with it. */
    private readonly idleSeconds: number,
  ) {}

  async putSession(s: SessionRecord): Promise<void> {
    await this.table.put({
      pk: k.userPk(s.userId),
      sk: k.sessionSk(s.secretHash),
      kind: 'session',
      user_id: s.userId,
      principal: {
        id: s.principal.id,
        type: s.principal.type,
        name: s.principal.name,
        email: s.principal.email,
      },
      issuer: s.issuer,
      subject: s.subject,
      created_at: s.createdAt,
      touched_at: s.touchedAt,
      absolute_expires_at: s.absoluteExpiresAt,
      orgs_seen: s.orgsSeen,
      [TTL]: this.ttl(s.touchedAt, s.absoluteExpiresAt),
    });
  }

  async getSession(userId: string, secretHash: string): Promise<SessionRecord | undefined> {
    const i = await this.table.get(k.userPk(userId), k.sessionSk(secretHash), true);
    return i?.kind === 'session' ? toSession(i, secretHash) : undefined;
  }

  async touchSession(s: SessionRecord, touchedAt: string, orgsSeen: boolean) {
    const item = await this.table.update(k.userPk(s.userId), k.sessionSk(s.secretHash), {
      expression: 'SET touched_at = :t, orgs_seen = :o, #ttl = :ttl',
      condition: 'attribute_exists(pk)',
      names: { '#ttl': TTL },
      values: { ':t': touchedAt, ':o': orgsSeen, ':ttl': this.ttl(touchedAt, s.absoluteExpiresAt) },
    });
    return item !== undefined;
  }

  async deleteSession(userId: string, secretHash: string): Promise<void> {
    await this.table.delete(k.userPk(userId), k.sessionSk(secretHash));
  }

  async deleteUserSessions(userId: string): Promise<number> {
    const keys: { pk: string; sk: string }[] = [];
    let startSk: string | undefined;
    do {
      const page = await this.table.queryPage({
        pk: k.userPk(userId),
        skPrefix: k.sessionSkPrefix,
        keysOnly: true,
        consistent: true,
        startSk,
      });
      keys.push(...page.items.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
      startSk = page.lastSk;
    } while (startSk);
    await this.table.deleteMany(keys);
    return keys.length;
  }

  async putLoginTransaction(idHash: string, tx: LoginTransaction, expiresAt: Date): Promise<void> {
    await this.table.put({
      pk: k.loginPk(idHash),
      sk: k.LOGIN_SK,
      kind: 'login',
      state: tx.state,
      nonce: tx.nonce,
      code_verifier: tx.codeVerifier,
      return_to: tx.returnTo,
      created_at: tx.createdAt,
      [TTL]: epoch(expiresAt),
    });
  }

  async takeLoginTransaction(idHash: string): Promise<LoginTransaction | undefined> {
    const i = await this.table.get(k.loginPk(idHash), k.LOGIN_SK, true);
    if (i?.kind !== 'login' || Number(i[TTL]) <= epoch(new Date())) return undefined;
    // Only the caller whose conditional delete succeeds may use it: a replayed callback gets nothing.
    const won = await this.table.delete(k.loginPk(idHash), k.LOGIN_SK, {
      expression: 'attribute_exists(pk)',
    });
    return won
      ? {
          state: String(i.state),
          nonce: String(i.nonce),
          codeVerifier: String(i.code_verifier),
          returnTo: String(i.return_to),
          createdAt: String(i.created_at),
        }
      : undefined;
  }

  private ttl(touchedAt: string, absoluteExpiresAt: string) {
    return Math.min(epoch(touchedAt) + this.idleSeconds, epoch(absoluteExpiresAt));
  }
}

const toSession = (i: Item, secretHash: string): SessionRecord => {
  const p = i.principal as { id: string; type: Principal['type']; name: string; email?: string };
  return {
    userId: String(i.user_id),
    secretHash,
    principal: { id: p.id, type: p.type, name: p.name, ...(p.email ? { email: p.email } : {}) },
    issuer: String(i.issuer),
    subject: String(i.subject),
    createdAt: String(i.created_at),
    touchedAt: String(i.touched_at),
    absoluteExpiresAt: String(i.absolute_expires_at),
    orgsSeen: i.orgs_seen === true,
  };
};
