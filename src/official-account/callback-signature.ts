import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's callback signature: SHA-1 (hex) of the parts sorted and joined — [token, timestamp, nonce]
 * for `signature`, plus the <Encrypt> text for `msg_signature`.
 */
export function callbackSignature(parts: readonly string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Compared in constant time, so the answer's timing tells a forger nothing about the right signature. */
export function signatureMatches(given: string | undefined, parts: readonly string[]): boolean {
  if (given === undefined) return false;
  const expected = Buffer.from(callbackSignature(parts));
  const actual = Buffer.from(given.toLowerCase());
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
