/**
 * A minimal streaming XML tag scanner for the parts of an .xlsx (ECMA-376 SpreadsheetML), which are machine-written
 * XML without DTDs: it reports start tags with their raw attribute text, end tags, and text when asked to. Namespace
 * prefixes (`x:row`) are dropped. It allocates one string per tag and per captured text, so a 1,000,000-row sheet
 * makes little garbage.
 */
export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Called with raw (still escaped) text only while `capturing` is true. */
  text(raw: string): void;
  readonly capturing: boolean;
}

export class XmlScanner {
  private rest = '';

  constructor(private readonly handler: XmlHandler) {}

  push(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    const handler = this.handler;
    let pos = 0;
    for (;;) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (handler.capturing && pos < s.length) handler.text(s.slice(pos));
        pos = s.length;
        break;
      }
      if (handler.capturing && lt > pos) handler.text(s.slice(pos, lt));
      pos = lt;
      if (s.charCodeAt(lt + 1) === 0x21 /* ! */ && (s.startsWith('<!--', lt) || s.startsWith('<![CDATA[', lt))) {
        const cdata = s[lt + 2] === '[';
        const end = s.indexOf(cdata ? ']]>' : '-->', lt);
        if (end < 0) break;
        if (cdata && handler.capturing) handler.text(escapeText(s.slice(lt + 9, end)));
        pos = end + 3;
        continue;
      }
      const gt = s.indexOf('>', lt);
      if (gt < 0) break;
      pos = gt + 1;
      const first = s.charCodeAt(lt + 1);
      if (first === 0x3f /* ? */ || first === 0x21 /* ! */) continue;
      if (first === 0x2f /* / */) {
        handler.close(localName(s.slice(lt + 2, gt).trim()));
        continue;
      }
      const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
      const end = selfClosing ? gt - 1 : gt;
      let space = lt + 1;
      while (space < end && s.charCodeAt(space) > 0x20) space++;
      const name = localName(s.slice(lt + 1, space));
      handler.open(name, space < end ? s.slice(space, end) : '', selfClosing);
      if (selfClosing) handler.close(name);
    }
    this.rest = s.slice(pos);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}

/**
 * Calls `visit` with each attribute's name (as written, prefix included) and raw value, in one pass: cheaper than
 * several `attribute` lookups on a tag read a million times.
 */
export function forEachAttribute(attributes: string, visit: (name: string, raw: string) => void): void {
  const n = attributes.length;
  let i = 0;
  while (i < n) {
    while (i < n && attributes.charCodeAt(i) <= 0x20) i++;
    const nameStart = i;
    while (i < n && attributes.charCodeAt(i) > 0x20 && attributes.charCodeAt(i) !== 0x3d) i++;
    const nameEnd = i;
    while (i < n && attributes.charCodeAt(i) <= 0x20) i++;
    if (i >= n || attributes.charCodeAt(i) !== 0x3d) return;
    i++;
    while (i < n && attributes.charCodeAt(i) <= 0x20) i++;
    const quote = attributes[i];
    if (quote !== '"' && quote !== "'") return;
    const end = attributes.indexOf(quote, i + 1);
    if (end < 0) return;
    visit(attributes.slice(nameStart, nameEnd), attributes.slice(i + 1, end));
    i = end + 1;
  }
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The value of one attribute (by local name: `id` finds `r:id`) in a start tag's attribute text, unescaped. */
export function attribute(attributes: string, name: string): string | undefined {
  // Fast path for the usual ` name="value"`; a match inside another attribute's value has an odd number of
  // quotes before it.
  const key = ` ${name}="`;
  for (let at = attributes.indexOf(key); at >= 0; at = attributes.indexOf(key, at + 1)) {
    if (quotesBefore(attributes, at) % 2 !== 0) continue;
    const start = at + key.length;
    const end = attributes.indexOf('"', start);
    if (end < 0) break;
    const value = attributes.slice(start, end);
    return value.includes('&') || value.includes('_x') ? unescapeXml(value) : value;
  }
  if (!attributes.includes(name)) return undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(attributes); m; m = ATTRIBUTE.exec(attributes)) {
    if (localName(m[1] ?? '') === name) return unescapeXml(m[2] ?? m[3] ?? '');
  }
  return undefined;
}

function quotesBefore(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('"'); at >= 0 && at < end; at = text.indexOf('"', at + 1)) count++;
  return count;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * XML entities, then SpreadsheetML's `_xHHHH_` escapes (ECMA-376 Part 1 §22.9.2.19), which carry characters XML
 * cannot, such as a carriage return typed in a cell.
 */
export function unescapeXml(text: string): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
      if (entity[0] !== '#') return ENTITIES[entity] ?? '';
      const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    });
  }
  if (out.includes('_x')) {
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  }
  return out;
}
