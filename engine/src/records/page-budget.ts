/**
 * How much one page of records may weigh. A page is answered as one JSON text, and V8 strings end at about
 * 512 MB (500 records of 1 MB each already reach it); long before that, one answer would hold much of the
 * server's memory. So a page ends early, with a cursor to the rest, once its records reach the budget.
 */

/** Characters of JSON the records of one page may take together (a single larger record still gets its page). */
export const PAGE_JSON_BUDGET = 16 * 1024 * 1024;

/** How many of `records`, from the first, fit in one page: always at least one. */
export function recordsWithinBudget(records: readonly unknown[], budget = PAGE_JSON_BUDGET): number {
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    // The separating comma counts too.
    total += JSON.stringify(records[i]).length + 1;
    if (total > budget && i > 0) return i;
  }
  return records.length;
}
