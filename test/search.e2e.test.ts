/**
 * Search everywhere in Chromium: among 100,000 accounts, Ctrl-K finds one by a word in its name and Enter opens
 * it (in English); a star on the record page makes it a favorite, offered with the recent records before
 * anything is typed; a user who may read only their own accounts finds theirs and never another's private one
 * (in Chinese, by a word inside a Chinese name).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '@tessera/engine';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { object } from '../engine/test/documents.js';
import { serveForTest, type TestApi } from '../runtime/test/server.js';
import { buildStudio, CHROMIUM, chromiumUnavailable } from './studio-harness.js';

const PASSWORD = 'correct horse battery';
const RECORDS = 100_000;
const PER_WRITE = 10_000;

describe.skipIf(chromiumUnavailable !== undefined)('search everywhere in Chromium', () => {
  let ws: Workspace;
  let api: TestApi;
  let browser: Browser;
  const ids: Record<string, string> = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [dist] = await Promise.all([
      buildStudio(),
      (async () => {
        ws = await Workspace.open({
          dataDir: mkdtempSync(join(tmpdir(), 'tessera-e2e-')),
          workspace: 'default',
        });
        await ws.deploy({
          objects: [object('account', {})],
          permissionSets: [
            { kind: 'permission_set', apiName: 'sales', objects: { account: { read: true, create: true } } },
          ],
        });
        const admin = await ws.users.create(
          { email: 'admin@example.com', name: 'Admin', password: PASSWORD, admin: true },
          ws.model.documents,
        );
        const rep = await ws.users.create(
          { email: 'rep@example.com', name: 'Rep', password: PASSWORD, permissionSets: ['sales'] },
          ws.model.documents,
        );
        // The engine's write path, ten thousand records a transaction (as the benches seed): each write indexes them.
        for (let start = 0; start < RECORDS; start += PER_WRITE)
          await ws.records.insertMany(
            'account',
            Array.from({ length: PER_WRITE }, (_, k) => ({ name: `Account ${start + k} Trading` })),
            { userId: admin.id },
          );
        const own = async (key: string, name: string, userId: string) => {
          ids[key] = String((await ws.records.insert('account', { name }, { userId })).id);
        };
        await own('target', 'Zanzibar Spice Traders', admin.id);
        await own('private', '北京华联 Quixotic Holdings', admin.id);
        await own('mine', '上海华联 Quixotic Stores', rep.id);
      })(),
    ]);
    api = await serveForTest(ws, undefined, dist);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await api?.server.close();
    await ws?.close();
  });

  async function signedIn(email: string, locale: string): Promise<Page> {
    const page = await (await browser.newContext({ locale })).newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(10_000);
    await page.goto(api.server.url);
    await page.waitForURL('**/sign-in');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    // Signed in, the studio lands on the home page.
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.locator('header.topbar').waitFor();
    return page;
  }

  /** The names the command menu lists for `words`, once the search has answered. */
  async function searchFor(page: Page, words: string): Promise<string[]> {
    await page.keyboard.press('Control+k');
    const input = page.locator('[cmdk-input]');
    await input.waitFor();
    await input.fill(words);
    await page.locator('[cmdk-item], [cmdk-empty]').first().waitFor();
    return page.locator('[cmdk-item] .command-menu__name').allTextContents();
  }

  it('finds a record by a word in its name among 100,000 and opens it with Enter', async () => {
    const page = await signedIn('admin@example.com', 'en-US');
    expect(await searchFor(page, 'zanzibar')).toEqual(['Zanzibar Spice Traders']);
    await expect
      .poll(() => page.locator('[cmdk-group-heading]').allTextContents())
      .toEqual([expect.stringMatching(/account/i)]);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/o/account/${ids.target}`);
    await expect.poll(() => page.locator('[cmdk-input]').count()).toBe(0);
    // Esc closes the menu without going anywhere.
    await page.keyboard.press('Control+k');
    await page.locator('[cmdk-input]').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[cmdk-input]').count()).toBe(0);
    expect(page.url()).toContain(`/o/account/${ids.target}`);
    expect(pageErrors).toEqual([]);
  });

  it('offers favorites (starred on the record page) and recent records before anything is typed', async () => {
    const page = await signedIn('admin@example.com', 'en-US');
    await page.goto(`${api.server.url}/o/account/${ids.target}`);
    await page.getByRole('button', { name: 'Add to favorites' }).click();
    await page.getByRole('button', { name: 'Remove from favorites' }).waitFor();
    await page.keyboard.press('Control+k');
    await page.locator('[cmdk-group-heading]').first().waitFor();
    const groups = async () =>
      page
        .locator('[cmdk-group]')
        .evaluateAll((els) =>
          els.map((el) => [
            el.querySelector('[cmdk-group-heading]')?.textContent,
            [...el.querySelectorAll('.command-menu__name')].map((n) => n.textContent),
          ]),
        );
    await expect.poll(groups).toEqual([
      ['Favorites', ['Zanzibar Spice Traders']],
      ['Recent', ['Zanzibar Spice Traders']],
    ]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove from favorites' }).click();
    await page.getByRole('button', { name: 'Add to favorites' }).waitFor();
    expect(await ws.storage.db.selectFrom('tessera_user_record').select('kind').execute()).toEqual([
      { kind: 'recent' },
    ]);
    expect(pageErrors).toEqual([]);
  });

  it('never shows a record the user may not read (in Chinese)', async () => {
    const page = await signedIn('rep@example.com', 'zh-CN');
    expect(await searchFor(page, 'quixotic')).toEqual(['上海华联 Quixotic Stores']);
    expect(await page.locator('[cmdk-input]').getAttribute('placeholder')).toBe('按名称搜索记录…');
    await page.locator('[cmdk-input]').fill('华联');
    await expect
      .poll(() => page.locator('[cmdk-item] .command-menu__name').allTextContents())
      .toEqual(['上海华联 Quixotic Stores']);
    await page.locator('[cmdk-input]').fill('北京');
    await page.locator('[cmdk-empty]').waitFor();
    expect(await page.locator('[cmdk-empty]').textContent()).toBe('未找到记录。');
    expect(await page.locator('[cmdk-item]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
