/**
 * Import and export in the studio, in a real browser (Debian's Chromium through playwright-core) against a real
 * server: an admin imports a CSV of donors with one bad row through the wizard — columns matched by API name
 * and by a label in Chinese, a column of no field left out, all-or-none switched off, checked first (nothing
 * written), then imported with its progress — and downloads the errors file of the bad row; the list then
 * exports what it shows. The wizard again in 简体中文 on a phone, upserting by e-mail: no duplicates.
 * Screenshots at 1440 and 390 px, in English and 简体中文, go to test-results/studio/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentSet } from '@tessera/engine';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../runtime/test/server.js';
import { type StudioRig, startStudio, chromiumUnavailable as unavailable } from './studio-harness.js';

const SHOTS = fileURLToPath(new URL('../test-results/studio/', import.meta.url));
const PASSWORD = 'correct horse battery';
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const DOCUMENTS: DocumentSet = {
  objects: [
    {
      type: 'object',
      'x-tessera': {
        apiName: 'donor',
        label: { en: 'Donor', 'zh-CN': '捐赠人' },
        pluralLabel: { en: 'Donors', 'zh-CN': '捐赠人' },
        nameField: 'name',
      },
      properties: {
        name: {
          type: 'string',
          maxLength: 80,
          'x-tessera': { field: 'text', label: { en: 'Name', 'zh-CN': '姓名' } },
        },
        email: {
          type: 'string',
          format: 'email',
          'x-tessera': { field: 'email', unique: true, label: { en: 'E-mail', 'zh-CN': '电子邮箱' } },
        },
        pledged: {
          type: 'number',
          'x-tessera': { field: 'currency', scale: 2, label: { en: 'Pledged', 'zh-CN': '认捐金额' } },
        },
        joined: {
          type: 'string',
          format: 'date',
          'x-tessera': { field: 'date', label: { en: 'Joined', 'zh-CN': '加入日期' } },
        },
      },
      required: ['name'],
    },
  ],
};

/**
 * Four donors; the third's date is no date. `name` and `email` match by API name, `认捐金额` by the Chinese
 * label of `pledged`, `Joined` by the English label; `Notes` matches nothing.
 */
const DONORS_CSV = [
  'name,email,认捐金额,Joined,Notes',
  'Ada Lovelace,ada@example.com,1200.50,2024-03-05,first',
  'Zhang Wei,zhang@example.com,88,2024-04-01,',
  'Bad Date,bad@example.com,10,not a date,oops',
  'Grace Hopper,grace@example.com,300,2023-12-09,',
].join('\n');

/** The same donors (less the bad one) again, in Chinese headers, one pledge changed: an upsert by e-mail. */
const AGAIN_CSV = [
  '姓名,电子邮箱,认捐金额',
  'Ada Lovelace,ada@example.com,1500',
  '李娜,li@example.com,66',
].join('\n');

