/**
 * Automations in the studio, in a real browser (Debian's Chromium through playwright-core) against a real server:
 * an admin builds "notify the owner of a new urgent request" in Setup → Automations (the condition checked as it
 * is typed, the change reviewed value by value before it applies, switched off and on again); an end user's new
 * urgent request then notifies its owner, the bell shows it, and the record page shows the run; a webhook the
 * server refuses shows first in the run log, where it is retried. Screenshots at 1440 and 390 px, in English and
 * 简体中文, go to test-results/studio/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AutomationDocument, DocumentSet } from '@tessera/engine';
import type { Browser, Page } from 'playwright-core';
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
        apiName: 'service_request',
        label: { en: 'Service request', 'zh-CN': '服务请求' },
        pluralLabel: { en: 'Service requests', 'zh-CN': '服务请求' },
        nameField: 'name',
      },
      properties: {
        name: {
          type: 'string',
          maxLength: 80,
          'x-tessera': { field: 'text', label: { en: 'Subject', 'zh-CN': '主题' } },
        },
        priority: {
          type: 'string',
          enum: ['urgent', 'normal'],
          'x-tessera': {
            field: 'picklist',
            label: { en: 'Priority', 'zh-CN': '优先级' },
            options: [
              { value: 'urgent', label: { en: 'Urgent', 'zh-CN': '紧急' } },
              { value: 'normal', label: { en: 'Normal', 'zh-CN': '普通' } },
            ],
          },
        },
        due_at: {
          type: 'string',
          format: 'date-time',
          'x-tessera': { field: 'datetime', label: { en: 'Due', 'zh-CN': '截止时间' } },
        },
      },
      required: ['name'],
    },
  ],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'requester',
      label: { en: 'Requester', 'zh-CN': '报修人' },
      objects: { service_request: { read: true, create: true, edit: true } },
    },
  ],
};

/** The automation the admin builds in the editor, as the server should keep it. */
const NOTIFY_URGENT: AutomationDocument = {
  kind: 'automation',
  apiName: 'notify_urgent',
  label: { en: 'Notify on urgent requests', 'zh-CN': '紧急报修通知' },
  object: 'service_request',
  active: true,
  trigger: { on: ['create'], when: 'ISPICKVAL(priority, "urgent")' },
  actions: [
    {
      type: 'notify',
      to: [{ owner: true }],
      message: { en: 'Urgent request {!name}', 'zh-CN': '紧急报修 {!name}' },
    },
  ],
};

