/**
 * The automation editor's draft and the document it sends (`kind: "automation"`, CONTRACT §7): pure, so what the
 * editor sends is tested against the engine's own validation. The draft is the document itself with blanks
 * allowed while it is typed; `automationDocument` drops the blanks (empty labels, an empty condition, a title
 * in no language) and trims what was typed.
 */
import type {
  AutomationAction,
  AutomationDocument,
  AutomationSet,
  AutomationTrigger,
  LocalizedText,
  NotifyRecipient,
} from '@tessera/engine/types';

export type { AutomationAction, AutomationDocument, AutomationSet, AutomationTrigger, NotifyRecipient };

export const AUTOMATION_NAME = /^[a-z][a-z0-9_]{0,62}$/;
export const RECORD_EVENTS = ['create', 'update', 'delete'] as const;
export type RecordEvent = (typeof RECORD_EVENTS)[number];
export const TRIGGER_KINDS = ['record', 'schedule', 'relative'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export const ACTION_TYPES = ['update_record', 'create_record', 'assign', 'notify', 'webhook'] as const;
export type ActionType = AutomationAction['type'];

/** The name a draft is checked under while it has no valid name of its own yet. */
const CHECK_NAME = 'automation_check';

export const blankAutomation = (object: string): AutomationDocument => ({
  kind: 'automation',
  apiName: '',
  label: { en: '', 'zh-CN': '' },
  object,
  active: true,
  trigger: { on: ['create'] },
  actions: [],
});

export function triggerKind(trigger: AutomationTrigger): TriggerKind {
  if ('schedule' in trigger) return 'schedule';
  if ('relative' in trigger) return 'relative';
  return 'record';
}

/**
 * A trigger of another kind, keeping the condition where both have one; `remembered` is the condition typed
 * before (a schedule has none, so going through one does not lose it).
 */
export function withTriggerKind(
  trigger: AutomationTrigger,
  kind: TriggerKind,
  remembered = '',
): AutomationTrigger {
  if (triggerKind(trigger) === kind) return trigger;
  const typed = 'when' in trigger && trigger.when ? trigger.when : remembered;
  const when = typed ? { when: typed } : {};
  if (kind === 'schedule') return { schedule: { cron: '0 9 * * 1-5', timeZone: defaultTimeZone() } };
  if (kind === 'relative') return { relative: { field: '', offset: '-P1D' }, ...when };
  return { on: ['create'], ...when };
}

const defaultTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A new action of a type, with the blanks its editor fills in. */
export function blankAction(type: ActionType): AutomationAction {
  switch (type) {
    case 'update_record':
      return { type, set: [{ field: '', value: '' }] };
    case 'create_record':
      return { type, object: '', set: [{ field: '', value: '' }] };
    case 'assign':
      return { type, field: '' };
    case 'notify':
      return { type, to: [{ owner: true }], message: { en: '', 'zh-CN': '' } };
    case 'webhook':
      return { type, url: '', secret: '' };
  }
}

/** The text of the languages given, trimmed; `undefined` when none is. */
function text(value: LocalizedText | undefined): LocalizedText | undefined {
  const kept = Object.entries(value ?? {})
    .map(([lang, s]) => [lang, s.trim()] as const)
    .filter(([, s]) => s !== '');
  return kept.length ? Object.fromEntries(kept) : undefined;
}

const trimmedSet = (set: AutomationSet[]): AutomationSet[] =>
  set.map((s) => ('formula' in s ? { field: s.field, formula: s.formula.trim() } : s));

function cleanAction(action: AutomationAction): AutomationAction {
  switch (action.type) {
    case 'update_record': {
      const path = action.path?.trim();
      return { type: action.type, ...(path ? { path } : {}), set: trimmedSet(action.set) };
    }
    case 'create_record':
      return { ...action, set: trimmedSet(action.set) };
    case 'assign':
      return action.roundRobin
        ? { type: action.type, roundRobin: action.roundRobin }
        : { type: action.type, field: action.field?.trim() ?? '' };
    case 'notify': {
      const title = text(action.title);
      return {
        type: action.type,
        to: action.to,
        message: text(action.message) ?? {},
        ...(title ? { title } : {}),
      };
    }
    case 'webhook':
      return { type: action.type, url: action.url.trim(), secret: action.secret };
  }
}

function cleanTrigger(trigger: AutomationTrigger): AutomationTrigger {
  if ('schedule' in trigger) return trigger;
  const when = trigger.when?.trim();
  if ('relative' in trigger)
    return {
      relative: { field: trigger.relative.field, offset: trigger.relative.offset.trim() },
      ...(when ? { when } : {}),
    };
  const changedFields = trigger.changedFields?.length ? { changedFields: trigger.changedFields } : {};
  return { on: trigger.on, ...(when ? { when } : {}), ...changedFields };
}

/** The document the draft says: blanks dropped, typed text trimmed; the description kept as it was. */
export function automationDocument(draft: AutomationDocument): AutomationDocument {
  const description = text(draft.description);
  return {
    kind: 'automation',
    apiName: draft.apiName.trim(),
    label: text(draft.label) ?? {},
    ...(description ? { description } : {}),
    object: draft.object,
    active: draft.active,
    trigger: cleanTrigger(draft.trigger),
    actions: draft.actions.map(cleanAction),
  };
}

/** Whether an action has everything its shape needs, so a check of the draft can look into it. */
function ready(action: AutomationAction): boolean {
  switch (action.type) {
    case 'update_record':
      return action.set.length > 0 && action.set.every((s) => s.field !== '');
    case 'create_record':
      return action.object !== '' && action.set.length > 0 && action.set.every((s) => s.field !== '');
    case 'assign':
      return Boolean(action.roundRobin?.role || action.field?.trim());
    case 'notify':
      return action.to.length > 0 && text(action.message) !== undefined;
    case 'webhook':
      return action.url.trim() !== '' && action.secret !== '';
  }
}

/** A stand-in action while none is ready: the document's shape needs one. */
const STAND_IN: AutomationAction = { type: 'notify', to: [{ owner: true }], message: { en: '-' } };

export interface DraftCheckDocument {
  doc: AutomationDocument;
  /** For each action of `doc`, its place in the draft (`-1` for the stand-in). */
  places: number[];
}

/**
 * The document the draft is checked with as it is typed (a dry run). A document whose shape is wrong is refused
 * before anything in it is looked into, so the parts not filled in yet stay out of the check: a stand-in name and
 * label while it has none, and only the actions that are ready (a stand-in while none is). What is reported is
 * then about what the admin did type; `draftPointer` finds its place in the draft.
 */
export function checkDocument(draft: AutomationDocument): DraftCheckDocument {
  const doc = automationDocument(draft);
  const places = draft.actions.flatMap((a, i) => (ready(a) ? [i] : []));
  const actions = places.map((i) => doc.actions[i] as AutomationAction);
  return {
    doc: {
      ...doc,
      apiName: AUTOMATION_NAME.test(doc.apiName) ? doc.apiName : CHECK_NAME,
      label: Object.keys(doc.label).length ? doc.label : { en: '-' },
      actions: actions.length ? actions : [STAND_IN],
    },
    places: actions.length ? places : [-1],
  };
}

/** A problem's place in the check's document, as a place in the draft; `undefined` for the stand-in's. */
export function draftPointer(pointer: string, places: readonly number[]): string | undefined {
  const m = /^\/actions\/(\d+)(\/.*)?$/.exec(pointer);
  if (!m) return pointer;
  const place = places[Number(m[1])];
  return place === undefined || place < 0 ? undefined : `/actions/${place}${m[2] ?? ''}`;
}

/** Whether the draft can be reviewed: a valid name, a label, an object and at least one action. */
export const canReview = (draft: AutomationDocument): boolean =>
  AUTOMATION_NAME.test(draft.apiName.trim()) &&
  text(draft.label) !== undefined &&
  draft.object !== '' &&
  draft.actions.length > 0;

/** One object's automations first, then by API name. */
export const sortedAutomations = (all: readonly AutomationDocument[]): AutomationDocument[] =>
  [...all].sort((x, y) => x.object.localeCompare(y.object) || x.apiName.localeCompare(y.apiName));

/** The same automation, switched on or off. */
export const withActive = (doc: AutomationDocument, active: boolean): AutomationDocument => ({
  ...doc,
  active,
});

/** The action list with one action moved by `by` places (kept inside the list). */
export function moveAction(
  actions: readonly AutomationAction[],
  index: number,
  by: -1 | 1,
): AutomationAction[] {
  const to = index + by;
  if (to < 0 || to >= actions.length) return [...actions];
  const next = [...actions];
  [next[index], next[to]] = [next[to] as AutomationAction, next[index] as AutomationAction];
  return next;
}

/** A random webhook secret (32 hex digits), as the editor offers one. */
export function newSecret(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  return [...random(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
