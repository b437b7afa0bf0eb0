/**
 * Throughput of the encoding engine on one core. Prints operations per second; not a test.
 * Run with `pnpm --filter @mtredi/encoding bench` (builds first, then measures dist/).
 */
import { analyze, split } from '../dist/index.js';

const latin160 =
  'Dear customer, your order #48213 has been shipped and will arrive on Friday. Track it at mtredi.ge/t/48213. ' +
  'Questions? Call us: 032 2 00 00 00. Thanks, Mtredi!!';
const georgian70 = 'გამარჯობა! შეკვეთა #48213 გაიგზავნა, ჩაგბარდებათ პარასკევს. მადლობა!!!';
const mixedBase =
  'Sale! ფასდაკლება 30% ყველა პროდუქტზე - only this week. Visit mtredi.ge {code: SALE30} 😀 ' +
  'დეტალები: mtredi.ge/sale. ';
const mixed1000 = mixedBase.repeat(Math.ceil(1000 / mixedBase.length)).slice(0, 1000);

function assertLength(name: string, text: string, expected: number): void {
  if (text.length !== expected) throw new Error(`${name} has ${text.length} code units, expected ${expected}`);
}
assertLength('latin160', latin160, 160);
assertLength('georgian70', georgian70, 70);
assertLength('mixed1000', mixed1000, 1000);

let sink = 0;

function measure(name: string, run: () => number, durationMs = 1500): number {
  for (let i = 0; i < 20_000; i++) sink += run();
  let operations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < durationMs) {
    for (let i = 0; i < 10_000; i++) sink += run();
    operations += 10_000;
    elapsed = performance.now() - started;
  }
  const perSecond = Math.round((operations / elapsed) * 1000);
  console.log(`${name.padEnd(40)} ${perSecond.toLocaleString('en-US').padStart(12)} ops/s`);
  return perSecond;
}

console.log(`@mtredi/encoding benchmark, node ${process.version}, one core`);
const latinRate = measure('analyze: 160-char Latin (gsm7, 1 part)', () => analyze(latin160).parts);
measure('analyze: 70-char Georgian (ucs2, 1 part)', () => analyze(georgian70).parts);
measure('analyze: 1000-char mixed (ucs2)', () => analyze(mixed1000).parts);
measure('split: 160-char Latin', () => split(latin160).length);
measure('split: 70-char Georgian', () => split(georgian70).length);
measure('split: 1000-char mixed', () => split(mixed1000).length);
const verdict = latinRate >= 1_000_000 ? 'met' : 'NOT met';
console.log(`target >= 1,000,000 analyses/s of the 160-character text: ${verdict}`);
if (sink === 0) console.log('unexpected: nothing measured');