describe.skipIf(unavailable !== undefined)('import and export in the studio, in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  const pageErrors: string[] = [];
  let rig: StudioRig | undefined;

  beforeAll(async () => {
    rig = await startStudio(PASSWORD, (ws) => ws.deploy(DOCUMENTS).then(() => {}));
    ({ api, browser } = rig);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
    expect(pageErrors).toEqual([]);
  });

  async function signedIn(viewport = WIDE, language?: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'en-US', viewport, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(10_000);
    await page.goto(api.server.url);
    await page.waitForURL('**/sign-in');
    if (language) await page.getByRole('combobox', { name: /Language|语言/ }).selectOption(language);
    await page.locator('#email').fill('admin@example.com');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    // Sign-in lands on home; the donors' list is where these tests start.
    await page.waitForURL(`${api.server.url}/`);
    await page.goto(`${api.server.url}/o/donor`);
    return page;
  }

  /** Nothing spills out sideways: the page is as wide as the screen. */
  const fitsWidth = async (page: Page) =>
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );

  const shoot = async (page: Page, name: string) => {
    await fitsWidth(page);
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
  };

  /** A download started by clicking `link`, as text. */
  async function downloaded(page: Page, link: Locator): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  const donors = async () =>
    (await api.call('GET', '/api/v1/data/donor?sort=name&limit=50')).body.data as Record<string, unknown>[];

  /** The selects of the mapping step, column → chosen field. */
  const mappingOf = (page: Page) =>
    page
      .locator('.mapping-table tbody tr')
      .evaluateAll((rows) =>
        Object.fromEntries(
          rows.map((row) => [
            row.getAttribute('data-column'),
            (row.querySelector('select') as unknown as { value: string }).value,
          ]),
        ),
      );

  const jobDone = (page: Page) =>
    page.locator('.import-job[data-status=succeeded], .import-job[data-status=failed]').waitFor();

  it('imports a CSV with one bad row (all-or-none off): checked first, then the good rows in, the errors file offered', async () => {
    const page = await signedIn();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForURL('**/o/donor/import');
    expect(await page.locator('.wizard-steps [aria-current=step]').textContent()).toBe('1 File');
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await page.locator('#import-file').setInputFiles({
      name: 'donors.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(DONORS_CSV),
    });
    // What to do with the rows is chosen with the file; the key only for an update.
    expect(await page.locator('#import-key').count()).toBe(0);
    await page.getByRole('radio', { name: 'Update records found by a key, create the others' }).check();
    expect(await page.locator('#import-key option').allTextContents()).toEqual(['Id (id)', 'E-mail (email)']);
    await page.getByRole('radio', { name: 'Create a new record for every row' }).check();
    await shoot(page, 'import-1-file');
    await page.getByRole('button', { name: 'Next' }).click();

    // The server's suggestions: by API name, by a label in Chinese and in English; Notes fills nothing.
    await page.locator('.mapping-table').waitFor();
    expect(await mappingOf(page)).toEqual({
      name: 'name',
      email: 'email',
      认捐金额: 'pledged',
      Joined: 'joined',
      Notes: '',
    });
    expect(await page.locator('.mapping-table tr[data-column=name] .samples').textContent()).toBe(
      'Ada Lovelace · Zhang Wei · Bad Date',
    );
    expect(await page.getByTestId('unmapped').textContent()).toBe('1 column is not imported: Notes.');
    // A field chosen twice is refused in place; choosing again clears it.
    const emailSelect = page.locator('.mapping-table tr[data-column=email] select');
    await emailSelect.selectOption('name');
    expect(await page.getByRole('alert').textContent()).toBe('Name is chosen for more than one column.');
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    await emailSelect.selectOption('email');
    await shoot(page, 'import-2-columns');
    // Back to the file and on again: the file is still in hand, its columns read again.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    expect(await page.getByTestId('chosen-file').textContent()).toBe('Chosen before: donors.csv');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('.mapping-table').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // Options: all-or-none off.
    await page.getByRole('checkbox', { name: 'All rows or none' }).uncheck();
    await shoot(page, 'import-3-options');
    await page.getByRole('button', { name: 'Check without importing' }).click();

    // The check: what would happen, the bad row by its line; nothing written.
    await jobDone(page);
    const job = page.locator('.import-job');
    expect(await job.getAttribute('data-status')).toBe('succeeded');
    expect(await job.locator('.import-counts li').allTextContents()).toEqual([
      '3 records would be created',
      '0 records would be updated',
      '1 row has errors',
    ]);
    const badRow = job.locator('.import-errors tr[data-line="4"]');
    expect(await badRow.locator('td').nth(1).textContent()).toBe('Joined');
    expect(await donors()).toEqual([]);
    await shoot(page, 'import-4-check');

    await page.getByRole('button', { name: 'Import the good rows' }).click();
    await expect.poll(() => page.locator('.wizard-steps [aria-current=step]').textContent()).toBe('5 Import');
    await jobDone(page);
    expect(await job.getAttribute('data-status')).toBe('succeeded');
    expect(await job.locator('.import-outcome').textContent()).toBe('Import finished.');
    expect(await job.locator('.import-counts li').allTextContents()).toEqual([
      '3 records created',
      '0 records updated',
      '1 row not imported',
    ]);
    expect((await donors()).map((d) => [d.name, d.email, d.pledged, d.joined])).toEqual([
      ['Ada Lovelace', 'ada@example.com', 1200.5, '2024-03-05'],
      ['Grace Hopper', 'grace@example.com', 300, '2023-12-09'],
      ['Zhang Wei', 'zhang@example.com', 88, '2024-04-01'],
    ]);
    await shoot(page, 'import-5-done');

    // The errors file: every error, with its line, column, field, code and message.
    const errors = await downloaded(page, page.getByRole('link', { name: 'Download the errors file' }));
    expect(errors.name).toMatch(/\.csv$/);
    const lines = errors.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe('line,column,field,code,message');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^4,Joined,joined,[a-z_]+,/);

    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.waitForURL('**/o/donor');
    await page.close();
  });

  it('exports what the list shows: its filter, its sort, its columns, as CSV and as a workbook', async () => {
    const page = await signedIn();
    await expect.poll(() => page.locator('.grid-table').getAttribute('data-loaded')).toBe('3');
    // The list sorted by name, descending, and narrowed to pledges of at least 100.
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.getByRole('combobox', { name: 'Field' }).selectOption('pledged');
    await page.getByRole('combobox', { name: 'Operator' }).selectOption('gte');
    await page.locator('.filter-builder input[aria-label=Value]').fill('100');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.grid-table').getAttribute('data-loaded')).toBe('2');
    await page.locator('.export-menu summary').click();
    await shoot(page, 'export-1-menu');
    const csv = await downloaded(page, page.locator('.export-choices a[data-format=csv]'));
    expect(csv.name).toMatch(/\.csv$/);
    const rows = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    // The record's id first (a re-import finds it by it), then the list's columns in its order.
    expect(rows[0]).toBe('id,name,email,pledged,joined,created_at');
    expect(rows.slice(1).map((r) => r.split(',')[1])).toEqual(['Grace Hopper', 'Ada Lovelace']);
    expect(rows[2]).toContain(',ada@example.com,1200.5,2024-03-05,');
    // The workbook too (a zip: its first bytes are PK).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.export-choices a[data-format=xlsx]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // The workbook imported again, as an upsert by id: the same two donors updated, none created. An insert of
    // it is refused at once, naming its id column.
    await page.goto(`${api.server.url}/o/donor/import`);
    await page.locator('#import-file').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(await download.path()),
    });
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('column "id"');
    await page.getByRole('radio', { name: 'Update records found by a key, create the others' }).check();
    expect(await page.locator('#import-key').inputValue()).toBe('id');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.locator('.mapping-table').waitFor();
    expect(await mappingOf(page)).toEqual({
      id: 'id',
      name: 'name',
      email: 'email',
      pledged: 'pledged',
      joined: 'joined',
      created_at: '',
    });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Check without importing' }).click();
    await jobDone(page);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.locator('.wizard-steps [aria-current=step]').textContent()).toBe('5 Import');
    await jobDone(page);
    expect(await page.locator('.import-job .import-counts li').allTextContents()).toEqual([
      '0 records created',
      '2 records updated',
    ]);
    expect(await donors()).toHaveLength(3);
    await page.close();
  });

  it('in 简体中文 on a phone: an upsert by e-mail updates the donor it finds and creates the new one', async () => {
    const page = await signedIn(PHONE, 'zh-CN');
    await page.locator('.export-menu summary').click();
    await shoot(page, 'export-2-menu-zh-phone');
    await page.getByRole('button', { name: '导入' }).click();
    await page.waitForURL('**/o/donor/import');
    await page.locator('#import-file').setInputFiles({
      name: '捐赠人.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(AGAIN_CSV),
    });
    await page.getByRole('radio', { name: '按键查找并更新记录，找不到的新建' }).check();
    await page.locator('#import-key').selectOption('email');
    await shoot(page, 'import-6-file-zh-phone');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.locator('.mapping-table').waitFor();
    expect(await mappingOf(page)).toEqual({ 姓名: 'name', 电子邮箱: 'email', 认捐金额: 'pledged' });
    await shoot(page, 'import-7-columns-zh-phone');
    await page.getByRole('button', { name: '下一步' }).click();
    await shoot(page, 'import-8-options-zh-phone');
    await page.getByRole('button', { name: '检查（不导入）' }).click();
    await jobDone(page);
    const job = page.locator('.import-job');
    expect(await job.locator('.import-counts li').allTextContents()).toEqual([
      '将新建 1 条记录',
      '将更新 1 条记录',
    ]);
    await shoot(page, 'import-9-check-zh-phone');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect.poll(() => page.locator('.wizard-steps [aria-current=step]').textContent()).toBe('5 导入');
    await jobDone(page);
    expect(await job.locator('.import-outcome').textContent()).toBe('导入完成。');
    await shoot(page, 'import-10-done-zh-phone');
    expect((await donors()).map((d) => [d.name, d.pledged])).toEqual([
      ['Ada Lovelace', 1500],
      ['Grace Hopper', 300],
      ['Zhang Wei', 88],
      ['李娜', 66],
    ]);
    await page.close();
  });

  it('in 简体中文 on a wide screen and in English on a phone, the steps fit', async () => {
    for (const [viewport, language, suffix] of [
      [WIDE, 'zh-CN', 'zh-wide'],
      [PHONE, undefined, 'en-phone'],
    ] as const) {
      const page = await signedIn(viewport, language);
      await page.goto(`${api.server.url}/o/donor/import`);
      await page.locator('#import-file').setInputFiles({
        name: 'donors.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(DONORS_CSV),
      });
      await page.locator('.wizard-step .primary').click();
      await page.locator('.mapping-table').waitFor();
      await shoot(page, `import-columns-${suffix}`);
      await page.locator('.wizard-step .primary').click();
      await page.locator('.import-options input[type=checkbox]').uncheck();
      await page.locator('.wizard-step .primary').click();
      await jobDone(page);
      await shoot(page, `import-check-${suffix}`);
      await page.close();
    }
  });
});
