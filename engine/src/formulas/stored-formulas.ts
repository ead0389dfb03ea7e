/**
 * Which formula fields are stored: a formula whose value is a function of its own record alone (no lookup path,
 * no TODAY or NOW, no lookup that the database may blank on its own, and only stored formulas among the
 * formulas it reads) gets a column, kept current on every write of the record and of the roll-ups it reads,
 * so it can be filtered and sorted on like any field. Every other formula is computed when read.
 */
import { CONTEXTUAL, formulaReferences } from '@tessera/formula';
import { propertyOf } from '../metadata/property-of.js';
import type { ObjectDocument } from '../metadata/types.js';
import { getOrCreate } from '../util/get-or-create.js';

const storedByObject = new WeakMap<ObjectDocument, ReadonlySet<string>>();

/** The names of `object`'s formula fields that are stored. */
export function storedFormulas(object: ObjectDocument): ReadonlySet<string> {
  return getOrCreate(storedByObject, object, () => {
    const verdicts = new Map<string, boolean>();
    const stored = (name: string): boolean => {
      const known = verdicts.get(name);
      if (known !== undefined) return known;
      // A cycle (refused at deploy anyway) is not stored; the guard also ends the recursion.
      verdicts.set(name, false);
      const verdict = ownValueOnly(object, name, stored);
      verdicts.set(name, verdict);
      return verdict;
    };
    return new Set(
      Object.entries(object.properties)
        .filter(([name, prop]) => prop['x-tessera'].field === 'formula' && stored(name))
        .map(([name]) => name),
    );
  });
}

function ownValueOnly(object: ObjectDocument, name: string, stored: (name: string) => boolean): boolean {
  let refs: ReturnType<typeof formulaReferences>;
  try {
    refs = formulaReferences(propertyOf(object, name)?.['x-tessera'].formula ?? '');
  } catch {
    return false; // does not parse: the deploy's checks say why
  }
  if ([...refs.functions].some((f) => CONTEXTUAL.has(f))) return false;
  return refs.fields.every((path) => {
    if (path.length > 1) return false;
    const prop = propertyOf(object, path[0] as string);
    if (!prop) return true; // a system field
    const o = prop['x-tessera'];
    if (o.field === 'formula') return stored(path[0] as string);
    // ON DELETE SET NULL blanks the value without a write of this record.
    return o.field !== 'lookup' || o.onDelete === 'restrict';
  });
}
