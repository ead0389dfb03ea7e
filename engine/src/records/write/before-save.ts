/**
 * Stage: the hooks' changes to the records being written (automations that set a field or assign an owner),
 * after references and auto-numbers and before the validation rules, so the rules judge the record as it will
 * be stored. A patch is validated like a client's update, except that field-level security does not apply
 * (the automation, not the caller, sets it) and `owner_id` may be set to an active user. Any bad patch refuses
 * the whole write, its issues naming the automation.
 */
import type { Issue } from '../../errors.js';
import { activeUser } from '../../identity/users.js';
import { recordMessage } from '../../model/record-messages.js';
import { dependentPicklistIssues } from '../dependent-picklists.js';
import { invalid, UUID } from '../record-errors.js';
import { missingReferences } from './references.js';
import { hookContext, type WriteBatch } from './write-batch.js';
import type { BeforeSavePatch, PendingWrite, WriteHooks } from './write-hooks.js';

export function beforeSave(batch: WriteBatch): Promise<void> | undefined {
  if (!batch.hooks || batch.operation === 'delete') return undefined;
  return applyPatches(batch, batch.hooks);
}

async function applyPatches(batch: WriteBatch, hooks: WriteHooks): Promise<void> {
  const operation = batch.operation === 'create' ? 'create' : 'update';
  const writes = batch.records.map(
    (after, i): PendingWrite => ({
      operation,
      before: batch.priors?.[i] ?? null,
      after,
      pointer: batch.pointerOf(i),
    }),
  );
  const patches = await hooks.beforeSave({ ...hookContext(batch), object: batch.object, writes });
  const issues: Issue[] = [];
  for (const patch of patches) issues.push(...(await applyPatch(batch, writes, patch)));
  if (issues.length) throw invalid(batch.object, issues);
}

/** Validates one patch and, when it is good, merges it into its record; answers its issues otherwise. */
async function applyPatch(
  batch: WriteBatch,
  writes: readonly PendingWrite[],
  patch: BeforeSavePatch,
): Promise<Issue[]> {
  const write = writes[patch.index];
  if (!write)
    throw new Error(`automation "${patch.source}" patched record ${patch.index}, not being written`);
  const { object, locality } = batch;
  const named = (issue: Issue): Issue => ({
    ...issue,
    pointer: `${write.pointer}${issue.pointer}`,
    message: recordMessage(locality.locale, 'setByAutomation', {
      automation: patch.source,
      problem: issue.message,
    }),
  });
  const { owner_id: owner, ...fields } = patch.values;
  const prepared = object.prepareWrite(fields, 'update', locality.locale);
  const issues = prepared.issues.map(named);
  if (Object.hasOwn(patch.values, 'owner_id') && !(await isActiveUser(batch, owner)))
    issues.push(
      named({
        pointer: '/owner_id',
        code: 'unknown_user',
        message: recordMessage(locality.locale, 'ownerInactive'),
      }),
    );
  if (!issues.length)
    issues.push(
      ...(await missingReferences(batch.tx.trx, object, [prepared.values], () => '', locality.locale)).map(
        named,
      ),
    );
  if (issues.length) return issues;
  const values = Object.hasOwn(patch.values, 'owner_id')
    ? { ...prepared.values, owner_id: owner }
    : prepared.values;
  Object.assign(write.after, values);
  if (batch.target) Object.assign(batch.target.set, batch.codec.encode(values));
  return dependentPicklistIssues(object, write.after, '', locality.locale).map(named);
}

async function isActiveUser(batch: WriteBatch, id: unknown): Promise<boolean> {
  return typeof id === 'string' && UUID.test(id) && activeUser(batch.tx.trx, id);
}
