import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/client.ts';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeLength = 8;
export const bindCodeLifetimeMs = 24 * 3600_000;

/** What `绑定 <code>` looks like: 8 letters and digits, in any case. */
export function looksLikeBindCode(text: string): boolean {
  return /^[A-Za-z0-9]{8}$/.test(text);
}

/** Only the hash of a code is stored: a copy of the database binds nobody. */
export function hashBindCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase()).digest('hex');
}

/**
 * A one-time code with which the member binds their WeChat (`绑定 <code>`), valid 24 hours: the only
 * way for secretaries and admins, and for a member whose binding by digits stopped after too many
 * failures (the code lifts that stop). A new code replaces the member's earlier unused ones.
 */
export async function createBindCode(db: Db, options: { memberId: number; now: Date }): Promise<{ code: string; expiresAt: Date }> {
  const { memberId, now } = options;
  const code = Array.from({ length: codeLength }, () => alphabet[randomInt(alphabet.length)]).join('');
  const expiresAt = new Date(now.getTime() + bindCodeLifetimeMs);
  await db.$transaction([
    db.bindCode.deleteMany({ where: { memberId, usedAt: null } }),
    db.bindCode.create({ data: { codeHash: hashBindCode(code), memberId, expiresAt, createdAt: now } }),
    // Whoever made the code vouches for the member: binding by name and digits, stopped after too many failures, may resume.
    db.member.update({ where: { id: memberId }, data: { bindLockedAt: null } }),
  ]);
  return { code, expiresAt };
}
