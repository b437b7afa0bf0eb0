import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ka } from '../src/i18n/ka.js';
import { artifactPath, launchBrowser, type Platform, startPlatform } from './harness.js';

const TEXT = 'გამარჯობა, ეს სატესტო შეტყობინებაა';
const DEMO = { email: 'demo@mtredi.ge', password: 'mtredi-demo', sender: 'Mtredi' };

describe('portal: send a message and watch it get delivered', () => {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('console', (msg) => {
      // The browser logs every 401 answer; those are expected here (logged out, wrong password).
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) consoleErrors.push(msg.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  function url(path: string): string {
    if (!platform) throw new Error('platform not started');
    return `${platform.baseUrl}${path}`;
  }

  it('sends logged-out visitors to the login page and shows the reason a login fails', async () => {
    await page.goto(url('/messages'));
    await page.waitForURL(/\/login\?redirect=(%2F|\/)messages$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('ka');

    await page.fill('#login-email', DEMO.email);
    await page.fill('#login-password', 'not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect((await error.textContent())?.trim()).toBe(ka.errors.codes['auth/invalid_credentials']);
  });

  it('logs in, sends Georgian text and shows the accepted message', async () => {
    await page.fill('#login-password', DEMO.password);
    await page.getByTestId('login-submit').click();
    // The guard had remembered where the visitor wanted to go.
    await page.waitForURL(/\/messages$/);

    await page.getByTestId('nav-send').click();
    await page.waitForURL(/\/send$/);

    // A malformed number is refused next to its field, before anything is sent.
    await page.fill('#send-to', '12345');
    await page.fill('#send-text', TEXT);
    await page.getByTestId('send-submit').click();
    await page.getByTestId('error-to').waitFor();
    expect((await page.getByTestId('error-to').textContent())?.trim()).toBe(ka.send.invalid.to);

    // The live counter comes from the encoding engine the server uses: Georgian is UCS-2, 70 per part.
    expect((await page.getByTestId('counter-characters').textContent())?.trim()).toBe('34 სიმბოლო');
    expect((await page.getByTestId('counter-parts').textContent())?.trim()).toBe('1 ნაწილი');
    expect((await page.getByTestId('counter-encoding').textContent())?.trim()).toBe(ka.encoding.ucs2);
    expect((await page.getByTestId('counter-left').textContent())?.trim()).toBe('ნაწილში დარჩა 36');

    await page.fill('#send-to', '599 12 34 56');
    await page.getByTestId('sender-select').click();
    await page.getByRole('option', { name: DEMO.sender, exact: true }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await page.getByTestId('send-submit').click();

    const result = page.getByTestId('send-result');
    await result.waitFor();
    expect(await page.getByTestId('error-to').count()).toBe(0);
    // The server normalised the number to E.164; the portal writes it back grouped.
    expect((await page.getByTestId('result-to').textContent())?.trim()).toBe('+995 599 12 34 56');
    // Georgian is UCS-2: 34 characters fit one 70-character part.
    expect((await page.getByTestId('result-parts').textContent())?.trim()).toBe('1');
    await page.screenshot({ path: await artifactPath('send-result.png'), fullPage: true });
  });

  it('lists the message and turns it delivered without a page reload', async () => {
    const id = (await page.getByTestId('result-id').textContent())?.trim() ?? '';
    expect(id).not.toBe('');

    // Any full navigation would reset this flag: live updates must come from polling alone.
    await page.evaluate(() => {
      (window as unknown as { __noReload?: boolean }).__noReload = true;
    });
    await page.getByTestId('nav-messages').click();
    await page.waitForURL(/\/messages$/);

    const row = page.locator('tr', { has: page.locator(`a[href="/messages/${id}"]`) });
    await row.waitFor();
    const firstStatus = await row.getByTestId('message-status').getAttribute('data-status');
    expect(['queued', 'in_transit', 'delivered']).toContain(firstStatus);

    await row.locator('[data-status="delivered"]').waitFor({ timeout: 60_000 });
    expect((await row.getByTestId('message-status').textContent())?.trim()).toBe(ka.status.delivered);
    expect(await row.getByTestId('message-text').textContent()).toBe(TEXT);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await page.locator('.p-datatable-mask').waitFor({ state: 'detached' });
    await page.screenshot({ path: await artifactPath('messages-delivered.png'), fullPage: true });

    // The detail view shows the status history ending in delivered.
    await row.locator(`a[href="/messages/${id}"]`).click();
    const detail = page.getByTestId('message-detail');
    await detail.waitFor();
    await page.waitForFunction(() => !document.querySelector('.p-dialog-enter-active'));
    const history = await detail
      .getByTestId('status-history')
      .locator('[data-status]')
      .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-status')));
    expect(history.at(-1)).toBe('delivered');
    expect(await detail.textContent()).toContain(TEXT);
    await page.screenshot({ path: await artifactPath('message-detail.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/messages$/);
  });

  it('switches the interface to English and remembers the choice', async () => {
    const nav = page.getByTestId('nav-messages');
    expect((await nav.textContent())?.trim()).toBe(ka.nav.messages);

    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect((await nav.textContent())?.trim()).toBe('Messages');

    await page.reload();
    await page.getByTestId('nav-messages').waitFor();
    expect((await page.getByTestId('nav-messages').textContent())?.trim()).toBe('Messages');
    await page.locator('[data-status="delivered"]').first().waitFor();
    expect((await page.locator('[data-status="delivered"]').first().textContent())?.trim()).toBe('Delivered');
    await page.locator('.p-datatable-mask').waitFor({ state: 'detached' });
    await page.screenshot({ path: await artifactPath('messages-english.png'), fullPage: true });
  });

  it('logs out from the user menu, and the server forgets the session', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Log out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.goto(url('/send'));
    await page.waitForURL(/\/login\?redirect=(%2F|\/)send$/);
    expect(consoleErrors).toEqual([]);
  });
});
