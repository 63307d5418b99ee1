import { signatureMatches } from './callback-signature.ts';
import { decryptMessage } from './message-crypto.ts';
import { parseCallbackXml } from './parse-callback-xml.ts';

/** Why a callback was refused: logged with a count, never with the body or the OpenID. */
export type RefusalReason =
  | 'unsigned'
  | 'bad-signature'
  | 'stale-timestamp'
  | 'bad-echostr'
  | 'plaintext-in-safe-mode'
  | 'encrypted-without-key'
  | 'malformed'
  | 'bad-msg-signature'
  | 'undecryptable'
  | 'other-appid';

/** What the 公众号 backend's 服务器配置 holds: the token, the AppID and, in 安全模式, the EncodingAESKey. */
export interface CallbackSecrets {
  token: string;
  appId: string;
  encodingAesKey?: string;
}

/** The query parameters WeChat adds to the callback URL (a repeated parameter is not a string: refused). */
export type CallbackQuery = Readonly<Record<string, unknown>>;

/** WeChat stamps each callback; one stamped further than this from our clock is a replay. */
const maxClockSkewMs = 5 * 60 * 1000;

/**
 * `signature` = sha1(sort(token, timestamp, nonce)) on every request, GET and POST, with a
 * timestamp within 5 minutes of now. Null when the request is WeChat's.
 */
export function checkSignature(query: CallbackQuery, secrets: CallbackSecrets, now: Date): RefusalReason | null {
  const signature = stringParam(query, 'signature');
  const timestamp = stringParam(query, 'timestamp');
  const nonce = stringParam(query, 'nonce');
  if (!signature || !timestamp || nonce === undefined) return 'unsigned';
  if (!signatureMatches(signature, [secrets.token, timestamp, nonce])) return 'bad-signature';
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() - Number(timestamp) * 1000) > maxClockSkewMs) return 'stale-timestamp';
  return null;
}

/**
 * A POST callback's fields, once it is proven WeChat's: signed, fresh and — in 安全模式 — with a
 * valid msg_signature over its <Encrypt>, which decrypts with our key to a body for our AppID.
 * With an EncodingAESKey, plaintext callbacks are refused: anyone who saw one signature could
 * otherwise replay it with a body of their own for five minutes.
 */
export function openCallback(options: { query: CallbackQuery; body: unknown; secrets: CallbackSecrets; now: Date }): { fields: ReadonlyMap<string, string> } | { refused: RefusalReason } {
  const { query, secrets } = options;
  const unsigned = checkSignature(query, secrets, options.now);
  if (unsigned) return { refused: unsigned };
  const encrypted = stringParam(query, 'encrypt_type') === 'aes';
  if (secrets.encodingAesKey && !encrypted) return { refused: 'plaintext-in-safe-mode' };
  if (!secrets.encodingAesKey && encrypted) return { refused: 'encrypted-without-key' };

  const outer = typeof options.body === 'string' ? parseCallbackXml(options.body) : null;
  if (!outer) return { refused: 'malformed' };
  if (!secrets.encodingAesKey) return { fields: outer };

  const encrypt = outer.get('Encrypt');
  if (!encrypt) return { refused: 'malformed' };
  if (!signatureMatches(stringParam(query, 'msg_signature'), [secrets.token, stringParam(query, 'timestamp')!, stringParam(query, 'nonce')!, encrypt])) {
    return { refused: 'bad-msg-signature' };
  }
  const opened = decryptMessage({ encodingAesKey: secrets.encodingAesKey, encrypt });
  if (!opened) return { refused: 'undecryptable' };
  if (opened.appId !== secrets.appId) return { refused: 'other-appid' };
  const fields = parseCallbackXml(opened.xml);
  return fields ? { fields } : { refused: 'malformed' };
}

export function stringParam(query: CallbackQuery, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value : undefined;
}
