/**
 * The platform's own messages about record values, in the languages the studio speaks (`en`, `zh-CN`); a caller
 * asking for another language gets the nearest, else English. Issue codes stay the same in every language:
 * clients branch on them, people read these.
 */
import { localize } from '../metadata/localized-text.js';
import { countNoun } from '../util/english.js';

const listed = (values: readonly unknown[], separator: string) =>
  values.filter((v) => v !== null).join(separator);

/** JSON types and formats as people call them; unknown ones are shown as they are. */
const ZH_TYPES: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
};
const ZH_FORMATS: Record<string, string> = {
  date: '日期（YYYY-MM-DD）',
  'date-time': '日期时间（ISO 8601）',
  time: '时间（HH:MM:SS）',
  email: '电子邮件地址',
  uri: '网址',
  url: '网址',
  uuid: 'UUID',
};
const ZH_COMPARISONS: Record<string, string> = {
  '<=': '不能大于',
  '>=': '不能小于',
  '<': '必须小于',
  '>': '必须大于',
};

const EN = {
  required: () => 'is required',
  requiredNotClearable: () => 'is required and cannot be cleared',
  notAnObject: () => 'a record must be a JSON object',
  type: (v: { types: readonly string[] }) => `must be ${v.types.join(' or ')}`,
  maxLength: (v: { limit: number }) => `must be at most ${countNoun(v.limit, 'character', 'characters')}`,
  minLength: (v: { limit: number }) => `must be at least ${countNoun(v.limit, 'character', 'characters')}`,
  maxItems: (v: { limit: number }) => `must have at most ${countNoun(v.limit, 'value', 'values')}`,
  minItems: (v: { limit: number }) => `must have at least ${countNoun(v.limit, 'value', 'values')}`,
  enum: (v: { values: readonly unknown[] }) => `must be one of: ${listed(v.values, ', ')}`,
  format: (v: { format: string }) => `must be a valid ${v.format}`,
  wholeNumber: () => 'must be a whole number',
  decimals: (v: { digits: number }) =>
    `must have at most ${countNoun(v.digits, 'digit', 'digits')} after the point`,
  comparison: (v: { comparison: string; limit: number }) => `must be ${v.comparison} ${v.limit}`,
  pattern: () => 'is not in the expected form',
  uniqueItems: () => 'must not repeat a value',
  unknownKey: (v: { key: string }) => `must not have "${v.key}"`,
  invalid: () => 'is invalid',
  nulCharacter: () => 'must not contain the NUL character',
  loneSurrogate: () => 'must not contain a lone UTF-16 surrogate (half of a character)',
  urlScheme: (v: { schemes: readonly string[]; scheme: string }) =>
    `must be a link of one of the schemes ${v.schemes.join(', ')}, not ${v.scheme}`,
  unknownField: (v: { field: string; object: string }) => `"${v.field}" is not a field of ${v.object}`,
  systemField: () => 'is set by the platform and cannot be written',
  readOnly: () => 'is read-only',
  readOnlyForYou: () => 'you may read this field but not change it',
  unique: () => 'is already used by another record',
  reference: (v: { target: string; id: string }) => `no ${v.target} record has id "${v.id}"`,
  ownerRequired: () => 'must be the id of a user',
  ownerInactive: () => 'is not an active user',
  dependentFirst: (v: { option: string; controlling: string }) =>
    `"${v.option}" needs ${v.controlling} to be chosen first`,
  dependentNotAllowed: (v: { option: string; controlling: string; value: string }) =>
    `"${v.option}" is not allowed when ${v.controlling} is "${v.value}"`,
  defaultFormula: (v: { problem: string }) => `the default formula gives a value that ${v.problem}`,
  setByAutomation: (v: { automation: string; problem: string }) =>
    `the value set by automation "${v.automation}" ${v.problem}`,
};

export type RecordMessageKey = keyof typeof EN;
type Catalog = { [K in RecordMessageKey]: (typeof EN)[K] };

const ZH_CN: Catalog = {
  required: () => '必填',
  requiredNotClearable: () => '必填，不能清空',
  notAnObject: () => '记录必须是一个 JSON 对象',
  type: (v) => `必须是${v.types.map((t) => ZH_TYPES[t] ?? t).join('或')}`,
  maxLength: (v) => `最多 ${v.limit} 个字符`,
  minLength: (v) => `至少 ${v.limit} 个字符`,
  maxItems: (v) => `最多 ${v.limit} 个值`,
  minItems: (v) => `至少 ${v.limit} 个值`,
  enum: (v) => `必须是以下值之一：${listed(v.values, '、')}`,
  format: (v) => `必须是有效的${ZH_FORMATS[v.format] ?? v.format}`,
  wholeNumber: () => '必须是整数',
  decimals: (v) => `小数点后最多 ${v.digits} 位`,
  comparison: (v) => `${ZH_COMPARISONS[v.comparison] ?? v.comparison} ${v.limit}`,
  pattern: () => '格式不正确',
  uniqueItems: () => '不能有重复的值',
  unknownKey: (v) => `不能有“${v.key}”`,
  invalid: () => '无效',
  nulCharacter: () => '不能包含 NUL 字符',
  loneSurrogate: () => '不能包含孤立的 UTF-16 代理项（半个字符）',
  urlScheme: (v) => `必须是以下协议之一的链接：${v.schemes.join('、')}，不能是 ${v.scheme}`,
  unknownField: (v) => `“${v.field}”不是 ${v.object} 的字段`,
  systemField: () => '由平台设置，不能写入',
  readOnly: () => '只读',
  readOnlyForYou: () => '你可以查看此字段，但不能修改',
  unique: () => '已被另一条记录使用',
  reference: (v) => `不存在 id 为“${v.id}”的 ${v.target} 记录`,
  ownerRequired: () => '必须是一个用户的 id',
  ownerInactive: () => '不是已启用的用户',
  dependentFirst: (v) => `“${v.option}”需要先选择 ${v.controlling}`,
  dependentNotAllowed: (v) => `${v.controlling} 为“${v.value}”时不能选择“${v.option}”`,
  defaultFormula: (v) => `默认值公式得出的值无效：${v.problem}`,
  setByAutomation: (v) => `自动化“${v.automation}”设置的值无效：${v.problem}`,
};

const CATALOGS: Record<string, Catalog> = { en: EN, 'zh-CN': ZH_CN };

type Vars<K extends RecordMessageKey> = Parameters<Catalog[K]>;

/** The message `key` in the caller's language (`locale`, a tag such as `zh-CN`). */
export function recordMessage<K extends RecordMessageKey>(locale: string, key: K, ...vars: Vars<K>): string {
  const say = (localize(CATALOGS, locale) ?? EN)[key] as (...args: Vars<K>) => string;
  return say(...vars);
}
