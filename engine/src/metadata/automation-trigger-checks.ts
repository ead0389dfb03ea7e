/**
 * An automation's trigger, beyond its shape: the fields a record trigger watches exist, conditions are true/false
 * formulas of the object, a schedule is a five-field cron in an IANA time zone over a filter of the object, and a
 * relative trigger counts from a stored date or date-time field by an ISO 8601 duration.
 */
import { Cron } from 'croner';
import type { Issue } from '../errors.js';
import { fieldTypeDef } from '../fields/registry.js';
import { isTimeZone } from '../formulas/formula-clock.js';
import { formulaEnvironment } from '../formulas/formula-environment.js';
import { conditionIssues } from './automation-formulas.js';
import { parseIsoDuration } from './iso-duration.js';
import { propertyOf } from './property-of.js';
import type { AutomationTrigger, ObjectDocument } from './types.js';
import { checkFilter } from './validate-view-documents.js';

type Objects = ReadonlyMap<string, ObjectDocument>;

export function triggerIssues(trigger: AutomationTrigger, object: ObjectDocument, objects: Objects): Issue[] {
  if ('schedule' in trigger) return scheduleIssues(trigger, object);
  const when =
    trigger.when === undefined ? [] : conditionIssues(trigger.when, object, objects, '/trigger/when');
  if ('relative' in trigger) return [...relativeIssues(trigger.relative, object, objects), ...when];
  return [...changedFieldIssues(trigger, object), ...when];
}

/** `owner_id` is the one system field a write changes on purpose (a transfer), so a trigger may watch it. */
const WATCHABLE_SYSTEM_FIELDS = new Set(['owner_id']);

function changedFieldIssues(
  trigger: Extract<AutomationTrigger, { on: unknown }>,
  object: ObjectDocument,
): Issue[] {
  if (!trigger.changedFields) return [];
  const apiName = object['x-tessera'].apiName;
  const issues: Issue[] = trigger.changedFields.flatMap((name, i) =>
    propertyOf(object, name) || WATCHABLE_SYSTEM_FIELDS.has(name)
      ? []
      : [
          {
            pointer: `/trigger/changedFields/${i}`,
            code: 'unknown_field',
            message: `"${name}" is not a field of ${apiName}`,
          },
        ],
  );
  if (!trigger.on.includes('update'))
    issues.push({
      pointer: '/trigger/changedFields',
      code: 'changed_fields_without_update',
      message: 'changedFields only applies to updates: add "update" to "on", or remove changedFields',
    });
  return issues;
}

/** Standard five-field cron, or one of its nicknames (`@daily`); no seconds, no years. */
const CRON_FIELDS = 5;

function scheduleIssues(
  trigger: Extract<AutomationTrigger, { schedule: unknown }>,
  object: ObjectDocument,
): Issue[] {
  const { cron, timeZone } = trigger.schedule;
  const issues: Issue[] = [];
  const zoneOk = /^[A-Za-z]/.test(timeZone) && isTimeZone(timeZone);
  if (!zoneOk)
    issues.push({
      pointer: '/trigger/schedule/timeZone',
      code: 'bad_time_zone',
      message: `"${timeZone}" is not an IANA time zone (for example Asia/Shanghai)`,
    });
  const problem = cronProblem(cron, zoneOk ? timeZone : 'UTC');
  if (problem) issues.push({ pointer: '/trigger/schedule/cron', code: 'bad_cron', message: problem });
  if (trigger.filter !== undefined) issues.push(...checkFilter(trigger.filter, object, '/trigger/filter'));
  return issues;
}

function cronProblem(cron: string, timeZone: string): string | undefined {
  const fields = cron.trim().split(/\s+/);
  if (!cron.trim().startsWith('@') && fields.length !== CRON_FIELDS)
    return `a schedule has five fields (minute hour day-of-month month day-of-week), not ${fields.length}: "${cron}"`;
  try {
    new Cron(cron, { timezone: timeZone, paused: true });
    return undefined;
  } catch (error) {
    // croner says which part is wrong ("Invalid value for minute: 61"); its own prefix means nothing to a reader.
    return `"${cron}" is not a valid schedule: ${(error as Error).message.replace(/^CronPattern:\s*/, '')}`;
  }
}

function relativeIssues(
  relative: { field: string; offset: string },
  object: ObjectDocument,
  objects: Objects,
): Issue[] {
  const issues: Issue[] = [];
  const apiName = object['x-tessera'].apiName;
  const type = formulaEnvironment(object, objects).field([relative.field]);
  const prop = propertyOf(object, relative.field);
  if (type === undefined && !prop)
    issues.push({
      pointer: '/trigger/relative/field',
      code: 'unknown_field',
      message: `"${relative.field}" is not a field of ${apiName}`,
    });
  // A computed value changes without a write, so nothing would re-plan the time it gives.
  else if (
    (type !== 'date' && type !== 'datetime') ||
    (prop && fieldTypeDef(prop['x-tessera'].field).generated)
  )
    issues.push({
      pointer: '/trigger/relative/field',
      code: 'not_a_date_field',
      message: `"${relative.field}" must be a stored date or date-time field of ${apiName}`,
    });
  if (!parseIsoDuration(relative.offset))
    issues.push({
      pointer: '/trigger/relative/offset',
      code: 'bad_duration',
      message: `"${relative.offset}" is not an ISO 8601 duration in whole units (for example -PT2H or P3D)`,
    });
  return issues;
}
