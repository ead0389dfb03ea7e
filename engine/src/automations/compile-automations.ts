/**
 * A model's automations, compiled once per metadata version: per object the active record-triggered and
 * relative automations, and the model's scheduled ones, each with its `when` formula, its `set` formulas and its
 * `{!field}` message merges compiled. What a write must read for them (paths across lookups, formula fields
 * computed when read) is worked out here too, so the write path only looks it up.
 */
import type { CompiledFormula } from '@tessera/formula';
import { compileSaved } from '../formulas/compile-saved.js';
import { formulaEnvironment, objectDocuments } from '../formulas/formula-environment.js';
import { formulaPlan } from '../formulas/formula-values.js';
import type {
  AutomationAction,
  AutomationDocument,
  AutomationSet,
  JsonValue,
  LocalizedText,
  NotifyRecipient,
} from '../metadata/types.js';
import type { CompiledModel, CompiledObject } from '../model/compiled-model.js';
import type { WriteOperation } from '../records/write/record-change.js';
import { getOrCreate } from '../util/get-or-create.js';
import { pathTarget } from './lookup-path.js';
import { compileTemplate, type MessageTemplate } from './merge-message.js';
import { type Duration, parseDuration } from './zoned-time.js';

/** Automation formulas judge a write: they may use ISNEW, ISCHANGED and PRIORVALUE. */
const PURPOSE = 'automation';

export type CompiledSet = { field: string; value: JsonValue } | { field: string; formula: CompiledFormula };

export type CompiledAction =
  | { index: number; type: 'update_record'; path?: string[]; target?: string; set: CompiledSet[] }
  | { index: number; type: 'create_record'; object: string; set: CompiledSet[] }
  | { index: number; type: 'assign'; path?: string[]; roundRobin?: { role: string } }
  | {
      index: number;
      type: 'notify';
      to: NotifyRecipient[];
      message: MessageTemplate;
      title?: MessageTemplate;
    }
  | { index: number; type: 'webhook'; url: string; secret: string };

export type TriggerKind = 'record' | 'schedule' | 'relative';

export interface CompiledAutomation {
  apiName: string;
  document: AutomationDocument;
  object: CompiledObject;
  kind: TriggerKind;
  /** Record triggers: the operations that fire it. */
  on: ReadonlySet<WriteOperation>;
  /** Record triggers: only writes that change one of these fields. */
  changedFields?: readonly string[];
  when?: CompiledFormula;
  /** Relative triggers: the date or datetime field and the offset from it. */
  relative?: { field: string; offset: Duration };
  /** Schedule triggers: the cron expression, its zone, and the records' filter. */
  schedule?: { cron: string; timeZone: string; filter?: JsonValue };
  actions: CompiledAction[];
  /** Actions that change the triggering record itself: done in the write's transaction, before it is saved. */
  inTransaction: CompiledAction[];
  /** Actions carried out after commit, by the queue. */
  queued: CompiledAction[];
  /** Every path across lookups its formulas, merges and paths read (`account_id.region`). */
  related: string[][];
  /** Its formulas read formula fields computed when read: those are computed first. */
  readsFormulas: boolean;
}

export interface ObjectAutomations {
  /** Active record-triggered automations, by API name. */
  record: CompiledAutomation[];
  /** The same, by the operation that triggers them. */
  on: Readonly<Record<WriteOperation, CompiledAutomation[]>>;
  /** Active relative automations. */
  relative: CompiledAutomation[];
  /** Judging them reads more than the records (lookups, formula fields computed when read). */
  reads: boolean;
}

export interface AutomationPlan {
  byObject: ReadonlyMap<string, ObjectAutomations>;
  scheduled: CompiledAutomation[];
  byName: ReadonlyMap<string, CompiledAutomation>;
}

const NONE: ObjectAutomations = Object.freeze({
  record: [],
  on: { create: [], update: [], delete: [] },
  relative: [],
  reads: false,
});
const plans = new WeakMap<CompiledModel, AutomationPlan>();

/** The model's automations, compiled on first use and kept as long as the model. */
export function automationPlan(model: CompiledModel): AutomationPlan {
  return getOrCreate(plans, model, () => {
    const compiled = (model.documents.automations ?? [])
      .filter((doc) => model.objects.has(doc.object))
      .map((doc) => compileAutomation(model, doc))
      .sort((a, b) => (a.apiName < b.apiName ? -1 : 1));
    const byObject = new Map<string, ObjectAutomations>();
    for (const a of compiled) {
      if (!a.document.active || a.kind === 'schedule') continue;
      const entry = getOrCreate(byObject, a.object.apiName, () => ({
        record: [],
        on: { create: [], update: [], delete: [] },
        relative: [],
        reads: false,
      }));
      entry[a.kind].push(a);
      for (const operation of a.on) entry.on[operation].push(a);
      entry.reads ||= a.related.length > 0 || a.readsFormulas;
    }
    return {
      byObject,
      scheduled: compiled.filter((a) => a.document.active && a.kind === 'schedule'),
      byName: new Map(compiled.map((a) => [a.apiName, a])),
    };
  });
}

