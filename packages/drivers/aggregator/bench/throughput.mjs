// Prints submits per second through the aggregator driver to the simulator's aggregator API on
// 127.0.0.1, with concurrent submitters, and how long until every receipt came back by polling and
// by callback. Run after `pnpm build` (this package and @mtredi/simulator):
//   node bench/throughput.mjs [messages] [concurrency]
import { createServer } from 'node:http';
import { RecordingContext } from '@mtredi/channel-sdk';
import { OperatorSimulator } from '@mtredi/operator-sim';
import { AggregatorDriver } from '../dist/index.js';
import { startAggregatorServer } from '../node_modules/@mtredi/simulator/dist/aggregator/index.js';

const total = Number(process.argv[2] ?? 20_000);
const concurrency = Number(process.argv[3] ?? 32);

async function run(receiptMode) {
  const simulator = new OperatorSimulator({ scenario: { receipt: { delay: { kind: 'fixed', ms: 0 } } } });
  const server = await startAggregatorServer({ simulator, port: 0, credentials: ['bench'] });
  let endpoint;
  let callbackUrl;
  let driver;
  const ctx = new RecordingContext();
  if (receiptMode === 'callback') {
    endpoint = createServer(async (req, res) => {
      const chunks = [];
      for await (const c of req) chunks.push(c);
      for (const r of driver.parseCallback(JSON.parse(Buffer.concat(chunks).toString()), req.headers)) ctx.onReceipt(r);
      res.writeHead(204).end();
    });
    await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${endpoint.address().port}/cb`;
  }
  driver = new AggregatorDriver({
    baseUrl: server.url,
    token: 'bench',
    receiptMode,
    pollIntervalSeconds: 0.05,
    pollBatchSize: 1000,
    maxConnections: concurrency,
    ...(callbackUrl ? { callbackUrl } : {}),
  });
  await driver.start(ctx);
  let next = 0;
  let accepted = 0;
  const latencies = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const r = await driver.submit({
          id: `bench-${i}`,
          to: `+9955990${String(i % 100_000).padStart(5, '0')}`,
          sender: 'Mtredi',
          text: `bench message ${i}`,
          encoding: 'gsm7',
          parts: 1,
        });
        latencies.push(performance.now() - t0);
        if (r.kind === 'accepted') accepted++;
      }
    }),
  );
  const submitted = performance.now();
  while (ctx.receipts.length < accepted) await new Promise((resolve) => setTimeout(resolve, 5));
  const finished = performance.now();
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.floor(q * (latencies.length - 1))].toFixed(2);
  const rate = (n, ms) => Math.round((n / ms) * 1000).toLocaleString('en');
  console.log(
    `${receiptMode}: ${accepted.toLocaleString('en')}/${total.toLocaleString('en')} accepted, ${concurrency} concurrent: ` +
      `${rate(total, submitted - start)} submits/s (p50 ${p(0.5)} ms, p99 ${p(0.99)} ms); ` +
      `all receipts after ${(finished - start).toFixed(0)} ms (${rate(accepted, finished - start)}/s end to end); ` +
      `rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
  );
  await driver.stop();
  await server.close();
  simulator.dispose();
  if (endpoint) await new Promise((resolve) => endpoint.close(resolve));
}

await run('polling');
await run('callback');
