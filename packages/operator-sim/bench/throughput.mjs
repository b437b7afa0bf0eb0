// Prints how many submits per second one OperatorSimulator decides, and how fast their receipts
// come back, on the real clock. Run after `pnpm build`: node bench/throughput.mjs [messages]
import { OperatorSimulator } from '../dist/index.js';

const total = Number(process.argv[2] ?? 200_000);

async function run(label, scenario) {
  const sim = new OperatorSimulator({ scenario, historyLimit: 10_000 });
  let receipts = 0;
  let allReceived;
  const done = new Promise((resolve) => {
    allReceived = resolve;
  });
  sim.onReceipt(() => {
    if (++receipts === total) allReceived();
  });
  const start = process.hrtime.bigint();
  for (let i = 0; i < total; i++) {
    sim.submit({ to: `+9955990${String(i % 100_000).padStart(5, '0')}`, from: 'Mtredi', text: `message ${i}` });
  }
  const submitted = process.hrtime.bigint();
  await done;
  const finished = process.hrtime.bigint();
  const ms = (a, b) => Number(b - a) / 1e6;
  const perSecond = (n, t) => Math.round((n / t) * 1000).toLocaleString('en');
  console.log(
    `${label}: ${total.toLocaleString('en')} submits in ${ms(start, submitted).toFixed(0)} ms ` +
      `(${perSecond(total, ms(start, submitted))}/s); all receipts after ${ms(start, finished).toFixed(0)} ms ` +
      `(${perSecond(total, ms(start, finished))}/s end to end); heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
  );
  sim.dispose();
}

await run('immediate receipts', { receipt: { delay: { kind: 'fixed', ms: 0 } } });
await run('receipts 200 ms', {});
await run('3 rules, weighted outcomes, uniform delay', {
  receipt: {
    outcomes: [
      { state: 'delivered', weight: 97 },
      { state: 'undelivered', errorCode: '069', weight: 3 },
    ],
    delay: { kind: 'uniform', minMs: 0, maxMs: 500 },
  },
  rules: [
    { match: { prefix: '99550' }, submit: { outcome: 'reject', status: 'RINVDSTADR' } },
    { match: { regex: '^\\+99557' }, receipt: { state: 'expired' } },
    { match: { sender: 'Info' }, submit: { outcome: 'reject', status: 'RINVSRCADR' } },
  ],
});
