/**
 * An automation's actions, beyond their shape: what each names exists and fits. Records to change are the
 * triggering one (not on delete: it is gone) or a parent through lookups; a new record is of an object that
 * exists and gets every required value; owners and recipients come from fields that name users, from roles
 * that exist, or by e-mail; messages merge fields of the record; webhooks go to absolute http(s) URLs.
 */
import type { Issue } from '../errors.js';
import { SYSTEM_FIELDS } from '../model/system-fields.js';
import { followLookups, userPathProblem } from './automation-paths.js';
import { setIssues } from './automation-set-checks.js';
import { type SetObjects, unknownObject } from './check-named-kind.js';
import { escapePointer } from './json-pointer.js';
import { propertyOf } from './property-of.js';
import type { AutomationAction, AutomationDocument, LocalizedText, ObjectDocument } from './types.js';

export interface ActionContext {
  automation: AutomationDocument;
  object: ObjectDocument;
  objects: SetObjects;
  roles: ReadonlySet<string>;
}

export function actionIssues(action: AutomationAction, at: string, ctx: ActionContext): Issue[] {
  switch (action.type) {
    case 'update_record':
      return updateIssues(action, at, ctx);
    case 'create_record':
      return createIssues(action, at, ctx);
    case 'assign':
      return assignIssues(action, at, ctx);
    case 'notify':
      return notifyIssues(action, at, ctx);
    case 'webhook':
      return webhookIssues(action, at);
  }
}

/** A record trigger that runs on delete has no record left to change in its transaction. */
function onDeletedRecord(ctx: ActionContext, at: string, what: string): Issue[] {
  const { trigger } = ctx.automation;
  return 'on' in trigger && trigger.on.includes('delete')
    ? [
        {
          pointer: at,
          code: 'action_on_deleted_record',
          message: `${what} cannot run when a record is deleted: give it its own automation without "delete"`,
        },
      ]
    : [];
}

function updateIssues(
  action: Extract<AutomationAction, { type: 'update_record' }>,
  at: string,
  ctx: ActionContext,
): Issue[] {
  if (action.path === undefined)
    return [
      ...onDeletedRecord(ctx, at, 'update_record without a path'),
      ...setIssues(action.set, `${at}/set`, {
        source: ctx.object,
        target: ctx.object,
        objects: ctx.objects.valid,
      }),
    ];
  const end = followLookups(ctx.object, ctx.objects.valid, action.path.split('.'));
  if ('broken' in end) return [];
  if ('code' in end) return [{ pointer: `${at}/path`, code: end.code, message: end.message }];
  return setIssues(action.set, `${at}/set`, {
    source: ctx.object,
    target: end.object,
    objects: ctx.objects.valid,
  });
}

function createIssues(
  action: Extract<AutomationAction, { type: 'create_record' }>,
  at: string,
  ctx: ActionContext,
): Issue[] {
  const target = ctx.objects.valid.get(action.object);
  if (!target) return unknownObject(ctx.objects, action.object, `${at}/object`);
  const given = new Set(action.set.map((s) => s.field));
  const missing = (target.required ?? []).filter((name) => {
    const prop = propertyOf(target, name);
    return !given.has(name) && prop?.default === undefined && !prop?.['x-tessera'].defaultFormula;
  });
  return [
    ...setIssues(action.set, `${at}/set`, { source: ctx.object, target, objects: ctx.objects.valid }),
    ...(missing.length
      ? [
          {
            pointer: `${at}/set`,
            code: 'missing_required',
            message: `a new ${action.object} needs ${missing.map((m) => `"${m}"`).join(', ')}: set ${missing.length === 1 ? 'it' : 'them'}`,
          },
        ]
      : []),
  ];
}

function assignIssues(
  action: Extract<AutomationAction, { type: 'assign' }>,
  at: string,
  ctx: ActionContext,
): Issue[] {
  const issues = onDeletedRecord(ctx, at, 'assign');
  if ((action.field === undefined) === (action.roundRobin === undefined))
    return [
      ...issues,
      {
        pointer: at,
        code: 'assign_source',
        message: 'assign takes the owner from a "field" or by "roundRobin" over a role: exactly one',
      },
    ];
  if (action.field !== undefined) {
    const problem = userPathProblem(ctx.object, ctx.objects.valid, action.field);
    if (problem) issues.push({ pointer: `${at}/field`, ...problem });
  }
  if (action.roundRobin && !ctx.roles.has(action.roundRobin.role))
    issues.push(unknownRole(`${at}/roundRobin/role`, action.roundRobin.role));
  return issues;
}

const unknownRole = (pointer: string, role: string): Issue => ({
  pointer,
  code: 'unknown_role',
  message: `there is no role "${role}"`,
});

function notifyIssues(
  action: Extract<AutomationAction, { type: 'notify' }>,
  at: string,
  ctx: ActionContext,
): Issue[] {
  const issues: Issue[] = [];
  action.to.forEach((recipient, i) => {
    if ('role' in recipient && !ctx.roles.has(recipient.role))
      issues.push(unknownRole(`${at}/to/${i}/role`, recipient.role));
    if ('field' in recipient) {
      const problem = userPathProblem(ctx.object, ctx.objects.valid, recipient.field);
      if (problem) issues.push({ pointer: `${at}/to/${i}/field`, ...problem });
    }
  });
  issues.push(...mergeIssues(action.message, `${at}/message`, ctx.object));
  if (action.title) issues.push(...mergeIssues(action.title, `${at}/title`, ctx.object));
  return issues;
}

/** `{!field}` in a message: the field's value of the triggering record. */
const MERGE = /\{!([^}]*)\}/g;

function mergeIssues(text: LocalizedText, at: string, object: ObjectDocument): Issue[] {
  const apiName = object['x-tessera'].apiName;
  return Object.entries(text).flatMap(([language, value]) =>
    [...value.matchAll(MERGE)]
      .map((m) => m[1] as string)
      .filter((name) => !propertyOf(object, name) && !Object.hasOwn(SYSTEM_FIELDS, name))
      .map((name) => ({
        pointer: `${at}/${escapePointer(language)}`,
        code: 'unknown_merge_field',
        message: `{!${name}} does not name a field of ${apiName}`,
      })),
  );
}

function webhookIssues(action: Extract<AutomationAction, { type: 'webhook' }>, at: string): Issue[] {
  let url: URL | undefined;
  try {
    url = new URL(action.url);
  } catch {}
  return url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname
    ? []
    : [
        {
          pointer: `${at}/url`,
          code: 'bad_url',
          message: `a webhook goes to an absolute http or https URL, not "${action.url}"`,
        },
      ];
}
