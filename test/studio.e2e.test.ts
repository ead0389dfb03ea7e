/**
 * The studio in a real browser (Debian's Chromium through playwright-core), against a real server and workspace:
 * an admin makes an object, its fields, layouts, a list view and its validation rules, then in Setup → Access the
 * permission set end users get, the role hierarchy and the end user themselves; an end user signs in, creates a record through the generated form, is stopped by a validation error on a
 * field, fixes it, finds the record in the list by a filter, edits it and sees the change in its history; then
 * the same in 简体中文, where a rule's message comes in Chinese. Screenshots go to test-results/studio/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { User, Workspace } from '@tessera/engine';
import { subjectOf } from '@tessera/engine';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageSource, readPackage } from '../packages/cli/src/package-folder.js';
import type { TestApi } from '../runtime/test/server.js';
import { type StudioRig, startStudio, chromiumUnavailable as unavailable } from './studio-harness.js';

const SHOTS = fileURLToPath(new URL('../test-results/studio/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url));
const PASSWORD = 'correct horse battery';

/** The permission set end users get, as the admin makes it in the studio's Setup → Access → Permission sets. */
const OPERATOR = {
  kind: 'permission_set',
  apiName: 'operator',
  label: { en: 'Operator', 'zh-CN': '操作员' },
  objects: { vending_machine: { read: true, create: true, edit: true, delete: true } },
};

/** The rule the admin makes in the studio; the end users' tests are refused by it. */
const RULE = 'broken_needs_serial_prefix';
const RULE_FORMULA = 'AND(ISPICKVAL(status, "broken"), NOT(BEGINS(serial_no, "VM-")))';
const RULE_MESSAGE = {
  en: 'A broken machine needs a VM- serial number',
  'zh-CN': '故障设备的序列号必须以 VM- 开头',
};

