/**
 * SQLite through two connections to one file. The writer serves one caller at a time (Kysely's own driver
 * does the same with its single connection): transactions, writes and anything else that is not a plain
 * SELECT. A plain SELECT outside a transaction runs on the reader instead, which in WAL mode sees the last
 * commit and never waits for the writer. So while a long transaction (a package install loading its seed
 * data) holds the writer and gives the event loop turns, reads keep answering at once from what is committed,
 * and other writes wait their turn without blocking the thread.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  type SqliteDatabase,
} from 'kysely';

export class ReadWriteDriver implements Driver {
  readonly #lock = new Lock();

  constructor(
    readonly writer: SqliteDatabase,
    readonly reader: SqliteDatabase,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this, this.#lock);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    this.reader.close();
    this.writer.close();
  }
}

/**
 * One caller's connection: on the reader until its first statement that is not a plain SELECT (or its
 * transaction), from then on the writer, held until it is released.
 */
class RoutedConnection implements DatabaseConnection {
  #holdsWriter = false;

  constructor(
    private readonly driver: ReadWriteDriver,
    private readonly lock: Lock,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#holdsWriter && SelectQueryNode.is(query.query)) return run(this.driver.reader, query);
    if (!this.#holdsWriter) {
      await this.lock.acquire();
      this.#holdsWriter = true;
    }
    return run(this.driver.writer, query);
  }

  // biome-ignore lint/correctness/useYield: the engine never streams from SQLite; refusing beats a wrong answer.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on SQLite');
  }

  release(): void {
    if (!this.#holdsWriter) return;
    this.#holdsWriter = false;
    this.lock.release();
  }
}

function run<R>(db: SqliteDatabase, { sql, parameters }: CompiledQuery): QueryResult<R> {
  const stmt = db.prepare(sql);
  if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return {
    numAffectedRows: changes === undefined || changes === null ? undefined : BigInt(changes),
    insertId: lastInsertRowid === undefined || lastInsertRowid === null ? undefined : BigInt(lastInsertRowid),
    rows: [],
  };
}

/** First come, first served. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void)[] = [];

  async acquire(): Promise<void> {
    const previous = this.#tail;
    let release = () => {};
    this.#tail = new Promise((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release.push(release);
  }

  release(): void {
    this.#release.shift()?.();
  }
}
