import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChannelDriver, FINAL_RECEIPT_STATES, type OutboundMessage, type SubmitResult } from './contract.js';
import { RecordingContext } from './recording-context.js';

/** Destinations whose fate on the channel under test is fixed by the harness (simulator rules, sandbox numbers). */
export interface ConformanceDestinations {
  /** Accepted, then a final `delivered` receipt. */
  delivered: string;
  /** Accepted, then a final `undelivered` receipt. */
  undelivered: string;
  /** Refused at submit: the driver answers `rejected`. */
  rejected: string;
}

/** What the kit needs to drive one channel; `setup` builds a fresh one for every test. */
export interface ConformanceHarness<D extends ChannelDriver = ChannelDriver> {
  /** A new, not yet started driver; called once per test, twice in the isolation test. */
  createDriver(): D | Promise<D>;
  destinations: ConformanceDestinations;
  /** Sender name used in every message; default `Mtredi`. */
  sender?: string;
  /** Makes the started channel unavailable (outage, link down). Omitted: the outage test is skipped. */
  makeUnavailable?(driver: D): void | Promise<void>;
  /**
   * The text the channel received for a message, parts joined, read from the far side (the simulator's
   * record). Omitted: the pass-through test only checks acceptance.
   */
  submittedText?(driver: D, channelMessageIds: string[]): string | undefined | Promise<string | undefined>;
  /** Releases what `setup` acquired (servers, ports), after the test's drivers are stopped. */
  teardown?(): void | Promise<void>;
}

export interface ConformanceOptions {
  /** Longest wait for a receipt on the harness's destinations. Default 5000 ms. */
  receiptTimeoutMs?: number;
  /** How long to watch for stray receipts (after stop, from the other instance). Default 300 ms. */
  quietMs?: number;
}

const GEORGIAN = 'გამარჯობა! თქვენი კოდია 4821 — მტრედი 🕊️';
const LONG_LATIN = 'Mtredi conformance: a concatenated message of several parts. '.repeat(5);

let sequence = 0;

/**
 * Registers the behavioural tests every channel driver must pass (ARCHITECTURE.md, "The
 * channel-driver contract"). Call it at the top level of a driver's spec file. Transport-agnostic:
 * the harness says which destinations deliver, fail or are refused, and how to take the channel down.
 */
