/**
 * One measured read, in its own process: `node read-file.js <path> <xlsx|csv>` prints a JSON result. The file is
 * streamed from disk, as the API's import job streams the stored upload.
 */
import { createReadStream } from 'node:fs';
import { type FileKind, previewFile, readContacts } from '@mtredi/contacts-import';

const mb = (bytes: number) => Math.round(bytes / 1e6);
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
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  }),
);
