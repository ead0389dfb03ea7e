/**
 * The versioned metadata store. Every change is a new version (who, when, what); documents are kept as
 * revisions, so the documents of any version can be read back, diffed and restored.
 */
import type { CompiledQuery } from 'kysely';
import { TesseraError } from '../errors.js';
import { type AnyDocument, type DocumentKind, documentSetOf } from '../metadata/document-kinds.js';
import type { DocumentSet } from '../metadata/types.js';
import type { AnyDb } from '../storage/storage.js';
import {
  HEAD,
  REVISIONS,
  type RevisionRow,
  TRASH,
  type TrashRow,
  VERSIONS,
  type VersionRow,
} from './system-tables.js';

export interface VersionInfo {
  version: number;
  createdAt: string;
  author: string;
  message: string;
  /** What the version changed, one line per migration step. */
  changes: string[];
}

/** The head query, compiled once per dialect: every record write reads the head in its transaction. */
const headQueries = new WeakMap<object, CompiledQuery>();

export async function headVersion(db: AnyDb): Promise<number> {
  const adapter = db.getExecutor().adapter;
  let query = headQueries.get(adapter);
  if (!query) {
    query = db.selectFrom(HEAD).select('version').where('id', '=', 1).compile();
    headQueries.set(adapter, query);
  }
  const [row] = (await db.executeQuery(query)).rows as { version: unknown }[];
  if (!row) throw new Error(`${HEAD} has no row: the workspace's system tables are not set up`);
  return Number(row.version);
}

export async function documentsAt(db: AnyDb, version: number): Promise<DocumentSet> {
  if (version < 0) throw new TesseraError('unknown_version', `there is no metadata version ${version}`);
  if (version > 0) await versionInfo(db, version);
  // The latest revision of each document at or before the version; a null body means it was deleted.
  const rows: Pick<RevisionRow, 'kind' | 'body'>[] = await db
    .selectFrom(`${REVISIONS} as r`)
    .select(['r.kind', 'r.body'])
    .where('r.version', '<=', version)
    .where(({ eb, selectFrom }) =>
      eb(
        'r.version',
        '=',
        selectFrom(`${REVISIONS} as r2`)
          .select(({ fn }) => fn.max('r2.version').as('v'))
          .whereRef('r2.kind', '=', 'r.kind')
          .whereRef('r2.doc_id', '=', 'r.doc_id')
          .where('r2.version', '<=', version),
      ),
    )
    .execute();
  return documentSetOf(
    rows.filter((r) => r.body !== null).map((r) => ({ kind: r.kind, doc: JSON.parse(r.body as string) })),
  );
}

export async function versionInfo(db: AnyDb, version: number): Promise<VersionInfo> {
  const row = (await db.selectFrom(VERSIONS).selectAll().where('version', '=', version).executeTakeFirst()) as
    | VersionRow
    | undefined;
  if (!row) throw new TesseraError('unknown_version', `there is no metadata version ${version}`);
  return toInfo(row);
}

export async function history(db: AnyDb): Promise<VersionInfo[]> {
  const rows = (await db
    .selectFrom(VERSIONS)
    .selectAll()
    .orderBy('version', 'desc')
    .execute()) as VersionRow[];
  return rows.map(toInfo);
}

const toInfo = (row: VersionRow): VersionInfo => ({
  version: Number(row.version),
  createdAt: row.created_at,
  author: row.author,
  message: row.message,
  changes: JSON.parse(row.changes),
});

/**
 * Takes the next version number, inside the migration's transaction and before any other statement of it.
 * Of two changes made against the same base version, the second finds the head moved and fails.
 */
export async function claimVersion(db: AnyDb, base: number): Promise<number> {
  const result = await db
    .updateTable(HEAD)
    .set({ version: base + 1 })
    .where('id', '=', 1)
    .where('version', '=', base)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const now = await headVersion(db);
    throw new TesseraError(
      'metadata_conflict',
      `the metadata changed while this change was prepared (based on version ${base}, now ${now}); reload and try again`,
      [],
      { baseVersion: base, headVersion: now },
    );
  }
  return base + 1;
}

export interface VersionRecord {
  version: number;
  author: string;
  message: string;
  changes: string[];
  /** Documents written by this version: the new body, or null for a deletion. */
  documents: { kind: DocumentKind; id: string; body: AnyDocument | null }[];
}

export async function recordVersion(db: AnyDb, v: VersionRecord): Promise<void> {
  await db
    .insertInto(VERSIONS)
    .values({
      version: v.version,
      created_at: new Date().toISOString(),
      author: v.author,
      message: v.message,
      changes: JSON.stringify(v.changes),
    })
    .execute();
  if (v.documents.length)
    await db
      .insertInto(REVISIONS)
      .values(
        v.documents.map((d) => ({
          version: v.version,
          kind: d.kind,
          doc_id: d.id,
          body: d.body === null ? null : JSON.stringify(d.body),
        })),
      )
      .execute();
}

export async function trashEntries(db: AnyDb): Promise<TrashRow[]> {
  return (await db.selectFrom(TRASH).selectAll().orderBy('deleted_version').execute()) as TrashRow[];
}

export async function putInTrash(db: AnyDb, row: TrashRow): Promise<void> {
  await db.insertInto(TRASH).values(row).execute();
}

export async function takeFromTrash(db: AnyDb, entityId: string): Promise<void> {
  await db.deleteFrom(TRASH).where('entity_id', '=', entityId).execute();
}
