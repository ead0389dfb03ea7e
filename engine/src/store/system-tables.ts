/**
 * The platform's own tables in every workspace: metadata versions and document revisions (the history), the
 * head pointer (what concurrent changes race for), and the trash of soft-deleted objects and fields. Their names
 * and rows; the platform migrations (store/migrations/) make and change them.
 */
export const HEAD = 'tessera_meta_head';
export const VERSIONS = 'tessera_meta_version';
export const REVISIONS = 'tessera_meta_revision';
export const TRASH = 'tessera_trash';
/** Auto-number counters, one row per field (see records/autonumbers.ts). */
export const COUNTERS = 'tessera_counter';

export interface VersionRow {
  version: number;
  created_at: string;
  author: string;
  message: string;
  /** JSON: the migration steps' descriptions. */
  changes: string;
}

export interface RevisionRow {
  version: number;
  kind: string;
  /** The document's stable id. */
  doc_id: string;
  /** JSON of the document, or null when this version deleted it. */
  body: string | null;
}

export interface TrashRow {
  /** The stable id of the deleted object or field. */
  entity_id: string;
  kind: 'object' | 'field';
  object_id: string;
  /** The API name it had when deleted. */
  api_name: string;
  /** The table or column that holds its data now. */
  storage_name: string;
  /** JSON: the object document or property document as it was. */
  definition: string;
  deleted_version: number;
  deleted_at: string;
}
