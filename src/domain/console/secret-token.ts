import { createHash, randomBytes } from 'node:crypto';

/** A random token for a login link or a session cookie: 256 bits, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token itself: a leaked table opens no session. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
