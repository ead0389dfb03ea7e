/**
 * Writes a batch through the record API's bulk call (validation, rules, roll-ups and automations as any
 * write), each record on its own merits: the bulk call is all or nothing, so a refusal that names its records
 * (`/records/3/name`) drops those and writes the rest again, and one that names none (a unique index) is
 * narrowed down by halves to the record it is about. Each refused record is reported with the issue's code.
 * With rules reported (migration mode) the rules a written record breaks are reported the same way.
 */
import {
  type BulkRequest,
  type Issue,
  isTesseraError,
  type RecordApi,
  type RuleMode,
  type WriteContext,
} from '@tessera/engine';
import type { SourceRecord } from './source-records.js';

export interface Item {
  record: SourceRecord;
  input: Record<string, unknown>;
}

export interface Refusal {
  record: SourceRecord;
  code: string;
  message: string;
}

export interface Written {
  created: number;
  updated: number;
  refused: Refusal[];
  /** Rules written records break, in migration mode. */
  broken: Refusal[];
}

const AT_RECORD = /^\/records\/(\d+)(\/.*)?$/;

/** An issue at `/records/3/field` as a refusal of the item it names (undefined: it names none). */
function refusalOf(items: readonly Item[], issue: Issue): { index: number; refusal: Refusal } | undefined {
  const at = AT_RECORD.exec(issue.pointer);
  const item = at ? items[Number(at[1])] : undefined;
  if (!at || !item) return undefined;
  const field = at[2]?.slice(1);
  const rule = issue.rule ? ` (${issue.rule})` : '';
  return {
    index: Number(at[1]),
    refusal: {
      record: item.record,
      code: issue.code,
      message: `${field ? `${field}: ` : ''}${issue.message}${rule}`,
    },
  };
}

export async function writeItems(
  records: RecordApi,
  object: string,
  request: Omit<BulkRequest, 'records'>,
  items: readonly Item[],
  rules: RuleMode,
  ctx: WriteContext = {},
): Promise<Written> {
  const written: Written = { created: 0, updated: 0, refused: [], broken: [] };
  if (!items.length) return written;
  // Fresh for each attempt: what a refused (rolled back) attempt noted is not what was written.
  const ruleViolations: Issue[] = [];
  try {
    const results = await records.bulk(
      object,
      { ...request, records: items.map((i) => i.input) },
      rules === 'report' ? { ...ctx, ruleViolations } : ctx,
    );
    for (const result of results) written[result.status] += 1;
    written.broken = ruleViolations.flatMap((issue) => refusalOf(items, issue)?.refusal ?? []);
    return written;
  } catch (error) {
    if (!isTesseraError(error)) throw error;
    const refused = new Map<number, Refusal>();
    for (const issue of error.issues) {
      const found = refusalOf(items, issue);
      if (found && !refused.has(found.index)) refused.set(found.index, found.refusal);
    }
    if (!refused.size && items.length === 1)
      refused.set(0, { record: (items[0] as Item).record, code: error.code, message: error.message });
    if (refused.size) {
      const rest = await writeItems(
        records,
        object,
        request,
        items.filter((_, i) => !refused.has(i)),
        rules,
        ctx,
      );
      return { ...rest, refused: [...refused.values(), ...rest.refused] };
    }
    const half = Math.ceil(items.length / 2);
    const first = await writeItems(records, object, request, items.slice(0, half), rules, ctx);
    const second = await writeItems(records, object, request, items.slice(half), rules, ctx);
    return {
      created: first.created + second.created,
      updated: first.updated + second.updated,
      refused: [...first.refused, ...second.refused],
      broken: [...first.broken, ...second.broken],
    };
  }
}
