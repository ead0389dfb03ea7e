/**
 * Writes a batch through the record API's bulk call (validation, rules, roll-ups and automations as any
 * write), each record on its own merits: the bulk call is all or nothing, so a refusal that names its records
 * (`/records/3/name`) drops those and writes the rest again, and one that names none (a unique index) is
 * narrowed down by halves to the record it is about. Each refused record is reported with the issue's code.
 */
import { type BulkRequest, isTesseraError, type RecordApi, type WriteContext } from '@tessera/engine';
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
}

const AT_RECORD = /^\/records\/(\d+)(\/.*)?$/;

export async function writeItems(
  records: RecordApi,
  object: string,
  request: Omit<BulkRequest, 'records'>,
  items: readonly Item[],
  ctx: WriteContext = {},
): Promise<Written> {
  const written: Written = { created: 0, updated: 0, refused: [] };
  if (!items.length) return written;
  try {
    for (const result of await records.bulk(object, { ...request, records: items.map((i) => i.input) }, ctx))
      written[result.status] += 1;
    return written;
  } catch (error) {
    if (!isTesseraError(error)) throw error;
    const refused = new Map<number, Refusal>();
    for (const issue of error.issues) {
      const at = AT_RECORD.exec(issue.pointer);
      const item = at ? items[Number(at[1])] : undefined;
      if (!item || refused.has(Number(at?.[1]))) continue;
      const field = at?.[2]?.slice(1);
      refused.set(Number(at?.[1]), {
        record: item.record,
        code: issue.code,
        message: field ? `${field}: ${issue.message}` : issue.message,
      });
    }
    if (!refused.size && items.length === 1)
      refused.set(0, { record: (items[0] as Item).record, code: error.code, message: error.message });
    if (refused.size) {
      const rest = await writeItems(
        records,
        object,
        request,
        items.filter((_, i) => !refused.has(i)),
        ctx,
      );
      return { ...rest, refused: [...refused.values(), ...rest.refused] };
    }
    const half = Math.ceil(items.length / 2);
    const first = await writeItems(records, object, request, items.slice(0, half), ctx);
    const second = await writeItems(records, object, request, items.slice(half), ctx);
    return {
      created: first.created + second.created,
      updated: first.updated + second.updated,
      refused: [...first.refused, ...second.refused],
    };
  }
}
