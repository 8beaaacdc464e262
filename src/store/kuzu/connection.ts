// One Kùzu database and connection: runs parameterised statements (values never enter query text), closes
// every result, and turns Kùzu's error strings into the store's typed errors (locked, not a store, disk full).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import kuzu from 'kuzu';
import { DiskFullError, NotAStoreError, ReadOnlyStoreError, StoreError, StoreLockedError } from '../errors.ts';
import { recordsFileOf } from './snapshot.ts';
import { BEGIN, CHECKPOINT, COMMIT, META_GET, META_SET, ROLLBACK, type Statement } from './statements.ts';

export type Row = Record<string, unknown>;

/** A first bulk import builds its database under this suffix and renames it into place when complete. */
export const LOADING_SUFFIX = '.loading';

/** Removes a side database (one being created, loaded or recovered): its file, WAL, unsafe mark and record file. */
export function removeDatabaseFiles(path: string): void {
  rmSync(path, { force: true, recursive: true });
  rmSync(`${path}.wal`, { force: true });
  rmSync(unsafeMarkOf(path), { force: true });
  rmSync(recordsFileOf(path), { force: true });
}

/**
 * The unsafe mark: a file beside the database that exists while Kùzu rewrites the database file itself
 * (a checkpoint, replaying a log, dropping or building the search index). Kùzu 0.11.3 does not survive
 * a kill there (reproduced: a duplicated primary key at the next open, or one that opens and fails its
 * first update), so an open that finds the mark left by a dead process rebuilds the database from its
 * record log (recover.ts) instead of trusting it. Between those moments every commit sits in the WAL,
 * which Kùzu replays after a kill; hence auto-checkpoint is off and checkpoints are this module's.
 */
export const unsafeMarkOf = (path: string) => `${path}.unsafe`;

export interface UnsafeMark {
  what: string;
  pid: number;
  at: string;
}

/** The mark left at `path`, or null; `alive` when the process that wrote it still runs (it holds the database). */
export function readUnsafeMark(path: string): (UnsafeMark & { alive: boolean }) | null {
  const file = unsafeMarkOf(path);
  if (!existsSync(file)) return null;
  let mark: UnsafeMark = { what: 'an unknown step', pid: 0, at: '' };
  try {
    mark = { ...mark, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<UnsafeMark>) };
  } catch {
    // a mark cut short: the process died while writing it, which is what the mark says anyway
  }
  let alive = false;
  if (mark.pid && mark.pid !== process.pid) {
    try {
      process.kill(mark.pid, 0);
      alive = true;
    } catch (err) {
      alive = (err as { code?: string }).code === 'EPERM';
    }
  }
  return { ...mark, alive };
}

