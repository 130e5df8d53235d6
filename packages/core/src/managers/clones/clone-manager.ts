/**
 * `client.clones` and `tx.clones`: copy a database or table, optionally as it was at a snapshot, optionally
 * into another account (docs/matrixone-facts.md#snapshots-clones-restores-time-travel). CLONE joins the
 * caller's transaction and rolls back with it. `withClone()` and `sweep()` manage throwaway clones
 * (docs/guides/testing-with-clones.md).
 */
import { urlWithDatabase } from '../../config/url-with-database.js';
import { InvalidInputError, TransactionRuleError } from '../../errors/errors.js';
import { assertMatrixOne } from '../../server/server-info.js';
import type { TableRef } from '../../sql/identifier.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import { runInClone } from './clone-lifecycle.js';
import { cloneCreatedAt, cloneName, defaultClonePrefix, validateClonePrefix } from './clone-name.js';
import {
  type CloneDatabaseOptions,
  type CloneTableOptions,
  cloneDatabaseStatement,
  cloneTableStatement,
  dropDatabaseStatement,
} from './clone-statements.js';
import { processSignals } from './interrupt-cleanup.js';

/** Options of `clones.withClone()`. */
export interface WithCloneOptions {
  /** The database to clone. */
  readonly source: string;
  /** Clone the source as it was at this snapshot; its current data when omitted. */
  readonly snapshot?: string;
  /**
   * The clone's name prefix (1–40 characters of `a-z`, `0-9`, `_`; default `<source>_clone`). The clone is named
   * `<prefix>_<UTC yyyymmddhhmmss>_<8 hex digits>`, which `sweep({ prefix })` recognises.
   */
  readonly prefix?: string;
  /** An exact name instead of a generated one (not recognised by `sweep()`). Refused together with `prefix`. */
  readonly name?: string;
  /**
   * A `mysql://` URL of the server (any database selected): the clone's URL is this one with the clone's
   * database, handed to the callback as `url`.
   */
  readonly url?: string;
  /** Drop the clone when SIGINT or SIGTERM arrives while the callback runs, then let the signal end the process (default `true`). */
  readonly dropOnSignal?: boolean;
}

/** What `withClone()` hands its callback. */
export interface Clone {
  /** The clone's database name. */
  readonly database: string;
}

/** What `withClone()` hands its callback when a `url` was given. */
export interface CloneWithUrl extends Clone {
  /** The given URL with the clone's database selected: for `createClient`, an ORM, a child process. */
  readonly url: string;
}

/** Options of `clones.sweep()`. */
export interface SweepClonesOptions {
  /** The prefix the clones were made with (`withClone({ prefix })`, or its default `<source>_clone`). */
  readonly prefix: string;
  /** Drop only clones created at least this long ago (milliseconds, per the time in their name). */
  readonly olderThanMs: number;
}

/** Manages clones: cheap copies of databases and tables that share storage with their source. */
export class CloneManager {
  readonly #context: ManagerContext;

