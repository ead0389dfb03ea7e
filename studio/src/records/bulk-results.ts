/**
 * What a bulk change did, record by record, for its summary: which records were changed, and which were refused
 * and why. The bulk API applies all of a request or none of it; a refusal names each failing record by its place
 * (`/records/3/amount`), so the others are sent again on their own and the refused ones reported.
 */
import { TesseraApiError } from '@tessera/client';

export interface BulkFailure {
  id: string;
  message: string;
}

export interface BulkOutcome {
  done: string[];
  failed: BulkFailure[];
}

/** The refused records of a bulk refusal, by id (messages of one record joined); none when it names none. */
export function failuresOf(error: TesseraApiError, ids: readonly string[]): BulkFailure[] {
  const byId = new Map<string, string[]>();
  for (const entry of error.problem.errors ?? []) {
    const index = /^\/records\/(\d+)(\/|$)/.exec(entry.pointer ?? '')?.[1];
    const id = index === undefined ? undefined : ids[Number(index)];
    if (id) byId.set(id, [...(byId.get(id) ?? []), entry.message]);
  }
  return [...byId].map(([id, messages]) => ({ id, message: messages.join(' ') }));
}

/**
 * Sends `ids` through `send` (one bulk request); when some are refused, sends the others once more without them.
 * A refusal that names no record (no permission, say) fails every record with its message.
 */
export async function bulkWithRetry(
  ids: readonly string[],
  send: (ids: readonly string[]) => Promise<unknown>,
): Promise<BulkOutcome> {
  const whole = (error: TesseraApiError, of: readonly string[]): BulkOutcome => ({
    done: [],
    failed: of.map((id) => ({ id, message: error.problem.detail ?? error.problem.title })),
  });
  try {
    await send(ids);
    return { done: [...ids], failed: [] };
  } catch (error) {
    if (!(error instanceof TesseraApiError)) throw error;
    const failed = failuresOf(error, ids);
    if (!failed.length) return whole(error, ids);
    const refused = new Set(failed.map((f) => f.id));
    const rest = ids.filter((id) => !refused.has(id));
    if (!rest.length) return { done: [], failed };
    try {
      await send(rest);
      return { done: rest, failed };
    } catch (again) {
      if (!(again instanceof TesseraApiError)) throw again;
      return { done: [], failed: [...failed, ...whole(again, rest).failed] };
    }
  }
}

/** One call per record (changes the bulk API does not take: owner, delete), each failure with its message. */
export async function eachRecord(
  ids: readonly string[],
  change: (id: string) => Promise<unknown>,
): Promise<BulkOutcome> {
  const results = await Promise.allSettled(ids.map((id) => change(id)));
  const outcome: BulkOutcome = { done: [], failed: [] };
  results.forEach((result, i) => {
    const id = ids[i] as string;
    if (result.status === 'fulfilled') outcome.done.push(id);
    else if (result.reason instanceof TesseraApiError)
      outcome.failed.push({ id, message: result.reason.problem.detail ?? result.reason.problem.title });
    else throw result.reason;
  });
  return outcome;
}
