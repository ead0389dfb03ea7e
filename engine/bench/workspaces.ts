/**
 * Fresh, throw-away workspaces for the scenarios: SQLite in a temporary directory, PostgreSQL in a new
 * schema. Both are removed afterwards even when the scenario throws, so a failed run leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DialectName, Workspace } from '../src/index.js';
import { POSTGRES_URL } from './postgres.js';

let counter = 0;

/** Where a workspace is, as the CLI is told (TESSERA_DATA_DIR, DATABASE_URL, --workspace). */
export interface WorkspaceLocation {
  dataDir: string;
  workspace: string;
  databaseUrl?: string;
}

export async function withWorkspace<T>(
  dialect: DialectName,
  label: string,
  fn: (ws: Workspace, where: WorkspaceLocation) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  // Unique per run, so concurrent or crashed runs never share a PostgreSQL schema.
  const workspace = `${label}_${process.pid}_${Date.now() % 1e8}_${counter++}`;
  try {
    const ws = await Workspace.open(
      dialect === 'postgres' ? { databaseUrl: POSTGRES_URL, dataDir, workspace } : { dataDir, workspace },
    );
    try {
      return await fn(ws, {
        dataDir,
        workspace,
        ...(dialect === 'postgres' ? { databaseUrl: POSTGRES_URL } : {}),
      });
    } finally {
      await ws.close();
    }
  } finally {
    if (dialect === 'postgres') await dropSchema(`ws_${workspace}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function dropSchema(schema: string) {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
