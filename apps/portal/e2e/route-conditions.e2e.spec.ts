import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import { ka } from '../src/i18n/ka.js';
import {
  artifactPath,
  collectConsoleErrors,
  launchBrowser,
  logIn,
  type Platform,
  settled,
  startPlatform,
  textOf,
} from './harness.js';

const STAFF = { email: 'staff@mtredi.ge', password: 'mtredi-staff' };
const RESERVE = 'Reserve aggregator';
// A Magti number (599…): Magti's direct channel fell, staff disabled it; its route goes on to the reserve.
const MAGTI = '599 12 34 56';
const SENTENCE = 'ხვალ 10:00-დან 14:00-მდე ჩვენი მაღაზია დახურული იქნება ინვენტარიზაციის გამო. ';
// 400 characters of Georgian (UCS-2): over the reserve's 320.
const LONG = SENTENCE.repeat(10).slice(0, 400);
const SHORT = 'გამარჯობა! ხვალ გელით.';

const fill = (template: string, params: Record<string, string | number>) =>
  Object.entries(params).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), template);

/**
 * Staff, through the API, as in April 2020: Magti's direct channel first on its route but disabled, then the
 * reserve (Georgian 320, Latin 480, 3 h repeats, provider's name), which the API then calls a reserve.
 */
async function reserveOnMagti(request: APIRequestContext, baseUrl: string): Promise<void> {
  const login = await request.post(`${baseUrl}/v1/auth/login`, { data: STAFF });
  expect(login.status()).toBe(200);
  const fallen = await request.post(`${baseUrl}/v1/admin/channels`, {
    data: { name: 'Magti direct', driver: 'simulator', config: { version: 1 }, enabled: false },
  });
  expect(fallen.status()).toBe(201);
  const { id: directId } = (await fallen.json()) as { id: string };
  const created = await request.post(`${baseUrl}/v1/admin/channels`, {
    data: {
      name: RESERVE,
      driver: 'simulator',
      config: {
        version: 1,
        maxChars: { ucs2: 320, gsm7: 480 },
        duplicateWindowSeconds: 10_800,
        senderPolicy: 'may_override',
      },
      allowProviderSender: true,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const route = await request.put(`${baseUrl}/v1/admin/routes/magti`, { data: { channelIds: [directId, id] } });
  expect(route.status()).toBe(200);
}

/** The API caches routes for a few seconds: wait until the customer's analyze sees the reserve. */
async function untilRouteIsReserve(page: Page, baseUrl: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answer = await page.request.post(`${baseUrl}/v1/messages/analyze`, { data: { text: SHORT, to: MAGTI } });
    const body = (await answer.json()) as { route?: { channel?: string | null; role?: string | null } };
    if (body.route?.channel === RESERVE && body.route.role === 'reserve') return;
    if (Date.now() > deadline) throw new Error(`route never switched to the reserve: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const note = (page: Page, code: string) => page.locator(`[data-testid="route-note"][data-code="${code}"]`);

describe('composer: the conditions of the route the message would take, before sending', () => {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    const staff = await browser.newContext();
    await reserveOnMagti(staff.request, platform.baseUrl);
    await staff.close();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    consoleErrors = collectConsoleErrors(page);
    await logIn(page, platform.baseUrl, 'demo@mtredi.ge', 'mtredi-demo');
    await untilRouteIsReserve(page, platform.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a 400-character Georgian text to a Magti number: no channel can take it, the 320 limit is named', async () => {
    const base = platform?.baseUrl ?? '';
    await page.getByTestId('nav-send').click();
    await page.fill('#send-to', MAGTI);
    await page.fill('#send-text', LONG);
    await page.getByTestId('route-blocked').waitFor();
    expect(await textOf(page, 'route-blocked')).toBe(ka.route.blocked.refused);
    expect(await page.getByTestId('route-conditions').getAttribute('data-carrier')).toBe('none');
    expect(((await note(page, 'too_long').textContent()) ?? '').trim()).toBe(
      fill(ka.route.note.tooLong.ucs2, { limit: 320, n: 400 }),
    );
    expect(await textOf(page, 'route-summary')).toContain(ka.senders.operators.magti);
    // The channel's name is the staff's label: the composer names the class, not the channel.
    expect(await textOf(page, 'route-conditions')).not.toContain(RESERVE);
    await settled(page);
    await page.screenshot({ path: await artifactPath('composer-route-refused.png'), fullPage: true });

    // What the composer foretold is what the API does: the send is refused before charging.
    const refused = await page.request.post(`${base}/v1/messages`, {
      data: { to: MAGTI, sender: 'Mtredi', text: LONG },
    });
    expect(refused.status()).toBe(422);
    expect(((await refused.json()) as { code: string }).code).toBe('routing/too_long');
  });

  it('a short text: the refusal is gone; the reserve route and its conditions are told instead', async () => {
    await page.fill('#send-text', SHORT);
    await page.getByTestId('route-blocked').waitFor({ state: 'detached' });
    expect(await note(page, 'too_long').count()).toBe(0);
    expect(await page.getByTestId('route-conditions').getAttribute('data-carrier')).toBe('reserve');
    expect(await textOf(page, 'route-summary')).toContain(ka.route.carrier.reserve);
    expect(((await note(page, 'length_limit').textContent()) ?? '').trim()).toBe(
      fill(ka.route.note.lengthLimit.ucs2, { limit: 320, n: SHORT.length }),
    );
    expect(((await note(page, 'duplicate_window').textContent()) ?? '').trim()).toBe(
      fill(ka.route.note.duplicateHours, { n: 3 }),
    );
    expect(((await note(page, 'sender_replaced').textContent()) ?? '').trim()).toBe(ka.route.note.senderReplaced);
    await settled(page);
    await page.screenshot({ path: await artifactPath('composer-route-reserve.png'), fullPage: true });
  });

  it('in English too, and a number of another operator (direct route) has nothing to warn about', async () => {
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="route-note"][data-code="duplicate_window"]')?.textContent?.trim() ===
        expected,
      en.route.note.duplicateHours.split(' | ')[1]?.replace('{n}', '3') ?? '',
    );
    await page.fill('#send-to', '555 12 34 56');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="route-conditions"]')?.getAttribute('data-carrier') === 'direct',
    );
    expect(await page.getByTestId('route-note').count()).toBe(0);
    expect(await textOf(page, 'route-summary')).toContain(en.route.carrier.direct);
  });

  it('a campaign checks the route of its first pasted number, for the text as charged', async () => {
    await page.goto(`${platform?.baseUrl}/campaigns/new`);
    await page.locator('#campaign-text').fill(LONG);
    await page.getByTestId('campaign-numbers').fill(`${MAGTI}\n555 12 34 56`);
    await page.getByTestId('route-blocked').waitFor();
    expect(await textOf(page, 'route-blocked')).toBe(en.route.blocked.refused);
    expect(((await note(page, 'too_long').textContent()) ?? '').trim()).toBe(
      fill(en.route.note.tooLong.ucs2, { limit: 320, n: 400 }),
    );
    await page.locator('#campaign-text').fill(SHORT);
    await page.getByTestId('route-blocked').waitFor({ state: 'detached' });
    expect(await page.getByTestId('route-conditions').getAttribute('data-carrier')).toBe('reserve');
    expect(consoleErrors).toEqual([]);
  });
});
