/**
 * The total uncompressed size an .xlsx (a zip archive) declares in its central directory, read
 * without inflating anything: a 15 MB zip bomb declares its 265 MB before a byte is unpacked. We
 * read the directory ourselves (the format is a few fixed records, APPNOTE 4.3.12–4.3.16) rather
 * than through a library, because every zip library at hand (jszip, inside exceljs) inflates whole
 * entries into memory as it opens them, which is the very thing to avoid. A zip that lies about its
 * sizes still cannot hurt: it is parsed in a worker thread with a heap limit and a time limit.
 * Null when the bytes are not a readable zip, or use ZIP64 (no roster needs 4 GB).
 */
export function zipUncompressedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfCentralDirectory(view);
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) return null;
  let total = 0;
  for (let entry = 0; entry < entries; entry++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== 0x02014b50) return null;
    const uncompressed = view.getUint32(offset + 24, true);
    if (uncompressed === 0xffffffff) return null;
    total += uncompressed;
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return total;
}

/** The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 65,535. */
function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === 0x06054b50) return offset;
  }
  return -1;
}
