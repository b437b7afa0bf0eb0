const PAGE = 4096;

/**
 * The shared strings of a workbook, packed: each page of 4,096 strings is one string plus offsets. A workbook whose
 * phone numbers are text holds one shared string per row, and a million separate strings (each a slice keeping its
 * XML chunk alive) would take several times the memory.
 */
export class StringTable {
  private readonly pages: string[] = [];
  private readonly ends: Uint32Array[] = [];
  private current: string[] = [];
  private currentEnds: number[] = [];
  private length = 0;
  private size = 0;

  get count(): number {
    return this.size;
  }

  push(text: string): void {
    this.length += text.length;
    this.current.push(text);
    this.currentEnds.push(this.length);
    this.size++;
    if (this.current.length === PAGE) this.seal();
  }

  /** Call once every string is pushed. */
  seal(): void {
    if (this.current.length === 0) return;
    this.pages.push(this.current.join(''));
    this.ends.push(Uint32Array.from(this.currentEnds));
    this.current = [];
    this.currentEnds = [];
    this.length = 0;
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return undefined;
    const page = Math.floor(index / PAGE);
    const ends = this.ends[page];
    const text = this.pages[page];
    if (!ends || text === undefined) return this.current[index - page * PAGE];
    const at = index - page * PAGE;
    return text.slice(at === 0 ? 0 : (ends[at - 1] ?? 0), ends[at]);
  }
}

/**
 * Numbers seen so far (a national number, below 2^31) with the row each was first seen in: an open-addressing
 * table of two Int32Arrays, 16 MB for a million numbers where a Map takes about 45 MB.
 */
export class SeenNumbers {
  private keys = new Int32Array(1 << 12);
  private rows = new Int32Array(1 << 12);
  private size = 0;

  get(key: number): number | undefined {
    const slot = this.find(key);
    return this.keys[slot] === key ? this.rows[slot] : undefined;
  }

  set(key: number, row: number): void {
    if (key <= 0 || key > 0x7fffffff) throw new RangeError(`${key} is not a national number`);
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const slot = this.find(key);
    if (this.keys[slot] !== key) this.size++;
    this.keys[slot] = key;
    this.rows[slot] = row;
  }

  private find(key: number): number {
    const mask = this.keys.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) & mask;
    while (this.keys[slot] !== 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const keys = this.keys;
    const rows = this.rows;
    this.keys = new Int32Array(keys.length * 2);
    this.rows = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? 0;
      if (key !== 0) {
        const slot = this.find(key);
        this.keys[slot] = key;
        this.rows[slot] = rows[i] ?? 0;
      }
    }
  }
}
