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

const STAFF = { email: 'staff@mtredi.ge', password: 'mtredi-staff' };
const LOCAL = 'Local simulator';
const RESERVE = 'Reserve simulator';

interface Channel {
  id: string;
  name: string;
  enabled: boolean;
  allowProviderSender: boolean;
  config: Record<string, unknown>;
}

/** What the API holds, asked with the staff member's own session: the page must have saved it. */
async function apiGet<T>(page: Page, baseUrl: string, path: string): Promise<T> {
  const response = await page.request.get(`${baseUrl}${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** The row of exactly this channel: every simulator row also names its driver, "Local simulator". */
const channelRow = (page: Page, name: string) =>
  page.getByTestId('channel-row').filter({ has: page.getByTestId('channel-name').getByText(name, { exact: true }) });

async function healthOf(page: Page, name: string): Promise<string | null> {
  return channelRow(page, name).getByTestId('channel-health').getAttribute('data-health');
}

async function waitForHealth(page: Page, name: string, health: string): Promise<void> {
  await page.waitForFunction(
    ([channel, expected]) =>
      [...document.querySelectorAll('[data-testid="channel-row"]')]
        .find((row) => row.querySelector('[data-testid="channel-name"]')?.textContent === channel)
        ?.querySelector('[data-testid="channel-health"]')
        ?.getAttribute('data-health') === expected,
    [name, health] as const,
    { timeout: 20_000 },
  );
}

/** A whole-page screenshot from the top: taken scrolled, the sticky header would be drawn halfway down. */
async function fullShot(page: Page, name: string): Promise<void> {
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: await artifactPath(name), fullPage: true });
}

describe('channels: live health, enable and disable, a generated settings form, routes per operator', () => {
  let platform: Platform;
  let browser: Browser | undefined;
  let staff: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    staff = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
    errors = collectConsoleErrors(staff);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('shows the local simulator up, with the queue and what provider-name delivery means', async () => {
    await logIn(staff, platform.baseUrl, STAFF.email, STAFF.password);
    await staff.getByTestId('tab-admin-channels').click();
    await staff.waitForURL(/\/admin\/channels$/);
    await waitForHealth(staff, LOCAL, 'up');
    const row = channelRow(staff, LOCAL);
    expect(await row.textContent()).toContain(ka.channels.health.up);
    expect(((await row.getByTestId('channel-provider').textContent()) ?? '').trim()).toBe(ka.channels.providerOff);
    expect(await textOf(staff, 'provider-note')).toContain('SMSOFFICE');
    expect(await staff.getByTestId('queue-waiting').count()).toBe(1);
    await fullShot(staff, 'admin-channels.png');
  });

  it('disables the channel and enables it again; the health follows', async () => {
    const toggle = channelRow(staff, LOCAL).getByTestId('channel-enabled');
    await toggle.click();
    await waitForHealth(staff, LOCAL, 'disabled');
    expect(await textOf(staff, 'channel-done')).toBe(ka.channels.disabled.replace('{name}', LOCAL));
    const [local] = (await apiGet<{ items: Channel[] }>(staff, platform.baseUrl, '/v1/admin/channels')).items;
    expect(local?.enabled).toBe(false);

    await toggle.click();
    await waitForHealth(staff, LOCAL, 'up');
    expect(await textOf(staff, 'channel-done')).toBe(ka.channels.enabled.replace('{name}', LOCAL));
  });

  it('adds a second simulator channel through the form generated from the driver schema', async () => {
    await staff.getByTestId('channel-add').click();
    const dialog = staff.getByTestId('channel-dialog');
    await dialog.waitFor();
    // Fields come from the simulator's JSON Schema: numbers, enums, a nested object one level deep.
    await staff.getByTestId('config-group-maxChars').waitFor();
    expect(await staff.getByTestId('config-senderPolicy').count()).toBe(1);
    expect(await staff.getByTestId('config-scenario.name').count()).toBe(1);
    // Unions and lists the form cannot draw stay editable as JSON.
    expect(await staff.locator('#channel-advanced').count()).toBe(1);

    await staff.fill('#channel-name', RESERVE);
    await staff.fill('#channel-config-maxChars-ucs2', '320');
    await staff.fill('#channel-config-maxChars-gsm7', '480');
    await staff.fill('#channel-config-duplicateWindowSeconds', 'three hours');
    await staff.getByTestId('config-senderPolicy').locator('.p-select').click();
    await staff.getByRole('option', { name: 'may_override', exact: true }).click();
    await staff.locator('.p-select-overlay').waitFor({ state: 'detached' });
    await staff.getByTestId('channel-submit').click();
    // Checked before anything is sent.
    expect(await textOf(staff, 'config-duplicateWindowSeconds')).toContain(ka.channels.dialog.notNumber);
    await staff.fill('#channel-config-duplicateWindowSeconds', '10800');
    await settled(staff);
    await staff.screenshot({ path: await artifactPath('admin-channel-form.png') });
    await staff.getByTestId('channel-submit').click();
    await dialog.waitFor({ state: 'detached' });

    const row = channelRow(staff, RESERVE);
    await row.waitFor();
    expect(await textOf(staff, 'channel-done')).toContain(RESERVE);
    const channels = (await apiGet<{ items: Channel[] }>(staff, platform.baseUrl, '/v1/admin/channels')).items;
    const reserve = channels.find((c) => c.name === RESERVE);
    expect(reserve?.config).toEqual({
      version: 1,
      maxChars: { ucs2: 320, gsm7: 480 },
      duplicateWindowSeconds: 10800,
      senderPolicy: 'may_override',
    });
    expect(reserve?.allowProviderSender).toBe(false);
    expect(reserve?.enabled).toBe(true);
  });

  it("puts the new channel second on Magti's route, reordering with the up and down buttons", async () => {
    const magti = staff.getByTestId('route-magti');
    await magti.getByTestId('route-add-magti').click();
    await staff.getByRole('option', { name: RESERVE, exact: true }).click();
    await staff.locator('.p-select-overlay').waitFor({ state: 'detached' });
    const order = () =>
      magti.getByTestId('route-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-channel')));
    expect(await order()).toEqual([LOCAL, RESERVE]);

    await magti.getByTestId('route-up').nth(1).click();
    expect(await order()).toEqual([RESERVE, LOCAL]);
    await magti.getByTestId('route-down').nth(0).click();
    expect(await order()).toEqual([LOCAL, RESERVE]);
    await magti.getByTestId('route-save').click();
    await staff.getByTestId('route-done').waitFor();

    const channels = (await apiGet<{ items: Channel[] }>(staff, platform.baseUrl, '/v1/admin/channels')).items;
    const id = (name: string) => channels.find((c) => c.name === name)?.id;
    const routes = (
      await apiGet<{ items: { operator: string; channelIds: string[] }[] }>(staff, platform.baseUrl, '/v1/admin/routes')
    ).items;
    expect(routes.find((r) => r.operator === 'magti')?.channelIds).toEqual([id(LOCAL), id(RESERVE)]);
    expect(routes.find((r) => r.operator === 'silknet')?.channelIds).toEqual([id(LOCAL)]);
    // The table says which operators each channel serves.
    await staff.waitForFunction(
      ([name, operator]) =>
        [...document.querySelectorAll('[data-testid="channel-row"]')]
          .find((row) => row.textContent?.includes(name))
          ?.textContent?.includes(operator),
      [RESERVE, ka.senders.operators.magti] as const,
    );
    expect(await healthOf(staff, LOCAL)).toBe('up');
    await fullShot(staff, 'admin-routes.png');
  });

  it('edits the channel with its saved settings filled in', async () => {
    await channelRow(staff, RESERVE).getByTestId('channel-edit').click();
    await staff.getByTestId('channel-dialog').waitFor();
    expect(await staff.inputValue('#channel-config-maxChars-ucs2')).toBe('320');
    await staff.fill('#channel-config-maxMessagesPerSecond', '50');
    await staff.getByTestId('channel-submit').click();
    await staff.getByTestId('channel-dialog').waitFor({ state: 'detached' });
    const channels = (await apiGet<{ items: Channel[] }>(staff, platform.baseUrl, '/v1/admin/channels')).items;
    expect(channels.find((c) => c.name === RESERVE)?.config).toMatchObject({
      maxChars: { ucs2: 320, gsm7: 480 },
      maxMessagesPerSecond: 50,
    });
    expect(errors).toEqual([]);
  });
});
