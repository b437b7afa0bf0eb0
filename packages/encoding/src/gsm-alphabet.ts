/**
 * GSM 7-bit default alphabet and its extension table.
 * Spec: 3GPP TS 23.038 §6.2.1 (default alphabet) and §6.2.1.1 (extension table),
 * https://www.3gpp.org/ftp/Specs/archive/23_series/23.038/
 *
 * Lookups are flat typed arrays indexed by UTF-16 code unit, so the hot path does one array read per
 * code unit and never allocates.
 */

/** Septet 0x1B: switches to the extension table for the next septet (TS 23.038 §6.2.1.1). */
export const ESC = 0x1b;

/** Septet value of carriage return, used to pad packed messages (TS 23.038 §6.1.2.3.1). */
export const CR = 0x0d;

/** Default alphabet by septet value 0x00–0x7F; 0x1B is ESC and never encodes a character. */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Extension table: septet after ESC → character. Each of these costs two septets. */
const EXTENSION: ReadonlyArray<readonly [number, string]> = [
  [0x0a, '\f'],
  [0x14, '^'],
  [0x28, '{'],
  [0x29, '}'],
  [0x2f, '\\'],
  [0x3c, '['],
  [0x3d, '~'],
  [0x3e, ']'],
  [0x40, '|'],
  [0x65, '€'],
];

/** Septets a code unit costs in GSM-7: 0 = not representable, 1 = default alphabet, 2 = extension. */
export const GSM_COST = new Uint8Array(0x10000);

/** Septet value for a code unit (for extension characters: the septet that follows ESC). */
export const GSM_SEPTET = new Uint8Array(0x10000);

/** Character for a default-alphabet septet. */
export const BASIC_CHARS: readonly string[] = Array.from(BASIC);

/** Character for an extension septet, or undefined where the extension table has none. */
export const EXTENSION_CHARS: readonly (string | undefined)[] = (() => {
  const table: (string | undefined)[] = new Array(128).fill(undefined);
  for (const [septet, char] of EXTENSION) table[septet] = char;
  return table;
})();

for (let septet = 0; septet < 128; septet++) {
  if (septet === ESC) continue;
  const code = BASIC.charCodeAt(septet);
  GSM_COST[code] = 1;
  GSM_SEPTET[code] = septet;
}
for (const [septet, char] of EXTENSION) {
  const code = char.charCodeAt(0);
  GSM_COST[code] = 2;
  GSM_SEPTET[code] = septet;
}

/** True when every code unit of the character string is in the default alphabet or extension table. */
export function isGsmChar(char: string): boolean {
  for (let i = 0; i < char.length; i++) {
    if (GSM_COST[char.charCodeAt(i)] === 0) return false;
  }
  return char.length > 0;
}
