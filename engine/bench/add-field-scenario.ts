/**
 * Scenario 2: adding a field with a default to a table of 1,000,000 rows. Both dialects promise this is a
 * catalog-only change (`capabilities.addColumnDefaultWithoutRewrite`), so the deploy must not grow with the
 * table. The rows are loaded with one SQL statement, not through the engine, to keep the setup to seconds.
 */
import { sql } from 'kysely';
import type { DialectName, DocumentSet, ObjectDocument, Workspace } from '../src/index.js';
import { ms, type Result, under } from './table.js';
import { time } from './timing.js';
import { withWorkspace } from './workspaces.js';

const ROWS = 1_000_000;
const TARGET_MS = 200;

const benchRow: ObjectDocument = {
  type: 'object',
  'x-tessera': { apiName: 'bench_row', nameField: 'name' },
  properties: {
    name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
    amount: { type: 'integer', 'x-tessera': { field: 'integer' } },
  },
  required: ['name'],
};

const withNewField = (set: DocumentSet): DocumentSet => ({
  objects: set.objects.map((doc) => ({
    ...doc,
    properties: {
      ...doc.properties,
      label: { type: 'string', maxLength: 20, default: 'new', 'x-tessera': { field: 'text' } },
    },
  })),
});

/** System columns as the engine writes them: unique UUID-shaped ids, ISO 8601 UTC instants, version 1. */
async function bulkLoad(ws: Workspace, dialect: DialectName) {
  const now = new Date().toISOString();
  if (dialect === 'postgres')
    await sql`insert into bench_row (id, created_at, updated_at, version, name, amount)
      select gen_random_uuid(), ${now}, ${now}, 1, 'Row ' || i, i from generate_series(1, ${ROWS}) as i`.execute(
      ws.storage.db,
    );
  // Ids ascend like UUIDv7s do, so rows append to the primary-key index as they would in real use.
  else
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS})
      insert into bench_row (id, created_at, updated_at, version, name, amount)
      select printf('00000000-0000-7000-8000-%012x', i), ${now}, ${now}, 1, 'Row ' || i, i from n`.execute(
      ws.storage.db,
    );
}

async function addFieldOn(dialect: DialectName): Promise<Result[]> {
  return withWorkspace(dialect, 'add_field', async (ws) => {
    await ws.deploy({ objects: [benchRow] });
    const load = await time(() => bulkLoad(ws, dialect));
    const deploy = await time(() => ws.deploy(withNewField(ws.model.documents)));
    const steps = deploy.value.plan.steps.map((s) => s.kind).join(',');
    if (steps !== 'add_field') throw new Error(`expected one add_field step, the plan was: ${steps}`);
    // The default must reach the rows that existed before the field did, through the record API.
    const sample = await ws.records.list('bench_row', { filter: { amount: { eq: ROWS / 2 } }, limit: 1 });
    if (sample[0]?.label !== 'new')
      throw new Error(`row ${ROWS / 2} reads label ${JSON.stringify(sample[0]?.label)}, not "new"`);
    return [
      { scenario: `add-field [${dialect}]: bulk load 1,000,000 rows (setup)`, measured: ms(load.ms) },
      {
        scenario: `add-field [${dialect}]: deploy of a new field with default`,
        measured: ms(deploy.ms),
        target: under(TARGET_MS),
      },
    ];
  });
}

export async function addFieldScenario(postgresUnavailable: string | undefined): Promise<Result[]> {
  const sqlite = await addFieldOn('sqlite');
  if (postgresUnavailable)
    return [...sqlite, { scenario: 'add-field [postgres]', skipped: postgresUnavailable }];
  return [...sqlite, ...(await addFieldOn('postgres'))];
}
