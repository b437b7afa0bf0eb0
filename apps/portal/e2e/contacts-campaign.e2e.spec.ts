import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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

const GROUP = 'VIP კლიენტები';
const TEMPLATE = 'ფილიალის შეთავაზება';

/**
 * A customer's own list: a title and a blank row above Georgian headers, numbers written five different
 * ways (one of them a number cell), a repeated number, a row without a city, and a number that is not one.
 */
async function writeWorkbook(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('კლიენტები');
  sheet.addRow(['კლიენტების სია — ნოემბერი']);
  sheet.addRow([]);
  sheet.addRow(['სახელი', 'გვარი', 'მობილური', 'ქალაქი']);
  sheet.addRow(['ნინო', 'ბერიძე', '599 12 34 56', 'თბილისი']);
  sheet.addRow(['გიორგი', 'კაპანაძე', '+995 555 11 22 33', 'ბათუმი']);
  sheet.addRow(['მარიამ', 'ლომიძე', 577445566, 'ქუთაისი']);
  sheet.addRow(['ლევან', 'გელაშვილი', '0599-98-76-54', '']);
  sheet.addRow(['ანა', 'ჯაფარიძე', '(+995) 591 22 33 44', 'რუსთავი']);
  sheet.addRow(['ცუდი', 'ნომერი', '12345', 'თბილისი']);
  sheet.addRow(['ნინო', 'ბერიძე', '995599123456', 'თბილისი']);
  await book.xlsx.writeFile(path);
}

/** Picks an option of a PrimeVue Select or MultiSelect by its label and waits for the list to close. */
async function choose(page: Page, testId: string, label: string | RegExp, multiple = false): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label }).first().click();
  if (multiple) await page.keyboard.press('Escape');
  await page.locator('.p-select-overlay, .p-multiselect-overlay').waitFor({ state: 'detached' });
}

