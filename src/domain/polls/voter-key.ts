import { createHmac, randomBytes } from 'node:crypto';

/** A new poll's secret: the voter keys of its answers are made with it until it closes. */
export function newVoterSecret(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(32));
}

/**
 * The one key of a member's answer to a poll: an HMAC of the member id under the poll's secret. Without
 * the secret (discarded when the poll closes) a key cannot be tied to a member, not even by trying every id.
 */
export function voterKey(secret: Uint8Array, memberId: number): string {
  return createHmac('sha256', secret).update(String(memberId)).digest('base64url');
}
