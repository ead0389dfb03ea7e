/**
 * Every platform migration, in order. A new one is a file `NNNN-name.ts` exporting a `PlatformMigration` with
 * the next number, added at the end of this list; released ones are never edited, reordered or removed.
 */
import { baseline } from './0001-baseline.js';
import { automation } from './0002-automation.js';
import { leanQueue } from './0003-lean-queue.js';
import { imports } from './0004-imports.js';
import { userRecords } from './0005-user-records.js';
import { searchIndex } from './0006-search-index.js';
import { personalListViews } from './0007-personal-list-views.js';
import type { PlatformMigration } from './platform-migration.js';

export const PLATFORM_MIGRATIONS: readonly PlatformMigration[] = [
  baseline,
  automation,
  leanQueue,
  imports,
  userRecords,
  searchIndex,
  personalListViews,
];
