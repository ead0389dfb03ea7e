/**
 * The everyday app in Chromium, in English and Chinese: sign-in lands on home (recent items, my open tasks,
 * followed records and what changed on them); a record page's highlights, follow, clone, related "New" with
 * the parent filled in, and its activity; every page at 390 × 844 fits the screen with 44 px targets and a
 * navigation drawer; axe-core finds nothing serious; the first visit's JavaScript stays ≤ 300 KB gzipped.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DocumentSet, subjectOf, type User } from '@tessera/engine';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { object, text } from '../engine/test/documents.js';
import type { TestApi } from '../runtime/test/server.js';
import { initialScriptBytes, seriousViolations, smallTargets, widerThanViewport } from './page-checks.js';
import { type StudioRig, startStudio, chromiumUnavailable as unavailable } from './studio-harness.js';

const SHOTS = fileURLToPath(new URL('../test-results/studio/', import.meta.url));
const PASSWORD = 'correct horse battery';
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const BUDGET = 300 * 1024;

const picklist = (values: string[]) => ({
  type: 'string' as const,
  enum: values,
  'x-tessera': { field: 'picklist' as const, options: values.map((value) => ({ value })) },
});
const account = object('account', { industry: picklist(['retail', 'energy']), city: text(), phone: text() });
account['x-tessera'].label = { en: 'Account', 'zh-CN': '客户' };
account['x-tessera'].pluralLabel = { en: 'Accounts', 'zh-CN': '客户' };
account['x-tessera'].trackHistory = true;
const task = object('task', {
  status: picklist(['open', 'done']),
  account: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
});
task['x-tessera'].label = { en: 'Task', 'zh-CN': '任务' };
task['x-tessera'].pluralLabel = { en: 'Tasks', 'zh-CN': '任务' };
const DOCUMENTS: DocumentSet = {
  objects: [account, task],
  layouts: [
    {
      kind: 'layout',
      apiName: 'account_default',
      object: 'account',
      sections: [
        {
          id: 'main',
          columns: 2,
          items: [
            { field: 'name', column: 1 },
            { field: 'phone', column: 2 },
            { field: 'industry', column: 1 },
            { field: 'city', column: 2 },
          ],
        },
      ],
      relatedLists: [{ object: 'task', field: 'account', columns: ['name', 'status'] }],
      highlights: ['industry', 'city'],
    },
  ],
  listViews: [
    {
      kind: 'list_view',
      apiName: 'open_tasks',
      object: 'task',
      label: { en: 'Open tasks', 'zh-CN': '未完成任务' },
      columns: [{ field: 'name' }, { field: 'status' }, { field: 'account' }],
      filter: { status: { nin: ['done'] } },
    },
  ],
};

describe.skipIf(unavailable !== undefined)('the everyday app in Chromium', () => {
  let rig: StudioRig;
  let api: TestApi;
  let browser: Browser;
  let rep: User;
  let acmeId: string;
  let betaId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    rig = await startStudio(PASSWORD, async (ws) => {
      await ws.deploy(DOCUMENTS);
      rep = await ws.users.create(
        { email: 'rep@example.com', name: 'Rita Rep', password: PASSWORD, admin: true },
        ws.model.documents,
      );
      const records = ws.recordsFor(subjectOf(rep));
      const acme = await records.insert('account', {
        name: 'Acme Trading Company of Greater Shanghai',
        industry: 'retail',
        city: 'Hangzhou',
        phone: '+86 571 0000 0000',
      });
      acmeId = String(acme.id);
      betaId = String(
        (await records.insert('account', { name: 'Beta', industry: 'energy', city: 'Suzhou' })).id,
      );
      await records.insert('task', { name: 'Call Acme about the renewal', status: 'open', account: acmeId });
      await records.insert('task', { name: 'Old visit', status: 'done', account: acmeId });
    });
    ({ api, browser } = rig);
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
    expect(pageErrors).toEqual([]);
  });

  /** A page signed in as the rep, on home; `bypassCSP` lets axe-core be injected. */
  async function signedIn(viewport = WIDE, language?: string, bypassCSP = false): Promise<Page> {
    const page = await browser.newPage({ locale: 'en-US', viewport, bypassCSP });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(10_000);
    await page.goto(api.server.url);
    await page.waitForURL('**/sign-in');
    if (language) await page.getByRole('combobox', { name: /Language|语言/ }).selectOption(language);
    await page.locator('#email').fill('rep@example.com');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    // Sign-in lands on home.
    await page.waitForURL(`${api.server.url}/`);
    return page;
  }

  const cardItems = (page: Page, heading: string) =>
    page.locator('section.card', { has: page.getByRole('heading', { name: heading }) }).locator('li');

  it('home shows my open tasks, a record just visited, and what changed on a record I follow', async () => {
    const page = await signedIn();
    await expect
      .poll(() => cardItems(page, 'My open tasks').allTextContents())
      .toEqual([expect.stringContaining('Call Acme about the renewal')]);
    expect(await cardItems(page, 'Recent items').count()).toBe(0);
    await page.getByText('Records you open show up here.').waitFor();

    // The record page: its key fields in the header, its tasks in its activity.
    await page.goto(`${api.server.url}/o/account/${acmeId}`);
    const highlights = page.locator('.highlights');
    await expect.poll(() => highlights.locator('dt').allTextContents()).toEqual(['industry', 'city']);
    expect(await highlights.locator('dd').allTextContents()).toEqual(['retail', 'Hangzhou']);
    const tasks = page.locator('.timeline tr[data-task]');
    await expect.poll(() => tasks.count()).toBe(2);
    // Follow, then someone changes the record.
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('button', { name: 'Unfollow' }).waitFor();
    await rig.ws.recordsFor(subjectOf(rep)).update('account', acmeId, { city: 'Shanghai' });
    await page.screenshot({ path: `${SHOTS}app-record-en.png`, fullPage: true });

    await page.getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => cardItems(page, 'Recent items').first().textContent()).toContain('Acme Trading');
    await expect.poll(() => cardItems(page, 'Records I follow').count()).toBe(1);
    await expect
      .poll(() => cardItems(page, 'What changed').first().textContent())
      .toContain('city: Hangzhou → Shanghai');
    await page.screenshot({ path: `${SHOTS}app-home-en.png`, fullPage: true });
    // The recent item opens its record.
    await cardItems(page, 'Recent items').first().getByRole('link').click();
    await page.waitForURL(`**/o/account/${acmeId}`);
    await page.close();
  });

  it('a related list’s New starts with the parent filled in; Clone starts with the record’s values; the owner changes in a dialog', async () => {
    const page = await signedIn();
    await page.goto(`${api.server.url}/o/account/${acmeId}`);
    await page.locator('.related[data-object=task]').getByRole('button', { name: 'New' }).click();
    await page.waitForURL('**/o/task/new');
    await page.locator('#field-name').fill('Send the quote');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/o\/task\/[0-9a-f-]{36}$/);
    const created = page.url().split('/').at(-1) as string;
    expect((await api.call('GET', `/api/v1/data/task/${created}`)).body.data.account).toBe(acmeId);

    await page.goto(`${api.server.url}/o/account/${acmeId}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Clone' }).click();
    await page.waitForURL('**/o/account/new');
    expect(await page.locator('#field-name').inputValue()).toBe('Acme Trading Company of Greater Shanghai');
    expect(await page.locator('#field-city').inputValue()).toBe('Shanghai');

    // Change owner: a user picked by name in a dialog; the record is theirs once saved.
    await page.goto(`${api.server.url}/o/account/${betaId}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Change owner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change owner' });
    await dialog.locator('#new-owner').fill('admin@');
    await dialog.getByRole('button', { name: 'Admin <admin@example.com>' }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const admin = (await api.call('GET', '/api/v1/users')).body.data.find(
      (u: { email: string }) => u.email === 'admin@example.com',
    );
    expect((await api.call('GET', `/api/v1/data/account/${betaId}`)).body.data.owner_id).toBe(admin.id);
    await page.close();
  });

  for (const language of ['en', 'zh-CN'] as const)
    it(`fits a 390 px phone in ${language}: list, record, form, setup and home; a drawer holds the navigation`, async () => {
      const page = await signedIn(PHONE, language);
      const pages: [string, string, string][] = [
        ['home', '/', '.home-grid'],
        ['list', '/o/account', '.list-cards li'],
        ['record', `/o/account/${acmeId}`, '.highlights'],
        ['form', '/o/account/new', '#field-name'],
        ['edit', `/o/account/${acmeId}/edit`, '#field-name'],
        ['setup', '/setup', '#apiName'],
      ];
      for (const [name, path, ready] of pages) {
        await page.goto(`${api.server.url}${path}`);
        await page.locator(ready).first().waitFor();
        expect({ name, wide: await widerThanViewport(page) }).toEqual({ name, wide: [] });
        expect({ name, small: await smallTargets(page) }).toEqual({ name, small: [] });
        await page.screenshot({ path: `${SHOTS}app-phone-${language}-${name}.png`, fullPage: true });
      }
      // The list as cards, each with the view's first columns.
      await page.goto(`${api.server.url}/o/account`);
      const card = page.locator('.list-card', { hasText: 'Beta' });
      await expect.poll(() => card.locator('dd').first().textContent()).toBeTruthy();
      // No side bar on a phone: the menu button opens the drawer, and a link in it closes it.
      expect(await page.locator('.sidebar').isVisible()).toBe(false);
      await page.getByRole('button', { name: language === 'en' ? 'Menu' : '菜单' }).click();
      const drawer = page.getByRole('dialog');
      await drawer.getByRole('link', { name: language === 'en' ? 'Tasks' : '任务' }).click();
      await page.waitForURL('**/o/task');
      expect(await drawer.count()).toBe(0);
      await page.close();
    });

  for (const language of ['en', 'zh-CN'] as const)
    it(`axe-core finds nothing serious on list, record, form and setup pages in ${language}`, async () => {
      const page = await signedIn(WIDE, language, true);
      for (const [path, ready] of [
        ['/o/account', '.grid-table[data-loaded="2"]'],
        [`/o/account/${acmeId}`, '.timeline'],
        ['/o/account/new', '#field-name'],
        [`/o/account/${acmeId}/edit`, '#field-name'],
        ['/setup', '#apiName'],
        ['/', '.home-grid'],
      ] as const) {
        await page.goto(`${api.server.url}${path}`);
        await page.locator(ready).first().waitFor();
        expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
      }
      await page.close();
    });

  it('the first visit loads at most 300 KB of gzipped JavaScript; setup and forms load when opened', () => {
    const initial = initialScriptBytes(rig.dist);
    console.log(
      `initial JS: ${(initial.gzipped / 1024).toFixed(1)} KB gzipped in ${initial.files.join(', ')}`,
    );
    expect(initial.gzipped).toBeLessThanOrEqual(BUDGET);
    expect(initial.files.some((f) => /SetupPage|RecordForm|LayoutDesigner/.test(f))).toBe(false);
  });
});
