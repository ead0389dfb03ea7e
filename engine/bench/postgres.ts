/**
 * Where the PostgreSQL scenarios run, and whether they can. Like the test suites (test/dialects.ts): an
 * unreachable server skips them with one line, except under CI=true, where that is an error.
 */
import pg from 'pg';

export const POSTGRES_URL =
  process.env.TESSERA_BENCH_DATABASE_URL ??
  process.env.TESSERA_TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

/** Undefined when PostgreSQL answers; otherwise the reason it cannot be used. */
export async function postgresUnavailable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  let reason: string | undefined;
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    reason = `PostgreSQL at ${POSTGRES_URL} is not reachable (${(e as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
  if (reason && process.env.CI === 'true') throw new Error(`${reason}; CI needs it`);
  return reason;
}
