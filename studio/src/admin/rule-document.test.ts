/** The rule editor's documents are ones the engine accepts; answers and documents go both ways. */
import { validateDocuments } from '@tessera/engine';
import { describe, expect, it } from 'vitest';
import type { ValidationRuleDocument } from '../api/types.js';
import {
  blankRule,
  canReview,
  formulaCheckDocument,
  type RuleAnswers,
  ruleAnswersOf,
  ruleDocument,
  rulesOf,
} from './rule-document.js';

const machine = {
  type: 'object',
  'x-tessera': { apiName: 'machine', nameField: 'name' },
  properties: {
    name: { type: 'string', maxLength: 80, 'x-tessera': { field: 'text' } },
    serial_no: { type: 'string', maxLength: 64, 'x-tessera': { field: 'text' } },
    status: {
      type: 'string',
      enum: ['active', 'broken'],
      'x-tessera': { field: 'picklist', options: [{ value: 'active' }, { value: 'broken' }] },
    },
  },
  required: ['name'],
};

const issuesOf = (rule: ValidationRuleDocument) =>
  validateDocuments({ objects: [machine] as never, validationRules: [rule] }).map(
    (i) => `${i.pointer} ${i.code}`,
  );

const answers: RuleAnswers = {
  apiName: 'broken_needs_prefix',
  formula: ' AND(ISPICKVAL(status, "broken"), NOT(BEGINS(serial_no, "VM-"))) ',
  messageEn: ' A broken machine needs a VM- serial number ',
  messageZh: '故障设备的序列号必须以 VM- 开头',
  field: 'serial_no',
  active: true,
};

describe('ruleDocument', () => {
  it('makes a rule the engine accepts, trimmed, in both languages, on its field', () => {
    const doc = ruleDocument('machine', answers);
    expect(doc).toEqual({
      kind: 'validation_rule',
      apiName: 'broken_needs_prefix',
      object: 'machine',
      formula: 'AND(ISPICKVAL(status, "broken"), NOT(BEGINS(serial_no, "VM-")))',
      message: {
        en: 'A broken machine needs a VM- serial number',
        'zh-CN': '故障设备的序列号必须以 VM- 开头',
      },
      field: 'serial_no',
    });
    expect(issuesOf(doc)).toEqual([]);
  });

  it('leaves out what was not answered, and says active only when off', () => {
    const doc = ruleDocument('machine', { ...answers, messageZh: '', field: '', active: false });
    expect(doc.message).toEqual({ en: 'A broken machine needs a VM- serial number' });
    expect('field' in doc).toBe(false);
    expect(doc.active).toBe(false);
    expect(issuesOf(doc)).toEqual([]);
  });

  it('keeps what the editor does not show of an existing rule', () => {
    const existing: ValidationRuleDocument = {
      ...ruleDocument('machine', answers),
      message: { en: 'old', 'zh-CN': '旧', fr: 'ancien' },
      description: { en: 'Why' },
      active: true,
    };
    const doc = ruleDocument(
      'machine',
      { ...ruleAnswersOf(existing), messageEn: 'new', messageZh: '' },
      existing,
    );
    expect(doc.message).toEqual({ fr: 'ancien', en: 'new' });
    expect(doc.description).toEqual({ en: 'Why' });
    expect('active' in doc).toBe(false);
  });

  it('reads an existing rule back as the same answers', () => {
    const doc = ruleDocument('machine', { ...answers, active: false });
    expect(ruleAnswersOf(doc)).toEqual({
      ...answers,
      formula: doc.formula,
      messageEn: 'A broken machine needs a VM- serial number',
      active: false,
    });
    expect(ruleAnswersOf({ ...doc, active: undefined, field: undefined } as never)).toMatchObject({
      active: true,
      field: '',
    });
  });
});

describe('formulaCheckDocument', () => {
  it('stands in for a missing name and message and leaves the field out, so only the formula can fail', () => {
    const doc = formulaCheckDocument('machine', { ...blankRule(), formula: 'status = "x"', field: 'gone' });
    expect(doc).toMatchObject({ apiName: 'formula_check', message: { en: '-' } });
    expect('field' in doc).toBe(false);
    expect(issuesOf(doc)).toEqual([]);
    const broken = formulaCheckDocument('machine', { ...blankRule(), apiName: 'Bad Name', formula: 'LEN(' });
    expect(broken.apiName).toBe('formula_check');
    expect(issuesOf(broken).every((i) => i.includes('formula'))).toBe(true);
    expect(issuesOf(broken)).not.toEqual([]);
  });

  it('keeps a valid name', () => {
    expect(formulaCheckDocument('machine', answers).apiName).toBe('broken_needs_prefix');
  });
});

describe('canReview and rulesOf', () => {
  it('needs a valid name, a formula and a message in one language', () => {
    expect(canReview(answers)).toBe(true);
    expect(canReview({ ...answers, messageEn: '', messageZh: ' ' })).toBe(false);
    expect(canReview({ ...answers, messageEn: '' })).toBe(true);
    expect(canReview({ ...answers, apiName: '1x' })).toBe(false);
    expect(canReview({ ...answers, formula: '  ' })).toBe(false);
  });

  it('lists one object’s rules by name', () => {
    const rule = (apiName: string, object: string) => ({ ...ruleDocument(object, answers), apiName });
    expect(
      rulesOf([rule('b', 'machine'), rule('c', 'site'), rule('a', 'machine')], 'machine').map(
        (r) => r.apiName,
      ),
    ).toEqual(['a', 'b']);
  });
});
