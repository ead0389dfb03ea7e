/**
 * The studio's session in Chromium: a second tab of a signed-in browser saves a record (its CSRF token comes
 * from the server, not from the tab that signed in); an admin changes their own password in Setup → Users and
 * keeps working; a session that expires or ends elsewhere leads back to the sign-in page, which says why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { object } from '../engine/test/documents.js';
import { serveForTest, type TestApi } from '../runtime/test/server.js';
import { buildStudio, CHROMIUM, chromiumUnavailable } from './studio-harness.js';

const PASSWORD = 'correct horse battery';
const ENDED = 'Your session has ended. Sign in again to go on.';

describe.skipIf(chromiumUnavailable !== undefined)('the studio session in Chromium', () => {
  let ws: Workspace;
  let api: TestApi;
  let browser: Browser;
  let recordId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const dist = await buildStudio();
    ws = await Workspace.open({ dataDir: mkdtempSync(join(tmpdir(), 'tessera-e2e-')), workspace: 'default' });
    await ws.deploy({ objects: [object('gadget', {})] });
    for (const email of ['admin@example.com', 'clerk@example.com'])
      await ws.users.create(
        { email, name: email.split('@')[0], password: PASSWORD, admin: true },
        ws.model.documents,
      );
    recordId = String((await ws.records.insert('gadget', { name: 'First gadget' })).id);
    api = await serveForTest(ws, undefined, dist);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.server.close();
    await ws?.close();
  });

  async function newPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(10_000);
    return page;
  }

  async function signIn(page: Page, email: string, password = PASSWORD) {
    await page.goto(api.server.url);
    await page.waitForURL('**/sign-in');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('button[type=submit]').click();
    // Sign-in lands on home; these tests start on the gadgets' list.
    await page.waitForURL(`${api.server.url}/`);
    await page.goto(`${api.server.url}/o/gadget`);
  }

  async function rename(page: Page, name: string, meanwhile?: () => Promise<void>) {
    await page.goto(`${api.server.url}/o/gadget/${recordId}/edit`);
    await page.locator('#field-name').fill(name);
    await meanwhile?.();
    await page.getByRole('button', { name: 'Save' }).click();
  }

  const storedName = async () => (await api.call('GET', `/api/v1/data/gadget/${recordId}`)).body.data.name;

  it('a second tab of a signed-in browser saves a record', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const first = await newPage(context);
    await signIn(first, 'admin@example.com');
    // Opened as a new tab would be: the same cookies, nothing else of the first tab.
    const second = await newPage(context);
    await rename(second, 'Saved in tab two');
    await second.waitForURL(`**/o/gadget/${recordId}`);
    expect(await storedName()).toBe('Saved in tab two');
    // And the first tab still saves too.
    await rename(first, 'Saved in tab one');
    await first.waitForURL(`**/o/gadget/${recordId}`);
    expect(await storedName()).toBe('Saved in tab one');
    await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('an admin changes their own password in Setup → Users and keeps working', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await newPage(context);
    await signIn(page, 'admin@example.com');
    await page.goto(`${api.server.url}/setup/users`);
    await page.locator('tr[data-user="admin@example.com"]').getByRole('link').click();
    await page.locator('#user-password').fill('a brand new password');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/setup/users');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('navigation').getByRole('link', { name: 'gadget' }).first().click();
    await page.waitForURL('**/o/gadget');
    await expect.poll(() => page.getByRole('cell').first().textContent()).not.toBeNull();
    await rename(page, 'Saved after a new password');
    await page.waitForURL(`**/o/gadget/${recordId}`);
    expect(await storedName()).toBe('Saved after a new password');
    // The new password is the one that signs in now.
    const fresh = await newPage(await browser.newContext({ locale: 'en-US' }));
    await signIn(fresh, 'admin@example.com', 'a brand new password');
    await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('a session that expires or is ended elsewhere leads to the sign-in page, which says why', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await newPage(context);
    await signIn(page, 'clerk@example.com');
    await page.locator('tbody a').first().waitFor();
    // Expired: the next thing the page asks for is refused.
    await ws.storage.db
      .updateTable('tessera_session')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .execute();
    await page.locator('tbody a').first().click();
    await page.waitForURL('**/sign-in');
    expect(await page.getByRole('status').textContent()).toBe(ENDED);
    await signIn(page, 'clerk@example.com');
    expect(await page.getByRole('status').count()).toBe(0);
    // Ended elsewhere while the clerk edits: an admin resets the password, which signs the clerk out.
    const clerk = (await api.call('GET', '/api/v1/users')).body.data.find(
      (u: { email: string }) => u.email === 'clerk@example.com',
    );
    await rename(page, 'Never saved', async () => {
      const reset = await api.call('PATCH', `/api/v1/users/${clerk.id}`, { password: 'reset by the admin' });
      expect(reset.status).toBe(200);
    });
    await page.waitForURL('**/sign-in');
    expect(await page.getByRole('status').textContent()).toBe(ENDED);
    expect(await storedName()).not.toBe('Never saved');
    await context.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });
});
