/** Explicit shares of one record with a user or a role, read-only or read/write (the rows record-scope.ts joins). */
import { TesseraError } from '../errors.js';
import type { DocumentSet } from '../metadata/types.js';
import { newRecordId } from '../records/record-ids.js';
import type { AnyDb } from '../storage/storage.js';
import { SHARES, USERS } from './identity-tables.js';
import { checkInput } from './input.js';

export interface Share {
  id: string;
  recordId: string;
  userId: string | null;
  role: string | null;
  access: 'read' | 'edit';
  createdBy: string | null;
  createdAt: string;
}

interface NewShare {
  userId?: string;
  role?: string;
  access: 'read' | 'edit';
}

const NEW_SHARE = {
  type: 'object',
  properties: {
    userId: { type: 'string', format: 'uuid' },
    role: { type: 'string' },
    access: { enum: ['read', 'edit'] },
  },
  required: ['access'],
  oneOf: [{ required: ['userId'] }, { required: ['role'] }],
  additionalProperties: false,
};

interface ShareRow {
  id: unknown;
  record_id: unknown;
  user_id: unknown;
  role: string | null;
  access: string;
  created_by: unknown;
  created_at: string;
}

const toShare = (r: ShareRow): Share => ({
  id: String(r.id),
  recordId: String(r.record_id),
  userId: r.user_id === null ? null : String(r.user_id),
  role: r.role,
  access: r.access as Share['access'],
  createdBy: r.created_by === null ? null : String(r.created_by),
  createdAt: r.created_at,
});

export async function addShare(
  db: AnyDb,
  objectId: string,
  recordId: string,
  body: unknown,
  documents: DocumentSet,
  createdBy: string | null,
): Promise<Share> {
  const input = checkInput<NewShare>(NEW_SHARE, body, 'share');
  const bad = (pointer: string, code: string, message: string) =>
    new TesseraError('validation_failed', 'the share is not valid', [{ pointer, code, message }]);
  if (input.role !== undefined && !(documents.roles ?? []).some((r) => r.apiName === input.role))
    throw bad('/role', 'unknown_role', `there is no role "${input.role}"`);
  if (
    input.userId !== undefined &&
    !(await db.selectFrom(USERS).select('id').where('id', '=', input.userId).executeTakeFirst())
  )
    throw bad('/userId', 'unknown_user', `there is no user ${input.userId}`);
  const row: ShareRow = {
    id: newRecordId(),
    record_id: recordId,
    user_id: input.userId ?? null,
    role: input.role ?? null,
    access: input.access,
    created_by: createdBy,
    created_at: new Date().toISOString(),
  };
  await db
    .insertInto(SHARES)
    .values({ ...row, object_id: objectId })
    .execute();
  return toShare(row);
}

export async function listShares(db: AnyDb, objectId: string, recordId: string): Promise<Share[]> {
  const rows = await db
    .selectFrom(SHARES)
    .selectAll()
    .where('object_id', '=', objectId)
    .where('record_id', '=', recordId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => toShare(r as ShareRow));
}

export async function removeShare(
  db: AnyDb,
  objectId: string,
  recordId: string,
  shareId: string,
): Promise<void> {
  const result = /^[0-9a-f-]{36}$/i.test(shareId)
    ? await db
        .deleteFrom(SHARES)
        .where('id', '=', shareId)
        .where('object_id', '=', objectId)
        .where('record_id', '=', recordId)
        .executeTakeFirst()
    : undefined;
  if (!result || Number(result.numDeletedRows) !== 1)
    throw new TesseraError('unknown_share', `this record has no share ${shareId}`);
}
