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
