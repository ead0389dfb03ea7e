/**
 * Exports as files: every record a query matches and the caller may read, through the record API (paging
 * with the cursor, field-level security), lookups as name and id, exact money, ISO dates, and cells a
 * spreadsheet would run as a formula neutralized; XLSX holding the same cells as CSV.
 */
import { PassThrough } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { DEAL_DOCUMENTS } from '../../test/deal-documents.js';
import { describeEachDialect } from '../../test/dialects.js';
import { object } from '../../test/documents.js';
import { csvRows, xlsxRows } from '../../test/file-rows.js';
import { type Subject, SYSTEM_SUBJECT } from '../access/subject.js';
import type { TesseraError } from '../errors.js';
import { subjectOf } from '../identity/users.js';
import type { Workspace } from '../workspace.js';
import { type ExportOptions, prepareExport } from './export-records.js';

/** The bytes an export writes, and how many records it says it wrote. */
async function exported(ws: Workspace, subject: Subject, object: string, options: ExportOptions = {}) {
  const prepared = await prepareExport(
    { access: ws.accessFor(subject), records: ws.recordsFor(subject) },
    object,
    options,
  );
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const count = await prepared.writeTo(out);
  return { prepared, count, bytes: Buffer.concat(chunks) };
}

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const e = error as TesseraError;
    return `${e.code}: ${e.issues.map((i) => i.code).join(',')}`;
  }
};

