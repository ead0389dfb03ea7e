/**
 * Child process: the same four operations written by hand with Hono and Kysely on the same SQLite file — the
 * stack's own limit, against which the generated API is measured. Only what the operations need: a bearer
 * check, JSON in and out, currency in cents as the engine stores it, no metadata.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { Kysely, SqliteDialect } from 'kysely';
import { OBJECT, TOKEN } from './fixture.js';

const raw = new Database(join(process.argv[2] as string, 'bench.sqlite'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
// biome-ignore lint/suspicious/noExplicitAny: a hand-written route with no generated types.
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) });
const COLUMNS = [
  'id',
  'created_at',
  'updated_at',
  'version',
  'name',
  'qty',
  'price',
  'due',
  'active',
  'status',
  'email',
];
const out = (r: Record<string, unknown>) => ({
  ...r,
  price: r.price === null ? null : Number(r.price) / 100,
  active: r.active === 1,
});

const app = new Hono();
app.use('*', async (c, next) => {
  if (c.req.header('authorization') !== `Bearer ${TOKEN}`) return c.json({ error: 'unauthorized' }, 401);
  await next();
});
app.get('/items/:id', async (c) => {
  const row = await db
    .selectFrom(OBJECT)
    .select(COLUMNS)
    .where('id', '=', c.req.param('id'))
    .executeTakeFirst();
  return row ? c.json({ data: out(row) }) : c.json({ error: 'not found' }, 404);
});
app.get('/items', async (c) => {
  const f = JSON.parse(c.req.query('filter') ?? '{}');
  const rows = await db
    .selectFrom(OBJECT)
    .select(COLUMNS)
    .where('qty', '>=', f.qty.gte)
    .where('qty', '<', f.qty.lt)
    .where('status', '=', f.status.eq)
    .orderBy('name')
    .orderBy('id')
    .limit(50)
    .execute();
  return c.json({ data: rows.map(out), page: { nextCursor: null } });
});
app.post('/items', async (c) => {
  const body = await c.req.json();
  if (typeof body.name !== 'string') return c.json({ error: 'name' }, 422);
  const now = new Date().toISOString();
  const row = {
    id: randomUUID(),
    created_at: now,
    updated_at: now,
    version: 1,
    ...body,
    price: Math.round(body.price * 100),
    active: body.active ? 1 : 0,
  };
  await db.insertInto(OBJECT).values(row).execute();
  return c.json({ data: out(row) }, 201);
});
app.patch('/items/:id', async (c) => {
  const body = await c.req.json();
  const row = await db
    .updateTable(OBJECT)
    .set((eb) => ({ qty: body.qty, updated_at: new Date().toISOString(), version: eb('version', '+', 1) }))
    .where('id', '=', c.req.param('id'))
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? c.json({ data: out(row) }) : c.json({ error: 'not found' }, 404);
});

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  process.stdout.write(`http://127.0.0.1:${info.port}\n`),
);
process.once('SIGTERM', () => process.exit(0));
