import { describe, expect, it } from 'vitest';
import { SeenNumbers, StringTable } from './tables.js';
import { attribute, forEachAttribute, unescapeXml, XmlScanner } from './xml.js';

function events(chunks: string[], capture: string[] = ['t']): string[] {
  const out: string[] = [];
  const handler = {
    capturing: false,
    open(name: string, attributes: string, selfClosing: boolean) {
      out.push(`<${name}${attributes.trim() ? ` ${attributes.trim()}` : ''}${selfClosing ? '/' : ''}>`);
      if (capture.includes(name) && !selfClosing) handler.capturing = true;
    },
    close(name: string) {
      handler.capturing = false;
      out.push(`</${name}>`);
    },
    text(raw: string) {
      out.push(raw);
    },
  };
  const scanner = new XmlScanner(handler);
  for (const chunk of chunks) scanner.push(chunk);
  return out;
}

describe('XmlScanner', () => {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><x:sst xmlns:x="urn:x"><x:si><x:t xml:space="preserve">ნინო &amp; გიორგი</x:t></x:si><x:si><x:t/></x:si><x:si><x:t><![CDATA[a<b]]></x:t></x:si></x:sst>';

  it('reports tags without namespace prefixes, self-closing ones closed, and captured text', () => {
    expect(events([xml])).toEqual([
      '<sst xmlns:x="urn:x">',
      '<si>',
      '<t xml:space="preserve">',
      'ნინო &amp; გიორგი',
      '</t>',
      '</si>',
      '<si>',
      '<t/>',
      '</t>',
      '</si>',
      '<si>',
      '<t>',
      'a&lt;b',
      '</t>',
      '</si>',
      '</sst>',
    ]);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const whole = events([xml]).join('');
    for (const size of [1, 2, 3, 7, 16]) {
      const chunks: string[] = [];
      for (let p = 0; p < xml.length; p += size) chunks.push(xml.slice(p, p + size));
      expect(events(chunks).join('')).toBe(whole);
    }
  });
});

describe('attribute', () => {
  it('finds double- and single-quoted values, by local name, not inside other values', () => {
    expect(attribute(' r="A1" s="3" t="s"', 't')).toBe('s');
    expect(attribute(" name='ჩემი &amp; შენი' r:id='rId7'", 'id')).toBe('rId7');
    expect(attribute(' name="x r=&quot;B2&quot;" r="C3"', 'r')).toBe('C3');
    expect(attribute(' name="a t=&quot;1&quot;"', 't')).toBeUndefined();
    expect(attribute(' r="A1"', 's')).toBeUndefined();
  });
});

describe('forEachAttribute', () => {
  it('visits every attribute once, whatever the quotes and spacing', () => {
    const seen: [string, string][] = [];
    forEachAttribute(' r="B12" s = \'3\'\n t="s" x:id="a b"', (name, raw) => seen.push([name, raw]));
    expect(seen).toEqual([
      ['r', 'B12'],
      ['s', '3'],
      ['t', 's'],
      ['x:id', 'a b'],
    ]);
  });
});

describe('unescapeXml', () => {
  it('turns entities, character references and _xHHHH_ escapes into characters', () => {
    expect(unescapeXml('a &lt;b&gt; &quot;c&quot; &apos;d&apos; &#4304;&#x10D1;')).toBe('a <b> "c" \'d\' აბ');
    expect(unescapeXml('line_x000D_\nnext')).toBe('line\r\nnext');
  });
});

describe('StringTable', () => {
  it('returns every string by index across pages, and nothing out of range', () => {
    const table = new StringTable();
    const strings = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? '' : `${i % 2 ? 'ნინო' : 'Nino'} ${i}`));
    for (const text of strings) table.push(text);
    table.seal();
    expect(table.count).toBe(10_000);
    expect(strings.every((text, i) => table.get(i) === text)).toBe(true);
    expect(table.get(10_000)).toBeUndefined();
    expect(table.get(-1)).toBeUndefined();
    expect(table.get(Number.NaN)).toBeUndefined();
  });
});

describe('cellText', () => {
  it('shows numbers as Excel does: whole numbers as digits, fractions to 15 significant digits', async () => {
    const { cellText } = await import('./cells.js');
    expect(cellText(9.95599123456e11)).toBe('995599123456');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText('  ნინო \n ბერიძე ')).toBe('ნინო ბერიძე');
    expect(cellText({ problem: 'error_value', text: '#N/A' })).toBe('#N/A');
  });
});

describe('SeenNumbers', () => {
  it('keeps the first row of each number through growth, like a Map', () => {
    const seen = new SeenNumbers();
    const map = new Map<number, number>();
    for (let i = 0; i < 50_000; i++) {
      const key = 500_000_000 + ((i * 7919) % 30_000) * 13;
      if (seen.get(key) === undefined) seen.set(key, i + 2);
      if (!map.has(key)) map.set(key, i + 2);
    }
    for (const [key, row] of map) expect(seen.get(key)).toBe(row);
    expect(seen.get(599_999_999)).toBeUndefined();
    expect(() => seen.set(0, 1)).toThrow(RangeError);
  });
});
