import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import { type Subject, SYSTEM_SUBJECT } from '../access/subject.js';
import type { TesseraError } from '../errors.js';
import type { DocumentSet } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';
import type { ImportFile, ImportOptions } from './import-types.js';
import { runnerName } from './runner-lease.js';

const account = object('account', {
  code: text({ 'x-tessera': { field: 'text', unique: true } }),
});
const contact = object('contact', {
  email: text({ 'x-tessera': { field: 'text', unique: true, label: { en: 'E-mail', 'zh-CN': '邮箱' } } }),
  age: {
    type: 'integer',
    minimum: 0,
    'x-tessera': { field: 'integer', label: { en: 'Age', 'zh-CN': '年龄' } },
  },
  since: { type: 'string', format: 'date', 'x-tessera': { field: 'date' } },
  amount: { type: 'number', 'x-tessera': { field: 'currency' } },
  active: { type: 'boolean', 'x-tessera': { field: 'boolean' } },
  secret: text(),
  account_id: { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
});
contact['x-tessera'].label = { en: 'Contact', 'zh-CN': '联系人' };
(contact.properties.name as { 'x-tessera': { label?: Record<string, string> } })['x-tessera'].label = {
  en: 'Full name',
  'zh-CN': '姓名',
};

const DOCS: DocumentSet = {
  objects: [account, contact],
  permissionSets: [
    {
      kind: 'permission_set',
      apiName: 'sales',
      objects: { contact: { read: true, create: true, edit: true }, account: { read: true } },
      fields: { contact: { secret: 'read' } },
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'tessera-imports-'));
let n = 0;
function csv(lines: string[] | Buffer, format: ImportFile['format'] = 'csv'): ImportFile {
  const path = join(dir, `f${n++}.${format}`);
  writeFileSync(path, Array.isArray(lines) ? `${lines.join('\n')}\n` : lines);
  return { path, fileName: `contacts.${format}`, format };
}

async function setUp(ws: Workspace) {
  await ws.deploy(DOCS);
  const accounts = await ws.records.insertMany('account', [
    { name: 'Acme', code: 'A1' },
    { name: 'Beta', code: 'B1' },
    { name: 'Twin', code: 'T1' },
    { name: 'Twin', code: 'T2' },
  ]);
  return Object.fromEntries(accounts.map((a) => [a.code as string, a.id as string]));
}

const run = (ws: Workspace, file: ImportFile, options: Partial<ImportOptions> = {}) =>
  ws.imports.run(SYSTEM_SUBJECT, file, { object: 'contact', ...options });

const contacts = async (ws: Workspace) =>
  (await ws.records.list('contact', { sort: 'email', limit: 500 })).map((c) => ({
    name: c.name,
    email: c.email,
    age: c.age,
    since: c.since,
    amount: c.amount,
    active: c.active,
    account_id: c.account_id,
  }));

describeEachDialect('imports', (env) => {
  it('inserts rows with lookups by name, id and unique field, in locale formats', async () => {
    const ws = await env.open();
    const ids = await setUp(ws);
    const file = csv([
      'Full name;email;Age;since;amount;active;account_id;ignored',
      `Ann;ann@x.cn;30;5.3.2024;1.234,56;yes;Acme;x`,
      `Bob;bob@x.cn;;31.12.2023;-7;是;${ids.B1};`,
      'Cy;cy@x.cn;1;1.1.2020;0,5;0;;',
    ]);
    const done = await run(ws, file, { dateOrder: 'dmy', decimalSeparator: ',' });
    expect(done).toMatchObject({
      status: 'succeeded',
      total: 3,
      processed: 3,
      created: 3,
      failed: 0,
      errors: [],
    });
    expect(await contacts(ws)).toEqual([
      {
        name: 'Ann',
        email: 'ann@x.cn',
        age: 30,
        since: '2024-03-05',
        amount: 1234.56,
        active: true,
        account_id: ids.A1,
      },
      {
        name: 'Bob',
        email: 'bob@x.cn',
        age: null,
        since: '2023-12-31',
        amount: -7,
        active: true,
        account_id: ids.B1,
      },
      {
        name: 'Cy',
        email: 'cy@x.cn',
        age: 1,
        since: '2020-01-01',
        amount: 0.5,
        active: false,
        account_id: null,
      },
    ]);
    const byCode = csv(['name,email,account_id.code', 'Dee,dee@x.cn,T2']);
    expect(await run(ws, byCode)).toMatchObject({ status: 'succeeded', created: 1 });
    expect((await contacts(ws)).find((c) => c.email === 'dee@x.cn')?.account_id).toBe(ids.T2);
  });

  it('writes nothing when one row of an atomic import is bad, and reports every bad row by line and column', async () => {
    const ws = await env.open();
    await setUp(ws);
    const file = csv([
      'name,email,age,account_id',
      'Ann,ann@x.cn,30,Acme',
      'Bad,bad@x.cn,-1,Acme',
      'Odd,odd@x.cn,abc,Acme',
      'Who,who@x.cn,1,Nobody',
      'Two,two@x.cn,1,Twin',
      ',noname@x.cn,1,',
    ]);
    const done = await run(ws, file);
    expect(done).toMatchObject({
      status: 'failed',
      created: 0,
      failed: 5,
      error: { code: 'rows_failed' },
    });
    expect(done.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'age', 'minimum'],
      [4, 'age', 'bad_cell'],
      [5, 'account_id', 'unknown_lookup'],
      [6, 'account_id', 'ambiguous_lookup'],
      [7, 'name', 'required'],
    ]);
    expect(await ws.records.count('contact')).toBe(0);
    const lines: string[] = [];
    for await (const line of ws.imports.errorsCsv(SYSTEM_SUBJECT, done.id)) lines.push(line);
    expect(lines[0]).toBe('line,column,field,code,message\n');
    expect(lines[2]).toMatch(/^4,age,age,bad_cell,"""abc"" is not a value of age/);
    expect(lines).toHaveLength(6);
  });

  it('writes row errors in the language of whoever started the import, when a runner carries it out later', async () => {
    const ws = await env.open();
    await setUp(ws);
    const lines = [
      'name,email,age,account_id',
      ',a@x.cn,1,',
      'B,b@x.cn,-1,',
      'C,c@x.cn,x,',
      'D,d@x.cn,1,Nobody',
    ];
    const zh = await ws.imports.start(
      SYSTEM_SUBJECT,
      csv(lines),
      { object: 'contact', atomic: false },
      {
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      },
    );
    // Stored with the import: a runner in another process (here: a reopened workspace) still knows it.
    const again = await env.reopen(ws);
    expect(await again.imports.runner().runDue()).toBe(1);
    const view = await again.imports.get(SYSTEM_SUBJECT, zh.id);
    expect(view.errors.map((e) => [e.code, e.message])).toEqual([
      ['required', expect.stringContaining('必填')],
      ['minimum', '不能小于 0'],
      ['bad_cell', '“x”不是 age 的值（integer：整数，例如 1234）'],
      ['unknown_lookup', '没有与“Nobody”匹配的 account 记录'],
    ]);
    // Refusals of the whole import too: its columns, its file, why it failed.
    const zhLocality = { locale: 'zh-CN', timeZone: 'Asia/Shanghai' };
    await expect(
      again.imports.start(
        SYSTEM_SUBJECT,
        csv(lines),
        { object: 'contact', mapping: { nope: 'name' } },
        zhLocality,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_import',
      message: '文件的列无法导入：列“nope”：映射中指定的列在文件中不存在',
    });
    await expect(
      again.imports.preview(
        SYSTEM_SUBJECT,
        csv(['name', '"never closed']),
        { object: 'contact' },
        zhLocality,
      ),
    ).rejects.toMatchObject({ message: '文件不是有效的 CSV：引号未闭合（第 3 行）' });
    const failed = await again.imports.run(
      SYSTEM_SUBJECT,
      csv(lines),
      { object: 'contact' },
      undefined,
      zhLocality,
    );
    expect(failed.error).toEqual({ code: 'rows_failed', message: '4 行失败；未写入任何数据' });
    const en = await again.imports.run(SYSTEM_SUBJECT, csv(lines), { object: 'contact', atomic: false });
    expect(en.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('is required'),
      expect.stringMatching(/[a-z]{4}/),
      expect.stringContaining('"x" is not a value of age'),
      'no account record matches "Nobody"',
    ]);
  });

  it('resolves lookups the same in every batch: found ones remembered, unknown and ambiguous ones reported each time', async () => {
    const ws = await env.open();
    const ids = await setUp(ws);
    // Lines 2 to 1201: two batches, with a bad cell of each kind in both.
    const cell = (i: number) => (i === 5 || i === 1100 ? 'Nobody' : i === 7 || i === 1107 ? 'Twin' : 'Acme');
    const rows = Array.from({ length: 1200 }, (_, i) => `P${i},p${i}@x.cn,${cell(i)}`);
    const view = await run(ws, csv(['name,email,account_id', ...rows]), { atomic: false });
    expect(view).toMatchObject({ status: 'succeeded', created: 1196, failed: 4 });
    expect(view.errors.map((e) => [e.line, e.code])).toEqual([
      [7, 'unknown_lookup'],
      [9, 'ambiguous_lookup'],
      [1102, 'unknown_lookup'],
      [1109, 'ambiguous_lookup'],
    ]);
    expect(await ws.records.count('contact', { account_id: { eq: ids.A1 } })).toBe(1196);
    // By a unique field, in one transaction: every row of both batches linked to its own account.
    const byCode = Array.from({ length: 1100 }, (_, i) => `Q${i},q${i}@x.cn,${i % 3 ? 'B1' : 'A1'}`);
    expect(await run(ws, csv(['name,email,account_id.code', ...byCode]))).toMatchObject({
      status: 'succeeded',
      created: 1100,
    });
    expect(await ws.records.count('contact', { account_id: { eq: ids.B1 } })).toBe(733);
    expect(await ws.records.count('contact', { account_id: { eq: ids.A1 } })).toBe(1196 + 367);
  });

  it('writes the good rows of a non-atomic import and reports the others', async () => {
    const ws = await env.open();
    await setUp(ws);
    const file = csv(['name,email,age', 'Ann,ann@x.cn,30', 'Bad,bad@x.cn,-1', 'Cy,cy@x.cn,2']);
    const done = await run(ws, file, { atomic: false });
    expect(done).toMatchObject({ status: 'succeeded', created: 2, failed: 1, processed: 3 });
    expect(done.errors).toEqual([
      { line: 3, column: 'age', field: 'age', code: 'minimum', message: expect.any(String) },
    ]);
    expect((await contacts(ws)).map((c) => c.email)).toEqual(['ann@x.cn', 'cy@x.cn']);
  });

  it('refuses a row that breaks a rule by default; with rules reported (admins) imports it and lists the rule', async () => {
    const ws = await env.open();
    await setUp(ws);
    await ws.deploy({
      ...ws.model.documents,
      validationRules: [
        {
          kind: 'validation_rule',
          apiName: 'old_needs_since',
          object: 'contact',
          formula: 'age > 100 && ISBLANK(since)',
          field: 'since',
          message: { en: 'An old contact needs a since date', 'zh-CN': '年长联系人需要起始日期' },
        },
      ],
    });
    const lines = ['name,email,age', 'Ann,ann@x.cn,30', 'Old,old@x.cn,101', 'Cy,cy@x.cn,2'];
    const enforced = await run(ws, csv(lines));
    expect(enforced).toMatchObject({ status: 'failed', rules: 'enforce', created: 0, failed: 1 });
    expect(enforced.errors.map((e) => [e.line, e.field, e.code])).toEqual([[3, 'since', 'rule']]);
    expect(await ws.records.count('contact')).toBe(0);

    const reported = await run(ws, csv(lines), { rules: 'report' });
    expect(reported).toMatchObject({ status: 'succeeded', rules: 'report', created: 3, failed: 0 });
    expect(reported.errors).toEqual([
      {
        line: 3,
        column: null,
        field: 'since',
        code: 'rule',
        message: 'An old contact needs a since date (reported, not enforced: the row was imported)',
      },
    ]);
    expect(await ws.records.count('contact')).toBe(3);

    // Only admins; and only the two modes.
    const rep: Subject = { userId: null, admin: false, role: null, permissionSets: ['sales'] };
    await expect(
      ws.imports.run(rep, csv(lines), { object: 'contact', rules: 'report' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(ws, csv(lines), { rules: 'skip' as never })).rejects.toMatchObject({
      code: 'invalid_import',
      issues: [{ pointer: '/rules', code: 'bad_rules' }],
    });
  });

  it('upserts by a unique field without duplicates, and updates by id', async () => {
    const ws = await env.open();
    await setUp(ws);
    const file = csv(['email,name,age', 'ann@x.cn,Ann,30', 'bob@x.cn,Bob,40']);
    expect(await run(ws, file, { mode: 'upsert', key: 'email' })).toMatchObject({ created: 2, updated: 0 });
    const again = csv(['email,name,age', 'ann@x.cn,Ann,31', 'cy@x.cn,Cy,1']);
    expect(await run(ws, again, { mode: 'upsert', key: 'email' })).toMatchObject({ created: 1, updated: 1 });
    expect((await contacts(ws)).map((c) => [c.email, c.age])).toEqual([
      ['ann@x.cn', 31],
      ['bob@x.cn', 40],
      ['cy@x.cn', 1],
    ]);
    const [ann] = await ws.records.list('contact', { filter: { email: { eq: 'ann@x.cn' } } });
    const byId = csv(['id,age', `${ann?.id},32`, '0190a000-0000-7000-8000-000000000000,1']);
    const updated = await run(ws, byId, { mode: 'update', atomic: false });
    expect(updated).toMatchObject({ updated: 1, failed: 1, errors: [{ line: 3, code: 'not_found' }] });
    expect(await ws.records.count('contact')).toBe(3);
  });

  it('refuses a file whose keys repeat, naming the lines, before writing anything', async () => {
    const ws = await env.open();
    await setUp(ws);
    const file = csv(['email,name', 'a@x.cn,A', 'b@x.cn,B', 'a@x.cn,A again', 'a@x.cn,A thrice']);
    const done = await run(ws, file, { mode: 'upsert', key: 'email', atomic: false });
    expect(done).toMatchObject({ status: 'failed', error: { code: 'duplicate_key' } });
    expect(done.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'duplicate_key'],
      [4, 'duplicate_key'],
      [5, 'duplicate_key'],
    ]);
    expect(done.errors[0]?.message).toContain('lines 2, 4, 5');
    expect(await ws.records.count('contact')).toBe(0);
  });

  it('reports on a dry run exactly what a real run would, writing nothing', async () => {
    const ws = await env.open();
    await setUp(ws);
    const lines = ['name,email,age', 'Ann,ann@x.cn,30', 'Bad,bad@x.cn,-1', 'Cy,cy@x.cn,2'];
    const dry = await run(ws, csv(lines), { atomic: false, dryRun: true });
    expect(await ws.records.count('contact')).toBe(0);
    const real = await run(ws, csv(lines), { atomic: false });
    const shape = (v: typeof dry) => [v.status, v.created, v.updated, v.failed, v.errors];
    expect(shape(dry)).toEqual(shape(real));
    expect(dry.dryRun).toBe(true);
  });

  it('reads XLSX as it reads CSV, and GB18030 files with Chinese labels as headers', async () => {
    const ws = await env.open();
    await setUp(ws);
    const path = join(dir, `book${n++}.xlsx`);
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
    const sheet = book.addWorksheet('c');
    sheet.addRow(['name', 'email', 'age', 'since', 'amount']).commit();
    sheet.addRow(['Ann', 'ann@x.cn', 30, new Date(Date.UTC(2024, 2, 5)), 12.5]).commit();
    await book.commit();
    await run(ws, { path, fileName: 'c.xlsx', format: 'xlsx' });
    const fromXlsx = await contacts(ws);
    const ws2 = await env.open();
    await setUp(ws2);
    await run(ws2, csv(['name,email,age,since,amount', 'Ann,ann@x.cn,30,2024-03-05,12.5']));
    expect(fromXlsx).toEqual(await contacts(ws2));
    const gb = csv(iconv.encode('姓名,邮箱,年龄\n王芳,wf@x.cn,28\n', 'gb18030'));
    expect(await run(ws2, gb)).toMatchObject({ status: 'succeeded', created: 1 });
    expect((await contacts(ws2)).find((c) => c.email === 'wf@x.cn')).toMatchObject({ name: '王芳', age: 28 });
    const bom = csv(Buffer.from('\ufeffname,email\nBo,bo@x.cn\n'));
    expect(await run(ws2, bom)).toMatchObject({ created: 1 });
  });

  it('refuses columns the caller may not write, before anything runs', async () => {
    const ws = await env.open();
    await setUp(ws);
    const sales: Subject = { userId: null, admin: false, role: null, permissionSets: ['sales'] };
    const file = csv(['name,email,secret', 'Ann,ann@x.cn,s']);
    await expect(ws.imports.start(sales, file, { object: 'contact' })).rejects.toMatchObject({
      code: 'invalid_import',
      issues: [{ pointer: '/columns/secret', code: 'readOnly' }],
    });
    await expect(
      ws.imports.start(SYSTEM_SUBJECT, csv(['name,email', 'A,a']), { object: 'contact', mode: 'update' }),
    ).rejects.toMatchObject({ code: 'invalid_import', issues: [{ code: 'no_key_column' }] });
    await expect(
      ws.imports.start(SYSTEM_SUBJECT, csv(['name', 'A']), { object: 'contact', mapping: { nom: 'name' } }),
    ).rejects.toMatchObject({ issues: [{ code: 'unknown_column' }] });
  });

  it('queues one import per object, shows it only to its creator and admins, and cancels a queued one', async () => {
    const ws = await env.open();
    await setUp(ws);
    const file = csv(['name,email', 'Ann,ann@x.cn']);
    const first = await ws.imports.start(SYSTEM_SUBJECT, file, { object: 'contact' });
    await expect(ws.imports.start(SYSTEM_SUBJECT, file, { object: 'contact' })).rejects.toMatchObject({
      code: 'import_running',
    });
    const other: Subject = {
      userId: '0190a000-0000-7000-8000-000000000001',
      admin: false,
      role: null,
      permissionSets: ['sales'],
    };
    await expect(ws.imports.get(other, first.id)).rejects.toMatchObject({ code: 'unknown_import' });
    expect(await ws.imports.cancel(SYSTEM_SUBJECT, first.id)).toMatchObject({ status: 'cancelled' });
    // The user's own file stays; an upload the import owns goes with it.
    expect(existsSync(file.path)).toBe(true);
    const upload = { ...csv(['name,email', 'Bo,bo@x.cn']), owned: true };
    const uploaded = await ws.imports.start(SYSTEM_SUBJECT, upload, { object: 'contact' });
    await ws.imports.cancel(SYSTEM_SUBJECT, uploaded.id);
    expect(existsSync(upload.path)).toBe(false);
    const second = await ws.imports.start(SYSTEM_SUBJECT, file, { object: 'contact' });
    expect(await ws.imports.runner().runDue()).toBe(1);
    expect(await ws.imports.get(SYSTEM_SUBJECT, second.id)).toMatchObject({
      status: 'succeeded',
      created: 1,
    });
  });

  it('names users by id or e-mail, and upserts by a unique field of another type', async () => {
    const ws = await env.open();
    await ws.deploy({
      objects: [
        object('ticket', {
          no: { type: 'integer', 'x-tessera': { field: 'integer', unique: true } },
          assignee: { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' } },
        }),
      ],
    });
    const ann = await ws.users.create({ email: 'ann@example.com', name: 'Ann' }, { objects: [] });
    const file = csv([
      'no,name,assignee',
      `1,One,ANN@example.com`,
      `2,Two,${ann.id}`,
      '3,Three,nobody@example.com',
    ]);
    const done = await ws.imports.run(SYSTEM_SUBJECT, file, {
      object: 'ticket',
      mode: 'upsert',
      key: 'no',
      atomic: false,
    });
    expect(done).toMatchObject({
      created: 2,
      failed: 1,
      errors: [{ line: 4, column: 'assignee', code: 'unknown_lookup' }],
    });
    const again = csv(['no,name', '1,One again', '4,Four']);
    expect(
      await ws.imports.run(SYSTEM_SUBJECT, again, { object: 'ticket', mode: 'upsert', key: 'no' }),
    ).toMatchObject({
      created: 1,
      updated: 1,
    });
    const tickets = await ws.records.list('ticket', { sort: 'no' });
    expect(tickets.map((t) => [t.no, t.name, t.assignee])).toEqual([
      [1, 'One again', ann.id],
      [2, 'Two', ann.id],
      [4, 'Four', null],
    ]);
  });

  it('previews the mapping of a file: columns by name or label, unmapped ones, uncovered fields, first rows', async () => {
    const ws = await env.open();
    await setUp(ws);
    const file = csv(['姓名,E-mail,account_id.code,whatever', 'Ann,ann@x.cn,A1,x']);
    expect(await ws.imports.preview(SYSTEM_SUBJECT, file, { object: 'contact' })).toEqual({
      columns: [
        { column: '姓名', field: 'name' },
        { column: 'E-mail', field: 'email' },
        { column: 'account_id.code', field: 'account_id', lookupKey: 'code' },
        { column: 'whatever', field: null },
      ],
      unmapped: ['whatever'],
      uncovered: ['age', 'since', 'amount', 'active', 'secret'],
      ignored: [],
      sample: [['Ann', 'ann@x.cn', 'A1', 'x']],
    });
  });

  it('fills a lookup or user field from its `.id` column, the name column beside it ignored (an export)', async () => {
    const ws = await env.open();
    const ids = await setUp(ws);
    await ws.deploy({
      ...DOCS,
      objects: [
        ...DOCS.objects,
        object('ticket', { assignee: { type: 'string', format: 'uuid', 'x-tessera': { field: 'user' } } }),
      ],
    });
    const ann = await ws.users.create({ email: 'ann@example.com', name: 'Ann' }, { objects: [] });
    // The name cells say otherwise: the id cells are the ones read.
    const contactsFile = csv([
      'name,email,account_id,account_id.id',
      `Ann,ann@x.cn,Beta,${ids.A1}`,
      `Bob,bob@x.cn,Twin,${ids.T2}`,
    ]);
    expect((await ws.imports.preview(SYSTEM_SUBJECT, contactsFile, { object: 'contact' })).ignored).toEqual([
      { column: 'account_id', field: 'account_id', usedColumn: 'account_id.id' },
    ]);
    expect(await run(ws, contactsFile)).toMatchObject({ status: 'succeeded', created: 2 });
    expect((await contacts(ws)).map((c) => c.account_id)).toEqual([ids.A1, ids.T2]);

    const tickets = csv([
      'assignee.id,name,assignee',
      `${ann.id},One,nobody@example.com`,
      'ann@example.com,Two,ann@example.com',
    ]);
    const done = await ws.imports.run(SYSTEM_SUBJECT, tickets, { object: 'ticket', atomic: false });
    // An `.id` column holds ids: an e-mail there names no one.
    expect(done).toMatchObject({
      created: 1,
      errors: [{ line: 3, column: 'assignee.id', field: 'assignee', code: 'unknown_lookup' }],
    });
    expect((await ws.records.list('ticket')).map((t) => [t.name, t.assignee])).toEqual([['One', ann.id]]);
    const byEmail = csv(['assignee.email,name', 'ANN@example.com,Three']);
    expect(await ws.imports.run(SYSTEM_SUBJECT, byEmail, { object: 'ticket' })).toMatchObject({ created: 1 });

    const refused = async (lines: string[], object = 'contact') => {
      try {
        await ws.imports.start(SYSTEM_SUBJECT, csv(lines), { object });
        return [];
      } catch (error) {
        return (error as TesseraError).issues.map((i) => `${i.pointer} ${i.code}`);
      }
    };
    // Two columns naming the record otherwise than by id, `.id` on a field that links nothing, a user by name.
    expect(await refused(['name,account_id,account_id.code', 'A,Acme,A1'])).toEqual([
      '/columns/account_id.code duplicate_column',
    ]);
    expect(await refused(['name.id,email', 'A,a@x.cn'])).toEqual(['/columns/name.id not_lookup']);
    expect(await refused(['name,assignee.name', 'A,Ann'], 'ticket')).toEqual([
      '/columns/assignee.name bad_lookup_key',
    ]);
  });

  it('cancels a running import: an atomic one writes nothing, a non-atomic one keeps its committed batches', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `P${i},p${i}@x.cn`);
    for (const atomic of [true, false]) {
      const ws = await env.open();
      await setUp(ws);
      const done = await ws.imports.run(
        SYSTEM_SUBJECT,
        csv(['name,email', ...rows]),
        { object: 'contact', atomic },
        (view) => {
          void ws.imports.cancel(SYSTEM_SUBJECT, view.id);
        },
      );
      expect(done.status).toBe('cancelled');
      // The cancel lands between batches: what was committed before it stays, and the view says how much.
      const count = await ws.records.count('contact');
      expect(count).toBe(done.created);
      if (atomic) expect(count).toBe(0);
      else expect(count % 1000 === 0 && count > 0 && count < 2500).toBe(true);
    }
  });

  it("leaves a long atomic import alone while its process lives, though its heartbeat is old (SQLite's lock)", async () => {
    const ws = await env.open();
    await setUp(ws);
    const { id } = await ws.imports.start(SYSTEM_SUBJECT, csv(['name', 'A']), { object: 'contact' });
    const hold = (runner: string) =>
      ws.storage.db
        .updateTable('tessera_import')
        .set({ status: 'running', runner, heartbeat_at: '2026-01-01T00:00:00.000Z' })
        .where('id', '=', id)
        .execute();
    // Another live process of this machine holds it (this one, under another runner's name).
    await hold(runnerName('run'));
    await ws.imports.runner({ staleMs: 0 }).runDue();
    expect(await ws.imports.get(SYSTEM_SUBJECT, id)).toMatchObject({ status: 'running', error: null });
    // Its process is gone: interrupted.
    const [kind, host, , started, uuid] = runnerName('run').split(':');
    await hold([kind, host, spawnSync(process.execPath, ['-e', '']).pid, started, uuid].join(':'));
    await ws.imports.runner({ staleMs: 0 }).runDue();
    expect(await ws.imports.get(SYSTEM_SUBJECT, id)).toMatchObject({
      status: 'failed',
      error: { code: 'interrupted' },
    });
  });

  it('after a crash mid-import: an atomic import has written nothing, a non-atomic one resumes', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `P${i},p${i}@x.cn,${i}`);
    for (const atomic of [true, false]) {
      const ws = await env.open();
      await setUp(ws);
      const file = csv(['name,email,age', ...rows]);
      let batches = 0;
      // The process dies in its second batch: that batch's transaction (an atomic import's only one) never
      // commits; the import row is put back to `running`, as a dead process leaves it.
      await ws.imports.run(SYSTEM_SUBJECT, file, { object: 'contact', atomic }, () => {
        if (++batches === 2) throw new Error('crash');
      });
      const again = await env.reopen(ws);
      const [left] = await again.storage.db.selectFrom('tessera_import').selectAll().execute();
      await again.storage.db
        .updateTable('tessera_import')
        .set({ status: 'running', runner: 'dead', finished_at: null, error_code: null })
        .execute();
      expect(await again.records.count('contact')).toBe(atomic ? 0 : 1000);
      await again.imports.runner({ staleMs: 0 }).runDue();
      const view = await again.imports.get(SYSTEM_SUBJECT, String(left?.id));
      if (atomic) {
        expect(view).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
        expect(await again.records.count('contact')).toBe(0);
      } else {
        expect(view).toMatchObject({ status: 'succeeded', created: 2500, processed: 2500 });
        expect(await again.records.count('contact')).toBe(2500);
      }
    }
  });
});