describe.skipIf(unavailable !== undefined)('the studio in Chromium', () => {
  let ws: Workspace;
  let api: TestApi;
  let browser: Browser;
  let endUser: User;
  /** Uncaught errors in the page: every test ends with none. */
  const pageErrors: string[] = [];

  let rig: StudioRig | undefined;

  beforeAll(async () => {
    rig = await startStudio(PASSWORD);
    ({ ws, api, browser } = rig);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  /**
   * Column 1's first field and column 2's first field start on the same line, column 2 to the right: each column
   * is its own stack (not a grid row shared with column 1's fields).
   */
  async function expectColumnsSideBySide(page: Page, scope: string, first: string, second: string) {
    const box = (field: string) =>
      page
        .locator(`${scope} [data-column] > .field:has([id=field-${field}], [data-field=${field}])`)
        .boundingBox();
    const [one, two] = [await box(first), await box(second)];
    if (!one || !two) throw new Error(`${first} or ${second} is not shown in ${scope}`);
    expect(Math.abs(two.y - one.y)).toBeLessThan(2);
    expect(two.x).toBeGreaterThan(one.x + one.width);
  }

  /**
   * Signs in and waits for the page sign-in lands on (`lands`: home, or Setup for the admin of a workspace
   * without objects), then opens `open` when given.
   */
  async function signIn(
    page: Page,
    language?: string,
    email = 'user@example.com',
    open: string | null = '/o/vending_machine',
    lands = '/',
  ) {
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A step that cannot happen fails by itself, well inside the test's own time.
    page.setDefaultTimeout(10_000);
    await page.goto(api.server.url);
    await page.waitForURL('**/sign-in');
    if (language) await page.getByRole('combobox', { name: /Language|语言/ }).selectOption(language);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${api.server.url}${lands}`);
    if (open) await page.goto(`${api.server.url}${open}`);
  }

  it('an admin creates "Vending Machine" with five fields of different types, lays them out in two columns by dragging, and saves', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page, undefined, 'admin@example.com', null, '/setup');
    await page.locator('#apiName').fill('vending_machine');
    await page.locator('#labelEn').fill('Vending Machine');
    await page.locator('#pluralEn').fill('Vending Machines');
    await page.locator('#labelZh').fill('自动售货机');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => page.locator('.plan li').first().textContent())
      .toContain('Create object "vending_machine"');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/setup/objects/vending_machine');
    // The new object is in the side bar at once: no reload needed.
    await page.getByRole('navigation').getByRole('link', { name: 'Vending Machines' }).waitFor();

    // Object settings: the Chinese plural, and field history kept for every change.
    await page.getByText('Object settings').click();
    await page.locator('#obj-pluralZh').fill('自动售货机');
    await page.getByRole('checkbox', { name: 'Keep field history' }).check();
    await page.locator('.object-settings').getByRole('button', { name: 'Review changes' }).click();
    await page.locator('.object-settings').getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(
        async () =>
          (await api.call('GET', '/api/v1/meta/objects/vending_machine')).body.data['x-tessera'].trackHistory,
      )
      .toBe(true);

    const addField = async (
      name: string,
      type: string,
      labels: [string, string],
      fill?: () => Promise<void>,
    ) => {
      await page.locator('#new-field-name').fill(name);
      await page.locator('#new-field-type').selectOption(type);
      await page.locator('#new-field-en').fill(labels[0]);
      await page.locator('#new-field-zh').fill(labels[1]);
      await fill?.();
      await page.getByRole('button', { name: 'Review changes' }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => page.locator(`tr[data-field=${name}]`).count()).toBe(1);
    };
    await addField('serial_no', 'text', ['Serial number', '序列号'], () =>
      page.getByRole('checkbox', { name: 'Required' }).check(),
    );
    await addField('capacity', 'integer', ['Capacity', '容量'], async () => {
      await page.locator('#new-field-min').fill('1');
      await page.locator('#new-field-maximum').fill('500');
    });
    await addField('status', 'picklist', ['Status', '状态'], async () => {
      for (const [value, en, zh] of [
        ['active', 'Active', '在用'],
        ['broken', 'Broken', '故障'],
        ['retired', 'Retired', '报废'],
      ]) {
        await page.getByRole('button', { name: 'Add value' }).click();
        const row = page.locator('.values .value-row').last();
        await row.getByRole('textbox', { name: 'Value' }).fill(value as string);
        await row.getByRole('textbox', { name: 'Label (English)' }).fill(en as string);
        await row.getByRole('textbox', { name: 'Label (简体中文)' }).fill(zh as string);
      }
      // The values under their column headers, inside their card.
      expect(await page.locator('.values-table th').allTextContents()).toEqual([
        '',
        'Value',
        'Label (English)',
        'Label (简体中文)',
        'Colour',
        '',
      ]);
      const card = await page.locator('fieldset.values').boundingBox();
      const table = await page.locator('.values-table').boundingBox();
      if (!card || !table) throw new Error('no picklist values shown');
      expect(table.x + table.width).toBeLessThanOrEqual(card.x + card.width);
      const order = () =>
        page
          .locator('.values .value-row')
          .evaluateAll((rows) =>
            rows.map((r) => (r as unknown as { dataset: { value: string } }).dataset.value),
          );
      // Reordered with a button, then dragged back by the keyboard; a value removed.
      await page.getByRole('button', { name: 'Move value broken up' }).click();
      expect(await order()).toEqual(['broken', 'active', 'retired']);
      expect(
        await page.locator('.values .value-row').first().getByRole('textbox', { name: 'Value' }).inputValue(),
      ).toBe('broken');
      await page.getByRole('button', { name: 'Drag to reorder value active' }).focus();
      // Each step waits for what a screen reader is told, as the drag is measured between the keys.
      const told = () => page.locator('[id^=DndLiveRegion]').last().textContent();
      await page.keyboard.press('Space');
      // Lifted: told so, and then that it is over its own place.
      await expect.poll(told).toMatch(/^(Picked up active|active is over active)\.$/);
      await page.keyboard.press('ArrowUp');
      await expect.poll(told).toBe('active is over broken.');
      await page.keyboard.press('Space');
      await expect.poll(order).toEqual(['active', 'broken', 'retired']);
      await expect.poll(told).toBe('Dropped active on broken.');
      await page.getByRole('button', { name: 'Remove value retired' }).click();
      expect(await order()).toEqual(['active', 'broken']);
      await page.screenshot({ path: `${SHOTS}admin-0-picklist.png`, fullPage: true });
    });
    await addField('installed_on', 'date', ['Installed on', '安装日期']);
    await addField('open', 'boolean', ['Open', '营业中']);
    // A field's type changes after data exists too: the plan says every value is checked and converted.
    await addField('notes', 'text', ['Notes', '备注']);
    await page.locator('tr[data-field=notes]').getByRole('button', { name: 'Edit' }).click();
    await page.locator('#new-field-type').selectOption('textarea');
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => page.locator('.plan li').first().textContent())
      .toContain('Change "vending_machine.notes" from text to textarea');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.locator('tr[data-field=notes] td').nth(1).textContent())
      .toBe('Long text textarea');

    // Field types and lookup targets by their labels in the UI language, the API name after them.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    const optionText = (select: string, value: string) =>
      page.locator(`${select} option[value=${value}]`).textContent();
    await expect.poll(() => optionText('#new-field-type', 'master_detail')).toBe('主从关系（master_detail）');
    await page.locator('#new-field-type').selectOption('lookup');
    await expect
      .poll(() => optionText('#new-field-target', 'vending_machine'))
      .toBe('自动售货机（vending_machine）');
    expect(await page.locator('tr[data-field=notes] td').nth(1).textContent()).toBe('多行文本 textarea');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.locator('#new-field-type').selectOption('text');

    // A formula is checked as it is typed.
    await page.locator('#new-field-name').fill('double');
    await page.locator('#new-field-type').selectOption('formula');
    await page.locator('#new-field-returns').selectOption('number');
    await page.locator('#new-field-formula').fill('capacity * "x"');
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('cannot combine');
    await page.screenshot({ path: `${SHOTS}admin-1-fields.png`, fullPage: true });

    await page.getByRole('button', { name: 'Layout' }).click();
    await page.waitForURL('**/setup/objects/vending_machine/layout');
    // The fields start in alternating columns; drag "open" from column 2 to above "capacity" in column 1.
    const chip = page.locator('.designer-column .field-chip[data-field=open] .handle');
    await chip.waitFor();
    const from = await chip.boundingBox();
    const to = await page.locator('.designer-column .field-chip[data-field=capacity]').boundingBox();
    if (!from || !to) throw new Error('nothing to drag');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + 20, to.y + 2, { steps: 12 });
    await page.mouse.move(to.x + 20, to.y + 4, { steps: 4 });
    await page.mouse.up();
    await page.screenshot({ path: `${SHOTS}admin-2-designer.png`, fullPage: true });
    await page.getByRole('button', { name: 'Save layout' }).click();
    await expect.poll(() => page.locator('p[role=status]').textContent()).toMatch(/Saved as version \d+/);
    await page.screenshot({ path: `${SHOTS}admin-3-saved.png`, fullPage: true });
    // The preview stacks each column on its own: column 2's first field is at the top, beside column 1's first,
    // and every input stays inside the preview, inside the window.
    await expectColumnsSideBySide(page, '.designer-preview', 'name', 'serial_no');
    const preview = await page.locator('.designer-preview').boundingBox();
    if (!preview) throw new Error('no preview');
    expect(preview.x + preview.width).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
    for (const box of await page
      .locator('.designer-preview input, .designer-preview select, .designer-preview textarea')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right)))
      expect(box).toBeLessThanOrEqual(preview.x + preview.width + 0.5);
    const layout = (await api.call('GET', '/api/v1/meta/layouts/vending_machine_layout')).body.data;
    expect(layout.sections[0].columns).toBe(2);
    const column = (n: number) =>
      layout.sections[0].items
        .filter((i: { column: number }) => i.column === n)
        .map((i: { field: string }) => i.field);
    expect(column(1)).toEqual(['name', 'open', 'capacity', 'installed_on', 'notes']);
    expect(column(2)).toEqual(['serial_no', 'status']);

    // The history shows the layout as the newest version, and what it changed.
    await page.getByRole('link', { name: 'Setup' }).click();
    await page.getByRole('button', { name: 'Metadata history' }).click();
    await page.waitForURL('**/setup/history');
    const newest = page.locator('.versions tbody tr').first();
    await expect.poll(() => newest.textContent()).toContain('Create layout vending_machine_layout');
    await newest.getByRole('button', { name: 'Compare with the one before' }).click();
    await expect
      .poll(() => page.locator('.diff-doc h3').first().textContent())
      .toBe('Added layout vending_machine_layout');
    await page.screenshot({ path: `${SHOTS}admin-4-history.png`, fullPage: true });

    // A list view, designed on the list: columns, a pinned one, a filter, the sort and page size, saved.
    await page.goto(`${api.server.url}/o/vending_machine`);
    await page.getByText('Columns and saved views').click();
    await page.getByRole('checkbox', { name: 'Installed on' }).uncheck();
    await page.getByRole('checkbox', { name: 'Notes' }).uncheck();
    await page.getByRole('checkbox', { name: 'Pinned' }).first().check();
    await page.getByRole('combobox', { name: 'Field' }).selectOption('open');
    await page.getByRole('combobox', { name: 'value' }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('25');
    await page.locator('#viewName').fill('open_machines');
    await page.locator('#viewLabel').fill('Open machines');
    await page.getByRole('button', { name: 'Save as view' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'View' }).inputValue()).toBe('open_machines');
    const view = (await api.call('GET', '/api/v1/meta/list-views/open_machines')).body.data;
    expect(view).toMatchObject({
      object: 'vending_machine',
      label: { en: 'Open machines' },
      filter: { open: { eq: true } },
      sort: '-created_at',
      pageSize: 25,
    });
    expect(view.columns.map((c: { field: string }) => c.field)).toEqual([
      'name',
      'serial_no',
      'capacity',
      'status',
      'open',
      'created_at',
    ]);
    expect(view.columns[0]).toMatchObject({ pinned: true, width: 180 });

    // A second layout of the same object, for another audience.
    await page.goto(`${api.server.url}/setup/objects/vending_machine/layout`);
    await page.getByRole('textbox', { name: 'API name of a new layout' }).fill('vending_machine_wide');
    await page.getByRole('button', { name: 'New layout' }).click();
    await page.getByRole('button', { name: 'Save layout' }).click();
    await expect.poll(() => page.locator('p[role=status]').textContent()).toMatch(/Saved as version \d+/);
    const layouts = (await api.call('GET', '/api/v1/meta/layouts')).body.data;
    expect(layouts.map((l: { apiName: string }) => l.apiName).sort()).toEqual([
      'vending_machine_layout',
      'vending_machine_wide',
    ]);

    await adminMakesValidationRules(page);
    // The object is ready: in Setup → Access the admin gives end users a permission set for it, and a user.
    await adminMakesPermissionSets(page);
    await adminMakesRoles(page);
    endUser = await adminMakesTheEndUser(page);
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);

    // Each field is what its editor said: only the serial number was marked required.
    const made = (await api.call('GET', '/api/v1/meta/objects/vending_machine')).body.data;
    expect(made.required).toEqual(['name', 'serial_no']);
    expect(made.properties.status['x-tessera'].options[1]).toEqual({
      value: 'broken',
      label: { en: 'Broken', 'zh-CN': '故障' },
    });
  }, 180_000);

  /**
   * Setup → Access → Permission sets: the grid keeps implied permissions consistent as they are ticked, a field
   * hidden is written and then given back (only entries other than `edit` are written), every save reviewed; a
   * spare set is made and deleted after review. The stored `operator` is exactly what the end users' tests need.
   */
  async function adminMakesPermissionSets(page: Page) {
    await page.getByRole('link', { name: 'Setup', exact: true }).click();
    await page.waitForURL('**/setup');
    await page.locator('.access-links').getByRole('link', { name: 'Permission sets' }).click();
    await page.waitForURL('**/setup/permission-sets');
    await expect
      .poll(() => page.locator('.permission-sets .muted').first().textContent())
      .toBe('No permission sets yet.');
    await page.getByRole('button', { name: 'New permission set' }).click();
    await page.waitForURL('**/setup/permission-sets/new');
    await page.locator('#ps-name').fill('operator');
    await page.locator('#ps-label-en').fill('Operator');
    await page.locator('#ps-label-zh').fill('操作员');
    const box = (p: string) => page.locator(`tr[data-object=vending_machine] input[data-permission=${p}]`);
    const ticked = async () => {
      const all = ['read', 'create', 'edit', 'delete', 'viewAll', 'modifyAll'];
      const on = await Promise.all(all.map((p) => box(p).isChecked()));
      return all.filter((_, i) => on[i]);
    };
    // Modify all gives everything; taking read away takes what implies it; edit and delete bring read back.
    await page.getByRole('checkbox', { name: 'Modify all Vending Machine' }).check();
    expect(await ticked()).toEqual(['read', 'create', 'edit', 'delete', 'viewAll', 'modifyAll']);
    await box('read').uncheck();
    expect(await ticked()).toEqual(['create']);
    await box('edit').check();
    await box('delete').check();
    expect(await ticked()).toEqual(['read', 'create', 'edit', 'delete']);
    // Field-level access: the notes hidden from this set's users.
    await page.locator('#ps-fields-object').selectOption('vending_machine');
    await page.getByRole('radio', { name: 'Notes: Hidden' }).check();
    await page.screenshot({ path: `${SHOTS}access-1-permission-set.png`, fullPage: true });
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => page.locator('.plan p').first().textContent())
      .toBe('Create permission set "operator". Users who have it may work with 1 object.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/setup/permission-sets');
    const row = (name: string) => page.locator(`tr[data-permission-set=${name}] td`);
    await expect
      .poll(() => row('operator').allTextContents())
      .toEqual(['Operator', 'operator', '1 object', 'None', 'EditDelete']);
    const stored = async (name: string) =>
      (await api.call('GET', `/api/v1/meta/permission-sets/${name}`)).body.data;
    expect(await stored('operator')).toEqual({ ...OPERATOR, fields: { vending_machine: { notes: 'none' } } });

    // Changed: the notes editable again, so the set names no field; its API name cannot change.
    await page.locator('tr[data-permission-set=operator]').getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL('**/setup/permission-sets/operator/edit');
    expect(await page.locator('#ps-name').isDisabled()).toBe(true);
    expect(await box('delete').isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Notes: Edit' }).check();
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => page.locator('.plan p').first().textContent())
      .toBe('Change permission set "operator". Users who have it may work with 1 object.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/setup/permission-sets');
    expect(await stored('operator')).toEqual(OPERATOR);

    // A spare set with a system permission only, in the list in Chinese, then deleted after review.
    await page.getByRole('button', { name: 'New permission set' }).click();
    await page.locator('#ps-name').fill('user_admin');
    await page.locator('#ps-label-en').fill('User admin');
    await page.locator('#ps-label-zh').fill('用户管理员');
    await page.getByRole('checkbox', { name: 'Manage users' }).check();
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/setup/permission-sets');
    expect(await stored('user_admin')).toEqual({
      kind: 'permission_set',
      apiName: 'user_admin',
      label: { en: 'User admin', 'zh-CN': '用户管理员' },
      system: { manageUsers: true },
    });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect
      .poll(() => row('user_admin').allTextContents())
      .toEqual(['用户管理员', 'user_admin', '0 个对象', '管理用户', '编辑删除']);
    await page.screenshot({ path: `${SHOTS}access-2-permission-sets-zh.png`, fullPage: true });
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.locator('tr[data-permission-set=user_admin]').getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => page.locator('.plan p').first().textContent())
      .toBe('Delete permission set "user_admin": users who have it lose what it gives.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect((await api.call('GET', '/api/v1/meta/permission-sets/user_admin')).status).toBe(404);
  }

  /**
   * Setup → Access → Roles: `manager` at the top and `operator_role` under it, shown as a tree in both languages;
   * the parent picker of `manager` never offers a role below it; deleting `manager` while a role reports to it is
   * refused by the server in place. The API stores what the editor said.
   */
  async function adminMakesRoles(page: Page) {
    await page.getByRole('navigation').getByRole('link', { name: 'Roles' }).click();
    await page.waitForURL('**/setup/roles');
    await expect.poll(() => page.locator('.roles .muted').first().textContent()).toBe('No roles yet.');
    const make = async (name: string, en: string, zh: string, parent: string, plan: string) => {
      await page.getByRole('button', { name: 'New role' }).click();
      await page.waitForURL('**/setup/roles/new');
      await page.locator('#role-name').fill(name);
      await page.locator('#role-label-en').fill(en);
      await page.locator('#role-label-zh').fill(zh);
      if (parent) await page.locator('#role-parent').selectOption(parent);
      await page.getByRole('button', { name: 'Review changes' }).click();
      await expect.poll(() => page.locator('.plan p').first().textContent()).toBe(plan);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL('**/setup/roles');
    };
    await make('manager', 'Manager', '经理', '', 'Create role "manager". It is at the top of the hierarchy.');
    await make(
      'operator_role',
      'Machine operator',
      '设备操作员',
      'manager',
      'Create role "operator_role". It reports to "Manager".',
    );
    // The tree: operator_role one level under manager, each with its label and API name.
    const under = page.locator('.role-tree > li[data-role=manager] > ul > li[data-role=operator_role]');
    await expect.poll(() => under.count()).toBe(1);
    const shown = () =>
      page
        .locator('.role-tree .role-row')
        .evaluateAll((rows) =>
          rows.map(
            (r) => `${r.querySelector('.role-label')?.textContent} ${r.querySelector('code')?.textContent}`,
          ),
        );
    expect(await shown()).toEqual(['Manager manager', 'Machine operator operator_role']);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(shown).toEqual(['经理 manager', '设备操作员 operator_role']);
    await page.screenshot({ path: `${SHOTS}access-5-roles-zh.png`, fullPage: true });
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    // manager's editor: its API name fixed, and no parent below it on offer (only the top of the hierarchy).
    await page.locator('li[data-role=manager] > .role-row').getByRole('button', { name: 'Edit' }).click();
    await page.waitForURL('**/setup/roles/manager/edit');
    expect(await page.locator('#role-name').isDisabled()).toBe(true);
    const offered = () =>
      page
        .locator('#role-parent option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    await expect.poll(offered).toEqual(['']);
    await page.locator('#role-label-en').fill('Operations manager');
    await page.screenshot({ path: `${SHOTS}access-6-role-editor.png`, fullPage: true });
    await page.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => page.locator('.plan p').first().textContent())
      .toBe('Change role "manager". It is at the top of the hierarchy.');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/setup/roles');
    // operator_role may report to manager: it is offered there.
    await page
      .locator('li[data-role=operator_role] > .role-row')
      .getByRole('button', { name: 'Edit' })
      .click();
    await page.waitForURL('**/setup/roles/operator_role/edit');
    await expect.poll(offered).toEqual(['', 'manager']);
    expect(await page.locator('#role-parent').inputValue()).toBe('manager');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL('**/setup/roles');

    // manager still has a role under it: the server refuses to delete it (already when asked for the plan), and
    // says why in place.
    await page.locator('li[data-role=manager] > .role-row').getByRole('button', { name: 'Delete' }).click();
    const refusal = page.locator('.roles [role=alert] li');
    await expect.poll(() => refusal.first().getAttribute('data-code')).toBe('unknown_role');
    expect(await refusal.first().textContent()).toContain('"manager"');
    expect(await page.locator('.plan').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}access-7-role-refused.png`, fullPage: true });
    expect(await under.count()).toBe(1);

    const roles = (await api.call('GET', '/api/v1/meta/roles')).body.data as { apiName: string }[];
    expect([...roles].sort((x, y) => x.apiName.localeCompare(y.apiName))).toEqual([
      { kind: 'role', apiName: 'manager', label: { en: 'Operations manager', 'zh-CN': '经理' } },
      {
        kind: 'role',
        apiName: 'operator_role',
        label: { en: 'Machine operator', 'zh-CN': '设备操作员' },
        parent: 'manager',
      },
    ]);
  }

  /**
   * Setup → Access → Users: the end user is made in the studio. A password too short and an email already used
   * are refused by the server in place; then Li Wei is made with the operator set, deactivated, and activated
   * again with the role operator_role. The API stores what the editor said.
   */
  async function adminMakesTheEndUser(page: Page): Promise<User> {
    await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/setup/users');
    const row = (email: string) => page.locator(`tr[data-user="${email}"] td`);
    await expect
      .poll(() => row('admin@example.com').allTextContents())
      .toEqual(['Admin (you)', 'admin@example.com', '—', '—', 'ActiveAdmin', 'Edit']);
    await page.getByRole('button', { name: 'New user' }).click();
    await page.waitForURL('**/setup/users/new');
    await page.locator('#user-email').fill('admin@example.com');
    await page.locator('#user-name').fill('Li Wei');
    await page.locator('#user-password').fill('short');
    await page.getByRole('checkbox', { name: 'Operator operator' }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    const refusal = page.locator('.user-editor [role=alert] li');
    await expect.poll(() => refusal.first().getAttribute('data-code')).toBe('weak_password');
    expect(await refusal.first().textContent()).toContain('at least 10 characters');
    expect(await page.locator('#user-password').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}access-3-user-refused.png`, fullPage: true });
    await page.locator('#user-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => refusal.first().getAttribute('data-code')).toBe('unique');
    expect(await page.locator('#user-email').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#user-email').fill('user@example.com');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.waitForURL('**/setup/users');
    await expect
      .poll(() => row('user@example.com').allTextContents())
      .toEqual(['Li Wei', 'user@example.com', '—', 'Operator', 'Active', 'Edit']);
    const stored = async () =>
      ((await api.call('GET', '/api/v1/users')).body.data as User[]).find(
        (u) => u.email === 'user@example.com',
      ) as User;
    expect(await stored()).toMatchObject({
      name: 'Li Wei',
      role: null,
      permissionSets: ['operator'],
      admin: false,
      active: true,
    });

    // Deactivated, then active again: the list says so each time.
    const edit = async () => {
      await page.locator('tr[data-user="user@example.com"]').getByRole('button', { name: 'Edit' }).click();
      await page.waitForURL(`**/setup/users/${(await stored()).id}`);
      expect(await page.locator('#user-email').isDisabled()).toBe(true);
    };
    await edit();
    await page.getByRole('checkbox', { name: 'Active (may sign in)' }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/setup/users');
    await expect.poll(() => row('user@example.com').nth(4).textContent()).toBe('Inactive');
    expect((await stored()).active).toBe(false);
    await page.screenshot({ path: `${SHOTS}access-4-users.png`, fullPage: true });
    await edit();
    await page.getByRole('checkbox', { name: 'Active (may sign in)' }).check();
    // The role from the hierarchy just made, offered by its label.
    await page.locator('#user-role').selectOption({ label: 'Machine operator (operator_role)' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL('**/setup/users');
    await expect
      .poll(() => row('user@example.com').allTextContents())
      .toEqual(['Li Wei', 'user@example.com', 'Machine operator', 'Operator', 'Active', 'Edit']);
    const user = await stored();
    expect(user).toMatchObject({
      name: 'Li Wei',
      role: 'operator_role',
      permissionSets: ['operator'],
      active: true,
      admin: false,
    });
    return user;
  }

  /**
   * On the object's setup page the admin makes the rule the end users meet: a broken formula is pointed out as it
   * is typed, the fixed one reviewed and applied. A throwaway rule is refused by the server in place, then made,
   * changed (its message, off and on again) and deleted.
   */
  async function adminMakesValidationRules(page: Page) {
    await page.goto(`${api.server.url}/setup/objects/vending_machine`);
    const rules = page.locator('section.rules');
    const editor = rules.locator('.rule-editor');
    await expect.poll(() => rules.locator('.muted').first().textContent()).toBe('No validation rules yet.');
    await rules.getByRole('button', { name: 'New rule' }).click();
    await editor.locator('#rule-name').fill(RULE);
    // One closing parenthesis short: the server's error, with its position, under the formula.
    await editor.locator('#rule-formula').fill(RULE_FORMULA.slice(0, -1));
    await expect
      .poll(() => editor.locator('.field-error').first().textContent())
      .toMatch(/found the end of the formula \(line 1, column 63/);
    expect(await editor.locator('#rule-formula').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}admin-5-rule-formula-error.png`, fullPage: true });
    await editor.locator('#rule-formula').fill(RULE_FORMULA);
    await expect.poll(() => editor.locator('.formula-ok').textContent()).toBe('The formula is valid.');
    expect(await editor.locator('.field-error').count()).toBe(0);
    await editor.locator('#rule-message-en').fill(RULE_MESSAGE.en);
    await editor.locator('#rule-message-zh').fill(RULE_MESSAGE['zh-CN']);
    await editor.locator('#rule-field').selectOption('serial_no');
    await editor.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => editor.locator('.plan p').first().textContent())
      .toBe(
        `Create validation rule "${RULE}". Records for which its formula is true will be refused with its message.`,
      );
    await editor.getByRole('button', { name: 'Apply' }).click();
    const row = (name: string) => rules.locator(`tr[data-rule=${name}] td`);
    await expect
      .poll(() => row(RULE).allTextContents())
      .toEqual([RULE, RULE_MESSAGE.en, 'Serial number', 'Yes', 'EditDelete']);
    expect(await editor.count()).toBe(0);
    expect((await api.call('GET', `/api/v1/meta/validation-rules/${RULE}`)).body.data).toEqual({
      kind: 'validation_rule',
      apiName: RULE,
      object: 'vending_machine',
      formula: RULE_FORMULA,
      field: 'serial_no',
      message: RULE_MESSAGE,
    });

    // In 简体中文 the list shows each rule's Chinese message, and the editor speaks Chinese.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => row(RULE).nth(1).textContent()).toBe(RULE_MESSAGE['zh-CN']);
    await rules.locator(`tr[data-rule=${RULE}]`).getByRole('button', { name: '编辑' }).click();
    expect(await editor.locator('#rule-name').isDisabled()).toBe(true);
    expect(await editor.locator('#rule-formula').inputValue()).toBe(RULE_FORMULA);
    await expect.poll(() => editor.locator('.formula-ok').textContent()).toBe('公式有效。');
    await rules.screenshot({ path: `${SHOTS}admin-6-rules-zh.png` });
    await editor.getByRole('button', { name: '取消' }).click();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');

    // A throwaway rule: the server refuses a formula of the wrong type in place, then takes the fixed one.
    const spare = 'capacity_at_least_two';
    await rules.getByRole('button', { name: 'New rule' }).click();
    await editor.locator('#rule-name').fill(spare);
    await editor.locator('#rule-formula').fill('capacity < "two"');
    await editor.locator('#rule-message-en').fill('A machine holds at least two items');
    await editor.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => editor.locator('[role=alert] li').first().getAttribute('data-code'))
      .toBe('formula_type');
    await editor.locator('#rule-formula').fill('capacity < 2');
    await editor.getByRole('button', { name: 'Review changes' }).click();
    expect(await editor.locator('[role=alert]').count()).toBe(0);
    await editor.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => row(spare).allTextContents())
      .toEqual([spare, 'A machine holds at least two items', 'The whole record', 'Yes', 'EditDelete']);

    // Changed: a new message, and switched off; then on again.
    await rules.locator(`tr[data-rule=${spare}]`).getByRole('button', { name: 'Edit' }).click();
    await editor.locator('#rule-message-en').fill('Capacity must be at least 2');
    await editor.getByRole('checkbox', { name: 'Active' }).uncheck();
    await editor.getByRole('button', { name: 'Review changes' }).click();
    await expect
      .poll(() => editor.locator('.plan p').first().textContent())
      .toBe(`Change validation rule "${spare}". It is kept but not enforced while inactive.`);
    await editor.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => row(spare).nth(3).textContent()).toBe('No');
    expect(await row(spare).nth(1).textContent()).toBe('Capacity must be at least 2');
    const stored = async () => (await api.call('GET', `/api/v1/meta/validation-rules/${spare}`)).body.data;
    expect(await stored()).toMatchObject({ active: false, message: { en: 'Capacity must be at least 2' } });
    await rules.screenshot({ path: `${SHOTS}admin-7-rules.png` });
    await rules.locator(`tr[data-rule=${spare}]`).getByRole('button', { name: 'Edit' }).click();
    await editor.getByRole('checkbox', { name: 'Active' }).check();
    await editor.getByRole('button', { name: 'Review changes' }).click();
    await editor.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => row(spare).nth(3).textContent()).toBe('Yes');
    expect((await stored()).active).toBeUndefined();

    // Deleted after review; the other rule stays.
    await rules.locator(`tr[data-rule=${spare}]`).getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(() => rules.locator('.plan p').first().textContent())
      .toBe(`Delete validation rule "${spare}": records are no longer checked by it.`);
    await rules.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rules.locator('tbody tr').count()).toBe(1);
    expect((await api.call('GET', `/api/v1/meta/validation-rules/${spare}`)).status).toBe(404);
    expect(await rules.locator(`tr[data-rule=${RULE}]`).count()).toBe(1);
  }

  it('an end user creates, is corrected, finds, edits, and sees the history of a record', async () => {
    const page = await browser.newPage({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await signIn(page);
    // Menus follow the user's permissions: an end user has no Setup, nor its access pages.
    await page.getByRole('navigation').getByRole('link', { name: 'Vending Machines' }).waitFor();
    expect(await page.locator('.setup-nav').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}en-1-list.png` });

    // An end user chooses the list's columns for themselves (kept in their browser), but saves no views.
    await page.locator('.view-editor summary').click();
    expect(await page.getByRole('button', { name: 'Save as view' }).count()).toBe(0);
    const headers = () => page.locator('thead th').allTextContents();
    await expect.poll(headers).toContain('Capacity');
    await page.getByRole('checkbox', { name: 'Capacity' }).uncheck();
    await expect.poll(headers).not.toContain('Capacity');
    await page.reload();
    await expect.poll(headers).toContain('Serial number');
    expect(await headers()).not.toContain('Capacity');
    await page.locator('.view-editor summary').click();
    await page.getByRole('button', { name: 'Back to the view’s columns' }).click();
    await expect.poll(headers).toContain('Capacity');
    // Resizing a column by its edge makes it wider and selects no text on the way.
    const nameHeader = page.locator('thead th:not(.select-column)').first();
    const before = (await nameHeader.boundingBox())?.width ?? 0;
    const edge = await nameHeader.locator('.resizer').boundingBox();
    if (!edge) throw new Error('no column edge');
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + 80, edge.y + edge.height / 2, { steps: 8 });
    await page.mouse.up();
    expect((await nameHeader.boundingBox())?.width ?? 0).toBeGreaterThan(before + 40);
    expect(await page.evaluate('String(getSelection())')).toBe('');

    await page.getByRole('button', { name: 'New' }).click();
    // The form follows the designed layout: column 2 starts at the top, beside column 1.
    await expectColumnsSideBySide(page, '.record-form', 'name', 'serial_no');
    await page.locator('#field-name').fill('Lobby machine');
    await page.locator('#field-capacity').fill('900');
    await page.getByRole('button', { name: 'Save' }).click();
    // Checked in the browser first: the required serial number and the capacity bound, on their fields.
    await expect.poll(() => page.locator('#error-serial_no').textContent()).toBe('This field is required.');
    expect(await page.locator('#error-capacity').textContent()).toBe('At most 500.');
    await page.screenshot({ path: `${SHOTS}en-2-errors.png` });

    await page.locator('#field-serial_no').fill('SN-1001');
    await page.locator('#field-capacity').fill('120');
    await page.locator('#field-status').selectOption('active');
    await page.locator('#field-installed_on').fill('2026-03-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/o\/vending_machine\/[0-9a-f-]{36}$/);
    expect(await page.locator('dd[data-field=capacity]').textContent()).toBe('120');
    // A date is the day it is, in Shanghai as anywhere.
    expect(await page.locator('dd[data-field=installed_on]').textContent()).toBe('Mar 1, 2026');
    await expectColumnsSideBySide(page, '.record-page', 'name', 'serial_no');
    await page.screenshot({ path: `${SHOTS}en-3-record.png` });

    await ws.records.insert('vending_machine', { name: 'Warehouse machine', serial_no: 'SN-2' });
    await ws
      .recordsFor(subjectOf(endUser))
      .insert('vending_machine', { name: 'Kiosk machine', serial_no: 'SN-3' });
    await page.getByRole('link', { name: 'Vending Machines' }).click();
    // The first saved view (open machines) is what the list opens with; this search is over all records.
    await page.getByRole('combobox', { name: 'View' }).selectOption('');
    await page.getByRole('combobox', { name: 'Field' }).selectOption('name');
    await page.getByRole('combobox', { name: 'operator' }).selectOption('contains');
    await page.getByRole('textbox', { name: 'value' }).fill('lobby');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await page.locator('tbody td[data-field=name]').first().textContent()).toBe('Lobby machine');
    expect(await page.locator('.count').textContent()).toBe('1 record');
    // Operators read as words, and a chip says its condition as a sentence.
    expect(await page.locator('.chip').first().textContent()).toBe('Name contains lobby ×');
    // A second condition, and "match any": the records meeting either one.
    await page.getByRole('combobox', { name: 'Field' }).selectOption('serial_no');
    await page.getByRole('combobox', { name: 'Operator' }).selectOption('eq');
    await page.getByRole('textbox', { name: 'Value' }).fill('SN-3');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(1);
    await page.getByRole('combobox', { name: 'Match' }).selectOption('any');
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    expect((await page.locator('tbody tr td[data-field=name]').allTextContents()).sort()).toEqual([
      'Kiosk machine',
      'Lobby machine',
    ]);
    expect(await page.locator('.chip').nth(1).textContent()).toBe('or Serial number is SN-3 ×');
    await page.screenshot({ path: `${SHOTS}en-4-filtered.png` });

    await page.getByRole('link', { name: 'Lobby machine' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Edit Lobby machine');
    await page.locator('#field-capacity').fill('150');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('dd[data-field=capacity]').textContent()).toBe('150');
    const history = page.locator('.history tr').first();
    await expect.poll(() => history.textContent()).toContain('Capacity120→ 150');
    await page.screenshot({ path: `${SHOTS}en-5-history.png`, fullPage: true });

    // Delete, from the record's menu, asked once more in a dialog: cancelled, the record stays; confirmed, it is gone and the list shows.
    const doomed = await ws
      .recordsFor(subjectOf(endUser))
      .insert('vending_machine', { name: 'Doomed machine', serial_no: 'SN-4' });
    await page.goto(`${api.server.url}/o/vending_machine/${doomed.id}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const question = page.getByRole('alertdialog');
    await expect
      .poll(() => question.locator('p').textContent())
      .toBe('Delete “Doomed machine”? This cannot be undone.');
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await question.count()).toBe(0);
    expect((await api.call('GET', `/api/v1/data/vending_machine/${doomed.id}`)).status).toBe(200);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.screenshot({ path: `${SHOTS}en-6-delete.png` });
    await question.getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL('**/o/vending_machine');
    expect((await api.call('GET', `/api/v1/data/vending_machine/${doomed.id}`)).status).toBe(404);
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('the same in 简体中文, with the server’s rule message in Chinese on its field', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page, 'zh-CN');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('自动售货机');
    await page.getByRole('button', { name: '新建' }).click();
    await page.locator('#field-name').fill('故障机');
    await page.locator('#field-serial_no').fill('X-9');
    await page.locator('#field-status').selectOption('broken');
    await page.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => page.locator('#error-serial_no').textContent())
      .toBe('故障设备的序列号必须以 VM- 开头');
    expect(await page.locator('label[for=field-status]').textContent()).toBe('状态');
    await page.screenshot({ path: `${SHOTS}zh-1-rule.png` });
    await page.locator('#field-serial_no').fill('VM-9');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/o\/vending_machine\/[0-9a-f-]{36}$/);
    expect(await page.locator('dd[data-field=status]').textContent()).toBe('故障');
    await page.screenshot({ path: `${SHOTS}zh-2-record.png` });
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('ten thousand loaded rows scroll without being rendered all', async () => {
    // The user's own records: what a private object's list shows them.
    const theirs = ws.recordsFor(subjectOf(endUser));
    for (let batch = 0; batch < 10; batch++)
      await theirs.bulk('vending_machine', {
        operation: 'create',
        records: Array.from({ length: 1000 }, (_, i) => ({
          name: `Bulk ${String(batch * 1000 + i).padStart(5, '0')}`,
          serial_no: `B-${batch}-${i}`,
        })),
      });
    const total = await theirs.count('vending_machine');
    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page);
    await page.getByRole('combobox', { name: 'View' }).selectOption('');
    await page.getByRole('combobox', { name: 'Rows per page' }).selectOption('500');
    await expect
      .poll(() => page.locator('.count').textContent())
      .toBe(`${total.toLocaleString('en-US')} records`);
    for (let loaded = 500; loaded < total; loaded += 500) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect
        .poll(() => page.locator('table').getAttribute('data-loaded'))
        .toBe(String(Math.min(loaded + 500, total)));
    }
    const rendered = await page.locator('tbody tr').count();
    expect(rendered).toBeLessThan(80);
    await page.locator('.grid-scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    // The header is row 1; the last record is row total + 1, rendered once scrolled to.
    await expect
      .poll(() => page.locator('tbody tr').last().getAttribute('aria-rowindex'))
      .toBe(String(total + 1));
    expect(await page.locator('tbody tr').count()).toBeLessThan(80);
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  }, 120_000);

  it('the form renderer edits every field type a person types in, and sends each value as the API takes it', async () => {
    const num = (field: string, extra: Record<string, unknown> = {}) => ({
      type: 'number',
      'x-tessera': { field, ...extra },
    });
    const str = (field: string, extra: Record<string, unknown> = {}) => ({
      type: 'string',
      'x-tessera': { field },
      ...extra,
    });
    const specimen = {
      type: 'object',
      'x-tessera': { apiName: 'specimen', nameField: 'name', label: { en: 'Specimen' } },
      properties: {
        name: str('text', { maxLength: 80 }),
        notes: str('textarea', { maxLength: 2000 }),
        units: { type: 'integer', 'x-tessera': { field: 'integer' } },
        weight: num('number', { scale: 2 }),
        price: num('currency', { scale: 2 }),
        share: num('percent'),
        done: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
        due: str('date', { format: 'date' }),
        seen_at: str('datetime', { format: 'date-time' }),
        opens: str('time', { format: 'time' }),
        mail: str('email', { format: 'email' }),
        tel: str('phone'),
        site: str('url', { format: 'uri' }),
        colour: {
          type: 'string',
          enum: ['red', 'blue'],
          'x-tessera': {
            field: 'picklist',
            options: [{ value: 'red', color: '#c0352b' }, { value: 'blue' }],
          },
        },
        tags: {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', enum: ['a', 'b', 'c'] },
          'x-tessera': { field: 'multipicklist', options: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] },
        },
        machine_id: str('lookup', {
          format: 'uuid',
          'x-tessera': { field: 'lookup', target: 'vending_machine' },
        }),
        country: {
          type: 'string',
          enum: ['cn', 'us'],
          'x-tessera': { field: 'picklist', options: [{ value: 'cn' }, { value: 'us' }] },
        },
        city: {
          type: 'string',
          enum: ['shanghai', 'boston', 'online'],
          'x-tessera': {
            field: 'picklist',
            controllingField: 'country',
            options: [
              { value: 'shanghai', validFor: ['cn'] },
              { value: 'boston', validFor: ['us'] },
              { value: 'online' },
            ],
          },
        },
      },
      required: ['name'],
    };
    await ws.deploy({ ...ws.model.documents, objects: [...ws.model.documents.objects, specimen as never] });
    const target = await ws.records.insert('vending_machine', { name: 'Picker target', serial_no: 'PT-1' });
    const page = await browser.newPage({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await signIn(page, undefined, 'admin@example.com', null);
    await page.goto(`${api.server.url}/o/specimen/new`);
    const fill = (field: string, value: string) => page.locator(`#field-${field}`).fill(value);
    await fill('name', 'S-1');
    await fill('notes', 'two\nlines');
    await fill('units', '7');
    await fill('weight', '2.5');
    await fill('price', '19.99');
    await fill('share', '12.5');
    await page.locator('#field-done').check();
    await fill('due', '2026-02-28');
    await fill('seen_at', '2026-03-01T08:30');
    await fill('opens', '09:15:00');
    await fill('mail', 'lab@example.com');
    await fill('tel', '+86 571 8888 1234');
    await fill('site', 'https://example.com/s');
    await page.locator('#field-colour').selectOption('red');
    await page.locator('#field-tags').selectOption(['a', 'c']);
    // A dependent picklist offers what fits its controlling field's value.
    const cities = () =>
      page
        .locator('#field-city option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    expect(await cities()).toEqual(['', 'shanghai', 'boston', 'online']);
    await page.locator('#field-country').selectOption('us');
    await expect.poll(cities).toEqual(['', 'boston', 'online']);
    await page.locator('#field-city').selectOption('boston');
    // A lookup's box asks for a search; the record picked is its chip, named once.
    expect(await page.locator('#field-machine_id').getAttribute('placeholder')).toBe('Type to search…');
    await page.locator('#field-machine_id').fill('Picker');
    await page.getByRole('button', { name: 'Picker target' }).click();
    await page.getByRole('button', { name: 'Clear Picker target' }).waitFor();
    expect(await page.locator('#field-machine_id').getAttribute('placeholder')).toBe('Type to search…');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/o\/specimen\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) as string;
    const saved = await ws.records.get('specimen', id);
    expect(saved).toMatchObject({
      name: 'S-1',
      notes: 'two\nlines',
      units: 7,
      weight: 2.5,
      price: 19.99,
      share: 12.5,
      done: true,
      due: '2026-02-28',
      // 08:30 in Shanghai is 00:30 UTC.
      seen_at: '2026-03-01T00:30:00.000Z',
      opens: '09:15:00',
      mail: 'lab@example.com',
      site: 'https://example.com/s',
      colour: 'red',
      tags: ['a', 'c'],
      machine_id: target.id,
      country: 'us',
      city: 'boston',
    });
    expect(String(saved.tel)).toContain('8888');
    // Shown back as the user reads it: the colour as a badge, the instant in Shanghai time.
    expect(await page.locator('dd[data-field=colour] .badge').textContent()).toBe('red');
    expect(await page.locator('dd[data-field=seen_at]').textContent()).toBe('Mar 1, 2026, 8:30 AM');
    await page.screenshot({ path: `${SHOTS}form-all-types.png`, fullPage: true });
    // Edited, the lookup shows its record once (the chip), and the page says what it edits.
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Edit S-1');
    await page.getByRole('button', { name: 'Clear Picker target' }).waitFor();
    expect(await page.locator('#field-machine_id').getAttribute('placeholder')).toBe('Type to search…');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('编辑 S-1');
    expect(await page.locator('#field-machine_id').getAttribute('placeholder')).toBe('输入名称搜索…');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('a lookup shows its record by name as a link; a related list its child’s labels and formats; a roll-up its scale', async () => {
    const specimen = ws.model.documents.objects.find((o) => o['x-tessera'].apiName === 'specimen');
    if (!specimen) throw new Error('the form renderer’s specimen is missing');
    const reading = {
      type: 'object',
      'x-tessera': {
        apiName: 'reading',
        nameField: 'name',
        label: { en: 'Reading', 'zh-CN': '读数' },
        pluralLabel: { en: 'Readings', 'zh-CN': '读数' },
      },
      properties: {
        name: { type: 'string', 'x-tessera': { field: 'text', label: { en: 'Name', 'zh-CN': '名称' } } },
        amount: {
          type: 'number',
          'x-tessera': { field: 'currency', scale: 2, label: { en: 'Amount', 'zh-CN': '金额' } },
        },
        specimen_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': {
            field: 'master_detail',
            target: 'specimen',
            label: { en: 'Specimen', 'zh-CN': '样品' },
          },
        },
      },
      required: ['name', 'specimen_id'],
    };
    const rollups = {
      total: {
        type: 'number',
        readOnly: true,
        'x-tessera': {
          field: 'rollup',
          summarizedObject: 'reading',
          function: 'sum',
          summarizedField: 'amount',
          label: { en: 'Total' },
        },
      },
      readings: {
        type: 'integer',
        readOnly: true,
        'x-tessera': {
          field: 'rollup',
          summarizedObject: 'reading',
          function: 'count',
          label: { en: 'Readings' },
        },
      },
    };
    const layout = {
      kind: 'layout',
      apiName: 'specimen_layout',
      object: 'specimen',
      sections: [
        {
          id: 'main',
          columns: 2,
          items: ['name', 'machine_id', 'total', 'readings', 'price'].map((field) => ({ field, column: 1 })),
        },
      ],
      relatedLists: [{ object: 'reading', field: 'specimen_id', columns: ['name', 'amount', 'specimen_id'] }],
    };
    const documents = ws.model.documents;
    await ws.deploy({
      ...documents,
      objects: [
        ...documents.objects.filter((o) => o !== specimen),
        {
          ...specimen,
          // Its changes kept, so its history shows a lookup's old and new records too.
          'x-tessera': { ...specimen['x-tessera'], sharing: 'public_read', trackHistory: true },
          properties: {
            ...specimen.properties,
            machine_id: {
              ...specimen.properties.machine_id,
              'x-tessera': {
                ...specimen.properties.machine_id?.['x-tessera'],
                label: { en: 'Machine', 'zh-CN': '设备' },
              },
            },
            ...rollups,
          },
        } as never,
        { ...reading, 'x-tessera': { ...reading['x-tessera'], sharing: 'public_read' } } as never,
      ],
      layouts: [...(documents.layouts ?? []), layout as never],
      // End users read specimens and their readings too, but not the machines of others.
      permissionSets: (documents.permissionSets ?? []).map((p) =>
        p.apiName === 'operator'
          ? { ...p, objects: { ...p.objects, specimen: { read: true }, reading: { read: true } } }
          : p,
      ),
    });
    const machine = await ws.records.insert('vending_machine', { name: 'Linked machine', serial_no: 'LM-1' });
    const spare = await ws.records.insert('vending_machine', { name: 'Spare machine', serial_no: 'LM-2' });
    const own = await ws
      .recordsFor(subjectOf(endUser))
      .insert('vending_machine', { name: 'Own machine', serial_no: 'LM-3' });
    // The machine changed twice: its history names three machines, of which the end user may read one.
    const parent = await ws.records.insert('specimen', { name: 'S-2', machine_id: own.id, price: 360 });
    await ws.records.update('specimen', String(parent.id), { machine_id: spare.id });
    await ws.records.update('specimen', String(parent.id), { machine_id: machine.id });
    await ws.records.insert('reading', { name: 'First', amount: 9000, specimen_id: parent.id });
    await ws.records.insert('reading', { name: 'Second', amount: 360.5, specimen_id: parent.id });

    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page, undefined, 'admin@example.com', null);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${api.server.url}/o/specimen/${parent.id}`);
    // The lookup is the linked record's name, linking to its page; it came with the record (expand).
    const link = page.locator('dd[data-field=machine_id] a');
    await expect.poll(() => link.textContent()).toBe('Linked machine');
    expect(await link.getAttribute('href')).toBe(`/o/vending_machine/${machine.id}`);
    expect(requests.filter((u) => u.includes('/data/vending_machine/'))).toEqual([]);
    // Its history shows the lookup's old and new records by name, as links, newest first; all their names came
    // in one request for the machines (id in the history's ids, the name field only), none per row.
    const changes = page.locator('.history tr[data-field=machine_id]');
    await expect.poll(() => changes.count()).toBe(2);
    await expect.poll(() => changes.first().locator('td.new').textContent()).toBe('→ Linked machine');
    expect(await changes.first().locator('td.old').textContent()).toBe('Spare machine');
    expect(await changes.first().locator('td.new a').getAttribute('href')).toBe(
      `/o/vending_machine/${machine.id}`,
    );
    expect(await changes.last().locator('td').allTextContents()).toEqual([
      expect.any(String),
      'Machine',
      'Own machine',
      '→ Spare machine',
    ]);
    // (The list the sign-in lands on may still be asking for its machines: only requests by id count here.)
    const namesCalls = requests.filter((u) => {
      const url = new URL(u);
      return (
        url.pathname === '/api/v1/data/vending_machine' && url.searchParams.get('filter')?.includes('"in"')
      );
    });
    expect(namesCalls).toHaveLength(1);
    const names = new URL(namesCalls[0] as string).searchParams;
    expect(JSON.parse(names.get('filter') as string).id.in.sort()).toEqual(
      [own.id, spare.id, machine.id].sort(),
    );
    expect(names.get('fields')).toBe('name');
    // A sum over money reads as money, with its two digits; a count as a whole number.
    expect(await page.locator('dd[data-field=total]').textContent()).toBe('9,360.50');
    expect(await page.locator('dd[data-field=price]').textContent()).toBe('360.00');
    expect(await page.locator('dd[data-field=readings]').textContent()).toBe('2');
    // The related list: the child's labels, its values formatted, its lookup by name.
    const related = page.locator('.related[data-object=reading]');
    await expect.poll(() => related.locator('th').allTextContents()).toEqual(['Name', 'Amount', 'Specimen']);
    await expect.poll(() => related.locator('tbody tr').count()).toBe(2);
    const first = related.locator('tbody tr', { hasText: 'First' });
    expect(await first.locator('td').allTextContents()).toEqual(['First', '9,000.00', 'S-2']);
    expect(await first.locator('td a').last().getAttribute('href')).toBe(`/o/specimen/${parent.id}`);
    expect(await related.locator('h2').textContent()).toBe('Readings (2)');
    // An admin may delete it: Delete is in the page's menu.
    await page.getByRole('button', { name: 'More actions' }).click();
    expect(await page.getByRole('menuitem', { name: 'Delete' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${SHOTS}lookups-record.png`, fullPage: true });

    // In 简体中文, the child's own Chinese labels.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => related.locator('th').allTextContents()).toEqual(['名称', '金额', '样品']);

    // Following the link opens the linked record.
    await link.click();
    await page.waitForURL(`**/o/vending_machine/${machine.id}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Linked machine');

    // In the list, a lookup column shows names too: all in the page's one request, none per row.
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.goto(`${api.server.url}/o/specimen`);
    await page.getByText('Columns and saved views').click();
    requests.length = 0;
    await page.getByRole('checkbox', { name: 'Machine' }).check();
    const cell = page.locator('tbody tr', { hasText: 'S-2' }).locator('td a', { hasText: 'Linked machine' });
    await expect.poll(() => cell.getAttribute('href')).toBe(`/o/vending_machine/${machine.id}`);
    const dataCalls = requests.filter((u) => u.includes('/api/v1/data/'));
    expect(dataCalls).toHaveLength(1);
    expect(new URL(dataCalls[0] as string).searchParams.get('expand')).toBe('machine_id');
    await page.screenshot({ path: `${SHOTS}lookups-list.png` });

    // The filter's value for a lookup is the same searchable picker: the machine is picked by its name, the chip
    // says that name, and the filter sent is the machine's id.
    await page.getByRole('combobox', { name: 'Field' }).selectOption('machine_id');
    // By keyboard: type, Down into the results, Enter.
    await page.getByRole('searchbox', { name: 'Value' }).fill('linked');
    await page
      .locator('.filter-builder .lookup-options')
      .getByRole('button', { name: 'Linked machine' })
      .waitFor();
    await page.getByRole('searchbox', { name: 'Value' }).press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Clear Linked machine' }).waitFor();
    requests.length = 0;
    await page.getByRole('button', { name: 'Apply' }).click();
    const condition = page.locator('.filter-builder > .chip');
    await expect.poll(() => condition.textContent()).toBe('Machine is Linked machine ×');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr td[data-field]').first().textContent()).toBe('S-2');
    const listCall = requests.find((u) => new URL(u).pathname === '/api/v1/data/specimen');
    expect(JSON.parse(new URL(listCall as string).searchParams.get('filter') as string)).toEqual({
      machine_id: { eq: machine.id },
    });
    await page.screenshot({ path: `${SHOTS}lookups-filter.png` });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => condition.textContent()).toBe('设备 等于 Linked machine ×');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.close();

    // Someone who may not read the linked machine sees a muted dash, not an error and not an id.
    const user = await browser.newPage({ locale: 'en-US' });
    await signIn(user, undefined, 'user@example.com', null);
    await user.goto(`${api.server.url}/o/specimen/${parent.id}`);
    const hidden = user.locator('dd[data-field=machine_id] .muted');
    await expect.poll(() => hidden.textContent()).toBe('—');
    expect(await user.locator('dd[data-field=machine_id] a').count()).toBe(0);
    expect(await user.locator('[role=alert]').count()).toBe(0);
    // They may read specimens but not delete them: no Delete offered.
    expect(await user.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await expect.poll(() => user.locator('.related tbody tr').count()).toBe(2);
    // So do the machines in the history they may not read, the id on hover; their own machine is a link.
    const theirChanges = user.locator('.history tr[data-field=machine_id]');
    await expect.poll(() => theirChanges.count()).toBe(2);
    await expect.poll(() => theirChanges.first().locator('td.new').textContent()).toBe('→ —');
    expect(await theirChanges.first().locator('td.new .muted').getAttribute('title')).toBe(machine.id);
    expect(await theirChanges.first().locator('td.old .muted').getAttribute('title')).toBe(spare.id);
    expect(await theirChanges.last().locator('td.old a').textContent()).toBe('Own machine');
    expect(await theirChanges.last().locator('td.old a').getAttribute('href')).toBe(
      `/o/vending_machine/${own.id}`,
    );
    await user.screenshot({ path: `${SHOTS}lookups-history-hidden.png`, fullPage: true });
    await user.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });
  it('a user field shows its user by name (a deactivated one marked), is picked by name or "Me", and filters by me', async () => {
    const job = {
      type: 'object',
      'x-tessera': {
        apiName: 'job',
        nameField: 'name',
        trackHistory: true,
        label: { en: 'Job', 'zh-CN': '任务' },
        pluralLabel: { en: 'Jobs', 'zh-CN': '任务' },
      },
      properties: {
        name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text', label: { en: 'Name' } } },
        assignee: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'user', label: { en: 'Assignee', 'zh-CN': '负责人' } },
        },
      },
      required: ['name'],
    };
    await ws.deploy({ ...ws.model.documents, objects: [...ws.model.documents.objects, job as never] });
    const ann = await ws.users.create(
      { email: 'ann.picker@example.com', name: 'Ann Picker' },
      ws.model.documents,
    );
    const cat = await ws.users.create(
      { email: 'cat.leaver@example.com', name: 'Cat Leaver' },
      ws.model.documents,
    );
    const admin = (await ws.users.list()).find((u) => u.email === 'admin@example.com') as User;
    const left = await ws.records.insert('job', { name: 'J-left', assignee: cat.id });
    await ws.users.update(cat.id, { active: false }, ws.model.documents);

    const page = await browser.newPage({ locale: 'en-US' });
    await signIn(page, undefined, 'admin@example.com', null);
    await page.goto(`${api.server.url}/o/job/new`);
    await page.locator('#field-name').fill('J-1');
    expect(await page.locator('#field-assignee').getAttribute('placeholder')).toBe('Type a name or e-mail…');
    // Searched by e-mail; a deactivated user is never offered.
    await page.locator('#field-assignee').fill('example.com');
    const options = page.locator('.lookup-options button');
    await expect
      .poll(() => options.allTextContents())
      .toEqual(expect.arrayContaining(['Admin <admin@example.com>', 'Ann Picker <ann.picker@example.com>']));
    expect((await options.allTextContents()).filter((o) => o.includes('Cat'))).toEqual([]);
    await page.getByRole('button', { name: 'Ann Picker <ann.picker@example.com>' }).click();
    await page.getByRole('button', { name: 'Clear Ann Picker <ann.picker@example.com>' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/o\/job\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').at(-1) as string;
    expect((await ws.records.get('job', id)).assignee).toBe(ann.id);
    await expect.poll(() => page.locator('dd[data-field=assignee]').textContent()).toBe('Ann Picker');

    // "Me" puts the signed-in user; the chip names them; the history names both by name.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Me' }).click();
    await page.getByRole('button', { name: 'Clear Admin' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('dd[data-field=assignee]').textContent()).toBe('Admin');
    expect((await ws.records.get('job', id)).assignee).toBe(admin.id);
    await expect
      .poll(() => page.locator('.history tr[data-field=assignee] td').allTextContents())
      .toEqual([expect.any(String), 'Assignee', 'Ann Picker', '→ Admin']);

    // A deactivated user stays on their record, marked, and the record still edits.
    await page.goto(`${api.server.url}/o/job/${left.id}`);
    await expect
      .poll(() => page.locator('dd[data-field=assignee]').textContent())
      .toBe('Cat Leaver (deactivated)');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Clear Cat Leaver (deactivated)' }).waitFor();
    await page.locator('#field-name').fill('J-left renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('J-left renamed');

    // The list shows names in the cells (expanded with the page) and filters by "Me".
    await page.goto(`${api.server.url}/o/job`);
    const cells = page.locator('tbody tr td[data-field=assignee]');
    await expect
      .poll(() => cells.allTextContents())
      .toEqual(expect.arrayContaining(['Admin', 'Cat Leaver (deactivated)']));
    await page.getByRole('combobox', { name: 'Field' }).selectOption('assignee');
    await page.locator('.filter-builder').getByRole('button', { name: 'Me' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.filter-builder > .chip').textContent()).toBe('Assignee is Me ×');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await cells.first().textContent()).toBe('Admin');
    await page.screenshot({ path: `${SHOTS}user-field-list.png` });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.locator('.filter-builder > .chip').textContent()).toBe('负责人 等于 我 ×');
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('shows installed templates as the README pictures them: the side bar by app, the designer, a work order in 简体中文', async () => {
    for (const name of ['crm-core', 'field-service']) {
      const r = await api.call(
        'POST',
        '/api/v1/meta/packages',
        packageSource(await readPackage(join(EXAMPLES, name))),
      );
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(201);
    }
    const page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 860 } });
    await signIn(page, undefined, 'admin@example.com', null);
    await page.goto(`${api.server.url}/setup/objects/work_order/layout`);
    await page.locator('.layout-picker select').selectOption('work_order_standard');
    await expectColumnsSideBySide(page, '.designer-preview', 'subject', 'status');
    await expect.poll(() => page.locator('nav .nav-app').allTextContents()).toContain('Field Service');
    await page.screenshot({ path: `${SHOTS}readme-layout-designer.png` });
    // Its related lists by the child's and the link's labels, their API names after them.
    await page.getByText('Who it is for, and related lists').click();
    expect(await page.locator('.layout-settings li').first().textContent()).toBe(
      'Part Consumptions · Work order (part_consumption.work_order) ×',
    );
    await page.getByText('Who it is for, and related lists').click();

    const workOrder = (await api.call('GET', '/api/v1/data/work_order?limit=1&sort=wo_number')).body.data[0];
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.goto(`${api.server.url}/o/work_order/${workOrder.id}`);
    await expectColumnsSideBySide(page, '.record-page', 'wo_number', 'status');
    await expect.poll(() => page.locator('nav .nav-app').allTextContents()).toContain('现场服务');
    await page.screenshot({ path: `${SHOTS}readme-record-page.png` });
    await page.close();
    expect(pageErrors.splice(0)).toEqual([]);
  }, 180_000);
});
