/**
 * The import's own messages — a row's (bad cells, lookups, keys), a column's, and the whole import's (a file it
 * cannot read, why it failed) — in the languages the studio speaks (`en`, `zh-CN`);
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
  // Columns, before anything runs.
  column: (v: { header: string; message: string }) => `column "${v.header}": ${v.message}`,
  columnsRefused: (v: { first: string }) => `the file's columns cannot be imported: ${v.first}`,
  unknownColumn: () => 'the mapping names a column the file does not have',
  badKey: (v: { key: string; object: string }) =>
    `key "${v.key}" must be id or a unique field of ${v.object}`,
  idOnInsert: () => 'an insert makes new ids; use update or upsert',
  unknownField: (v: { object: string; field: string }) => `${v.object} has no field "${v.field}"`,
  duplicateColumn: (v: { field: string; column: string }) =>
    `field ${v.field} is already filled by column "${v.column}"`,
  noKeyColumn: (v: { key: string }) => `no column holds the key "${v.key}"`,
  computed: (v: { field: string }) => `${v.field} is computed by the platform, not imported`,
  notEditable: (v: { field: string }) => `you may not edit ${v.field}`,
  notLookup: (v: { field: string }) => `${v.field} is not a lookup`,
  userKey: (v: { field: string; keys: string; key: string }) =>
    `${v.field} is found by ${v.keys}, not by "${v.key}"`,
  notUniqueTarget: (v: { target: string; key: string }) =>
    `${v.target}.${v.key} is not a unique field of ${v.target} (nor its name): records cannot be found by it`,
  // Options and files.
  badMode: (v: { mode: string }) => `mode must be insert, update or upsert, not "${v.mode}"`,
  badRules: (v: { rules: string }) => `rules must be enforce or report, not "${v.rules}"`,
  rulesForAdmins: () => 'only an admin may import with rules reported rather than enforced (migration mode)',
  noHeader: (v: { file: string }) => `${v.file} has no header row: the first row must name the columns`,
  unclosedQuote: (v: { line: number }) =>
    `the file is not valid CSV: a quote opened is never closed (line ${v.line})`,
  badXlsx: (v: { why: string }) => `the file is not a readable XLSX workbook: ${v.why}`,
  // Why a whole import failed.
  duplicateKeys: (v: { count: number }) =>
    `${v.count} rows share a key with another row; nothing was imported`,
  rowsFailed: (v: { count: number }) => `${v.count} rows failed; nothing was written`,
  rowsFailedPartly: (v: { count: number }) => `${v.count} rows failed; the others were written`,
  interrupted: () => 'the import was interrupted (its process stopped); nothing was written',
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
  column: (v) => `列“${v.header}”：${v.message}`,
  columnsRefused: (v) => `文件的列无法导入：${v.first}`,
  unknownColumn: () => '映射中指定的列在文件中不存在',
  badKey: (v) => `键“${v.key}”必须是 id 或 ${v.object} 的唯一字段`,
  idOnInsert: () => '插入会生成新的 id；请使用更新或更新插入',
  unknownField: (v) => `${v.object} 没有字段“${v.field}”`,
  duplicateColumn: (v) => `字段 ${v.field} 已由列“${v.column}”填写`,
  noKeyColumn: (v) => `没有列包含键“${v.key}”`,
  computed: (v) => `${v.field} 由平台计算，不能导入`,
  notEditable: (v) => `你无权编辑 ${v.field}`,
  notLookup: (v) => `${v.field} 不是查找字段`,
  userKey: (v) => `${v.field} 按 ${v.keys} 查找，不能按“${v.key}”`,
  notUniqueTarget: (v) =>
    `${v.target}.${v.key} 不是 ${v.target} 的唯一字段（也不是其名称）：无法据此查找记录`,
  badMode: (v) => `模式必须是 insert、update 或 upsert，而不是“${v.mode}”`,
  badRules: (v) => `rules 必须是 enforce 或 report，而不是“${v.rules}”`,
  rulesForAdmins: () => '只有管理员可以在仅报告规则（迁移模式）下导入',
  noHeader: (v) => `${v.file} 没有表头行：第一行必须是列名`,
  unclosedQuote: (v) => `文件不是有效的 CSV：引号未闭合（第 ${v.line} 行）`,
  badXlsx: (v) => `文件不是可读取的 XLSX 工作簿：${v.why}`,
  duplicateKeys: (v) => `${v.count} 行的键与其他行重复；未导入任何数据`,
  rowsFailed: (v) => `${v.count} 行失败；未写入任何数据`,
  rowsFailedPartly: (v) => `${v.count} 行失败；其他行已写入`,
  interrupted: () => '导入被中断（其进程已停止）；未写入任何数据',
};

const CATALOGS: Record<string, Catalog> = { en: EN, 'zh-CN': ZH_CN };

/** The message `key` in the importer's language (`locale`, a tag such as `zh-CN`). */
export function importMessage<K extends ImportMessageKey>(
  locale: string,
  key: K,
  ...vars: Parameters<Catalog[K]>
): string {
  const say = (localize(CATALOGS, locale) ?? EN)[key] as (...v: Parameters<Catalog[K]>) => string;
  return say(...vars);
}
