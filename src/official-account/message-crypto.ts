import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** WeChat pads to 32-byte blocks (PKCS#7 with a block of 32, not AES's 16). */
const blockSize = 32;
const randomLength = 16;
const lengthField = 4;
const strictBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The AES-256 key behind the 43-character EncodingAESKey: Base64(EncodingAESKey + "="). */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey) || key.length !== 32) throw new Error('EncodingAESKey must be 43 letters and digits');
  return key;
}

/**
 * 安全模式: AES-256-CBC, IV = the key's first 16 bytes, of 16 random bytes + the XML's length
 * (4 bytes, big-endian) + the XML + the AppID, padded to 32-byte blocks; Base64.
 */
export function encryptMessage(options: { encodingAesKey: string; appId: string; xml: string; random?: Buffer }): string {
  const key = aesKeyOf(options.encodingAesKey);
  const xml = Buffer.from(options.xml, 'utf8');
  const length = Buffer.alloc(lengthField);
  length.writeUInt32BE(xml.length);
  const plain = Buffer.concat([options.random ?? randomBytes(randomLength), length, xml, Buffer.from(options.appId, 'utf8')]);
  const padLength = blockSize - (plain.length % blockSize);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(padLength, padLength)])), cipher.final()]).toString('base64');
}

/**
 * The XML and the AppID inside an <Encrypt> text, or null when it is not one of ours: not Base64,
 * not whole blocks, bad padding or a length that does not fit (a wrong key ends here too).
 * The caller compares the AppID.
 */
export function decryptMessage(options: { encodingAesKey: string; encrypt: string }): { xml: string; appId: string } | null {
  if (!strictBase64.test(options.encrypt)) return null;
  const sealed = Buffer.from(options.encrypt, 'base64');
  if (sealed.length === 0 || sealed.length % blockSize !== 0) return null;
  const key = aesKeyOf(options.encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(sealed), decipher.final()]);
  const padLength = padded[padded.length - 1]!;
  if (padLength < 1 || padLength > blockSize || padded.subarray(padded.length - padLength).some((byte) => byte !== padLength)) return null;
  const plain = padded.subarray(0, padded.length - padLength);
  if (plain.length < randomLength + lengthField) return null;
  const xmlLength = plain.readUInt32BE(randomLength);
  const xmlEnd = randomLength + lengthField + xmlLength;
  if (xmlEnd > plain.length) return null;
  return { xml: plain.subarray(randomLength + lengthField, xmlEnd).toString('utf8'), appId: plain.subarray(xmlEnd).toString('utf8') };
}
