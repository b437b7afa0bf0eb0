import type { BenchResult } from './bench.js';

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms` : '—');
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
const mark = (met: boolean) => (met ? 'met' : '**missed**');

export interface Row {
  measure: string;
  result: string;
  target: string;
  verdict: string;
}

/** The benchmark's rows against the targets of PRODUCT.md ("How fast"). */
export function rows(r: BenchResult, connections: number, apiSeconds: number): Row[] {
  const c = r.campaign;
  const api = r.api;
  const failed = Object.entries(api.failures)
    .map(([status, n]) => `${n}× ${status === '0' ? 'connection error' : status}`)
    .join(', ');
  const rss = (name: string) => c.processes.find((p) => p.name === name)?.peakRssMb ?? 0;
  const largest = Math.max(rss('api'), rss('worker'));
  const notDelivered = Object.entries(c.finals)
    .filter(([status]) => status !== 'delivered')
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return [
    {
      measure: `single-send API (POST /v1/messages), ${connections} keep-alive connections, ${apiSeconds} s, worker stopped`,
      result:
        `${api.okPerSecond.toFixed(0)} req/s; p50 ${ms(api.p50Ms)}, p99 ${ms(api.p99Ms)}, max ${ms(api.maxMs)}${failed ? `; ${failed}` : ''}; ` +
        `${r.apiTransactionsPerRequest.toFixed(2)} database transactions per request`,
      target: '≥ 2,000 req/s, p99 < 50 ms',
      verdict: mark(api.okPerSecond >= 2000 && api.p99Ms < 50),
    },
    {
      measure: 'CPU used during the API run (warm-up included)',
      result:
        `${r.apiCpu.users.map((u) => `${u.name} ${s(u.cpuMs)} (${(u.cpuMs / Math.max(1, r.apiCpu.requests)).toFixed(2)} ms/request)`).join(', ')}; ` +
        `machine ${(r.apiCpu.machineBusy * 100).toFixed(0)} % busy (2 cores)`,
      target: '—',
      verdict: '',
    },
    {
      measure: 'API process peak RSS during the API run',
      result: `${r.apiPeakRssMb} MB`,
      target: '—',
      verdict: '',
    },
    {
      measure: 'worker drains the single sends (one queue job per commit of the API; worker start included)',
      result: `${r.drain.messages} messages in ${s(r.drain.ms)}: ${r.drain.perSecond.toFixed(0)} msg/s`,
      target: '—',
      verdict: '',
    },
    {
      measure: `campaign of ${c.recipients.toLocaleString('en')} recipients through the SMPP driver, immediate receipts: start → last status stored`,
      result:
        `${s(c.totalMs)}: ${c.messagesPerSecond.toFixed(0)} msg/s (all stored after ${s(c.storedMs)})` +
        (notDelivered ? `; not delivered: ${notDelivered}` : '') +
        (c.unmatchedReceipts ? `; ${c.unmatchedReceipts} receipt(s) matched no message (worker log)` : ''),
      target: '≥ 5,000 msg/s',
      verdict: mark(c.messagesPerSecond >= 5000 && !notDelivered),
    },
    {
      measure: 'campaign accept → delivered (stored)',
      result: `p50 ${ms(c.acceptToDeliveredP50Ms)}, p99 ${ms(c.acceptToDeliveredP99Ms)}`,
      target: 'median < 1 s',
      verdict: mark(c.acceptToDeliveredP50Ms < 1000),
    },
    {
      measure: 'peak RSS during the campaign (VmHWM, reset at its start), per process',
      result: `${c.processes.map((p) => `${p.name} ${p.peakRssMb} MB`).join(', ')} (API + worker ${rss('api') + rss('worker')} MB)`,
      target: 'RSS < 512 MB',
      verdict: mark(largest < 512),
    },
    {
      measure: 'CPU used during the campaign',
      result:
        `${[...c.processes, ...c.servers].map((p) => `${p.name} ${s(p.cpuMs)} (${(p.cpuMs / c.recipients).toFixed(2)} ms/message)`).join(', ')}; ` +
        `machine ${(c.machineBusy * 100).toFixed(0)} % busy (2 cores); ${c.transactionsPerMessage.toFixed(2)} database transactions per message`,
      target: '—',
      verdict: '',
    },
  ];
}

export function markdownTable(list: Row[]): string {
  const cell = (v: string) => v.replaceAll('|', '\\|');
  return [
    '| measure | result | target | |',
    '| --- | --- | --- | --- |',
    ...list.map((row) => `| ${cell(row.measure)} | ${cell(row.result)} | ${row.target} | ${row.verdict} |`),
  ].join('\n');
}

/** The same rows for a terminal: the measure, then its result and the target it is held to. */
export function textTable(list: Row[]): string {
  return list
    .map((row) => {
      const target = row.target !== '—' ? `   (target ${row.target}: ${row.verdict.replaceAll('*', '')})` : '';
      return `${row.measure}\n    ${row.result}${target}`;
    })
    .join('\n');
}
