/**
 * One numbered change to the platform's own tables (users, tokens, history, the queue…), as opposed to the
 * tables of a workspace's objects, which its metadata plans (see migrate/). Each runs once per workspace, in
 * order, and is recorded with its number; the number of the last one is the workspace's platform version.
 */
import type { DialectName } from '../../storage/column-type.js';
import type { AnyDb } from '../../storage/storage.js';

export interface PlatformMigration {
  /** 1, 2, 3…: its place in the list, and the file's number (`0002-automation.ts`). */
  version: number;
  /** Short and stable: recorded beside the number, and named in errors. */
  name: string;
  /**
   * Runs inside the open's migration transaction, with the others due and the version record: all of them
   * land, or none. Never edited once released: a later change to its tables is a new migration.
   */
  up(db: AnyDb, dialect: DialectName): Promise<void>;
}