export function writeUnsafeMark(path: string, what: string): void {
  const fd = openSync(unsafeMarkOf(path), 'w');
  try {
    writeSync(fd, JSON.stringify({ what, pid: process.pid, at: new Date().toISOString() } satisfies UnsafeMark));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The WAL's size in bytes (0 when there is none). */
export function walBytes(path: string): number {
  try {
    return statSync(`${path}.wal`).size;
  } catch {
    return 0;
  }
}

/** A WAL past this size is checkpointed after the write that grew it (Kùzu's own default threshold). */
const CHECKPOINT_BYTES = Number(process.env.RIGHTSGRAPH_CHECKPOINT_MB ?? 64) * 1024 * 1024;

/** Maps a Kùzu or file-system failure to a StoreError with one clear line, or returns the error as is. */
export function mapKuzuError(err: unknown, path: string): unknown {
  if (err instanceof StoreError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string } | null)?.code;
  if (/Could not set lock on file/i.test(msg)) {
    return new StoreLockedError(
      `the database at ${path} is open for writing in another process (is \`rightsgraph serve\` running? stop it or use its API)`,
      { cause: err },
    );
  }
  if (/not a valid Kuzu database|cannot be a directory|Unable to open database/i.test(msg)) {
    return new NotAStoreError(`${path} is not a rightsgraph database`, { cause: err });
  }
  if (code === 'EROFS' || code === 'EACCES' || /Read-only file system|Permission denied|EROFS|EACCES/i.test(msg)) {
    return new ReadOnlyStoreError(
      `${path} cannot be written (a read-only file system, or no permission): fix its permissions, or read it with \`stats\` and \`export\`, which open it read-only`,
      { cause: err },
    );
  }
  if (code === 'ENOSPC' || /ENOSPC|No space left on device/i.test(msg)) {
    return new DiskFullError(`the disk holding ${path} is full: free some space and retry`, { cause: err });
  }
  return err;
}

export class KuzuConnection {
  private constructor(
    readonly path: string,
    private readonly db: kuzu.Database,
    private readonly conn: kuzu.Connection,
    private readonly readConn: kuzu.Connection,
    readonly readOnly: boolean,
  ) {}

  static async open(path: string, opts: { bufferPoolMb: number; readOnly: boolean }): Promise<KuzuConnection> {
    // Auto-checkpoint off: checkpoints run between writes, under the unsafe mark (see unsafeMarkOf).
    const db = new kuzu.Database(path, opts.bufferPoolMb * 1024 * 1024, true, opts.readOnly, 0, false);
    try {
      await db.init();
      const conn = new kuzu.Connection(db);
      await conn.init();
      // Reads use their own connection, so they never run inside (or abort) the write transaction.
      const readConn = new kuzu.Connection(db);
      await readConn.init();
      return new KuzuConnection(path, db, conn, readConn, opts.readOnly);
    } catch (err) {
      try {
        await db.close();
      } catch {
        // the database never opened; nothing to release
      }
      throw mapKuzuError(err, path);
    }
  }

  /** Runs one statement on the write connection (inside the open transaction, if any). */
  query(s: Statement, params?: Record<string, unknown>): Promise<Row[]> {
    return this.run(this.conn, s, params);
  }

  /** Runs one read on the read connection: sees committed data only. */
  read(s: Statement, params?: Record<string, unknown>): Promise<Row[]> {
    return this.run(this.readConn, s, params);
  }

  /** The last call on either connection: the next waits for it (see run). */
  private tail: Promise<unknown> = Promise.resolve();

  /**
   * Runs one statement with parameters and returns all rows (results closed before returning). One call at
   * a time for the whole database, across both connections: with overlapping calls (20 parallel ingests
   * reading on one connection while another wrote), the Node binding corrupted the heap and the process
   * died (SIGABRT/SIGSEGV) in a third of runs; serialising per connection only was worse. A transaction's
   * statements still interleave with reads statement by statement; reads see committed data only.
   */
  private run(conn: kuzu.Connection, s: Statement, params?: Record<string, unknown>): Promise<Row[]> {
    const given = Object.keys(params ?? {}).sort().join();
    // A statement given other parameters than it declares is a bug here, said before Kùzu's own message.
    if (given !== [...s.params].sort().join()) return Promise.reject(new Error(`${s.name} takes (${s.params.join(', ')}), given (${given})`));
    const next = this.tail.then(() => this.runNow(conn, s.text, params));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async runNow(conn: kuzu.Connection, text: string, params?: Record<string, unknown>): Promise<Row[]> {
    try {
      let res: kuzu.QueryResult | kuzu.QueryResult[];
      if (params && Object.keys(params).length) {
        const ps = await conn.prepare(text);
        if (!ps.isSuccess()) throw new Error(ps.getErrorMessage());
        res = await conn.execute(ps, params as Record<string, kuzu.KuzuValue>);
      } else {
        res = await conn.query(text);
      }
      const list = Array.isArray(res) ? res : [res];
      let rows: Row[] = [];
      for (const r of list) {
        rows = (await r.getAll()) as Row[];
        r.close();
      }
      return rows;
    } catch (err) {
      throw mapKuzuError(err, this.path);
    }
  }

  /**
   * The database's generation: a token every write transaction replaces, in the same transaction, so a
   * copy of the graph saved beside the database (snapshot.ts) knows whether it still matches. '' for a
   * database no transaction has written since generations exist.
   */
  generation = '';

  async readGeneration(): Promise<string> {
    const rows = await this.read(META_GET, { key: 'generation' });
    this.generation = rows.length ? String(rows[0]!.v) : '';
    return this.generation;
  }

  /** Runs `fn` inside one write transaction: committed as a whole, or rolled back on any failure. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.query(BEGIN);
    try {
      const out = await fn();
      const generation = randomUUID();
      await this.query(META_SET, { key: 'generation', value: generation });
      await this.query(COMMIT);
      this.generation = generation;
      return out;
    } catch (err) {
      try {
        await this.query(ROLLBACK);
      } catch {
        // Kùzu may already have rolled back the failed transaction itself
      }
      throw err;
    }
  }

  /** Called before the unsafe mark is set: the store puts its record log on disk, which recovery reads. */
  beforeUnsafe: () => void = () => undefined;

  /** Runs `fn` under the unsafe mark: a process killed inside it leaves a database the next open rebuilds. */
  async unsafe<T>(what: string, fn: () => Promise<T>): Promise<T> {
    this.beforeUnsafe();
    writeUnsafeMark(this.path, what);
    const out = await fn();
    rmSync(unsafeMarkOf(this.path), { force: true });
    return out;
  }

  /** Checkpoints when the WAL has grown past the threshold; called between writes. */
  async checkpointIfLarge(): Promise<void> {
    if (!this.readOnly && walBytes(this.path) > CHECKPOINT_BYTES) await this.checkpoint();
  }

  async checkpoint(): Promise<void> {
    await this.unsafe('a checkpoint', async () => {
      await this.query(CHECKPOINT);
    });
  }

  async close(): Promise<void> {
    if (!this.readOnly) {
      try {
        if (walBytes(this.path) > 0) await this.checkpoint();
      } catch {
        // a failed checkpoint leaves the WAL in place (and the mark: the next open rebuilds rather than trust it)
      }
    }
    await this.readConn.close();
    await this.conn.close();
    await this.db.close();
  }
}
