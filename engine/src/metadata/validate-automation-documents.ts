/**
 * Automations: their shape, then that what they name exists and fits — the object, the trigger
 * (automation-trigger-checks.ts) and every action (automation-action-checks.ts). Issues point into the document.
 */
import type { Issue } from '../errors.js';
import { actionIssues } from './automation-action-checks.js';
import { triggerIssues } from './automation-trigger-checks.js';
import { checkKind, type SetObjects, unknownObject } from './check-named-kind.js';
import type { AutomationDocument, DocumentSet } from './types.js';

export function validateAutomationDocuments(set: DocumentSet, objects: SetObjects): Issue[] {
  const roles = new Set((set.roles ?? []).map((r) => r?.apiName));
  return checkKind('automation', set.automations ?? [], (automation) =>
    checkAutomation(automation, objects, roles),
  );
}

function checkAutomation(
  automation: AutomationDocument,
  objects: SetObjects,
  roles: ReadonlySet<string>,
): Issue[] {
  const object = objects.valid.get(automation.object);
  if (!object) return unknownObject(objects, automation.object);
  const ctx = { automation, object, objects, roles };
  return [
    ...triggerIssues(automation.trigger, object, objects.valid),
    ...automation.actions.flatMap((action, i) => actionIssues(action, `/actions/${i}`, ctx)),
  ];
}
