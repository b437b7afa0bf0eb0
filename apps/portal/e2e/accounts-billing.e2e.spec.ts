import { readFile } from 'node:fs/promises';
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

const COMPANY = {
  companyName: 'Kutaisi Bakery',
  website: 'kutaisibakery.ge',
  contactName: 'Nino Beridze',
  email: 'nino@kutaisibakery.ge',
  phone: '599 11 22 33',
  password: 'fresh-bread-every-day',
};
const STAFF = { email: 'staff@mtredi.ge', password: 'mtredi-staff' };

/** 1010 → "1 010", as the Georgian interface groups thousands. */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, '\u00a0');

const available = async (page: Page): Promise<number> =>
  Number(await page.getByTestId('header-balance').getAttribute('data-available'));

async function waitForBalance(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="header-balance"]')?.getAttribute('data-available') === n,
    String(expected),
    { timeout: 30_000 },
  );
}

describe('accounts and billing: register, get activated, buy credit', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let customer: Page;
  let staff: Page;
  let customerErrors: string[] = [];
  let staffErrors: string[] = [];
  let packageParts = 0;
  let reference = '';

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    // Two people, two browser profiles: each has their own session cookie.
    customer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    customerErrors = collectConsoleErrors(customer);
    staffErrors = collectConsoleErrors(staff);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('registers a new organization, which waits for verification and cannot send', async () => {
    await customer.goto(`${platform.baseUrl}/login`);
    await customer.getByTestId('register-link').click();
    await customer.waitForURL(/\/register$/);

    // Checked with the API's own schema before anything is sent.
    await customer.getByTestId('register-submit').click();
    expect(await customer.locator('#register-companyName-help').textContent()).toContain(
      ka.register.invalid.companyName,
    );

    for (const [field, value] of Object.entries(COMPANY)) await customer.fill(`#register-${field}`, value);
    await customer.getByTestId('register-submit').click();
    await customer.waitForURL(/\/send$/);

    const banner = customer.getByTestId('organization-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-status')).toBe('pending');
    expect(await banner.textContent()).toContain('10 უფასო SMS');
    expect(await customer.getByTestId('send-submit').isDisabled()).toBe(true);
    expect(await textOf(customer, 'send-disabled')).toBe(ka.send.disabled);
    // No balance in the header until the organization is active.
    expect(await customer.getByTestId('header-balance').count()).toBe(0);
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('register-pending.png'), fullPage: true });

    // The same e-mail cannot register twice; the form says so next to the field.
    const other = await customer.context().browser()?.newContext();
    const second = await other?.newPage();
    if (!second) throw new Error('no second context');
    await second.goto(`${platform.baseUrl}/register`);
    for (const [field, value] of Object.entries({ ...COMPANY, companyName: 'Other Bakery' })) {
      await second.fill(`#register-${field}`, value);
    }
    await second.getByTestId('register-submit').click();
    await second.getByTestId('register-error').waitFor();
    expect(await textOf(second, 'register-error')).toBe(ka.errors.codes['accounts/email_taken']);
    await other?.close();
  });

  it('lets staff see the waiting organization and activate it; staff see only the staff area', async () => {
    await logIn(staff, platform.baseUrl, STAFF.email, STAFF.password);
    await staff.waitForURL(/\/admin\/organizations$/);
    expect(await staff.getByTestId('nav-send').count()).toBe(0);

    await staff.goto(`${platform.baseUrl}/send`);
    await staff.waitForURL(/\/admin\/organizations$/);

    const row = staff.getByTestId('admin-organization-row').filter({ hasText: COMPANY.companyName });
    await row.waitFor();
    expect(await row.textContent()).toContain(COMPANY.email);
    await settled(staff);
    await staff.screenshot({ path: await artifactPath('admin-organizations.png'), fullPage: true });
    await row.getByTestId('admin-activate').click();
    await staff.getByTestId('admin-done').waitFor();
    expect(await row.count()).toBe(0);
  });

  it('shows the customer the activation and the 10 trial credits, and opens sending', async () => {
    await customer.getByTestId('banner-check').click();
    await customer.getByTestId('organization-banner').waitFor({ state: 'detached' });
    await customer.getByTestId('header-balance').waitFor();
    expect(await available(customer)).toBe(10);
    expect(await customer.getByTestId('send-submit').isDisabled()).toBe(false);
    expect(await customer.getByTestId('send-disabled').count()).toBe(0);
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('activated-send.png'), fullPage: true });
  });

  it('requests a package and shows how to pay, quoting the reference', async () => {
    await customer.getByTestId('nav-billing').click();
    await customer.waitForURL(/\/billing$/);
    const first = customer.getByTestId('package').first();
    await first.waitFor();
    expect(await textOf(customer, 'balance-available')).toBe('10 SMS');
    expect(await customer.getByTestId('faq-refund').textContent()).toContain(ka.billing.faq.refundQ);
    // The price per SMS is shown, cheaper for bigger packages.
    const perSms = await customer.getByTestId('package-per-sms').allTextContents();
    expect(perSms[0]).toMatch(/ერთი SMS — 0\.0\d+ ₾/);
    packageParts = Number(await first.getAttribute('data-parts'));
    expect(packageParts).toBeGreaterThan(0);

    await first.getByTestId('package-request').click();
    const instructions = customer.getByTestId('top-up-instructions');
    await instructions.waitFor();
    reference = await textOf(customer, 'top-up-reference');
    expect(reference).not.toBe('');
    expect(await instructions.textContent()).toContain(ka.billing.instructions.noRefund);
    await customer.waitForFunction(() => !document.querySelector('.p-dialog-enter-active'));
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('top-up-instructions.png'), fullPage: true });
    await customer.getByTestId('instructions-close').click();
    await instructions.waitFor({ state: 'detached' });

    const topUp = customer.getByTestId('top-up-row').filter({ hasText: reference });
    expect(await topUp.getByTestId('top-up-status').getAttribute('data-status')).toBe('requested');
  });

  it('lets staff confirm the payment, and the customer sees the balance grow by the package', async () => {
    await staff.getByTestId('tab-admin-top-ups').click();
    const row = staff.getByTestId('admin-top-up-row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toContain(COMPANY.companyName);
    await row.getByTestId('admin-confirm-top-up').click();
    const dialog = staff.locator('.p-confirmdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(reference);
    await dialog.getByRole('button', { name: ka.admin.topUps.confirm }).click();
    await staff.getByTestId('admin-done').waitFor();
    await settled(staff);
    await staff.screenshot({ path: await artifactPath('admin-top-up-confirmed.png'), fullPage: true });

    // The billing page keeps looking while a request waits for payment: no reload needed.
    const topUp = customer.getByTestId('top-up-row').filter({ hasText: reference });
    await topUp.locator('[data-status="confirmed"]').waitFor({ timeout: 30_000 });
    await waitForBalance(customer, 10 + packageParts);
    expect(await textOf(customer, 'balance-available')).toBe(`${grouped(10 + packageParts)} SMS`);
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('billing-confirmed.png'), fullPage: true });
  });

  it('lists every posting in the history, filters it by kind and exports it to Excel', async () => {
    await customer.getByTestId('tab-billing-history').click();
    await customer.waitForURL(/\/billing\/history$/);
    await customer.locator('[data-kind="top_up"]').waitFor();
    const kinds = await customer
      .getByTestId('ledger-kind-tag')
      .evaluateAll((tags) => tags.map((t) => t.getAttribute('data-kind')));
    expect(kinds).toEqual(['top_up', 'trial']);
    const changes = await customer.getByTestId('ledger-change').allTextContents();
    expect(changes.map((c) => c.trim())).toEqual([`+${grouped(packageParts)}`, '+10']);

    await customer.getByTestId('ledger-kind').click();
    await customer.getByRole('option', { name: ka.ledger.kinds.trial }).click();
    await customer.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await customer.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-row"]').length === 1);
    expect(await customer.getByTestId('ledger-kind-tag').getAttribute('data-kind')).toBe('trial');
    expect(await customer.getByTestId('ledger-export').getAttribute('href')).toBe('/v1/ledger/export.xlsx?kind=trial');

    const [download] = await Promise.all([
      customer.waitForEvent('download'),
      customer.getByTestId('ledger-export').click(),
    ]);
    const file = await download.path();
    // An .xlsx is a zip: it starts with "PK". The session cookie went along with the plain link.
    expect((await readFile(file)).subarray(0, 2).toString('latin1')).toBe('PK');
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('billing-history.png'), fullPage: true });
  });

  it('creates an API key shown once, and revokes it', async () => {
    await customer.getByTestId('nav-settings').click();
    await customer.getByTestId('tab-api-keys').click();
    await customer.waitForURL(/\/settings\/api-keys$/);
    await customer.getByTestId('api-key-create').click();
    await customer.fill('#api-key-name', 'Web shop');
    await customer.getByTestId('api-key-submit').click();
    await customer.getByTestId('api-key-created').waitFor();
    const secret = await textOf(customer, 'api-key-secret');
    expect(secret.length).toBeGreaterThan(20);
    expect(await textOf(customer, 'api-key-warning')).toBe(ka.apiKeys.dialog.warning);
    await customer.waitForFunction(() => !document.querySelector('.p-dialog-enter-active'));
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('api-key-created.png'), fullPage: true });
    await customer.getByTestId('api-key-done').click();
    await customer.getByTestId('api-key-created').waitFor({ state: 'detached' });
    // The secret is gone from the page for good.
    expect(await customer.content()).not.toContain(secret);

    const row = customer.getByTestId('api-key-row').filter({ hasText: 'Web shop' });
    expect(await row.getByTestId('api-key-last-used').textContent()).toContain(ka.apiKeys.never);
    await row.getByTestId('api-key-revoke').click();
    await customer.locator('.p-confirmdialog').getByRole('button', { name: ka.apiKeys.revoke }).click();
    await row.locator('[data-testid="api-key-status"][data-revoked="true"]').waitFor();
    expect(await row.getByTestId('api-key-status').textContent()).toContain('გაითიშა');
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('api-keys.png'), fullPage: true });
  });

  it('lets the owner add a member with a first password, and remove them again', async () => {
    await customer.getByTestId('tab-members').click();
    await customer.waitForURL(/\/settings\/members$/);
    await customer.getByTestId('member-add').click();
    await customer.fill('#member-name', 'Giorgi Kapanadze');
    await customer.fill('#member-email', 'giorgi@kutaisibakery.ge');
    await customer.fill('#member-password', 'first-day-at-work');
    await customer.getByTestId('member-submit').click();
    const row = customer.getByTestId('member-row').filter({ hasText: 'giorgi@kutaisibakery.ge' });
    await row.waitFor();
    expect(await row.textContent()).toContain(ka.user.roles.member);
    await settled(customer);
    await customer.screenshot({ path: await artifactPath('members.png'), fullPage: true });

    await row.getByTestId('member-remove').click();
    await customer.locator('.p-confirmdialog').getByRole('button', { name: ka.members.remove }).click();
    await row.waitFor({ state: 'detached' });
    expect(await customer.getByTestId('member-row').count()).toBe(1);
  });

  it('changes the password and logs out everywhere, ending the sessions on other devices too', async () => {
    const laptop = await (await browser?.newContext())?.newPage();
    if (!laptop) throw new Error('no second context');
    await logIn(laptop, platform.baseUrl, COMPANY.email, COMPANY.password);

    await customer.getByTestId('tab-security').click();
    await customer.waitForURL(/\/settings\/security$/);
    await customer.fill('#password-current', COMPANY.password);
    await customer.fill('#password-new', 'short');
    await customer.getByTestId('password-submit').click();
    expect(await customer.locator('.password-form__error').first().textContent()).toContain(ka.security.invalid);
    await customer.fill('#password-new', 'stale-bread-never');
    await customer.getByTestId('password-submit').click();
    await customer.getByTestId('password-changed').waitFor();

    await customer.getByTestId('logout-all').click();
    await customer.waitForURL(/\/login/);
    await laptop.goto(`${platform.baseUrl}/billing`);
    await laptop.waitForURL(/\/login\?redirect=/);
    await logIn(laptop, platform.baseUrl, COMPANY.email, 'stale-bread-never');
    expect(new URL(laptop.url()).pathname).toBe('/send');
    await laptop.context().close();
  });

  it('tells a visitor how long to wait after too many failed logins', async () => {
    const context = await browser?.newContext();
    const visitor = await context?.newPage();
    if (!visitor) throw new Error('no context');
    await visitor.goto(`${platform.baseUrl}/login`);
    await visitor.fill('#login-email', 'guess@kutaisibakery.ge');
    await visitor.fill('#login-password', 'wrong');
    // Five wrong passwords for one e-mail, then the sixth is refused before the password is even checked.
    // The button is disabled while a request is out, so the clicks follow one another.
    for (let attempt = 1; attempt <= 6; attempt += 1) await visitor.getByTestId('login-submit').click();
    await visitor.waitForFunction(
      (expected) => document.querySelector('[data-testid="login-error"]')?.textContent?.trim() === expected,
      ka.auth.tooManyAttempts.replace('{n}', '15'),
    );
    await context?.close();
  });

  it("shows staff the API's reason when a bigger package would not be cheaper per SMS", async () => {
    await staff.getByTestId('tab-admin-packages').click();
    const rows = staff.getByTestId('package-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(1);
    // Make the second package cost more per SMS than the first.
    const price = staff.getByLabel(`${ka.admin.packages.columns.price} 2`, { exact: true });
    await price.fill('999999.00');
    await price.blur();
    await staff.getByTestId('packages-save').click();
    await staff.getByTestId('packages-error').waitFor();
    const message = await textOf(staff, 'packages-error');
    expect(message).not.toBe('');
    expect(message).not.toBe(ka.errors.generic);
    await settled(staff);
    await staff.screenshot({ path: await artifactPath('admin-packages-refused.png'), fullPage: true });
    expect(customerErrors).toEqual([]);
    expect(staffErrors).toEqual([]);
  });
});
