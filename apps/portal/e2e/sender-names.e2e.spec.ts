import type { Browser, Page } from 'playwright-core';
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

const DEMO = { email: 'demo@mtredi.ge', password: 'mtredi-demo' };
const STAFF = { email: 'staff@mtredi.ge', password: 'mtredi-staff' };
const NAME = 'MtrediDemo';
const NOTICE_KA = 'ოპერატორები ყველა გამგზავნის სახელის ხელახლა დადასტურებას ითხოვენ. გთხოვთ, მოითმინოთ 2–3 დღე.';
const OPERATORS = ['magti', 'silknet', 'cellfie'] as const;

/** The customer's row of exactly this name ("Mtredi" is also the start of "MtrediDemo"). */
const senderRow = (page: Page, name: string) =>
  page.getByTestId('sender-row').filter({ has: page.getByTestId('sender-name').getByText(name, { exact: true }) });

/** The state shown in each operator column of the customer's row for `name`. */
async function operatorStates(page: Page, name: string): Promise<Record<string, string | null>> {
  const row = senderRow(page, name);
  const states: Record<string, string | null> = {};
  for (const operator of OPERATORS) {
    states[operator] = await row.getByTestId(`sender-${operator}`).locator('[data-state]').getAttribute('data-state');
  }
  return states;
}

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
}

/** A whole-page screenshot from the top: taken scrolled, the sticky header would be drawn halfway down. */
async function fullShot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: await artifactPath(name), fullPage: true });
}

