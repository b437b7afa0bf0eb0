import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// 102 Georgian characters: UCS-2, 2 parts. Transliterated (national scheme): 109 GSM characters, 1 part.
const GEORGIAN =
  'გამარჯობა! ხვალ 10:00-დან 14:00-მდე ჩვენი მაღაზია დახურული იქნება ინვენტარიზაციის გამო. ბოდიშს გიხდით.';
const LATIN =
  'gamarjoba! khval 10:00-dan 14:00-mde chveni maghazia dakhuruli ikneba inventarizatsiis gamo. bodishs gikhdit.';

describe('composer: transliteration cuts the parts, and the Latin text is what gets sent', () => {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    consoleErrors = collectConsoleErrors(page);
    await logIn(page, platform.baseUrl, 'demo@mtredi.ge', 'mtredi-demo');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('highlights what forces Unicode and suggests transliteration when it saves a part', async () => {
    await page.getByTestId('nav-send').click();
    await page.fill('#send-text', GEORGIAN);
    expect(await textOf(page, 'counter-parts')).toBe('2 ნაწილი');
    expect(await textOf(page, 'counter-encoding')).toBe(ka.encoding.ucs2);
    // Every Georgian word is marked as a reason for UCS-2.
    expect(await page.getByTestId('preview-text').getByTestId('forcer').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('option-suggestion').getAttribute('data-kind')).toBe('transliterate');
    expect(await textOf(page, 'option-suggestion')).toContain('1 ნაწილად გაიგზავნება 2-ის ნაცვლად');
    await settled(page);
    await page.screenshot({ path: await artifactPath('composer-georgian.png'), fullPage: true });
  });

  it('shows the Latin text, the saving and one GSM part once transliteration is on', async () => {
    await page.getByTestId('toggle-transliterate').click();
    await page.getByTestId('scheme-select').waitFor();
    expect(await textOf(page, 'counter-parts')).toBe('1 ნაწილი');
    expect(await textOf(page, 'counter-encoding')).toBe(ka.encoding.gsm7);
    expect(await textOf(page, 'counter-characters')).toBe('109 სიმბოლო');
    expect(await textOf(page, 'preview-text')).toBe(LATIN);
    expect(await textOf(page, 'preview-saving')).toBe('2 → 1 ნაწილი');
    expect(await page.getByTestId('preview-text').getByTestId('forcer').count()).toBe(0);
    expect(await page.getByTestId('option-suggestion').count()).toBe(0);

    // Another scheme changes the preview at once: "as typed on phones" writes ხ as x and ქ as q.
    await page.getByTestId('scheme-select').click();
    await page.getByRole('option', { name: new RegExp(ka.options.schemes.latin_georgian) }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    expect(await textOf(page, 'preview-text')).toContain('chveni maghazia daxuruli iqneba');
    await page.getByTestId('scheme-select').click();
    await page.getByRole('option', { name: new RegExp(`^${ka.options.schemes.national} —`) }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    expect(await textOf(page, 'preview-text')).toBe(LATIN);
    await settled(page);
    await page.screenshot({ path: await artifactPath('composer-transliterated.png'), fullPage: true });
  });

  it('sends the transliterated text, charged as one part, and lists it in Latin', async () => {
    await page.fill('#send-to', '599 12 34 56');
    await page.getByTestId('sender-select').click();
    await page.getByRole('option', { name: 'Mtredi', exact: true }).click();
    await page.locator('.p-select-overlay').waitFor({ state: 'detached' });
    const balanceBefore = Number(await page.getByTestId('header-balance').getAttribute('data-available'));
    await page.getByTestId('send-submit').click();

    await page.getByTestId('send-result').waitFor();
    expect(await textOf(page, 'result-text')).toBe(LATIN);
    expect(await textOf(page, 'result-parts')).toBe('1');
    // One part was reserved: the header balance follows.
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="header-balance"]')?.getAttribute('data-available') === expected,
      String(balanceBefore - 1),
    );
    await settled(page);
    await page.screenshot({ path: await artifactPath('composer-sent.png'), fullPage: true });

    await page.getByTestId('nav-messages').click();
    const first = page.getByTestId('message-row').first();
    await first.waitFor();
    expect(await first.getByTestId('message-text').textContent()).toBe(LATIN);
    await page.locator('.p-datatable-mask').waitFor({ state: 'detached' });
    await settled(page);
    await page.screenshot({ path: await artifactPath('composer-messages.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
