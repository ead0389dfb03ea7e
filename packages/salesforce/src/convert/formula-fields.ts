/** Formula fields: the Salesforce formula translated (formulas.ts), its return type from the field's type. */
import { int, text, type Xml } from '../read/xml.js';
import type { Conversion, PlannedObject } from './context.js';
import { type FieldResult, property } from './field-result.js';
import { translateFormula } from './formulas.js';

type Returns = 'text' | 'number' | 'currency' | 'percent' | 'integer' | 'boolean' | 'date' | 'datetime';

const RETURNS: Record<string, { returns: Returns; schema: Record<string, unknown> }> = {
  Text: { returns: 'text', schema: { type: 'string' } },
  Number: { returns: 'number', schema: { type: 'number' } },
  Currency: { returns: 'currency', schema: { type: 'number' } },
  Percent: { returns: 'percent', schema: { type: 'number' } },
  Checkbox: { returns: 'boolean', schema: { type: 'boolean' } },
  Date: { returns: 'date', schema: { type: 'string', format: 'date' } },
  DateTime: { returns: 'datetime', schema: { type: 'string', format: 'date-time' } },
};

export function convertFormulaField(c: Conversion, o: PlannedObject, xml: Xml, label: string): FieldResult {
  const type = text(xml, 'type') ?? '';
  const kind = RETURNS[type];
  if (!kind) return { skip: `a formula returning ${type || 'nothing'} has no counterpart` };
  const translated = translateFormula(c, o, text(xml, 'formula') ?? '');
  if ('problem' in translated) return { skip: `formula not translated: ${translated.problem}` };
  const formula = translated.formula;
  if (formula.length > 3900) return { skip: `formula of ${formula.length} characters (at most 3900)` };
  const scale = int(xml, 'scale');
  const options: Record<string, unknown> = { field: 'formula', returns: kind.returns, formula };
  if (scale !== undefined && ['number', 'currency', 'percent'].includes(kind.returns))
    options.scale = Math.min(scale, 10);
  const blanks = text(xml, 'formulaTreatBlanksAs') === 'BlankAsZero' && kind.returns !== 'text';
  return {
    property: { ...property(xml, label, kind.schema, options), readOnly: true },
    ...(blanks
      ? {
          note: 'blank fields were read as zero in Salesforce; here blanks stay blank (wrap them in BLANKVALUE)',
        }
      : {}),
  };
}
