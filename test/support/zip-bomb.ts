import { deflateRawSync } from 'node:zlib';

/**
 * An .xlsx-looking zip bomb: one worksheet entry of `megabytes` MB of a repeated row, deflated to
 * a few hundred KB, with a true central directory (what an honest zip tool would write).
 */
export function zipBomb(megabytes: number): Buffer {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>张三</t></is></c></row>');
  const content = Buffer.alloc(megabytes * 1024 * 1024);
  for (let offset = 0; offset < content.length; offset += row.length) row.copy(content, offset);
  const entries = [{ name: 'xl/worksheets/sheet1.xml', content }];
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, content: data } of entries) {
    const nameBytes = Buffer.from(name);
    const deflated = deflateRawSync(data, { level: 9 });
    // Local file header and central directory entry (APPNOTE 4.3.7, 4.3.12): signature, versions, method 8 (deflate), sizes, name length.
    const header = record(30, [[0, 0x04034b50, 4], [4, 20, 2], [8, 8, 2], [18, deflated.length, 4], [22, data.length, 4], [26, nameBytes.length, 2]]);
    local.push(header, nameBytes, deflated);
    const entry = record(46, [[0, 0x02014b50, 4], [4, 20, 2], [6, 20, 2], [10, 8, 2], [20, deflated.length, 4], [24, data.length, 4], [28, nameBytes.length, 2], [42, offset, 4]]);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = record(22, [[0, 0x06054b50, 4], [8, entries.length, 2], [10, entries.length, 2], [12, directory.length, 4], [16, offset, 4]]);
  return Buffer.concat([...local, directory, end]);
}

/** A little-endian record of `length` bytes, zero but for the given [offset, value, bytes] fields. */
function record(length: number, fields: [number, number, 2 | 4][]): Buffer {
  const bytes = Buffer.alloc(length);
  for (const [offset, value, size] of fields) {
    if (size === 2) bytes.writeUInt16LE(value, offset);
    else bytes.writeUInt32LE(value, offset);
  }
  return bytes;
}
