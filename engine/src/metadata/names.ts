/** API names of objects and fields: what users type, what URLs and columns carry. */
export const API_NAME_PATTERN = '^[a-z][a-z0-9_]{0,62}$';
const apiNameRegex = new RegExp(API_NAME_PATTERN);

/** System fields present on every record; no custom field may take these names. */
export const SYSTEM_FIELD_NAMES = [
  'id',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'owner_id',
  'version',
] as const;

/**
 * Words that would collide with the API surface, SQL or our own tables. SQL keywords are quoted
 * everywhere, so the list is kept to names that would confuse people or routes, not every keyword.
 */
const RESERVED = new Set<string>([
  ...SYSTEM_FIELD_NAMES,
  'meta',
  'query',
  'bulk',
  'count',
  'filter',
  'sort',
  'limit',
  'cursor',
  'fields',
  'expand',
  'null',
  'true',
  'false',
  'select',
  'from',
  'where',
  'table',
  'index',
  'deleted',
  'record',
  'object',
  'field',
]);

/** Prefixes owned by the platform: system tables and trashed storage live under them. */
export const RESERVED_PREFIXES = ['tessera_', 'sys_', 'pg_', 'sqlite_', '_'];

export const isApiName = (name: string): boolean => apiNameRegex.test(name);

export function reservedReason(name: string): string | undefined {
  if (RESERVED.has(name)) return `"${name}" is a reserved word`;
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  return prefix ? `names starting with "${prefix}" are reserved for the platform` : undefined;
}
