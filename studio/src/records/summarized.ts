/** The fields roll-ups summarize (a sum of money is shown as money): read from the summarized objects, shared. */
import { useCallback } from 'react';
import type { ObjectDocument, PropertyDocument } from '../api/types.js';
import { useDescriptions } from '../api/use-api.js';

/** What a roll-up field summarizes, if it summarizes a field. */
function summarizedOf(object: ObjectDocument | undefined, field: string) {
  const o = object?.properties[field]?.['x-tessera'];
  return o?.field === 'rollup' && o.function !== 'count' && o.summarizedObject && o.summarizedField
    ? { object: o.summarizedObject, field: o.summarizedField }
    : undefined;
}

export function useSummarized(
  object: ObjectDocument | undefined,
  fields: readonly string[],
): (field: string) => PropertyDocument | undefined {
  const described = useDescriptions(fields.flatMap((f) => summarizedOf(object, f)?.object ?? []));
  return useCallback(
    (field: string) => {
      const of = summarizedOf(object, field);
      return of ? described?.get(of.object)?.document.properties[of.field] : undefined;
    },
    [object, described],
  );
}
