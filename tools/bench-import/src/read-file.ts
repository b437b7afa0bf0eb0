/**
 * One measured read, in its own process: `node read-file.js <path> <xlsx|csv>` prints a JSON result. The file is
 * streamed from disk, as the API's import job streams the stored upload.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { type FileKind, previewFile, readContacts } from '@mtredi/contacts-import';

const mb = (bytes: number) => Math.round(bytes / 1e6);

/**
 * This process's peak RSS. On Linux `getrusage` carries the parent's RSS at fork time over `execve` into the
 * child's maximum, so the peak of the process's own memory map (VmHWM) is read instead where there is one.
 */
function peakRss(): number {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib) return Number(kib) * 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}
const [path, kind] = process.argv.slice(2) as [string, FileKind];
const baselineRssMb = mb(process.memoryUsage().rss);

let started = performance.now();
const preview = await previewFile(createReadStream(path), kind);
const previewMs = performance.now() - started;

started = performance.now();
let contacts = 0;
let errors = 0;
let duplicates = 0;
let rows = 0;
for await (const batch of readContacts(createReadStream(path), kind, preview)) {
  contacts += batch.contacts.length;
  errors += batch.errors.length;
  duplicates += batch.duplicates;
  rows = batch.rowsRead;
}
const readMs = performance.now() - started;

console.log(
  JSON.stringify({
    kind,
    rows,
    contacts,
    errors,
    duplicates,
    previewMs,
    readMs,
    baselineRssMb,
    peakRssMb: mb(peakRss()),
  }),
);
