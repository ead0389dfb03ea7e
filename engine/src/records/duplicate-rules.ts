/**
 * Duplicate rules at write time. Values are compared normalized (text, emails, URLs and picklists without case
 * or surrounding space; phones by their digits), against the stored records and the other records of the same
 * batch, with one query per rule for a whole batch. A `block` rule refuses the record; a `warn` rule lets it
 * through and says so in the answer. Matches are counted, never shown: the writer may not see them.
 */
import { type Expression, sql } from 'kysely';
import type { Issue } from '../errors.js';
import { localize } from '../metadata/localized-text.js';
import type { LocalizedText } from '../metadata/types.js';
import type { CompiledField, CompiledModel, CompiledObject } from '../model/compiled-model.js';
import type { AnyDb, Storage } from '../storage/storage.js';
import { getOrCreate } from '../util/get-or-create.js';
import { rowCodec } from './row-codec.js';

export interface DuplicateWarning {
  rule: string;
  message: string;
  /** How many other records match. */
  matches: number;
  /** The record's position in a batch write. */
  index?: number;
}

interface Rule {
  apiName: string;
  fields: CompiledField[];
  action: 'block' | 'warn';
  message: LocalizedText | undefined;
}

const TEXTUAL = new Set(['text', 'email', 'url', 'picklist']);
const compiled = new WeakMap<CompiledObject, Rule[]>();

function rulesOf(model: CompiledModel, object: CompiledObject): Rule[] {
  return getOrCreate(compiled, object, () =>
    (model.documents.duplicateRules ?? [])
      .filter((r) => r.object === object.apiName && r.active !== false)
      .map((r) => ({
        apiName: r.apiName,
        fields: r.fields.map((f) => object.fields.get(f) as CompiledField),
        action: r.action,
        message: r.message,
      })),
  );
}

/** A value as rules compare it, or undefined when blank (a blank never matches). */
function normalized(field: CompiledField, value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (field.type === 'phone') return String(value).replace(/\D/g, '') || undefined;
  if (TEXTUAL.has(field.type)) return String(value).trim().toLowerCase() || undefined;
  return JSON.stringify(value);
}

/** The same normalization in SQL, for the stored side. */
function normalizedColumn(storage: Storage, field: CompiledField): Expression<unknown> {
  const column = sql.ref(field.name);
  if (field.type === 'phone')
    return storage.dialect === 'postgres'
      ? sql`regexp_replace(${column}, '[^0-9]', '', 'g')`
      : ['-', '(', ')', '+', '.', '/'].reduce<Expression<unknown>>(
          (expr, c) => sql`replace(${expr}, ${c}, '')`,
          sql`replace(${column}, ' ', '')`,
        );
  if (TEXTUAL.has(field.type)) return sql`lower(trim(${column}))`;
  return column;
}

export interface DuplicateCheck {
  storage: Storage;
  trx: AnyDb;
  model: CompiledModel;
  object: CompiledObject;
  records: readonly Record<string, unknown>[];
  pointerOf: (index: number) => string;
  /** The language of the messages (`zh-CN`), as the caller asked for it. */
  locale: string;
}

export async function findDuplicates(
  check: DuplicateCheck,
): Promise<{ issues: Issue[]; warnings: DuplicateWarning[] }> {
  const issues: Issue[] = [];
  const warnings: DuplicateWarning[] = [];
  const { storage, trx, object, records } = check;
  const codec = rowCodec(object, storage.dialect);
  for (const rule of rulesOf(check.model, object)) {
    const keys = records.map((r) => {
      const parts = rule.fields.map((f) => normalized(f, r[f.name]));
      return parts.includes(undefined) ? undefined : JSON.stringify(parts);
    });
    const first = rule.fields[0] as CompiledField;
    const firstValues = [
      ...new Set(
        records
          .filter((_, i) => keys[i] !== undefined)
          .map((r) =>
            TEXTUAL.has(first.type) || first.type === 'phone'
              ? normalized(first, r[first.name])
              : codec.column(first.name)?.encode(r[first.name]),
          ),
      ),
    ];
    if (!firstValues.length) continue;
    const stored = await trx
      .selectFrom(object.apiName)
      .select(['id', ...rule.fields.map((f, i) => sql<unknown>`${normalizedColumn(storage, f)}`.as(`k${i}`))])
      .where(normalizedColumn(storage, first) as never, 'in', firstValues as never)
      .execute();
    const counts = new Map<string, string[]>();
    for (const row of stored) {
      const parts = rule.fields.map((f, i) => {
        const raw = row[`k${i}`];
        return TEXTUAL.has(f.type) || f.type === 'phone'
          ? raw === null
            ? undefined
            : String(raw)
          : normalized(f, codec.column(f.name)?.decode(raw));
      });
      if (parts.includes(undefined)) continue;
      getOrCreate(counts, JSON.stringify(parts), () => []).push(String(row.id));
    }
    const seen = new Map<string, number>();
    records.forEach((record, i) => {
      const key = keys[i];
      if (key === undefined) return;
      // Other stored records with the key (not this record's own row, on update), and earlier ones of the batch.
      const matches = (counts.get(key) ?? []).filter((id) => id !== record.id).length + (seen.get(key) ?? 0);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (!matches) return;
      const message = localize(rule.message, check.locale) ?? rule.apiName;
      if (rule.action === 'block')
        issues.push({
          pointer: `${check.pointerOf(i)}/${first.name}`,
          code: 'duplicate',
          message,
          rule: rule.apiName,
        });
      else
        warnings.push({
          rule: rule.apiName,
          message,
          matches,
          ...(records.length > 1 ? { index: i } : {}),
        });
    });
  }
  return { issues, warnings };
}
