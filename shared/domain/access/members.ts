import type { Principal } from '../principal.js';
import type { Member } from '../records.js';

/**
 * The policy members a principal matches. A workload that exchanged its token acts as the service
 * principal it was bound to; a user matches bindings by Coffer user id and by e-mail address.
 */
export const membersOf = (p: Principal): Member[] => {
  if (p.type !== 'USER') return [{ id: p.id, type: 'SERVICE_PRINCIPAL' }];
  return p.email
    ? [
        { id: p.id, type: 'USER' },
        { id: p.email, type: 'USER' },
      ]
    : [{ id: p.id, type: 'USER' }];
};

/** E-mail members are stored lower-cased so matching ignores case, as mail systems do. */
export const normalizeMember = (m: Member): Member =>
  m.id.includes('@') ? { ...m, id: m.id.toLowerCase() } : m;