describe('contacts to campaign: import an Excel list, write a template, send to the group, read the report', () => {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let consoleErrors: string[];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mtredi-import-'));
    await writeWorkbook(join(dir, 'vip-clients.xlsx'));
    platform = await startPlatform();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    consoleErrors = collectConsoleErrors(page);
    await logIn(page, platform.baseUrl, 'demo@mtredi.ge', 'mtredi-demo');
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the workbook: finds the header row under the title, maps the Georgian headers, shows the rows', async () => {
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('tab-contacts-import').click();
    expect(await textOf(page, 'import-limits')).toContain('50 მბ');
    await page.setInputFiles('#import-file', join(dir, 'vip-clients.xlsx'));
    await page.getByTestId('import-preview').waitFor();

    expect(await page.locator('#import-header-row').inputValue()).toBe('3');
    const columns = page.getByTestId('import-column');
    expect(await columns.count()).toBe(4);
    expect(await columns.nth(0).textContent()).toContain(ka.imports.targets.first_name);
    expect(await columns.nth(2).textContent()).toContain(ka.imports.targets.phone);
    expect(await columns.nth(3).textContent()).toContain(ka.imports.targets.custom);
    expect(await page.getByTestId('import-preview-row').count()).toBe(7);
    expect(await page.getByTestId('import-mapping-problem').count()).toBe(0);

    // Without a phone column the import cannot start.
    await choose(page, 'import-target-2', ka.imports.targets.ignore);
    expect(await textOf(page, 'import-mapping-problem')).toBe(ka.imports.mapping.problems.no_phone);
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await choose(page, 'import-target-2', ka.imports.targets.phone);

    await page.getByTestId('import-new-group').fill(GROUP);
    await settled(page);
    await page.screenshot({ path: await artifactPath('import-mapping.png'), fullPage: true });
  });

  it('imports in the background and reports row by row: new, merged duplicates, invalid with a report', async () => {
    await page.getByTestId('import-start').click();
    const report = page.getByTestId('import-report');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="import-report"]')?.getAttribute('data-status') === 'completed',
      undefined,
      { timeout: 60_000 },
    );
    const count = async (key: string) =>
      Number(await report.getByTestId(`import-count-${key}`).locator('dd').getAttribute('data-value'));
    expect(await count('rowsRead')).toBe(7);
    expect(await count('imported')).toBe(5);
    expect(await count('duplicates')).toBe(1);
    expect(await count('invalid')).toBe(1);

    const href = await page.getByTestId('import-errors-link').getAttribute('href');
    const errors = await page.request.get(`${platform?.baseUrl}${href}`);
    expect(errors.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await errors.body()) as unknown as ArrayBuffer);
    const rows: string[] = [];
    book.worksheets[0]?.eachRow((row) => rows.push(String(row.values)));
    // The rejected row is named by its row in the customer's sheet (row 9: title, blank, header, 5 rows before it).
    expect(rows.some((r) => r.includes('12345'))).toBe(true);
    expect(await page.getByTestId('import-send-campaign').getAttribute('href')).toMatch(/^\/campaigns\/new\?group=/);
    await settled(page);
    await page.screenshot({ path: await artifactPath('import-report.png'), fullPage: true });
  });

  it("lists the group's contacts in E.164 and finds one by a fragment of its number", async () => {
    await page.getByTestId('import-show-contacts').click();
    await page.getByTestId('contact-row').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 5);
    const phones = await page.getByTestId('contact-phone').allTextContents();
    expect(phones.sort()).toEqual([
      '+995 555 11 22 33',
      '+995 577 44 55 66',
      '+995 591 22 33 44',
      '+995 599 12 34 56',
      '+995 599 98 76 54',
    ]);
    await page.getByTestId('contact-search').fill('4455');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
    expect(await textOf(page, 'contact-name')).toBe('მარიამ ლომიძე');
    expect(await textOf(page, 'contact-total')).toBe('ნაპოვნია 1 კონტაქტი');
    await page.getByTestId('contact-search').fill('');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 5);
    await settled(page);
    await page.screenshot({ path: await artifactPath('contacts-group.png'), fullPage: true });
  });

  it('writes a template with placeholders inserted on click and previews it for one contact', async () => {
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('tab-campaigns-templates').click();
    await page.getByTestId('template-create').click();
    await page.getByTestId('template-name-input').fill(TEMPLATE);
    const body = page.locator('#template-body');
    await body.fill('გამარჯობა, ');
    await page.getByTestId('placeholder-first_name').click();
    await body.press('End');
    await body.pressSequentially('! ');
    await page.getByTestId('placeholder-ქალაქი').click();
    await body.press('End');
    await body.pressSequentially('-ის ფილიალში ხვალ -20%.');
    expect(await body.inputValue()).toBe('გამარჯობა, {first_name}! {ქალაქი}-ის ფილიალში ხვალ -20%.');

    await page.getByTestId('template-preview-contact').locator('input').pressSequentially('ლევან');
    await page.getByRole('option', { name: /ლევან/ }).click();
    await page.getByTestId('template-preview-run').click();
    await page.getByTestId('template-preview-missing').waitFor();
    expect(await textOf(page, 'template-preview-text')).toBe('გამარჯობა, ლევან! -ის ფილიალში ხვალ -20%.');
    expect(await textOf(page, 'template-preview-missing')).toContain('{ქალაქი}');
    await settled(page);
    await page.screenshot({ path: await artifactPath('template-preview.png'), fullPage: true });
    await page.getByRole('button', { name: ka.common.close }).last().click();
    await page.getByTestId('template-row').first().waitFor();
    expect(await textOf(page, 'template-name')).toBe(TEMPLATE);
  });

  it('composes the campaign from the template and the group, and confirms against the estimate', async () => {
    await page.getByTestId('campaign-create').click();
    await page.getByTestId('campaign-name').fill('ნოემბრის შეთავაზება');
    if ((await page.getByTestId('sender-select').textContent())?.includes('Mtredi') !== true) {
      await choose(page, 'sender-select', 'Mtredi');
    }
    await choose(page, 'campaign-template', TEMPLATE);
    expect(await page.locator('#campaign-text').inputValue()).toContain('{first_name}');
    await choose(page, 'campaign-groups', new RegExp(GROUP), true);
    // The same person pasted again, and a number that is not one: counted, not sent twice or at all.
    await page.getByTestId('campaign-numbers').fill('599 12 34 56\n12');
    expect(await textOf(page, 'campaign-numbers-count')).toContain('2 ნომერი');
    await page.locator('#missing-skip').click();
    await page.getByTestId('campaign-optout').click();
    expect(await textOf(page, 'counter-parts')).toBe('2 ნაწილი');
    await settled(page);
    await page.screenshot({ path: await artifactPath('campaign-form.png'), fullPage: true });

    await page.getByTestId('campaign-review').click();
    await page.getByTestId('campaign-estimate').waitFor();
    const figure = async (id: string) => Number(await page.getByTestId(id).locator('dd').getAttribute('data-value'));
    // Five contacts and two pasted numbers: one repeats Nino, one is invalid, Levan has no city (skipped).
    expect(await figure('estimate-messages')).toBe(4);
    expect(await textOf(page, 'estimate-duplicates')).toContain('1');
    expect(await textOf(page, 'estimate-skippedInvalid')).toContain('1');
    expect(await textOf(page, 'estimate-skippedMissing')).toContain('1');
    expect(await textOf(page, 'confirm-when')).toBe(ka.campaigns.confirm.now);
    await settled(page);
    await page.screenshot({ path: await artifactPath('campaign-confirm.png'), fullPage: true });
  });

  it('sends, follows the campaign live to completion and reports the numbers with a chart', async () => {
    await page.getByTestId('campaign-start').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="campaign-status"]')?.getAttribute('data-status') === 'completed',
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="stat-delivered"] dd')?.getAttribute('data-value') === '4',
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.getByTestId('campaign-progress').getAttribute('data-percent')).toBe('100');
    expect(await page.getByTestId('stat-deliveryRate').locator('dd').textContent()).toBe('100.0%');
    // The report names the template the text was written from.
    expect(await textOf(page, 'campaign-template-name')).toBe(TEMPLATE);
    await page.getByTestId('campaign-chart').locator('canvas').waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="campaign-live"]'), undefined, {
      timeout: 20_000,
    });
    await settled(page);
    await page.screenshot({ path: await artifactPath('campaign-report.png'), fullPage: true });

    await page.getByTestId('nav-campaigns').click();
    const row = page.getByTestId('campaign-row').first();
    await row.waitFor();
    expect(await row.textContent()).toContain(ka.campaigns.statuses.completed);
    await settled(page);
    await page.screenshot({ path: await artifactPath('campaign-list.png'), fullPage: true });
  });

  it('lists every filled text, with the opt-out line, in the messages', async () => {
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('message-row').first().waitFor();
    await page.locator('.p-datatable-mask').waitFor({ state: 'detached' });
    const texts = await page.getByTestId('message-text').allTextContents();
    expect(texts).toHaveLength(4);
    const expected = [
      'გამარჯობა, ნინო! თბილისი-ის ფილიალში ხვალ -20%.',
      'გამარჯობა, გიორგი! ბათუმი-ის ფილიალში ხვალ -20%.',
      'გამარჯობა, მარიამ! ქუთაისი-ის ფილიალში ხვალ -20%.',
      'გამარჯობა, ანა! რუსთავი-ის ფილიალში ხვალ -20%.',
    ];
    for (const text of expected) expect(texts).toContain(`${text}\nგამოწერის გაუქმება: STOP`);
    expect(texts.join('')).not.toContain('{');
    await settled(page);
    await page.screenshot({ path: await artifactPath('campaign-messages.png'), fullPage: true });
  });

  it("shows today's sends in the daily statistics, as a chart and a table", async () => {
    await page.getByTestId('nav-statistics').click();
    await page.getByTestId('daily-chart').locator('canvas').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="stat-delivered"] dd')?.getAttribute('data-value') === '4',
    );
    const rows = page.getByTestId('stats-row');
    expect(await rows.count()).toBe(14);
    expect(await rows.last().getByTestId('stats-delivered').textContent()).toBe('4');
    await settled(page);
    await page.screenshot({ path: await artifactPath('statistics.png'), fullPage: true });

    // The table as an Excel file from the API, Georgian headers and the same days as shown.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^mtredi-statistics-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(4).value).toBe('მიწოდებული');
    expect(sheet?.rowCount).toBe(15);
    expect(sheet?.getRow(15).getCell(4).value).toBe(4);

    // The same pages in English, with its plurals.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contact-row').first().waitFor();
    // The list kept the group filter from before the language switch.
    expect(await textOf(page, 'contact-total')).toBe('5 contacts found');
    await page.getByTestId('nav-campaigns').click();
    await page.getByTestId('campaign-link').first().click();
    await page.getByTestId('campaign-chart').locator('canvas').waitFor();
    expect(await textOf(page, 'estimate-skippedMissing')).toBe('1 contact lacks a placeholder');
    await settled(page);
    await page.screenshot({ path: await artifactPath('campaign-report-english.png'), fullPage: true });
    await page.getByTestId('language-switch').getByText('ქართული', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ka');
  });

  it('keeps a stopped number from a normal send, lets an urgent one through, and keeps drafts while typing', async () => {
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('tab-contacts-stop-list').click();
    await page.getByTestId('stop-phone').fill('599 11 22 33');
    await page.getByTestId('stop-add').click();
    await page.getByTestId('stop-row').first().waitFor();
    expect(await page.getByTestId('stop-row').first().textContent()).toContain('+995 599 11 22 33');

    await page.getByTestId('nav-send').click();
    await page.fill('#send-to', '599 11 22 33');
    await page.fill('#send-text', 'Your code: 4821');
    await page.getByTestId('draft-saved').waitFor();
    // The draft survives leaving the page and comes back from the list.
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('nav-send').click();
    await page.getByTestId('draft-item').first().waitFor();
    expect(await page.locator('#send-text').inputValue()).toBe('');
    await page.getByTestId('draft-open').first().click();
    expect(await page.locator('#send-text').inputValue()).toBe('Your code: 4821');
    expect(await page.locator('#send-to').inputValue()).toBe('599 11 22 33');

    await page.getByTestId('send-submit').click();
    await page.getByTestId('send-error').waitFor();
    expect(await textOf(page, 'send-error')).toBe(ka.contactErrors['contacts/stopped']);
    expect(await textOf(page, 'error-to')).toBe(ka.stopList.sendRefusedField);
    await page.getByTestId('send-urgent').click();
    await page.getByTestId('send-urgent-warning').waitFor();
    await settled(page);
    await page.screenshot({ path: await artifactPath('send-urgent.png'), fullPage: true });
    await page.getByTestId('send-submit').click();
    await page.getByTestId('send-result').waitFor();
    // Sent: the draft is gone.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="draft-item"]').length === 0);

    // Taking the number off the list needs a reason, and says it is audited.
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('tab-contacts-stop-list').click();
    await settled(page);
    await page.screenshot({ path: await artifactPath('stop-list.png'), fullPage: true });
    await page.getByRole('button', { name: ka.stopList.remove }).first().click();
    expect(await page.getByTestId('stop-remove-submit').isDisabled()).toBe(true);
    await page.getByTestId('stop-remove-reason').fill('ახალი წერილობითი თანხმობა');
    await page.getByTestId('stop-remove-submit').click();
    await page.getByTestId('stop-done').waitFor();
    expect(await page.getByTestId('stop-row').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
