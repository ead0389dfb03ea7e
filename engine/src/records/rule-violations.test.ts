/** Migration mode: rules judged and reported per record instead of refusing, for admins only; both dialects. */
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/dialects.js';
import { object, text } from '../../test/documents.js';
import type { Issue } from '../errors.js';
import type { DocumentSet } from '../metadata/types.js';
import type { Workspace } from '../workspace.js';

const DOCS: DocumentSet = {
  objects: [
    object('deal', {
      email: { type: 'string', format: 'email', 'x-tessera': { field: 'email' } },
      amount: { type: 'number', 'x-tessera': { field: 'number' } },
      reason: text(),
    }),
  ],
  validationRules: [
    {
      kind: 'validation_rule',
      apiName: 'lost_needs_reason',
      object: 'deal',
      formula: 'amount < 0 && ISBLANK(reason)',
      field: 'reason',
      message: { en: 'A lost deal needs a reason' },
    },
  ],
  permissionSets: [
    { kind: 'permission_set', apiName: 'sales', objects: { deal: { read: true, create: true, edit: true } } },
  ],
  duplicateRules: [
    {
      kind: 'duplicate_rule',
      apiName: 'same_email',
      object: 'deal',
      fields: ['email'],
      action: 'block',
      message: { en: 'another deal has this e-mail' },
    },
  ],
};

const summary = (issues: readonly Issue[]) => issues.map((i) => `${i.pointer} ${i.code} ${i.rule}`);

describeEachDialect('rules reported rather than enforced (migration mode)', (env) => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await env.openForSuite();
    await ws.deploy(DOCS);
    await ws.records.insert('deal', { name: 'First', email: 'a@example.com' });
  });

  it('writes records that break rules, reporting each broken rule at its record', async () => {
    const ruleViolations: Issue[] = [];
    const results = await ws.records.bulk(
      'deal',
      {
        operation: 'create',
        records: [
          { name: 'Old loss', amount: -1 },
          { name: 'Fine', email: 'b@example.com' },
          { name: 'Same mail', email: 'A@example.com' },
        ],
      },
      { ruleViolations },
    );
    expect(results.map((r) => r.status)).toEqual(['created', 'created', 'created']);
    expect(summary(ruleViolations)).toEqual([
      '/records/0/reason rule lost_needs_reason',
      '/records/2/email duplicate same_email',
    ]);
  });

  it('still refuses the same records by default', async () => {
    await expect(ws.records.insert('deal', { name: 'Old loss', amount: -1 })).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [expect.objectContaining({ rule: 'lost_needs_reason' })],
    });
    await expect(ws.records.insert('deal', { name: 'Again', email: 'a@example.com' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'duplicate', rule: 'same_email' })],
    });
  });

  it('is for admins only', async () => {
    const user = await ws.users.create(
      { email: 'rep@example.com', name: 'Rep', password: 'correct horse battery' },
      ws.model.documents,
    );
    const records = ws.recordsFor({ userId: user.id, admin: false, role: null, permissionSets: ['sales'] });
    await expect(
      records.insert('deal', { name: 'Old loss', amount: -1 }, { ruleViolations: [] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // The same user may write what breaks no rule.
    await expect(records.insert('deal', { name: 'Mine' })).resolves.toMatchObject({ name: 'Mine' });
  });
});
