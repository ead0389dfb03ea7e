/**
 * An import's rows are written a batch at a time, but every rule of a single write still holds for each row:
 * validation rules and unique fields refuse their rows (by line, the others written when not atomic), the
 * roll-ups of the parents count exactly what was written, and an automation runs once for each row written.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import { SYSTEM_SUBJECT } from '../access/subject.js';
import type { DocumentSet } from '../metadata/types.js';
import { RUNS } from '../queue/queue-tables.js';
import type { Workspace } from '../workspace.js';

const DOCS: DocumentSet = {
  objects: [
    object('order', {
      lines: {
        type: 'number',
        'x-tessera': { field: 'rollup', summarizedObject: 'line', function: 'count' },
      },
      total: {
        type: 'number',
        'x-tessera': {
          field: 'rollup',
          summarizedObject: 'line',
          function: 'sum',
          summarizedField: 'amount',
        },
      },
    }),
    object(
      'line',
      {
        order_id: {
          type: 'string',
          format: 'uuid',
          'x-tessera': { field: 'master_detail', target: 'order' },
        },
        code: text({ 'x-tessera': { field: 'text', unique: true } }),
        amount: { type: 'number', 'x-tessera': { field: 'currency', scale: 2 } },
      },
      ['order_id'],
    ),
  ],
  automations: [
    {
      kind: 'automation',
      apiName: 'audit_lines',
      label: { en: 'Audit lines', 'zh-CN': '审计明细' },
      object: 'line',
      active: true,
      trigger: { on: ['create'] },
      // Queued with the write: no worker runs here, so the run recorded is what there is to count.
      actions: [
        { type: 'create_record', object: 'order', set: [{ field: 'name', formula: '"audit " & code' }] },
      ],
    },
  ],
  validationRules: [
    {
      kind: 'validation_rule',
      apiName: 'amount_not_negative',
      object: 'line',
      formula: 'amount < 0',
      field: 'amount',
      message: { en: 'An amount cannot be negative', 'zh-CN': '金额不能为负' },
    },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'tessera-import-rules-'));
let n = 0;
function file(lines: string[]) {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, fileName: 'lines.csv', format: 'csv' as const };
}

// Line 3 breaks the validation rule; line 4 repeats a stored code, line 6 the code of line 5.
const LINES = [
  'name,order_id,code,amount',
  'a,O1,L1,10',
  'b,O1,L9,-5',
  'c,O1,OLD,1',
  'd,O1,L2,20',
  'e,O1,L2,2',
  'f,O2,L3,30',
];

async function setUp(ws: Workspace) {
  await ws.deploy(DOCS);
  const [o1] = await ws.records.insertMany('order', [{ name: 'O1' }, { name: 'O2' }]);
  await ws.records.insert('line', { name: 'old', order_id: o1?.id, code: 'OLD', amount: 100 });
  const rollups = async () =>
    (await ws.records.list('order', { sort: 'name' })).map((o) => [o.name, o.lines, o.total]);
  /** The records the automation ran for, by their code. */
  const audited = async () => {
    const runs = await ws.storage.db
      .selectFrom(RUNS)
      .select('record_id')
      .where('automation', '=', 'audit_lines')
      .execute();
    const lines = await ws.records.list('line', { limit: 500 });
    return runs.map((r) => lines.find((l) => l.id === r.record_id)?.code).sort();
  };
  return { rollups, audited };
}

describeEachDialect('import rules', (env) => {
  it('refuses the rows a validation rule or a unique field refuses, by line; roll-ups count the rows written', async () => {
    const ws = await env.open();
    const { rollups, audited } = await setUp(ws);
    const done = await ws.imports.run(SYSTEM_SUBJECT, file(LINES), { object: 'line', atomic: false });
    expect(done).toMatchObject({ status: 'succeeded', created: 3, failed: 3 });
    expect(done.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'amount', 'rule'],
      [4, 'code', 'unique'],
      [6, 'code', 'unique'],
    ]);
    expect(done.errors[0]?.message).toBe('An amount cannot be negative');
    expect((await ws.records.list('line', { sort: 'code' })).map((l) => l.code)).toEqual([
      'L1',
      'L2',
      'L3',
      'OLD',
    ]);
    expect(await rollups()).toEqual([
      ['O1', 3, 130],
      ['O2', 1, 30],
    ]);
    // Once for each row written (the stored line was written before), none for a refused row.
    expect(await audited()).toEqual(['L1', 'L2', 'L3', 'OLD']);
  });

  it('writes none of them when atomic, reporting the same rows, and leaves the roll-ups as they were', async () => {
    const ws = await env.open();
    const { rollups, audited } = await setUp(ws);
    const done = await ws.imports.run(SYSTEM_SUBJECT, file(LINES), { object: 'line' });
    expect(done).toMatchObject({ status: 'failed', created: 0, failed: 3 });
    expect(done.errors.map((e) => e.line)).toEqual([3, 4, 6]);
    expect(await ws.records.count('line')).toBe(1);
    expect(await rollups()).toEqual([
      ['O1', 1, 100],
      ['O2', 0, 0],
    ]);
    expect(await audited()).toEqual(['OLD']);
  });
});
