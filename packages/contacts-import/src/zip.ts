import { Readable } from 'node:stream';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { ImportFileError } from './errors.js';

/**
 * Reads a ZIP archive (an .xlsx is one) through its central directory, so the parts of a workbook can be read in
 * the order they are needed whatever order the writer stored them in. Spec: PKWARE APPNOTE.TXT 6.3.10, §4.3.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

function corrupt(detail: string): ImportFileError {
  return new ImportFileError(
    'import/corrupt',
    `The Excel file is damaged (${detail}). It may be cut short by an interrupted download: open it in Excel, save it again, and upload that copy`,
  );
}

export function readZipDirectory(zip: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - MAX_COMMENT); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('the end of the ZIP archive is missing');
  let count = zip.readUInt16LE(eocd + 10);
  let dirSize = zip.readUInt32LE(eocd + 12);
  let dirOffset = zip.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || zip.readUInt32LE(locator) !== EOCD64_LOCATOR) throw corrupt('bad ZIP64 locator');
    const at = Number(zip.readBigUInt64LE(locator + 8));
    if (at + 56 > zip.length || zip.readUInt32LE(at) !== EOCD64) throw corrupt('bad ZIP64 directory end');
    count = Number(zip.readBigUInt64LE(at + 32));
    dirSize = Number(zip.readBigUInt64LE(at + 40));
    dirOffset = Number(zip.readBigUInt64LE(at + 48));
  }
  if (dirOffset + dirSize > zip.length) throw corrupt('the archive is shorter than its directory says');
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) throw corrupt('bad central directory');
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      crc: zip.readUInt32LE(p + 16),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, p + 46 + nameLength),
    };
    readZip64Extra(zip.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    // Names are case-insensitive in OPC (ECMA-376 Part 2 §6.2.2.3), and some writers use a leading slash.
    entries.set(entry.name.replace(/^\//, '').toLowerCase(), entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const next = (): number => {
        const value = q + 8 <= p + 4 + size ? Number(extra.readBigUInt64LE(q)) : -1;
        q += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    p += 4 + size;
  }
}

function entryBytes(zip: Buffer, entry: ZipEntry): Buffer {
  // Bit 0: traditional ZIP encryption. Excel never writes it, but other tools can protect a ZIP that way.
  if (entry.flags & 1) {
    throw new ImportFileError(
      'import/password_protected',
      'The file is password protected: open it, remove the password, save it and upload it again',
    );
  }
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw corrupt(`bad header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw corrupt(`${entry.name} is cut short`);
  if (entry.method !== 0 && entry.method !== 8) throw corrupt(`${entry.name} uses compression method ${entry.method}`);
  return zip.subarray(start, end);
}

/** A small part (workbook, relationships) in full. */
export function readEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const raw = entryBytes(zip, entry);
  let data: Buffer;
  try {
    data = entry.method === 0 ? raw : inflateRawSync(raw);
  } catch {
    throw corrupt(`${entry.name} cannot be decompressed`);
  }
  if (crc32(data) !== entry.crc) throw corrupt(`${entry.name} fails its checksum`);
  return data;
}

const CHUNK = 64 * 1024;

/**
 * A part decompressed as it is read, checked against its size limit and, at the end, its checksum. `onProgress`
 * gets the compressed bytes consumed so far.
 */
export async function* readEntryChunks(
  zip: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  onProgress?: (compressedBytes: number) => void,
): AsyncGenerator<Buffer> {
  const raw = entryBytes(zip, entry);
  let consumed = 0;
  const source = Readable.from(
    (function* () {
      for (let p = 0; p < raw.length; p += CHUNK) {
        const chunk = raw.subarray(p, p + CHUNK);
        consumed += chunk.length;
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
  const output = entry.method === 0 ? source : source.pipe(createInflateRaw({ chunkSize: CHUNK }));
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of output as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (size > maxBytes) {
        throw new ImportFileError(
          'import/too_large',
          `The worksheet expands to more than ${Math.round(maxBytes / 2 ** 20)} MiB of data, more than an import may hold`,
        );
      }
      onProgress?.(consumed);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw corrupt(`${entry.name} cannot be decompressed`);
  } finally {
    source.destroy();
    output.destroy();
  }
  if (crc !== entry.crc || size !== entry.size) throw corrupt(`${entry.name} fails its checksum`);
}

/**
 * A part as text, decompressed as it is read. The decoder carries a character split across two chunks over to the
 * next one: Georgian letters are three bytes in UTF-8, and exceljs's own streaming reader splits them
 * (exceljs#2063).
 */
export async function* readEntryText(
  zip: Buffer,
  entry: ZipEntry,
  maxBytes: number,
  onProgress?: (compressedBytes: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of readEntryChunks(zip, entry, maxBytes, onProgress)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
