import { callbackSignature } from './callback-signature.ts';
import { encryptMessage } from './message-crypto.ts';

/**
 * A 安全模式 envelope as WeChat writes it, and as a passive reply must be written: <Encrypt>,
 * <MsgSignature> = sha1(sort(token, timestamp, nonce, Encrypt)), <TimeStamp>, <Nonce>.
 * Our callback answers `success` (replies go out as 客服消息); the test driver seals WeChat's
 * requests with it.
 */
export function encryptReply(options: {
  token: string;
  encodingAesKey: string;
  appId: string;
  xml: string;
  timestamp: string;
  nonce: string;
  random?: Buffer;
}): { body: string; msgSignature: string } {
  const encrypt = encryptMessage(options);
  const msgSignature = callbackSignature([options.token, options.timestamp, options.nonce, encrypt]);
  const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${msgSignature}]]></MsgSignature><TimeStamp>${options.timestamp}</TimeStamp><Nonce><![CDATA[${options.nonce}]]></Nonce></xml>`;
  return { body, msgSignature };
}
