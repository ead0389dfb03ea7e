/**
 * Salesforce formulas → Tessera formulas. The language is the same (docs/formulas.md); what changes is the
 * names: `Service__r.Program__c` → `service.program`, `Account.Name` → `account.name`, `$RecordType.DeveloperName`
 * → the record-type field. The text is rewritten token by token (strings and comments left alone); a name
 * with no Tessera counterpart (`$User.Id`, a field that was not converted) makes the formula untranslatable,
 * and the reason is reported. Whether the result compiles is checked by the engine, at the end of the conversion.
 */
import { type Conversion, type PlannedObject, plannedField, plannedObject } from './context.js';

export type Translation = { formula: string } | { problem: string };

/** Strings, comments, numbers (`1e3` is no name), names (dotted, maybe `$`-prefixed), and single characters. */
const TOKEN =
  /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\/\*[\s\S]*?\*\/|\$?[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*\$?[A-Za-z_][A-Za-z0-9_]*)*|\s+|[\s\S]/g;

const LITERALS = new Set(['TRUE', 'FALSE', 'NULL']);

export function translateFormula(c: Conversion, object: PlannedObject, formula: string): Translation {
  let out = '';
  for (const match of formula.matchAll(TOKEN)) {
    const token = match[0];
    const isName = /^\$?[A-Za-z_]/.test(token);
    if (!isName) {
      out += token;
      continue;
    }
    const rest = formula.slice((match.index ?? 0) + token.length);
    if (/^\s*\(/.test(rest) || LITERALS.has(token.toUpperCase())) {
      out += token; // a function (checked by the compiler) or TRUE/FALSE/NULL
      continue;
    }
    const path = token.split('.').map((s) => s.trim());
    const resolved = resolvePath(c, object, path);
    if ('problem' in resolved) return resolved;
    out += resolved.formula;
  }
  return { formula: out };
}

/** A field reference, maybe across lookups, as a Tessera path. */
function resolvePath(c: Conversion, start: PlannedObject, path: string[]): Translation {
  const written = path.join('.');
  const first = path[0] ?? '';
  if (first.startsWith('$')) {
    if (/^\$RecordType$/i.test(first) && start.recordTypeField && path.length === 2)
      return { formula: start.recordTypeField };
    return { problem: `${written}: global ${first} has no Tessera counterpart` };
  }
  let object = start;
  const out: string[] = [];
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (/^RecordType$/i.test(segment) && object.recordTypeField && i === path.length - 2) {
      out.push(object.recordTypeField);
      return { formula: out.join('.') };
    }
    if (last) {
      if (/^Id$/i.test(segment)) out.push('id');
      else {
        const field = plannedField(object, segment);
        if (!field) return { problem: `${written}: ${object.sf}.${segment} was not converted` };
        out.push(field.name);
      }
      continue;
    }
    // A relationship: `Foo__r` is the lookup `Foo__c`; a standard `Account` is `AccountId`.
    const lookupName = /__r$/i.test(segment) ? segment.replace(/__r$/i, '__c') : `${segment}Id`;
    const field = plannedField(object, lookupName) ?? plannedField(object, segment);
    const target = field?.references?.[0];
    const next = target ? plannedObject(c, target) : undefined;
    if (!field || !next || field.references?.length !== 1)
      return { problem: `${written}: relationship ${object.sf}.${segment} was not converted to a lookup` };
    out.push(field.name);
    object = next;
  }
  return { formula: out.join('.') };
}
