/** Stage (updates): dependent picklist values must still fit the record as it will be stored. */
import { dependentPicklistIssues } from '../dependent-picklists.js';
import { invalid } from '../record-errors.js';
import type { WriteBatch } from './write-batch.js';

export function checkDependentPicklists(batch: WriteBatch): void {
  batch.records.forEach((record, i) => {
    const issues = dependentPicklistIssues(batch.object, record, batch.pointerOf(i), batch.locality.locale);
    if (issues.length) throw invalid(batch.object, issues);
  });
}
