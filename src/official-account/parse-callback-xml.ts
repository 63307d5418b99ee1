/** The five entities XML predefines; any other `&name;` is refused, never looked up. */
const predefined = new Map([['lt', '<'], ['gt', '>'], ['amp', '&'], ['quot', '"'], ['apos', "'"]]);
const tagName = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The fields of a WeChat callback body — `<xml><Tag><![CDATA[…]]></Tag>…</xml>` — as a map from
 * each child of <xml> to its text. One pass, linear in the body. No DTD is read: a body with
 * <!DOCTYPE, <!ENTITY, a comment, a processing instruction (other than a leading <?xml …?>), an
 * unknown entity, a repeated field or unbalanced tags is refused (null), so nothing is ever expanded.
 * Deeper elements (an event's <ScanCodeInfo>, <SendPicsInfo>…) are checked for balance and skipped.
 */
export function parseCallbackXml(body: string): ReadonlyMap<string, string> | null {
  const fields = new Map<string, string>();
  const open: string[] = [];
  let field: { name: string; text: string; leaf: boolean } | null = null;
  let position = skipDeclaration(body);

  while (position < body.length) {
    const lessThan = body.indexOf('<', position);
    const textEnd = lessThan < 0 ? body.length : lessThan;
    if (textEnd > position) {
      const text = decodeText(body.slice(position, textEnd));
      if (text === null) return null;
      if (open.length < 2 && text.trim() !== '') return null; // text outside a field
      if (open.length === 2 && field) field.text += text;
    }
    if (lessThan < 0) break;

    if (body.startsWith('<![CDATA[', lessThan)) {
      const end = body.indexOf(']]>', lessThan + 9);
      if (end < 0 || open.length < 2) return null;
      if (open.length === 2 && field) field.text += body.slice(lessThan + 9, end);
      position = end + 3;
      continue;
    }
    if (body.startsWith('<!', lessThan) || body.startsWith('<?', lessThan)) return null;

    const greaterThan = body.indexOf('>', lessThan);
    if (greaterThan < 0) return null;
    const tag = body.slice(lessThan + 1, greaterThan);
    position = greaterThan + 1;

    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (open.pop() !== name) return null;
      if (open.length === 1 && field) {
        if (fields.has(name)) return null;
        if (field.leaf) fields.set(name, field.text);
        field = null;
      }
      if (open.length === 0) return body.slice(position).trim() === '' ? fields : null;
      continue;
    }

    const selfClosing = tag.endsWith('/');
    const name = (selfClosing ? tag.slice(0, -1) : tag).trim().split(/\s/, 1)[0]!;
    if (!tagName.test(name)) return null;
    if (open.length === 0 && name !== 'xml') return null;
    if (open.length === 1) {
      if (selfClosing) {
        if (fields.has(name)) return null;
        fields.set(name, '');
        continue;
      }
      field = { name, text: '', leaf: true };
    } else if (field) {
      field.leaf = false;
    }
    if (!selfClosing) open.push(name);
  }
  return null; // the body ended before </xml>
}

/** Past a leading `<?xml version="1.0" …?>` (and a byte-order mark or blanks before it). */
function skipDeclaration(body: string): number {
  const start = body.length - body.replace(/^[\uFEFF\s]+/, '').length;
  if (!body.startsWith('<?xml', start)) return start;
  const end = body.indexOf('?>', start);
  return end < 0 ? body.length : end + 2;
}

/** Character data with its references resolved: the predefined entities and &#…; only. */
function decodeText(raw: string): string | null {
  if (!raw.includes('&')) return raw;
  let refused = false;
  const text = raw.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z]{1,8});|&/g, (match, reference: string | undefined) => {
    if (reference === undefined) {
      refused = true;
      return match;
    }
    if (reference.startsWith('#')) {
      const code = reference[1] === 'x' ? Number.parseInt(reference.slice(2), 16) : Number.parseInt(reference.slice(1), 10);
      if (code > 0x10ffff) refused = true;
      return code > 0x10ffff ? match : String.fromCodePoint(code);
    }
    const value = predefined.get(reference);
    if (value === undefined) refused = true;
    return value ?? match;
  });
  return refused ? null : text;
}
