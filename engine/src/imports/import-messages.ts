/**
 * The import's own row messages (bad cells, lookups, keys), in the languages the studio speaks (`en`, `zh-CN`);
 * another language gets the nearest, else English. The write pipeline's messages come from the record API in the
 * same locale (record-messages.ts). Codes stay the same in every language: clients branch on them.
 */
import { localize } from '../metadata/localized-text.js';

const EN = {
  badCell: (v: { cell: string; field: string; type: string; hint: string }) =>
    `"${v.cell}" is not a value of ${v.field} (${v.type}: ${v.hint})`,
  badRow: (v: { cells: number; header: number }) => `the row has ${v.cells} cells, the header ${v.header}`,
  unknownLookup: (v: { target: string; cell: string }) => `no ${v.target} record matches "${v.cell}"`,
  ambiguousLookup: (v: { target: string; cell: string }) =>
    `more than one ${v.target} record is named "${v.cell}"`,
  emptyKey: (v: { key: string }) => `the key ${v.key} is empty`,
  notFound: (v: { object: string; key: string; value: string }) =>
    `no ${v.object} record has ${v.key} "${v.value}"`,
  duplicateKey: (v: { key: string; value: string; lines: string }) =>
    `${v.key} "${v.value}" is on more than one row of the file: lines ${v.lines}`,
  ruleReported: (v: { message: string }) => `${v.message} (reported, not enforced: the row was imported)`,
};

export type ImportMessageKey = keyof typeof EN;
type Catalog = { [K in ImportMessageKey]: (typeof EN)[K] };

const ZH_CN: Catalog = {
  badCell: (v) => `“${v.cell}”不是 ${v.field} 的值（${v.type}：${v.hint}）`,
  badRow: (v) => `此行有 ${v.cells} 个单元格，表头只有 ${v.header} 个`,
  unknownLookup: (v) => `没有与“${v.cell}”匹配的 ${v.target} 记录`,
  ambiguousLookup: (v) => `名为“${v.cell}”的 ${v.target} 记录不止一条`,
  emptyKey: (v) => `键 ${v.key} 为空`,
  notFound: (v) => `没有 ${v.key} 为“${v.value}”的 ${v.object} 记录`,
  duplicateKey: (v) => `${v.key}“${v.value}”在文件中出现在多行：第 ${v.lines} 行`,
  ruleReported: (v) => `${v.message}（仅报告，未强制：此行已导入）`,
};

const CATALOGS: Record<string, Catalog> = { en: EN, 'zh-CN': ZH_CN };

/** The message `key` in the importer's language (`locale`, a tag such as `zh-CN`). */
export function importMessage<K extends ImportMessageKey>(
  locale: string,
  key: K,
  vars: Parameters<Catalog[K]>[0],
): string {
  const say = (localize(CATALOGS, locale) ?? EN)[key] as (v: Parameters<Catalog[K]>[0]) => string;
  return say(vars);
}
