import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('SQLite statement cache', () => {
  const raw = new Database(':memory:');
  const db = withStatementCache(raw);
  raw.exec('create table t (id text primary key, name text, qty integer)');
  raw.prepare('insert into t values (?, ?, ?), (?, ?, ?)').run('a', 'Ann', 1, 'b', null, 2);
  afterEach(() => raw.exec('drop table if exists u'));

  it('answers rows read as arrays as the objects better-sqlite3 would make', () => {
    const sql = 'select id, name, qty from t order by id';
    expect(db.prepare(sql).all([])).toEqual(raw.prepare(sql).all());
    expect(db.prepare(sql).all([])).toEqual([
      { id: 'a', name: 'Ann', qty: 1 },
      { id: 'b', name: null, qty: 2 },
    ]);
    expect([...db.prepare('select id from t where qty > ?').iterate([1])]).toEqual([{ id: 'b' }]);
  });

  it('keeps the last of two columns of one name, as better-sqlite3 does', () => {
    const sql = 'select id, name as id from t where id = ?';
    expect(db.prepare(sql).all(['a'])).toEqual([{ id: 'Ann' }]);
    expect(db.prepare(sql).all(['a'])).toEqual(raw.prepare(sql).all('a'));
  });

  it('answers the columns a select * has now, after its table changed', () => {
    raw.exec("create table u (id text); insert into u values ('x')");
    expect(db.prepare('select * from u').all([])).toEqual([{ id: 'x' }]);
    raw.exec('alter table u rename column id to key; alter table u add column n integer');
    expect(db.prepare('select * from u').all([])).toEqual([{ key: 'x', n: null }]);
  });

  it('runs writes as they are', () => {
    expect(db.prepare('update t set qty = qty + 1 where id = ?').run(['a']).changes).toBe(1);
  });
});