  /**
   * Managers are reached through a client or a transaction (`client.snapshots`, `tx.clones`, …), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /**
   * Creates database `target` as a clone of `source`.
   *
   * @example
   * await client.clones.database('shop_at_sp01', 'shop', { snapshot: 'sp01' });
   */
  async database(target: string, source: string, options: CloneDatabaseOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'clones.database');
    await this.#context.executor.run(cloneDatabaseStatement(target, source, options));
  }

  /**
   * Creates table `target` as a clone of `source`. Give `database` on both to avoid depending on the
   * connection's current database.
   *
   * @example
   * await client.clones.table({ database: 'shop', table: 'orders_copy' }, { database: 'shop', table: 'orders' });
   */
  async table(target: TableRef, source: TableRef, options: CloneTableOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'clones.table');
    await this.#context.executor.run(cloneTableStatement(target, source, options));
  }

  /**
   * Clones `source` under a unique name, runs `fn` with the clone, and drops the clone afterwards whatever
   * happens: when `fn` resolves, when it throws, and (by default) on SIGINT/SIGTERM while it runs. Refused inside
   * a transaction with {@link TransactionRuleError} and on servers other than MatrixOne with
   * {@link UnsupportedServerError}, both before any SQL is sent.
   *
   * @example
   * const total = await client.clones.withClone({ source: 'shop', url: process.env.MATRIXONE_URL }, async (clone) => {
   *   const db = createClient(clone.url);
   *   try {
   *     await db.execute('DELETE FROM orders');
   *     return (await db.query('SELECT COUNT(*) AS n FROM orders'))[0];
   *   } finally {
   *     await db.close();
   *   }
   * });
   */
  withClone<T>(
    options: WithCloneOptions & { readonly url: string },
    fn: (clone: CloneWithUrl) => Promise<T>,
  ): Promise<T>;
  withClone<T>(options: WithCloneOptions, fn: (clone: Clone) => Promise<T>): Promise<T>;
  async withClone<T>(options: WithCloneOptions, fn: (clone: CloneWithUrl) => Promise<T>): Promise<T> {
    if (this.#context.executor.inTransaction) {
      throw new TransactionRuleError(
        'clones.withClone',
        'clones.withClone() was called inside a transaction: its clone would be created and dropped inside it, ' +
          'and a rollback would undo the drop or the clone. Call it on the client, outside any transaction.',
      );
    }
    const name = throwawayName(options);
    assertMatrixOne(await this.#context.serverInfo(), 'clones.withClone');
    const executor = this.#context.executor;
    return runInClone(
      name,
      {
        create: async (database) => {
          await executor.run(
            cloneDatabaseStatement(database, options.source, {
              ...(options.snapshot !== undefined && { snapshot: options.snapshot }),
            }),
          );
        },
        drop: async (database) => {
          await executor.run(dropDatabaseStatement(database));
        },
      },
      () =>
        fn(
          options.url === undefined
            ? ({ database: name } as CloneWithUrl)
            : { database: name, url: urlWithDatabase(options.url, name) },
        ),
      {
        signals: options.dropOnSignal === false ? undefined : processSignals,
        onDropFailure: (database, error) => {
          process.emitWarning(
            `The clone ${database} could not be dropped after its callback failed ` +
              `(${error instanceof Error ? error.message : String(error)}); ` +
              'drop it by hand or with clones.sweep().',
            'MatrixOneCloneWarning',
          );
        },
      },
    );
  }

  /**
   * Drops the clones `withClone()` left behind (a crashed or killed run): every database whose name is
   * `<prefix>_<UTC time>_<8 hex digits>` with a time at least `olderThanMs` ago. Returns the names dropped.
   * Needs only SHOW DATABASES and DROP DATABASE, so it works on any MySQL-family server.
   *
   * @example
   * const dropped = await client.clones.sweep({ prefix: 'shop_clone', olderThanMs: 60 * 60 * 1000 });
   */
  async sweep(options: SweepClonesOptions): Promise<string[]> {
    const prefix = validateClonePrefix(options.prefix);
    if (!Number.isFinite(options.olderThanMs) || options.olderThanMs < 0) {
      throw new InvalidInputError(
        'olderThanMs',
        `Expected a number of milliseconds ≥ 0, got ${options.olderThanMs}.`,
      );
    }
    const cutoff = Date.now() - options.olderThanMs;
    const { rows } = await this.#context.executor.run<Record<string, unknown>>({ sql: 'SHOW DATABASES' });
    const stale = rows
      .map((row) => String(Object.values(row)[0]))
      .filter((database) => {
        const createdAt = cloneCreatedAt(database, prefix);
        return createdAt !== undefined && createdAt.getTime() <= cutoff;
      });
    for (const database of stale) {
      await this.#context.executor.run(dropDatabaseStatement(database));
    }
    return stale;
  }
}

function throwawayName(options: WithCloneOptions): string {
  if (options.name !== undefined && options.prefix !== undefined) {
    throw new InvalidInputError('name', 'Give either `name` or `prefix` to withClone(), not both.');
  }
  return options.name ?? cloneName(options.prefix ?? defaultClonePrefix(options.source));
}
