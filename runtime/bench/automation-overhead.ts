/**
 * `pnpm --filter @tessera/runtime bench` (after the HTTP bench): what automations add to a create as a client
 * sees it, in the same run: `POST /data/{object}` on SQLite over loopback HTTP, one request at a time, calls
 * alternating with the same create on an object without automations (see engine/bench/alternating.ts):
 * - 5 active automations whose conditions are false: ≤ 1.10×;
 * - one before-save update of the record: ≤ 1.25×;
 * - one webhook enqueued (run and job recorded in the write's transaction; no worker runs): ≤ 1.15×.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AutomationDocument,
  type DocumentSet,
  type ObjectDocument,
  type PropertyDocument,
  Workspace,
} from '@tessera/engine';
import { perCall } from '../../engine/bench/alternating.js';
import { atMostTimesBaseline, formatTable, ms, type Result } from '../../engine/bench/table.js';
import { serveForTest } from '../test/server.js';

const item = (apiName: string): ObjectDocument => ({
  type: 'object',
  'x-tessera': { apiName, nameField: 'name', label: { en: apiName } },
  properties: {
    name: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
    qty: { type: 'integer', 'x-tessera': { field: 'integer' } } as PropertyDocument,
    note: { type: 'string', maxLength: 120, 'x-tessera': { field: 'text' } },
  },
  required: ['name'],
});

const automation = (
  apiName: string,
  object: string,
  when: string,
  actions: AutomationDocument['actions'],
): AutomationDocument => ({
  kind: 'automation',
  apiName,
  label: { en: apiName },
  object,
  active: true,
  trigger: { on: ['create', 'update'], when },
  actions,
});

const SCENARIOS: { object: string; title: string; target: number; automations: AutomationDocument[] }[] = [
  {
    object: 'item_false',
    title: 'create with 5 active automations whose conditions are false',
    target: 1.1,
    automations: Array.from({ length: 5 }, (_, i) =>
      automation(`never_${i}`, 'item_false', `qty < ${-i - 1}`, [
        { type: 'update_record', set: [{ field: 'note', value: 'never' }] },
      ]),
    ),
  },
  {
    object: 'item_before',
    title: 'create with one before-save update',
    target: 1.25,
    automations: [
      automation('stamp', 'item_before', 'qty >= 0', [
        { type: 'update_record', set: [{ field: 'note', formula: 'name & " #" & TEXT(qty)' }] },
      ]),
    ],
  },
  {
    object: 'item_webhook',
    title: 'create with one webhook enqueued',
    target: 1.15,
    automations: [
      automation('tell', 'item_webhook', 'qty >= 0', [
        { type: 'webhook', url: 'https://erp.example.com/hooks', secret: 'bench-secret-0123456789' },
      ]),
    ],
  },
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-automation-bench-'));
  const ws = await Workspace.open({ dataDir: dir, workspace: 'bench' });
  try {
    const documents: DocumentSet = {
      objects: [item('item_none'), ...SCENARIOS.map((s) => item(s.object))],
      automations: SCENARIOS.flatMap((s) => s.automations),
    };
    await ws.deploy(documents);
    // Only the write is measured: no worker carries out the queued webhooks meanwhile.
    const api = await serveForTest(ws, undefined, undefined, { jobs: false });
    const create = (object: string) => async (i: number) => {
      const res = await api.call('POST', `/api/v1/data/${object}`, { name: `item ${i}`, qty: i % 100 });
      if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
    };
    const results: Result[] = [];
    for (const scenario of SCENARIOS) {
      process.stderr.write(`${scenario.title}…\n`);
      const [none, measured] = await perCall(create('item_none'), create(scenario.object));
      results.push({
        scenario: `${scenario.title}: ms per create (baseline: no automations)`,
        measured: ms(measured),
        baseline: ms(none),
        target: atMostTimesBaseline(scenario.target),
      });
    }
    await api.server.close();
    console.log(
      `Tessera automation overhead bench · Node ${process.version} · SQLite, POST over loopback, one at a time`,
    );
    console.log(formatTable(results));
  } finally {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
