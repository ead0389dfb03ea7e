/** Validation rules: the error condition translated (formulas.ts), the message, the field it shows on. */
import { bool, text } from '../read/xml.js';
import { type Conversion, convertedObjects, plannedField } from './context.js';
import { translateFormula } from './formulas.js';

export function convertValidationRules(c: Conversion): void {
  for (const o of convertedObjects(c))
    for (const xml of o.source?.validationRules ?? []) {
      const sfName = text(xml, 'fullName') ?? '';
      const source = `${o.sf}.${sfName}`;
      const translated = translateFormula(c, o, text(xml, 'errorConditionFormula') ?? '');
      if ('problem' in translated) {
        c.report.skipped('validation rule', source, `formula not translated: ${translated.problem}`);
        continue;
      }
      const apiName = c.documentNames.take(`${o.name}_${sfName}`);
      c.ruleNames.set(`${o.sf}.${sfName}`, apiName);
      const displayField = text(xml, 'errorDisplayField');
      const field = displayField ? plannedField(o, displayField) : undefined;
      const description = text(xml, 'description');
      c.validationRules.push({
        kind: 'validation_rule',
        apiName,
        object: o.name,
        formula: translated.formula,
        message: { en: text(xml, 'errorMessage') ?? `${sfName} is not met` },
        ...(field && field.origin !== 'system' ? { field: field.name } : {}),
        ...(text(xml, 'active') === undefined || bool(xml, 'active') ? {} : { active: false }),
        ...(description ? { description: { en: description } } : {}),
      });
      const notes =
        displayField && !field
          ? `its display field ${displayField} was not converted: shown on the record`
          : undefined;
      if (notes) c.report.approximated('validation rule', source, `validation_rule:${apiName}`, notes);
      else c.report.mapped('validation rule', source, `validation_rule:${apiName}`);
    }
}
