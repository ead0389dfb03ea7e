/**
 * Translations (objectTranslations/, globalValueSetTranslations/, standardValueSetTranslations/) become more
 * languages of the converted labels: object labels, field labels and help, picklist values, record types,
 * layout sections and validation messages. Salesforce's `zh_CN` is the BCP 47 tag `zh-CN`; English
 * translations are left out (the converted labels are English already).
 */
import type { LocalizedText, PicklistOption } from '@tessera/engine';
import type { SourceTranslation } from '../read/project.js';
import { list, text, type Xml } from '../read/xml.js';
import { type Conversion, type PlannedObject, plannedField, plannedObject } from './context.js';
import { globalValueSetOf } from './picklists.js';

/** `zh_CN` → `zh-CN`; undefined for a code that is not a language tag. */
export function languageTag(code: string): string | undefined {
  const tag = code.replace(/_/g, '-');
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : undefined;
}

function add(
  text: LocalizedText | undefined,
  tag: string,
  value: string | undefined,
): LocalizedText | undefined {
  if (!value) return text;
  return { ...(text ?? {}), [tag]: value };
}

function translateOptions(options: PicklistOption[] | undefined, tag: string, values: Xml[]): number {
  let n = 0;
  for (const v of values) {
    const master = text(v, 'masterLabel');
    const option = options?.find((o) => o.value === master || o.label?.en === master);
    const translation = text(v, 'translation');
    if (option && translation) {
      option.label = add(option.label, tag, translation);
      n++;
    }
  }
  return n;
}

function translateObject(c: Conversion, o: PlannedObject, t: SourceTranslation, tag: string): number {
  let n = 0;
  const doc = o.document['x-tessera'];
  if (o.origin === 'package')
    for (const cv of list(t.xml.caseValues)) {
      const value = text(cv, 'value');
      if (text(cv, 'caseType') && text(cv, 'caseType') !== 'Nominative') continue;
      if (text(cv, 'plural') === 'true') doc.pluralLabel = add(doc.pluralLabel, tag, value);
      else doc.label = add(doc.label, tag, value);
      n += value ? 1 : 0;
    }
  for (const ft of [...list(t.xml.fields), ...t.fields]) {
    const f = plannedField(o, text(ft, 'name') ?? '');
    const prop = f && f.origin === 'new' ? o.document.properties[f.name] : undefined;
    if (!prop) continue;
    const x = prop['x-tessera'];
    if (text(ft, 'label')) x.label = add(x.label, tag, text(ft, 'label'));
    if (text(ft, 'help')) x.helpText = add(x.helpText, tag, text(ft, 'help'));
    n += (text(ft, 'label') ? 1 : 0) + translateOptions(x.options, tag, list(ft.picklistValues));
  }
  if (o.recordTypeField)
    n += translateOptions(
      o.document.properties[o.recordTypeField]?.['x-tessera'].options,
      tag,
      list(t.xml.recordTypes).map((rt) => ({
        masterLabel: text(rt, 'name'),
        translation: text(rt, 'label'),
      })),
    );
  for (const rt of list(t.xml.validationRules)) {
    const apiName = c.ruleNames.get(`${o.sf}.${text(rt, 'name') ?? ''}`);
    const rule = c.validationRules.find((r) => r.apiName === apiName);
    if (rule && text(rt, 'errorMessage')) {
      rule.message = add(rule.message, tag, text(rt, 'errorMessage')) as LocalizedText;
      n++;
    }
  }
  for (const lt of list(t.xml.layouts)) {
    const layout = c.layouts.find((l) => l.object === o.name && l.label?.en === text(lt, 'layout'));
    for (const st of list(lt.sections)) {
      const section = layout?.sections.find((s) => s.label?.en === text(st, 'section'));
      if (section && text(st, 'label')) {
        section.label = add(section.label, tag, text(st, 'label'));
        n++;
      }
    }
  }
  return n;
}

export function convertTranslations(c: Conversion): void {
  for (const t of c.project.objectTranslations) {
    const source = `${t.name}-${t.language}`;
    const tag = languageTag(t.language);
    const o = plannedObject(c, t.name);
    if (!tag || tag.startsWith('en')) {
      c.report.skipped(
        'translation',
        source,
        tag ? 'English: the labels are English already' : `${t.language} is not a language code`,
      );
      continue;
    }
    if (!o) {
      c.report.skipped('translation', source, `its object ${t.name} is not converted`);
      continue;
    }
    const n = translateObject(c, o, t, tag);
    c.report.mapped('translation', source, `${o.name} (${tag})`, `${n} labels`);
  }
  for (const t of c.project.valueSetTranslations) {
    const source = `${t.name}-${t.language}`;
    const tag = languageTag(t.language);
    if (!tag || tag.startsWith('en')) {
      c.report.skipped('translation', source, 'English, or not a language code');
      continue;
    }
    let n = 0;
    for (const o of new Set(c.objects.values()))
      for (const prop of Object.values(o.document.properties))
        if (globalValueSetOf.get(prop) === t.name)
          n += translateOptions(prop['x-tessera'].options, tag, list(t.xml.valueTranslation));
    if (n) c.report.mapped('translation', source, `value set ${t.name} (${tag})`, `${n} labels`);
    else c.report.skipped('translation', source, 'no converted picklist uses this value set');
  }
}