export function describeDriverConformance<D extends ChannelDriver>(
  name: string,
  setup: () => ConformanceHarness<D> | Promise<ConformanceHarness<D>>,
  options: ConformanceOptions = {},
): void {
  const receiptTimeoutMs = options.receiptTimeoutMs ?? 5000;
  const quietMs = options.quietMs ?? 300;
  const timeout = receiptTimeoutMs + quietMs + 10_000;

  describe(`${name} — channel driver conformance`, () => {
    let harness: ConformanceHarness<D>;
    let running: D[] = [];

    beforeEach(async () => {
      harness = await setup();
      running = [];
    });

    afterEach(async () => {
      await Promise.allSettled(running.map((d) => d.stop()));
      await harness.teardown?.();
    });

    const started = async (): Promise<{ driver: D; ctx: RecordingContext }> => {
      const driver = await harness.createDriver();
      running.push(driver);
      const ctx = new RecordingContext(`conformance-${++sequence}`);
      await driver.start(ctx);
      return { driver, ctx };
    };

    const message = (to: string, overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
      id: `conformance-${process.pid}-${++sequence}`,
      to,
      sender: harness.sender ?? 'Mtredi',
      text: 'Mtredi conformance test',
      encoding: 'gsm7',
      parts: 1,
      ...overrides,
    });

    const accepted = async (driver: D, msg: OutboundMessage): Promise<string[]> => {
      const result = await driver.submit(msg);
      if (result.kind !== 'accepted') throw new Error(`expected accepted for ${msg.to}, got ${JSON.stringify(result)}`);
      return result.channelMessageIds;
    };

    it('start resolves and reports health up', { timeout }, async () => {
      const { ctx } = await started();
      expect(ctx.lastHealth).toBe('up');
    });

    it('declares usable capabilities', { timeout }, async () => {
      const { driver } = await started();
      const c = driver.capabilities;
      for (const max of [c.maxChars.gsm7, c.maxChars.ucs2]) expect(Number.isInteger(max) && max > 0).toBe(true);
      expect(c.duplicateWindowSeconds).toBeGreaterThanOrEqual(0);
      expect(c.maxMessagesPerSecond).toBeGreaterThan(0);
      expect(['exact', 'may_override']).toContain(c.senderPolicy);
      expect(['realtime', 'polling', 'none']).toContain(c.receiptMode);
    });

    it('accepts a valid message with one channel id per part', { timeout }, async () => {
      const { driver } = await started();
      const { delivered } = harness.destinations;
      expect(await accepted(driver, message(delivered))).toHaveLength(1);
      expect(await accepted(driver, message(delivered, { text: LONG_LATIN, parts: 3 }))).toHaveLength(3);
    });

    it('gives channel ids unique across messages, also under concurrent submits', { timeout }, async () => {
      const { driver } = await started();
      const to = harness.destinations.delivered;
      const batches = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          accepted(driver, message(to, { text: `unique ${i}`, parts: 1 + (i % 2) })),
        ),
      );
      const ids = batches.flat();
      expect(ids).toHaveLength(30);
      for (const id of ids) expect(typeof id === 'string' && id.length > 0).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    });

    for (const outcome of ['delivered', 'undelivered'] as const) {
      it(`reports a final ${outcome} receipt for every accepted part, under the same ids`, { timeout }, async (t) => {
        const { driver, ctx } = await started();
        if (driver.capabilities.receiptMode === 'none') t.skip('channel declares no receipts');
        const ids = await accepted(driver, message(harness.destinations[outcome], { text: LONG_LATIN, parts: 2 }));
        await until(() => ids.every((id) => ctx.finalReceipt(id)), receiptTimeoutMs, `final receipts for ${ids}`);
        for (const id of ids) {
          const receipt = ctx.finalReceipt(id);
          expect(receipt?.state).toBe(outcome);
          expect(receipt?.at).toBeInstanceOf(Date);
        }
        for (const r of ctx.receipts) expect(ids).toContain(r.channelMessageId);
      });
    }

    it('answers rejected with a code for a refused destination, without throwing', { timeout }, async () => {
      const { driver } = await started();
      const result = await driver.submit(message(harness.destinations.rejected));
      expect(result.kind).toBe('rejected');
      if (result.kind !== 'rejected') return;
      expect(result.code.length).toBeGreaterThan(0);
      expect(typeof result.reason).toBe('string');
    });

    it('answers retry_later with a delay while unavailable, never accepted, never throwing', { timeout }, async (t) => {
      const { driver } = await started();
      if (!harness.makeUnavailable) return t.skip('harness cannot make this channel unavailable');
      await harness.makeUnavailable(driver);
      const results = await Promise.all(
        Array.from({ length: 5 }, () => driver.submit(message(harness.destinations.delivered))),
      );
      for (const result of results) {
        expect(result.kind).toBe('retry_later');
        if (result.kind !== 'retry_later') continue;
        expect(Number.isFinite(result.delayMs) && result.delayMs > 0).toBe(true);
        expect(result.reason.length).toBeGreaterThan(0);
      }
    });

    it('keeps two instances apart: each sees only its own receipts', { timeout }, async (t) => {
      const a = await started();
      const b = await started();
      if (a.driver.capabilities.receiptMode === 'none') t.skip('channel declares no receipts');
      const to = harness.destinations.delivered;
      const idsA = await accepted(a.driver, message(to, { text: 'instance A' }));
      const idsB = await accepted(b.driver, message(to, { text: 'instance B', parts: 2 }));
      await until(
        () => idsA.every((id) => a.ctx.finalReceipt(id)) && idsB.every((id) => b.ctx.finalReceipt(id)),
        receiptTimeoutMs,
        'receipts on both instances',
      );
      await sleep(quietMs);
      // Ids of two channels may coincide (two operators' SMSCs), so counts are checked as well as ids.
      const finals = (ctx: RecordingContext) => ctx.receipts.filter((r) => FINAL_RECEIPT_STATES.has(r.state));
      expect(finals(a.ctx)).toHaveLength(idsA.length);
      expect(finals(b.ctx)).toHaveLength(idsB.length);
      for (const r of a.ctx.receipts) expect(idsA).toContain(r.channelMessageId);
      for (const r of b.ctx.receipts) expect(idsB).toContain(r.channelMessageId);
    });

    it('stop drains in-flight submits and reports no receipt after it resolves', { timeout }, async () => {
      const { driver, ctx } = await started();
      const to = harness.destinations.delivered;
      const settled: boolean[] = [];
      const inFlight = Array.from({ length: 10 }, (_, i) => {
        settled[i] = false;
        return driver.submit(message(to, { text: `drain ${i}` })).then((r) => {
          settled[i] = true;
          return r;
        });
      });
      await driver.stop();
      // One macrotask turn lets the callers' continuations run; a stop that did not wait fails here.
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled.every(Boolean)).toBe(true);
      const results: SubmitResult[] = await Promise.all(inFlight);
      for (const r of results) expect(['accepted', 'retry_later', 'rejected']).toContain(r.kind);
      const receiptsAtStop = ctx.receipts.length;
      await sleep(quietMs);
      expect(ctx.receipts.length).toBe(receiptsAtStop);
      const after = await driver.submit(message(to, { text: 'after stop' }));
      expect(after.kind).not.toBe('accepted');
      await expect(driver.stop()).resolves.toBeUndefined();
    });

    it('passes Georgian text through unchanged', { timeout }, async () => {
      const { driver } = await started();
      const ids = await accepted(driver, message(harness.destinations.delivered, { text: GEORGIAN, encoding: 'ucs2' }));
      expect(ids).toHaveLength(1);
      if (harness.submittedText) expect(await harness.submittedText(driver, ids)).toBe(GEORGIAN);
      const long = `${GEORGIAN} `.repeat(4);
      const longIds = await accepted(
        driver,
        message(harness.destinations.delivered, { text: long, encoding: 'ucs2', parts: 3 }),
      );
      if (harness.submittedText) expect(await harness.submittedText(driver, longIds)).toBe(long);
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(condition: () => unknown, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}
