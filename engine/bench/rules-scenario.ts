/**
 * Scenario 5: business logic on the write path. One record created at a time, into the bench order object
 * with 10 validation rules and 5 formula fields, against the same object without them, in the same run. The
 * formulas are compiled once per metadata version, so the overhead is their evaluation, and (the five formulas
 * read their own record alone, so they are stored) five more columns written.
 */
import type {
  DialectName,
  DocumentSet,
  ObjectDocument,
  PropertyDocument,
  ValidationRuleDocument,
  Workspace,
} from '../src/index.js';
import { perCall } from './alternating.js';
import { ORDER_DOCUMENTS, orderRecords } from './bench-order.js';
import { atMostTimesBaseline, ms, type Result } from './table.js';
import { withWorkspace } from './workspaces.js';

const TARGET_RATIO = 1.25;
const RULES = [
  'quantity > 10000',
  'amount < 0',
  'AND(paid, ISBLANK(order_date))',
  'LEN(code) <> 11',
  'NOT(BEGINS(code, "ORD-"))',
  'AND(NOT(ISBLANK(contact_email)), NOT(CONTAINS(contact_email, "@")))',
  'order_date > DATE(2030, 1, 1)',
  'AND(ISPICKVAL(status, "cancelled"), quantity > 10000)',
  'weight * quantity > 100000',
  'AND(NOT(ISNEW()), ISCHANGED(code))',
];
const FORMULAS: Record<string, [string, string]> = {
  total: ['amount * quantity', 'number'],
  heavy: ['weight * quantity > 1000', 'boolean'],
  label: ['code & " " & UPPER(name)', 'text'],
  due: ['order_date + 30', 'date'],
  tier: ['CASE(status, "new", "N", "confirmed", "C", "X")', 'text'],
};

function withLogic(): DocumentSet {
  const base = ORDER_DOCUMENTS.objects[0] as ObjectDocument;
  const formulas: Record<string, PropertyDocument> = Object.fromEntries(
    Object.entries(FORMULAS).map(([name, [formula, returns]]) => [
      name,
      {
        type: returns === 'number' ? 'number' : returns === 'boolean' ? 'boolean' : 'string',
        ...(returns === 'date' ? { format: 'date' } : {}),
        'x-tessera': { field: 'formula', formula, returns: returns as 'text' },
      },
    ]),
  );
  const validationRules: ValidationRuleDocument[] = RULES.map((formula, i) => ({
    kind: 'validation_rule',
    apiName: `rule_${i}`,
    object: 'bench_order',
    formula,
    message: { en: `rule ${i} broken` },
  }));
  return { objects: [{ ...base, properties: { ...base.properties, ...formulas } }], validationRules };
}

async function measure(dialect: DialectName): Promise<Result> {
  const records = orderRecords(100_000);
  const create = (ws: Workspace) => (i: number) =>
    ws.records.insert('bench_order', records[i % records.length]);
  return withWorkspace(dialect, 'plain', (plain) =>
    withWorkspace(dialect, 'logic', async (logic) => {
      await plain.deploy(ORDER_DOCUMENTS);
      await logic.deploy(withLogic());
      const [baseline, measured] = await perCall(create(plain), create(logic));
      return {
        scenario: `rules [${dialect}]: create with 10 validation rules + 5 formula fields (baseline: none)`,
        measured: ms(measured),
        baseline: ms(baseline),
        target: atMostTimesBaseline(TARGET_RATIO),
      };
    }),
  );
}

export async function rulesScenario(postgresUnavailable: string | undefined): Promise<Result[]> {
  return [
    await measure('sqlite'),
    postgresUnavailable
      ? { scenario: 'rules [postgres]', skipped: postgresUnavailable }
      : await measure('postgres'),
  ];
}
