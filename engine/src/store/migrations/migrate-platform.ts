/**
 * Brings a workspace's platform tables to the newest version this Tessera knows, at open. Called inside
 * `Storage.migrate`: the migrations due and their records are one transaction, exclusive against every other
 * process opening or changing the workspace, so two opening at once apply each migration once (the second
 * finds it recorded), and a migration that fails leaves the workspace as it was.
 */
import { TesseraError } from '../../errors.js';
import type { DialectName } from '../../storage/column-type.js';
import type { AnyDb } from '../../storage/storage.js';
import type { PlatformMigration } from './platform-migration.js';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

/** One row per migration applied: its number, its name, when. */
export const SCHEMA_MIGRATIONS = 'tessera_schema_migration';

export interface SchemaMigrationRow {
  version: number;
  name: string;
  applied_at: string;
}

export interface PlatformUpgrade {
  /** The version the workspace was at: 0 for a new one, or one made before migrations. */
  from: number;
  to: number;
  /** The migrations applied now, as `0001-baseline`; empty when the workspace was up to date. */
  applied: string[];
}

export const migrationLabel = (m: Pick<PlatformMigration, 'version' | 'name'>): string =>
  `${String(m.version).padStart(4, '0')}-${m.name}`;

export async function migratePlatform(
  db: AnyDb,
  dialect: DialectName,
  migrations: readonly PlatformMigration[] = PLATFORM_MIGRATIONS,
): Promise<PlatformUpgrade> {
  checkNumbering(migrations);
  await db.schema
    .createTable(SCHEMA_MIGRATIONS)
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const newest = await db
    .selectFrom(SCHEMA_MIGRATIONS)
    .select(['version', 'name'])
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const from = newest ? Number(newest.version) : 0;
  const known = migrations.at(-1);
  const to = known?.version ?? 0;
  if (from > to) throw tooNew({ version: from, name: String(newest?.name) }, known);
  const due = migrations.slice(from);
  for (const migration of due) {
    await migration.up(db, dialect);
    const row: SchemaMigrationRow = {
      version: migration.version,
      name: migration.name,
      applied_at: new Date().toISOString(),
    };
    await db.insertInto(SCHEMA_MIGRATIONS).values(row).execute();
  }
  return { from, to, applied: due.map(migrationLabel) };
}

/** The list is numbered 1, 2, 3… in order: the number recorded is then all it takes to know what is due. */
function checkNumbering(migrations: readonly PlatformMigration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`platform migration ${migrationLabel(m)} is number ${i + 1} in the list`);
  });
}

function tooNew(
  recorded: Pick<PlatformMigration, 'version' | 'name'>,
  known: PlatformMigration | undefined,
): TesseraError {
  const knows = known ? `up to ${migrationLabel(known)}` : 'none';
  return new TesseraError(
    'workspace_too_new',
    `the workspace's platform tables are at version ${migrationLabel(recorded)}, made by a newer Tessera than this one (which knows ${knows}); run that newer Tessera or a later one, or restore a backup made before the upgrade`,
    [],
    { version: recorded.version, known: known?.version ?? 0 },
  );
}
