/**
 * The list's conditions as the data API's filter, and the words for its operators: pure functions, so the
 * filter a list shows is the one a saved view keeps.
 */
import type { PropertyDocument } from '../api/types.js';
import type { MessageKey } from '../i18n/messages.js';

export interface Condition {
  field: string;
  op: string;
  value: unknown;
  /**
   * How the value reads when it is not what the user chose by (a lookup's linked record, chosen by its name, is
   * sent as its id): shown on the condition's chip, never sent.
   */
  shown?: string;
}

/** Whether a record must meet all the conditions or any one of them. */
export type Match = 'all' | 'any';

/**
 * The conditions as one filter of the data API — all of them (`and`) or any of them (`or`) — and the view's
 * own filter (if any) always met as well. Undefined when nothing narrows the list.
 */
export function conditionsToFilter(
  conditions: readonly Condition[],
  base: Record<string, unknown> | undefined,
  match: Match = 'all',
): Record<string, unknown> | undefined {
  const own: Record<string, unknown>[] = conditions.map((c) => ({ [c.field]: { [c.op]: c.value } }));
  const parts = match === 'any' && own.length > 1 ? [{ or: own }] : own;
  if (base && Object.keys(base).length) parts.push(base);
  if (!parts.length) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/**
 * A condition as a sentence — the field's label, the operator's words, then the value as the user chose it (its
 * `shown` name) or as the list formats it; an emptiness test has no value to say.
 */
export function describeCondition(
  c: Condition,
  fieldLabel: string,
  says: string,
  format: (value: unknown) => string,
): string {
  if (c.op === 'isNull' || c.op === 'isNotNull') return `${fieldLabel} ${says}`;
  const shown =
    c.shown !== undefined && c.shown !== ''
      ? c.shown
      : Array.isArray(c.value)
        ? c.value.map(format).join(', ')
        : format(c.value);
  return `${fieldLabel} ${says} ${shown}`;
}

/** The message naming an operator: on dates "before" and "after" rather than "less" and "greater". */
export function operatorKey(op: string, value: unknown, prop: PropertyDocument | undefined): MessageKey {
  if (op === 'isNotNull' || (op === 'isNull' && value === false)) return 'op.isNotNull';
  if (op === 'isNull') return 'op.isNull';
  const kind = prop?.['x-tessera'].field;
  if ((kind === 'date' || kind === 'datetime') && ['gt', 'gte', 'lt', 'lte'].includes(op))
    return `op.date.${op}` as MessageKey;
  if (kind === 'multipicklist' && op === 'contains') return 'op.includes';
  return `op.${op}` as MessageKey;
}
