/** A client's values for a write: the full object's validation plus the caller's field-level security. */
import type { Access } from '../../access/access.js';
import type { CompiledObject, PreparedWrite, WriteMode } from '../../model/compiled-model.js';

export function prepareClientInput(
  access: Access,
  object: CompiledObject,
  view: CompiledObject,
  input: unknown,
  mode: WriteMode,
  locale: string,
): PreparedWrite {
  const prepared = object.prepareWrite(input, mode, locale);
  const denied = access.fieldIssues(view, input, locale);
  if (!denied.length) return prepared;
  const pointers = new Set(denied.map((i) => i.pointer));
  return {
    values: prepared.values,
    issues: [...denied, ...prepared.issues.filter((i) => !pointers.has(i.pointer))],
  };
}