describe.skipIf(unavailable !== undefined)('automations in the studio, in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  const pageErrors: string[] = [];

  let rig: StudioRig | undefined;

  beforeAll(async () => {
    rig = await startStudio(PASSWORD, async (ws) => {
      await ws.deploy(DOCUMENTS);
      await ws.users.create(
        { email: 'user@example.com', name: 'Li Wei', password: PASSWORD, permissionSets: ['requester'] },
        ws.model.documents,
      );
    });
    ({ api, browser } = rig);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
    expect(pageErrors).toEqual([]);
  });

  async function signedIn(email: string, viewport = WIDE, language?: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'en-US', viewport });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(10_000);
    await page.goto(api.server.url);
    await page.waitForURL('**/sign-in');
    if (language) await page.getByRole('combobox', { name: /Language|语言/ }).selectOption(language);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${api.server.url}/`);
    return page;
  }

  /** Nothing spills out sideways: the page is as wide as the screen. */
  const fitsWidth = async (page: Page) =>
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      page.viewportSize()?.width ?? 0,
    );

  const stored = async (name: string) =>
    (await api.call('GET', `/api/v1/meta/automations/${name}`)).body.data;

  it('an admin builds “notify the owner of a new urgent request”: checked as typed, reviewed value by value, switched off and on', async () => {
    const page = await signedIn('admin@example.com');
    await page.getByRole('navigation').getByRole('link', { name: 'Automations' }).click();
    await page.waitForURL('**/setup/automations');
    await page.getByText('No automations yet.').waitFor();
    await page.getByRole('button', { name: 'New automation' }).click();
    await page.waitForURL('**/setup/automations/new');

    await page.locator('#auto-name').fill('notify_urgent');
    await page.locator('#auto-label-en').fill('Notify on urgent requests');
    await page.locator('#auto-label-zh').fill('紧急报修通知');
    expect(await page.locator('#auto-object').inputValue()).toBe('service_request');
    expect(await page.getByRole('checkbox', { name: 'Created' }).isChecked()).toBe(true);
    // The condition is checked by the server as it is typed: unfinished, then not true-or-false, then right.
    const check = page.locator('#auto-when-check');
    await page.locator('#auto-when').fill('ISPICKVAL(priority, ');
    await expect.poll(() => check.locator('.field-error').count()).toBeGreaterThan(0);
    expect(await page.locator('#auto-when').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#auto-when').fill('LEN(name)');
    await expect.poll(() => check.textContent()).toMatch(/true or false/);
    await page.locator('#auto-when').fill('ISPICKVAL(priority, "urgent")');
    await expect.poll(() => check.textContent()).toBe('The formula is valid.');
    // Review waits for an action.
    expect(await page.getByRole('button', { name: 'Review changes' }).isDisabled()).toBe(true);

    // The other kinds of trigger: a schedule's cron is checked too; a relative time counts from a date field; the
    // condition stays when the kind changes.
    await page.getByRole('radio', { name: 'On a schedule' }).check();
    await page.locator('#auto-cron').fill('every morning');
    await expect.poll(() => page.locator('[data-pointer="/trigger/schedule/cron"]').count()).toBe(1);
    await page.getByRole('radio', { name: 'At a time set by a date of the record' }).check();
    expect(await page.locator('#auto-relative-field option').allTextContents()).toEqual([
      '— choose —',
      'Due (due_at)',
    ]);
    expect(await page.locator('#auto-when').inputValue()).toBe('ISPICKVAL(priority, "urgent")');
    await page.getByRole('radio', { name: 'A record is saved' }).check();
    expect(await page.locator('#auto-when').inputValue()).toBe('ISPICKVAL(priority, "urgent")');

    // Fields set by an action are picked from those a write may set; a picklist's value from its options; a
    // formula checked in place. The action is then removed again.
    await page.locator('#auto-add-type').selectOption('update_record');
    await page.getByRole('button', { name: 'Add action' }).click();
    const fieldChoices = await page.locator('#actions-0-set-0-field option').allTextContents();
    expect(fieldChoices).toEqual(
      expect.arrayContaining(['Subject (name)', 'Priority (priority)', 'Due (due_at)']),
    );
    await page.locator('#actions-0-set-0-field').selectOption('priority');
    expect(await page.locator('#actions-0-set-0-value option').allTextContents()).toEqual([
      '— choose —',
      'Urgent',
      'Normal',
    ]);
    await page.locator('#actions-0-set-0-mode').selectOption('formula');
    await page.locator('#actions-0-set-0-formula').fill('NOPE()');
    await expect.poll(() => page.locator('#actions-0-set-0-formula-check .field-error').count()).toBe(1);
    await page
      .locator('li[data-action=update_record]')
      .getByRole('button', { name: 'Remove', exact: true })
      .click();

    await page.locator('#auto-add-type').selectOption('notify');
    await page.getByRole('button', { name: 'Add action' }).click();
    const action = page.locator('li[data-action=notify]');
    expect(await action.getByRole('checkbox', { name: "The record's owner" }).isChecked()).toBe(true);
    await page.locator('#actions-0-message-en').fill('Urgent request {!name}');
    await page.locator('#actions-0-message-zh-CN').fill('紧急报修 {!name}');
    await page.screenshot({ path: `${SHOTS}automation-1-editor.png`, fullPage: true });

    await page.getByRole('button', { name: 'Review changes' }).click();
    const plan = page.locator('.plan');
    await expect
      .poll(() => plan.locator('p').first().textContent())
      .toBe('Create automation "notify_urgent". It is active: it runs from now on.');
    const changes = await plan
      .getByRole('list', { name: 'Values that change' })
      .locator('li')
      .allTextContents();
    expect(changes).toContain('/trigger: — → {"on":["create"],"when":"ISPICKVAL(priority, \\"urgent\\")"}');
    expect(changes).toContain('/active: — → true');
    await page.screenshot({ path: `${SHOTS}automation-2-review.png`, fullPage: true });
    // Nothing is applied before Apply.
    expect((await api.call('GET', '/api/v1/meta/automations/notify_urgent')).status).toBe(404);
    await plan.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/setup/automations');
    expect(await stored('notify_urgent')).toEqual(NOTIFY_URGENT);

    // In the list: its trigger in words, its action; switched off, reviewed, and on again.
    const row = page.locator('tr[data-automation=notify_urgent]');
    await expect
      .poll(() => row.locator('.trigger-summary').textContent())
      .toBe('When a record is created, if ISPICKVAL(priority, "urgent")');
    const toggle = row.getByRole('checkbox', { name: 'Notify on urgent requests is active' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click();
    await expect
      .poll(() => page.locator('.plan p').first().textContent())
      .toBe('Deactivate automation "notify_urgent": it stops running.');
    expect(await page.locator('.plan .value-changes li').allTextContents()).toEqual([
      '/active: true → false',
    ]);
    expect((await stored('notify_urgent')).active).toBe(true);
    await page.locator('.plan').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await stored('notify_urgent')).active).toBe(false);
    await expect.poll(() => toggle.isChecked()).toBe(false);
    await toggle.click();
    await page.locator('.plan').getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => (await stored('notify_urgent')).active).toBe(true);
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await page.screenshot({ path: `${SHOTS}automation-3-list.png`, fullPage: true });

    // A refusal of the server is shown in place, nothing changed: a webhook to no URL.
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL('**/setup/automations/notify_urgent/edit');
    expect(await page.locator('#auto-name').isDisabled()).toBe(true);
    await page.locator('#auto-add-type').selectOption('webhook');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.locator('#actions-1-url').fill('not a url');
    await page.getByRole('button', { name: 'Generate' }).click();
    expect(await page.locator('#actions-1-secret').inputValue()).toMatch(/^[0-9a-f]{32}$/);
    await expect.poll(() => page.locator('[data-pointer="/actions/1/url"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.locator('.form-error').waitFor();
    expect(await stored('notify_urgent')).toEqual(NOTIFY_URGENT);
    await page.getByRole('button', { name: 'Cancel' }).last().click();
    await page.waitForURL('**/setup/automations');
    await page.close();

    // The same pages in 简体中文 on a phone: nothing wider than the screen.
    const phone = await signedIn('admin@example.com', PHONE, 'zh-CN');
    await phone.goto(`${api.server.url}/setup/automations`);
    await phone.locator('tr[data-automation=notify_urgent]').waitFor();
    await fitsWidth(phone);
    await phone.screenshot({ path: `${SHOTS}automation-4-list-zh-390.png`, fullPage: true });
    await phone.goto(`${api.server.url}/setup/automations/notify_urgent/edit`);
    await phone.getByRole('heading', { name: '编辑自动化流程 notify_urgent' }).waitFor();
    await expect.poll(() => phone.locator('#auto-when-check').textContent()).toBe('公式有效。');
    await fitsWidth(phone);
    await phone.screenshot({ path: `${SHOTS}automation-5-editor-zh-390.png`, fullPage: true });
    await phone.close();
  });

  it('an end user’s new urgent request notifies its owner: the bell shows it, the record its run', async () => {
    const page = await signedIn('user@example.com');
    // An end user has no setup, but the bell.
    expect(await page.locator('.setup-nav').count()).toBe(0);
    const bell = page.locator('.bell-button');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, none unread');

    const create = async (name: string, priority: string) => {
      await page.goto(`${api.server.url}/o/service_request/new`);
      await page.locator('#field-name').fill(name);
      await page.locator('#field-priority').selectOption(priority);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(/\/o\/service_request\/[0-9a-f-]{36}$/);
      return page.url().split('/').at(-1) as string;
    };
    const normal = await create('Lamp flickers', 'normal');
    const urgent = await create('Pump broken', 'urgent');
    // Runs are recorded with the write: one, for the urgent request only.
    const runs = (await api.call('GET', '/api/v1/automation-runs?automation=notify_urgent')).body.data;
    expect(runs.map((r: { recordId: string }) => r.recordId)).toEqual([urgent]);
    expect(runs.map((r: { recordId: string }) => r.recordId)).not.toContain(normal);

    // The worker delivers it after the write; the bell shows it once read again.
    await expect
      .poll(async () => {
        await page.reload();
        return bell.getAttribute('aria-label');
      })
      .toBe('Notifications, 1 unread');
    expect(await page.locator('.bell-count').textContent()).toBe('1');
    await bell.click();
    const item = page.locator('.bell-panel li.unread');
    await expect.poll(() => item.locator('strong').textContent()).toBe('Notify on urgent requests');
    expect(await item.locator('.bell-item > span').textContent()).toBe('Urgent request Pump broken');
    await page.screenshot({ path: `${SHOTS}automation-6-bell.png` });
    await item.getByRole('button').click();
    await page.waitForURL(`**/o/service_request/${urgent}`);
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications, none unread');

    // The record page's automation history: the run, done, with its action.
    const history = page.locator('section.automation-history');
    await expect
      .poll(async () => {
        await page.reload();
        return history.locator('tr[data-run]').getAttribute('data-status');
      })
      .toBe('done');
    await history.locator('tr[data-run] button.link').click();
    await expect
      .poll(() => history.locator('.run-actions li').first().textContent())
      .toMatch(/Send a notification/);
    await page.screenshot({ path: `${SHOTS}automation-7-record-history.png`, fullPage: true });
    // The same on a phone: the run a card that fits the screen.
    await page.setViewportSize(PHONE);
    await fitsWidth(page);
    await page.screenshot({ path: `${SHOTS}automation-7b-record-history-390.png`, fullPage: true });
    await page.close();

    // On a phone in 简体中文: the bell's panel across the screen.
    const phone = await signedIn('user@example.com', PHONE, 'zh-CN');
    await phone.locator('.bell-button').click();
    await phone.locator('.bell-panel li').first().waitFor();
    await fitsWidth(phone);
    await phone.screenshot({ path: `${SHOTS}automation-8-bell-zh-390.png` });
    await phone.close();
  });

  it('a webhook the server refuses shows first in the run log, with its attempt, and is retried from there', async () => {
    // A webhook to a loopback address is refused (dead at once) unless the server is told to allow it.
    const hook: AutomationDocument = {
      kind: 'automation',
      apiName: 'post_to_erp',
      label: { en: 'Post new requests to the ERP', 'zh-CN': '新请求推送 ERP' },
      object: 'service_request',
      active: true,
      trigger: { on: ['create'] },
      actions: [{ type: 'webhook', url: 'http://127.0.0.1:9/hooks', secret: 'a-secret-of-sixteen-plus' }],
    };
    expect((await api.call('PUT', '/api/v1/meta/automations/post_to_erp', hook)).status).toBe(201);
    const created = await api.call('POST', '/api/v1/data/service_request', {
      name: 'Door stuck',
      priority: 'urgent',
    });
    expect(created.status).toBe(201);
    const failedRun = async () =>
      (await api.call('GET', '/api/v1/automation-runs?automation=post_to_erp')).body.data[0];
    await expect.poll(async () => (await failedRun())?.status, { timeout: 10_000 }).toMatch(/failed|dead/);
    // A run that succeeds after it: failures still come first.
    await expect
      .poll(
        async () =>
          (await api.call('GET', '/api/v1/automation-runs?automation=notify_urgent')).body.data.length,
      )
      .toBe(2);

    const page = await signedIn('admin@example.com');
    await page.goto(`${api.server.url}/setup/automation-runs`);
    const first = page.locator('tr[data-run]').first();
    await expect.poll(() => first.getAttribute('data-status')).toMatch(/failed|dead/);
    expect(await first.locator('td').nth(1).textContent()).toBe('post_to_erp');
    await first.locator('button.link').click();
    const detail = page.locator('section.run-detail');
    await detail.locator('.attempts li').first().waitFor();
    expect(await detail.locator('.run-error').first().textContent()).toMatch(
      /127\.0\.0\.1|private|loopback/i,
    );
    await page.screenshot({ path: `${SHOTS}automation-9-run-log.png`, fullPage: true });
    const attemptsBefore = (await failedRun()).attempts;
    await detail.getByRole('button', { name: 'Retry' }).click();
    // Put back in the queue, tried again, and refused again: one more attempt in its history.
    await expect
      .poll(async () => (await failedRun()).attempts, { timeout: 10_000 })
      .toBeGreaterThan(attemptsBefore);
    // By status: only the runs that are done.
    await page.locator('#runs-status').selectOption('done');
    await expect
      .poll(() =>
        page.locator('tr[data-run]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))),
      )
      .toEqual(['done', 'done']);
    // One automation's runs, from its row in the list.
    await page.goto(`${api.server.url}/setup/automations`);
    await page.locator('tr[data-automation=post_to_erp]').getByRole('button', { name: 'Runs' }).click();
    await page.waitForURL('**/setup/automations/post_to_erp/runs');
    await page.getByRole('heading', { name: 'Run log of post_to_erp' }).waitFor();
    await expect
      .poll(() => page.locator('tr[data-run] td:nth-child(2)').allTextContents())
      .toEqual(['post_to_erp']);
    await page.close();

    const wide = await signedIn('admin@example.com', WIDE, 'zh-CN');
    await wide.goto(`${api.server.url}/setup/automation-runs`);
    await wide.locator('tr[data-run]').first().waitFor();
    await wide.screenshot({ path: `${SHOTS}automation-9b-run-log-zh.png`, fullPage: true });
    await wide.close();
    const phone = await signedIn('admin@example.com', PHONE, 'zh-CN');
    await phone.goto(`${api.server.url}/setup/automation-runs`);
    await phone.locator('tr[data-run]').first().waitFor();
    await fitsWidth(phone);
    await phone.screenshot({ path: `${SHOTS}automation-10-run-log-zh-390.png`, fullPage: true });
    await phone.close();
  });
});
