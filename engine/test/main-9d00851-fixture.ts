/**
 * A workspace as main at 9d00851 made it, before the platform tables had migrations: copied from the committed
 * SQLite file, or, on PostgreSQL, loaded from the committed pg_dump of the schema that commit made (see
 * fixtures/main-9d00851/make-fixture.ts). Either way the tables and rows are that commit's own, not a
 * re-enactment by today's code.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestWorkspaces } from './dialects.js';
import { POSTGRES_URL } from './dialects.js';

const DIR = new URL('./fixtures/main-9d00851/', import.meta.url);
const DUMPED_SCHEMA = 'ws_main_9d00851_fixture';

/** The secrets and ids the fixture's maker printed: what its users, tokens and records are. */
export interface FixtureFacts {
  adaId: string;
  bobId: string;
  tokenSecret: string;
  sessionSecret: string;
  printerId: string;
  vpnId: string;
}

export const FIXTURE_PASSWORDS = {
  'ada@example.com': 'correct horse battery staple',
  'bob@example.com': 'bob likes long passwords',
};

/** Puts a copy of the fixture in the suite's place under a new workspace name; answers that name. */
export async function restoreMainFixture(
  env: TestWorkspaces,
): Promise<{ name: string; facts: FixtureFacts }> {
  const name = env.newName();
  const facts = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8'))[env.dialect] as FixtureFacts;
  if (env.dialect === 'sqlite') {
    copyFileSync(new URL('workspace.sqlite', DIR), join(env.location.dataDir, `${name}.sqlite`));
    return { name, facts };
  }
  // The schema name is a fixed identifier in the dump; the new one is `ws_` and a checked workspace name.
  const dump = readFileSync(new URL('postgres.sql', DIR), 'utf8').replaceAll(DUMPED_SCHEMA, `ws_${name}`);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(dump);
  } finally {
    await client.end();
  }
  return { name, facts };
}