/** The active record-triggered and relative automations of `object`. */
export const automationsOf = (model: CompiledModel, object: CompiledObject): ObjectAutomations =>
  automationPlan(model).byObject.get(object.apiName) ?? NONE;

function compileAutomation(model: CompiledModel, doc: AutomationDocument): CompiledAutomation {
  const object = model.object(doc.object);
  const env = formulaEnvironment(object.document, objectDocuments(model), PURPOSE);
  const compile = (source: string) => compileSaved(source, env);
  const trigger = doc.trigger;
  const kind: TriggerKind = 'on' in trigger ? 'record' : 'schedule' in trigger ? 'schedule' : 'relative';
  const whenSource = 'when' in trigger ? trigger.when : undefined;
  const when = whenSource ? compile(whenSource) : undefined;
  const actions = doc.actions.map((action, index) => compileAction(model, object, action, index, compile));
  // Changes to the record itself are made before it is saved only when a write is under way (not on a
  // delete); a time trigger has the queue make them.
  const inTransaction = kind === 'record' ? actions.filter(changesRecordItself) : [];
  const formulas = [
    ...(when ? [when] : []),
    ...actions.flatMap((a) => ('set' in a ? a.set.flatMap((s) => ('formula' in s ? [s.formula] : [])) : [])),
  ];
  const reads = [...formulas.flatMap((f) => f.fields), ...actions.flatMap(pathsRead)];
  const computedWhenRead = new Set(formulaPlan(model, object)?.fields.map((f) => f.name));
  return {
    apiName: doc.apiName,
    document: doc,
    object,
    kind,
    on: new Set('on' in trigger ? trigger.on : []),
    ...('on' in trigger && trigger.changedFields?.length ? { changedFields: trigger.changedFields } : {}),
    ...(when ? { when } : {}),
    ...relativeOf(doc),
    ...('schedule' in trigger
      ? { schedule: { ...trigger.schedule, ...(trigger.filter ? { filter: trigger.filter } : {}) } }
      : {}),
    actions,
    inTransaction,
    queued: actions.filter((a) => !inTransaction.includes(a)),
    related: reads.filter((p) => p.length > 1),
    readsFormulas: reads.some((p) => computedWhenRead.has(p[0] as string)),
  };
}

function relativeOf(doc: AutomationDocument): Pick<CompiledAutomation, 'relative'> {
  if (!('relative' in doc.trigger)) return {};
  // A deploy refuses a bad offset; one saved before the check tightened never fires.
  const offset = parseDuration(doc.trigger.relative.offset);
  return offset ? { relative: { field: doc.trigger.relative.field, offset } } : {};
}

/** `update_record` without a path and `assign` change the triggering record. */
export const changesRecordItself = (action: CompiledAction): boolean =>
  (action.type === 'update_record' && !action.path) || action.type === 'assign';

/** The paths an action reads besides its formulas: merges, recipients' fields, the record a path names. */
function pathsRead(action: CompiledAction): string[][] {
  switch (action.type) {
    case 'notify':
      return [
        ...action.message.paths,
        ...(action.title?.paths ?? []),
        ...action.to.flatMap((r) => ('field' in r ? [r.field.split('.')] : [])),
      ];
    case 'update_record':
    case 'assign':
      return action.path ? [action.path] : [];
    default:
      return [];
  }
}

const splitPath = (path: string | undefined) => (path ? path.split('.') : undefined);

function compileAction(
  model: CompiledModel,
  object: CompiledObject,
  action: AutomationAction,
  index: number,
  compile: (source: string) => CompiledFormula,
): CompiledAction {
  const sets = (action: { set: AutomationSet[] }) =>
    action.set.map(
      (s): CompiledSet => ('formula' in s ? { field: s.field, formula: compile(s.formula) } : s),
    );
  switch (action.type) {
    case 'update_record': {
      const path = splitPath(action.path);
      const target = path && pathTarget(model, object, path)?.apiName;
      return {
        index,
        type: action.type,
        ...(path ? { path } : {}),
        ...(target ? { target } : {}),
        set: sets(action),
      };
    }
    case 'create_record':
      return { index, type: action.type, object: action.object, set: sets(action) };
    case 'assign': {
      const path = splitPath(action.field);
      return {
        index,
        type: action.type,
        ...(path ? { path } : {}),
        ...(action.roundRobin ? { roundRobin: action.roundRobin } : {}),
      };
    }
    case 'notify':
      return {
        index,
        type: action.type,
        to: action.to,
        message: compileTemplate(action.message),
        ...(action.title ? { title: compileTemplate(action.title as LocalizedText) } : {}),
      };
    case 'webhook':
      return { index, type: action.type, url: action.url, secret: action.secret };
  }
}