describeEachDialect('exports', (env) => {
  let ws: Workspace;
  let rep: Subject;
  let acme: string;
  let managerId: string;
  let bigOne: string;

  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DEAL_DOCUMENTS);
    const manager = await ws.users.create(
      { email: 'li.lei@example.cn', name: 'Li Lei', permissionSets: ['rep'] },
      ws.model.documents,
    );
    managerId = manager.id;
    rep = subjectOf(manager);
    acme = (await ws.records.insert('account', { name: '=Acme 设备', code: 'A-1' })).id as string;
    const big = {
      name: 'Big one',
      amount: 12345678901.23,
      margin: 12.5,
      units: -3,
      closes_on: '2024-02-29',
      signed_at: '2024-03-31T23:30:00.000Z',
      won: true,
      stage: 'won',
      tags: ['hot', 'renewal'],
      site: { lat: 31.2304, lng: 121.4737 },
      note: '@SUM(1+1)*cmd|" /C calc"!A0, line 2\nsecond line',
      account_id: acme,
      manager: managerId,
    };
    // The rep owns this deal: the only one they may read (deals are private to their owners).
    bigOne = (await ws.records.insert('deal', big, { userId: managerId })).id as string;
    await ws.records.insert('deal', { name: '-minus', amount: 0.1, won: false });
  });

  it('writes every readable field, lookups as name and id, exact money, ISO dates, formulas neutralized', async () => {
    const { prepared, count, bytes } = await exported(ws, SYSTEM_SUBJECT, 'deal', { sort: 'name' });
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect([prepared.contentType, prepared.fileName, count]).toEqual([
      'text/csv; charset=utf-8',
      'deal.csv',
      2,
    ]);
    const [header, minus, big] = csvRows(bytes);
    expect(header).toEqual([
      'id',
      'name',
      'amount',
      'margin',
      'units',
      'closes_on',
      'signed_at',
      'won',
      'stage',
      'tags',
      'site',
      'note',
      'account_id',
      'account_id.id',
      'manager',
      'manager.id',
      'created_at',
      'updated_at',
      'created_by',
      'updated_by',
      'owner_id',
      'version',
    ]);
    const row = Object.fromEntries((header as string[]).map((h, i) => [h, big?.[i]]));
    expect(row).toMatchObject({
      name: 'Big one',
      amount: '12345678901.23',
      margin: '12.5',
      units: '-3',
      closes_on: '2024-02-29',
      signed_at: '2024-03-31T23:30:00.000Z',
      won: 'true',
      stage: 'won',
      tags: 'hot;renewal',
      site: '31.2304,121.4737',
      note: `'@SUM(1+1)*cmd|" /C calc"!A0, line 2\nsecond line`,
      account_id: "'=Acme 设备",
      'account_id.id': acme,
      manager: 'li.lei@example.cn',
      'manager.id': managerId,
      version: '1',
    });
    expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // A negative number is a number, not a formula; text starting with "-" is neutralized.
    expect(minus?.slice(1, 3)).toEqual(["'-minus", '0.1']);
    expect(minus?.[header?.indexOf('account_id') as number]).toBe('');
  });

  it('pages through every matching record in the sort order, with the fields asked for', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({
      name: `bulk ${String(i).padStart(4, '0')}`,
      units: i,
      account_id: acme,
    }));
    for (let i = 0; i < many.length; i += 500) await ws.records.insertMany('deal', many.slice(i, i + 500));
    const { count, bytes } = await exported(ws, SYSTEM_SUBJECT, 'deal', {
      filter: { name: { startsWith: 'bulk' }, units: { gte: 2 } },
      sort: '-units',
      fields: ['units', 'account_id'],
      pageSize: 500,
    });
    const rows = csvRows(bytes);
    expect(rows[0]).toEqual(['id', 'units', 'account_id', 'account_id.id']);
    expect(count).toBe(1201);
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual(Array.from({ length: 1201 }, (_, i) => 1202 - i));
    expect(new Set(rows.slice(1).map((r) => `${r[2]} ${r[3]}`))).toEqual(new Set([`'=Acme 设备 ${acme}`]));
  });

  it('leaves out what the caller may not read, and refuses asking for it', async () => {
    const { bytes, count } = await exported(ws, rep, 'deal');
    expect(count).toBe(1);
    const [header, row] = csvRows(bytes);
    expect(row?.[0]).toBe(bigOne);
    expect(header).not.toContain('margin');
    expect(header).toContain('stage');
    expect(row?.[header?.indexOf('stage') as number]).toBe('won');
    expect(await failure(exported(ws, rep, 'deal', { fields: ['margin'] }))).toBe(
      'invalid_query: unknown_field',
    );
    // An object the caller may not read is not there for them.
    const outsider = subjectOf(
      await ws.users.create({ email: 'outsider@example.cn', name: 'Outsider' }, ws.model.documents),
    );
    expect(await failure(exported(ws, outsider, 'deal'))).toBe('unknown_object: ');
  });

  it('refuses a bad query or format before writing anything', async () => {
    expect(await failure(exported(ws, SYSTEM_SUBJECT, 'deal', { sort: 'nope' }))).toBe(
      'invalid_query: unknown_field',
    );
    expect(await failure(exported(ws, SYSTEM_SUBJECT, 'deal', { filter: { units: { eq: 'x' } } }))).toMatch(
      /^invalid_query/,
    );
    expect(
      await failure(exported(ws, SYSTEM_SUBJECT, 'deal', { format: 'pdf' as ExportOptions['format'] })),
    ).toBe('invalid_query: bad_format');
    expect(await failure(exported(ws, SYSTEM_SUBJECT, 'nothing'))).toMatch(/^unknown_object/);
  });

  it('writes the same cells to XLSX, numbers as numbers', async () => {
    const options: ExportOptions = { filter: { name: { in: ['Big one', '-minus'] } }, sort: 'name' };
    const csv = csvRows((await exported(ws, SYSTEM_SUBJECT, 'deal', options)).bytes);
    const xlsx = await exported(ws, SYSTEM_SUBJECT, 'deal', { ...options, format: 'xlsx' });
    expect([xlsx.prepared.fileName, xlsx.count]).toEqual(['deal.xlsx', 2]);
    const { sheet, rows } = await xlsxRows(xlsx.bytes);
    expect([sheet, rows[1]?.[2]]).toEqual(['deal', 0.1]);
    const asText = rows.map((r) => r.map((cell) => String(cell ?? '')));
    expect(asText).toEqual(csv);
  });

  it('names the records of more links than one query expands', async () => {
    const links = Array.from({ length: 12 }, (_, i) => `link_${i}`);
    const hub = object(
      'hub',
      Object.fromEntries(
        links.map((l) => [
          l,
          { type: 'string', format: 'uuid', 'x-tessera': { field: 'lookup', target: 'account' } },
        ]),
      ),
    );
    await ws.deploy({ ...ws.model.documents, objects: [...ws.model.documents.objects, hub] });
    const accounts = await ws.records.insertMany(
      'account',
      links.map((l) => ({ name: `${l} account`, code: l })),
    );
    await ws.records.insertMany(
      'hub',
      [1, 2, 3].map((n) => ({
        name: `hub ${n}`,
        ...Object.fromEntries(links.map((l, i) => [l, accounts[i]?.id])),
      })),
    );
    const [header, ...data] = csvRows((await exported(ws, SYSTEM_SUBJECT, 'hub', { pageSize: 2 })).bytes);
    expect(data).toHaveLength(3);
    for (const row of data)
      for (const [i, l] of links.entries()) {
        expect(row[(header as string[]).indexOf(l)]).toBe(`${l} account`);
        expect(row[(header as string[]).indexOf(`${l}.id`)]).toBe(accounts[i]?.id);
      }
  });
});
