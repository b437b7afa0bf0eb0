import type { SmppIdFormat } from '@mtredi/operator-sim';

/**
 * Wire message ids. The engine numbers messages `00000001`, `00000002`… (hex, no prefix); the SMSC adds
 * a random offset so ids of two runs differ, and writes the number in the scenario's format.
 */
export class WireIds {
  readonly offset = 0x10000000 + Math.floor(Math.random() * 0x0fffffff);

  /** The engine's id for a wire number. */
  engineId(wire: number): string {
    return (wire - this.offset).toString(16).padStart(8, '0');
  }

  wireNumber(engineId: string): number {
    return Number.parseInt(engineId, 16) + this.offset;
  }

  format(wire: number, f: SmppIdFormat): string {
    let s = wire.toString(f.base);
    s = f.letterCase === 'lower' ? s.toLowerCase() : s.toUpperCase();
    return f.padTo > 0 ? s.padStart(f.padTo, '0') : s;
  }

  /** Reads an id in any format the SMSC writes (tries the given base first); undefined if not a number. */
  parse(id: string, base: 10 | 16): number | undefined {
    const s = id.trim();
    const n =
      base === 16
        ? /^[0-9a-f]+$/i.test(s)
          ? Number.parseInt(s, 16)
          : Number.NaN
        : /^\d+$/.test(s)
          ? Number(s)
          : Number.NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  }
}
