// The Neo4j driver for one database: connects (checking credentials, reachability and the server's version),
// runs named statements (writes in managed transactions, which the driver retries on transient failures: a
// leader switch, a deadlock; reads in auto-commit ones, retried here), routes reads to readers on a cluster
// (neo4j:// URIs), and turns driver errors into one clear StoreError line.
import neo4j, { isRetryableError, type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { StoreError, StoreUnavailableError } from '../errors.ts';
import type { Statement } from './statements.ts';

export interface Neo4jOptions {
  uri: string;
  user: string;
  password: string;
  database?: string | undefined;
  /** Seconds to wait for a connection before saying the server is unreachable. */
  connectTimeoutMs?: number;
  /** Longest a read transaction may run on the server before it is stopped (none by default). */
  readTimeoutMs?: number;
  /** How long a transient failure is retried, reads and writes alike (15 s, the driver's own default, by default). */
  retryMs?: number;
}

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

const RETRY_MS = 15_000;

/** Parameters used where Cypher needs an integer (LIMIT, SKIP, list slices). */
const INTEGER_PARAMS = new Set(['limit', 'cap', 'pool']);

/** Checks that a call passes exactly the parameters the statement declares (what the lint test checked). */
function checked(s: Statement, params: Params): Params {
  const missing = s.params.filter((p) => !(p in params));
  const extra = Object.keys(params).filter((p) => !s.params.includes(p));
  if (missing.length || extra.length) {
    throw new Error(`statement ${s.name}: parameters ${missing.length ? `missing ${missing.join(', ')}` : ''}${extra.length ? ` unexpected ${extra.join(', ')}` : ''}`);
  }
  // Neo4j refuses undefined; an absent optional value is null in Cypher. JavaScript numbers travel as
  // floats, and LIMIT refuses 100.0: the parameters that count things go as Neo4j integers.
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, v === undefined ? null : INTEGER_PARAMS.has(k) && typeof v === 'number' ? neo4j.int(Math.trunc(v)) : v]),
  );
}

const rows = (r: QueryResult<RecordShape>): Row[] => r.records.map((rec) => rec.toObject() as Row);

/** A write transaction's handle: statements only, by name. */
export interface WriteTx {
  run(s: Statement, params?: Params): Promise<Row[]>;
}

export class Neo4jConnection {
  private constructor(
    readonly driver: Driver,
    readonly opts: Neo4jOptions,
  ) {}

  static async connect(opts: Neo4jOptions): Promise<Neo4jConnection> {
    const driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password), {
      disableLosslessIntegers: true,
      connectionTimeout: opts.connectTimeoutMs ?? 10_000,
      connectionAcquisitionTimeout: opts.connectTimeoutMs ?? 10_000,
      maxTransactionRetryTime: opts.retryMs ?? RETRY_MS,
      userAgent: 'rightsgraph',
    });
    const conn = new Neo4jConnection(driver, opts);
    try {
      const info = await driver.getServerInfo(opts.database ? { database: opts.database } : {});
      const version = /Neo4j\/(\d+)\.(\d+)/.exec(info.agent ?? '');
      if (version && Number(version[1]) < 5) {
        throw new StoreUnavailableError(`Neo4j at ${opts.uri} is version ${version[1]}.${version[2]}: rightsgraph needs Neo4j 5 or newer`);
      }
    } catch (err) {
      await driver.close().catch(() => undefined);
      throw conn.mapError(err);
    }
    return conn;
  }

  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.opts.database ? { database: this.opts.database } : {}),
    });
  }

  /**
   * One statement in a read transaction (routed to a reader on a cluster). An auto-commit transaction, not a
   * managed one: a managed read waits for the server twice (BEGIN and RUN, then COMMIT), an auto-commit read
   * once (bench: exposurePaths p95 at 200 k / 1 M, 27.9 → 19.8 ms and 25.0 → 17.8 ms in two runs). The
   * driver retries only managed transactions, so the transient failures it would retry (a leader switch, a
   * reader gone) are retried here, for as long as the driver would: a read has no effects to repeat.
   */
  async read(s: Statement, params: Params = {}): Promise<Row[]> {
    const p = checked(s, params);
    const config = this.opts.readTimeoutMs ? { timeout: this.opts.readTimeoutMs } : {};
    const t0 = performance.now();
    for (let attempt = 0; ; attempt++) {
      const session = this.session('READ');
      try {
        return rows(await session.run(s.text, p, config));
      } catch (err) {
        if (!isRetryableError(err) || performance.now() - t0 > (this.opts.retryMs ?? RETRY_MS)) throw this.mapError(err);
        // The driver's own schedule: 1 s doubling, ±20 % jitter.
        await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** attempt, 8000) * (0.8 + Math.random() * 0.4)));
      } finally {
        await session.close();
      }
    }
  }

  /** Schema commands run in their own auto-commit transactions (Neo4j refuses them mixed with writes). */
  async command(s: Statement, params: Params = {}): Promise<Row[]> {
    const session = this.session('WRITE');
    try {
      return rows(await session.run(s.text, checked(s, params)));
    } catch (err) {
      throw this.mapError(err);
    } finally {
      await session.close();
    }
  }

  /**
   * `work` in one write transaction: all its statements commit together or not at all. The driver re-runs
   * `work` on transient errors, so it must not have effects outside the transaction.
   */
  async write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite((tx: ManagedTransaction) =>
        work({ run: async (s, params = {}) => rows(await tx.run(s.text, checked(s, params))) }),
      );
    } catch (err) {
      throw this.mapError(err);
    } finally {
      await session.close();
    }
  }

  /** Streams a statement's rows (an export): the driver pulls in batches as the consumer reads. */
  async *stream(s: Statement, params: Params = {}): AsyncGenerator<Row> {
    const session = this.session('READ');
    try {
      const result = session.run(s.text, checked(s, params));
      for await (const rec of result) yield rec.toObject() as Row;
    } catch (err) {
      throw this.mapError(err);
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** Driver errors → one line that says what to change; our own errors pass through. */
  mapError(err: unknown): unknown {
    if (err instanceof StoreError) return err;
    const e = err as { code?: string; message?: string };
    const where = `Neo4j at ${this.opts.uri}`;
    if (e.code === 'Neo.ClientError.Security.Unauthorized' || e.code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
      return new StoreUnavailableError(`${where} refused user "${this.opts.user}": wrong user or password (set NEO4J_USER and NEO4J_PASSWORD)`, { cause: err });
    }
    if (e.code === 'ServiceUnavailable' || e.code === 'SessionExpired' || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|timed out/i.test(e.message ?? '')) {
      return new StoreUnavailableError(`${where} is unreachable (${(e.message ?? '').split('\n')[0]}): is it running, and is NEO4J_URI right?`, { cause: err });
    }
    if (e.code === 'Neo.ClientError.Database.DatabaseNotFound') {
      return new StoreUnavailableError(`${where} has no database "${this.opts.database}" (NEO4J_DATABASE)`, { cause: err });
    }
    if (e.code === 'Neo.ClientError.Security.Forbidden') {
      return new StoreUnavailableError(`${where}: user "${this.opts.user}" may not do this (${(e.message ?? '').split('\n')[0]})`, { cause: err });
    }
    return err;
  }
}
