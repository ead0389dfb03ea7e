/**
 * Runs a suite on every dialect: SQLite in a temporary directory and the real PostgreSQL server in a fresh
 * schema. Without a reachable PostgreSQL the PostgreSQL suites skip with one line saying why, except under
 * CI=true, where they fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe } from 'vitest';
import { type DialectName, Workspace } from '../src/index.js';

export const POSTGRES_URL =
  process.env.TESSERA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return `PostgreSQL at ${POSTGRES_URL} is not reachable (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const unavailable = await postgresReachable();
if (unavailable && process.env.CI === 'true') throw new Error(`${unavailable}; CI needs it`);
if (unavailable) console.warn(`skipping PostgreSQL suites: ${unavailable}`);

export interface TestWorkspaces {
  dialect: DialectName;
  /** Opens a new, empty workspace; closed when the test ends, removed after the suite. */
  open(): Promise<Workspace>;
  /** Opens a new, empty workspace for the whole suite (from `beforeAll`); closed after the suite. */
  openForSuite(): Promise<Workspace>;
  /** Opens another handle on the same workspace, as a second process would. */
  reopen(ws: Workspace): Promise<Workspace>;
  /** Where this suite's workspaces live, for code that opens workspaces by name itself. */
  location: { databaseUrl?: string; dataDir: string };
  /** A fresh workspace name; its schema is dropped after the suite, whoever opens it. */
  newName(): string;
}

let counter = 0;
const newName = () => `t${process.pid}_${Date.now() % 1e8}_${counter++}`;

export function describeEachDialect(name: string, suite: (env: TestWorkspaces) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const run = dialect === 'postgres' && unavailable ? describe.skip : describe;
    run(`${name} [${dialect}]`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
      const opened: Workspace[] = [];
      const suiteWide: Workspace[] = [];
      const names = new Map<Workspace, string>();
      const options = (workspace: string) =>
        dialect === 'postgres'
          ? { databaseUrl: POSTGRES_URL, dataDir: dir, workspace }
          : { dataDir: dir, workspace };
      const adopted = new Set<string>();
      const open = async (workspace: string) => {
        const ws = await Workspace.open(options(workspace));
        opened.push(ws);
        names.set(ws, workspace);
        return ws;
      };
      // Each test's workspaces close when it ends, so parallel suites never run PostgreSQL out of connections.
      afterEach(async () => {
        for (const ws of opened.splice(0)) await ws.close();
      });
      afterAll(async () => {
        for (const ws of suiteWide) await ws.close();
        if (dialect === 'postgres') {
          const client = new pg.Client({ connectionString: POSTGRES_URL });
          await client.connect();
          for (const ws of new Set([...names.values(), ...adopted]))
            await client.query(`drop schema if exists "ws_${ws}" cascade`);
          await client.end();
        }
        rmSync(dir, { recursive: true, force: true });
      });
      suite({
        dialect,
        open: () => open(newName()),
        openForSuite: async () => {
          const ws = await open(newName());
          opened.splice(opened.indexOf(ws), 1);
          suiteWide.push(ws);
          return ws;
        },
        reopen: (ws) => open(names.get(ws) as string),
        location: dialect === 'postgres' ? { databaseUrl: POSTGRES_URL, dataDir: dir } : { dataDir: dir },
        newName: () => {
          const name = newName();
          adopted.add(name);
          return name;
        },
      });
    });
  }
}