describe('sender names: request, per-operator authorization, re-authorization', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let customer: Page;
  let staff: Page;
  let customerErrors: string[] = [];
  let staffErrors: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    customer = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    staff = await (
      await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true })
    ).newPage();
    customerErrors = collectConsoleErrors(customer);
    staffErrors = collectConsoleErrors(staff);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('refuses a name with the rule and the character, then requests one: every operator column says requested', async () => {
    await logIn(customer, platform.baseUrl, DEMO.email, DEMO.password);
    await customer.getByTestId('nav-senders').click();
    await customer.waitForURL(/\/senders$/);
    expect(await textOf(customer, 'sender-rules')).toContain(ka.senders.request.rules.generic.slice(0, 20));
    // The demo's own name is authorized everywhere.
    await senderRow(customer, 'Mtredi').waitFor();
    expect(await operatorStates(customer, 'Mtredi')).toEqual({ magti: 'active', silknet: 'active', cellfie: 'active' });

    await customer.fill('#sender-name', 'Mtrediა');
    await customer.getByTestId('sender-request-submit').click();
    const problems = customer.getByTestId('sender-name-error');
    await problems.waitFor();
    // Which rule and which character, as the API words it.
    expect(await problems.textContent()).toMatch(/Character 7 "ა" is a Georgian letter/);

    await customer.fill('#sender-name', 'Info');
    await customer.getByTestId('sender-request-submit').click();
    await customer.waitForFunction(() =>
      /generic/i.test(document.querySelector('#sender-name-problems')?.textContent ?? ''),
    );

    await customer.fill('#sender-name', NAME);
    await customer.getByTestId('sender-request-submit').click();
    await customer.getByTestId('sender-requested').waitFor();
    expect(await textOf(customer, 'sender-requested')).toBe(ka.senders.request.requested.replace('{name}', NAME));
    expect(await operatorStates(customer, NAME)).toEqual({
      magti: 'requested',
      silknet: 'requested',
      cellfie: 'requested',
    });
    const row = senderRow(customer, NAME);
    expect(await row.getByTestId('sender-status').getAttribute('data-state')).toBe('pending');
    expect(await row.getByTestId('sender-magti').textContent()).toContain(ka.senders.states.requested);
    expect(await row.getByTestId('sender-match').getAttribute('data-match')).toBe('yes');

    // Asking twice is refused next to the field.
    await customer.fill('#sender-name', NAME);
    await customer.getByTestId('sender-request-submit').click();
    await customer.waitForFunction(
      (text) => document.querySelector('#sender-name-problems')?.textContent?.includes(text),
      ka.senders.request.duplicate,
    );
    await customer.fill('#sender-name', '');
    await fullShot(customer, 'senders-requested.png');
  });

  it('lets staff export the Magti batch and approve the name for Magti only', async () => {
    await logIn(staff, platform.baseUrl, STAFF.email, STAFF.password);
    await staff.getByTestId('tab-admin-senders').click();
    await staff.waitForURL(/\/admin\/senders$/);
    const queued = staff.getByTestId('queue-row').filter({ hasText: NAME });
    await queued.waitFor();
    expect(await queued.textContent()).toContain('Mtredi Demo');

    await choose(staff, 'queue-operator', ka.senders.operators.magti);
    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByTestId('queue-export').click()]);
    expect(download.suggestedFilename()).toBe('sender-names-magti.xlsx');
    await staff.getByTestId('queue-done').waitFor();
    expect(await textOf(staff, 'queue-done')).toContain(`${ka.senders.operators.magti}: პაკეტში 1 სახელია`);
    // The list moved on to the names now with Magti.
    await queued.getByTestId('queue-magti').locator('[data-state="submitted"]').waitFor();
    expect(await queued.getByTestId('queue-silknet').locator('[data-state]').getAttribute('data-state')).toBe(
      'requested',
    );
    await fullShot(staff, 'admin-senders-submitted.png');

    await queued.locator('.p-checkbox').click();
    expect(await textOf(staff, 'queue-selected')).toBe(ka.senderQueue.selected.replace('{n}', '1'));
    await staff.getByTestId('queue-approve').click();
    const results = staff.getByTestId('decision-results');
    await results.waitFor();
    expect(await results.getAttribute('data-ok')).toBe('1');
    expect(await results.getAttribute('data-failed')).toBe('0');
    await queued.waitFor({ state: 'detached' });

    // A decision that cannot apply fails on its own row, with the reason: approving an active name again.
    await choose(staff, 'queue-state', ka.senders.states.active);
    await queued.waitFor();
    await queued.locator('.p-checkbox').click();
    await staff.getByTestId('queue-approve').click();
    await staff.locator('[data-testid="decision-results"][data-failed="1"]').waitFor();
    expect(await textOf(staff, 'decision-failure')).toContain(`${NAME}:`);
    await fullShot(staff, 'admin-senders-approved.png');
  });

  it('shows the customer Magti active and the others not; the send form says where the name reaches', async () => {
    await customer.getByTestId('senders-refresh').click();
    await customer.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[data-testid="sender-row"]')]
          .find((row) => row.textContent?.includes(name))
          ?.querySelector('[data-testid="sender-magti"] [data-state="active"]') !== null,
      NAME,
    );
    expect(await operatorStates(customer, NAME)).toEqual({
      magti: 'active',
      silknet: 'requested',
      cellfie: 'requested',
    });
    const row = senderRow(customer, NAME);
    expect(await row.getByTestId('sender-status').getAttribute('data-state')).toBe('partly_active');
    await fullShot(customer, 'senders-partly-active.png');

    await customer.getByTestId('nav-send').click();
    await customer.getByTestId('sender-select').click();
    const option = customer.getByRole('option', { name: NAME, exact: true });
    expect(await option.textContent()).toContain(
      ka.senders.select.onlyFor.replace('{operators}', ka.senders.operators.magti),
    );
    await option.click();
    await customer.locator('.p-select-overlay').waitFor({ state: 'detached' });
    expect(await textOf(customer, 'sender-partly')).toContain(ka.senders.operators.magti);

    // A Silknet number: the API refuses, naming the operator and the state.
    await customer.fill('#send-to', '555 12 34 56');
    await customer.fill('#send-text', 'Test from the partly active name');
    await customer.getByTestId('send-submit').click();
    await customer.getByTestId('send-error').waitFor();
    expect(await textOf(customer, 'send-error')).toMatch(/not authorized by Silknet \(status: requested\)/);
    await fullShot(customer, 'send-partly-refused.png');

    // A Magti number goes through.
    await customer.fill('#send-to', '599 12 34 56');
    await customer.getByTestId('send-submit').click();
    await customer.getByTestId('send-result').waitFor();
  });

  it('lets staff demand re-authorization of every name with a Georgian notice, after a strong confirmation', async () => {
    await staff.getByTestId('reauth-open').click();
    const dialog = staff.getByTestId('reauth-dialog');
    await dialog.waitFor();
    await staff.fill('#reauth-notice-ka', NOTICE_KA);
    expect(await staff.getByTestId('reauth-submit').isDisabled()).toBe(true);
    await staff.fill('#reauth-confirm', 'something else');
    expect(await staff.getByTestId('reauth-submit').isDisabled()).toBe(true);
    await staff.fill('#reauth-confirm', ka.senderQueue.reauth.confirmWord);
    await settled(staff);
    await staff.screenshot({ path: await artifactPath('admin-reauthorization.png') });
    await staff.getByTestId('reauth-submit').click();
    await dialog.waitFor({ state: 'detached' });
    // Mtredi on three operators and MtrediDemo on Magti were active.
    expect(await textOf(staff, 'queue-done')).toBe(ka.senderQueue.reauth.done.replace('{n}', '4'));

    await staff.getByTestId('tab-admin-notices').click();
    const notice = staff.getByTestId('notice-row').filter({ hasText: NOTICE_KA });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(ka.notices.kinds.reauthorization);
    await fullShot(staff, 'admin-notices.png');
  });

  it('shows the customer the notice on every page and the Magti column back to submitted', async () => {
    await customer.getByTestId('nav-senders').click();
    const banner = customer.getByTestId('notice').filter({ hasText: NOTICE_KA });
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.getAttribute('data-kind')).toBe('reauthorization');
    await customer.waitForFunction(
      (name) =>
        [...document.querySelectorAll('[data-testid="sender-row"]')]
          .find((row) => row.textContent?.includes(name))
          ?.querySelector('[data-testid="sender-magti"] [data-state="submitted"]') !== null,
      NAME,
    );
    expect(await operatorStates(customer, NAME)).toEqual({
      magti: 'submitted',
      silknet: 'requested',
      cellfie: 'requested',
    });
    expect(await operatorStates(customer, 'Mtredi')).toEqual({
      magti: 'submitted',
      silknet: 'submitted',
      cellfie: 'submitted',
    });
    await fullShot(customer, 'senders-reauthorization-notice.png');

    // The history says who changed what and why.
    await senderRow(customer, NAME).getByTestId('sender-history').click();
    const history = customer.getByTestId('sender-history-row');
    await history.first().waitFor();
    const rows = await history.allTextContents();
    expect(rows[0]).toContain(ka.senders.history.events.demand_reauthorization);
    expect(rows.some((r) => r.includes(ka.senders.history.events.approve))).toBe(true);
    expect(rows).toHaveLength(6); // requested ×3, submitted, approved, sent back — all Magti but the requests
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('sender-history.png') });
    await customer.keyboard.press('Escape');
    await customer.getByTestId('sender-history-table').waitFor({ state: 'detached' });

    // The notice follows the language, and shows on the other pages too.
    await customer.getByTestId('nav-messages').click();
    await customer.getByTestId('notice').first().waitFor();
    await customer.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await customer.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await textOf(customer, 'notice-text')).toBe(en.senderQueue.reauth.noticeEnDefault);
  });

  it('deletes a name after a confirmation', async () => {
    await customer.getByTestId('nav-senders').click();
    const row = senderRow(customer, NAME);
    await row.getByTestId('sender-delete').click();
    const dialog = customer.locator('.p-confirmdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(NAME);
    await dialog.getByRole('button', { name: en.senders.delete.action }).click();
    await customer.getByTestId('sender-done').waitFor();
    expect(await row.count()).toBe(0);
    // A list refresh racing the deletion can ask for the removed name once (a 404 the page handles).
    const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('status of 404'));
    expect(unexpected(customerErrors)).toEqual([]);
    expect(unexpected(staffErrors)).toEqual([]);
  });
});
