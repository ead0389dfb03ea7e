/**
 * A PostgreSQL database of its own for a test, beside the shared `test` database: for code that works on
 * every workspace of a database (backup, restore) and must see only the test's.
 */
import pg from 'pg';
import { POSTGRES_URL } from './dialects.js';

let counter = 0;

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  // Only digits and a fixed prefix: safe to write into the statement as an identifier.
  const name = `tessera_t${process.pid}_${Date.now() % 1e8}_${counter++}`;
  await onServer(`create database "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists "${name}" with (force)`) };
}
