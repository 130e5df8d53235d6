/**
 * `client.loading`: LOAD DATA from a server file, a stage, the client (a file or any Node stream) or inline data
 * (docs/matrixone-facts.md#load-data, docs/guides/loading.md).
 *
 * What MatrixOne 4.2 does not do for you (observed on MatrixOne 4.2.0):
 * - LOAD DATA does **not** check primary or unique keys: duplicates are inserted, `IGNORE` / `REPLACE` change
 *   nothing. {@link LoadManager.loadChecked} enforces the keys; the SDK refuses `IGNORE` / `REPLACE`.
 * - SET expressions other than `col = nullif(col, value)` are accepted and ignored; the SDK offers `nullIf` only.
 * - Without a column list each line must have exactly one field per table column.
 * - A bad value or a short line fails the whole statement: nothing is inserted.
 * LOAD is allowed inside a transaction and rolls back with it.
 */
import type { Executor, Statement } from '../../connection/executor.js';
import { InvalidInputError, isMatrixOneError } from '../../errors/errors.js';
import { assertMatrixOne } from '../../server/server-info.js';
import type { TableRef } from '../../sql/identifier.js';
import { showIndexStatement } from '../index-statements.js';
import type { ManagerContext } from '../manager-context.js';
import { runOnOneConnection } from '../one-connection.js';
import { prepareOperation } from '../prepare-operation.js';
import type { OnOneConnection } from '../session-variables.js';
import { assertAllowedInTransaction } from '../transaction-rules.js';
import {
  createStagingStatement,
  dropStagingStatement,
  duplicatesInLoadStatement,
  duplicatesOfExistingStatement,
  insertFromStagingStatement,
  stagingTable,
} from './checked-load-statements.js';
import { type DuplicateKey, DuplicateRowsError, duplicatesOf, uniqueKeysOf } from './load-rows.js';
import {
  type CheckedLoadOptions,
  type LoadOptions,
  type LoadPlan,
  type LoadSource,
  planLoad,
} from './load-statements.js';
import { openLocalSource } from './local-source.js';

/** What a load reports. */
export interface LoadResult {
  /** Rows the server loaded (the OK packet's affected rows). */
  readonly rowsLoaded: number;
  /** The OK packet's warning count (MatrixOne 4.2 reports 0; MySQL-family servers count skipped or cut values). */
  readonly warnings: number;
  /** For data sent from the client: the bytes sent. */
  readonly bytesSent?: number;
}

/** What a checked load reports. */
export interface CheckedLoadResult extends LoadResult {
  /** The keys that were enforced, each as its columns. */
  readonly keys: readonly (readonly string[])[];
}

const DEFAULT_REPORTED_DUPLICATES = 20;

/** Loads files and streams into tables with LOAD DATA. */
export class LoadManager {
  readonly #context: ManagerContext;
  readonly #pin: OnOneConnection | undefined;

  /**
   * Managers are reached through a client or a transaction (`client.loading`, `tx.loading`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext, pin?: OnOneConnection) {
    this.#context = context;
    this.#pin = pin;
  }

  /**
   * Loads a file or stream into a table and returns the rows loaded. Bad options fail with
   * {@link InvalidInputError} before anything is sent; a bad row or a missing server file fails with the server's
   * error (MatrixOne: `invalid input: the file does not exist in load flow`, errno 20301), and nothing is inserted.
   *
   * Data from the client (`localFile`, `stream`) goes through `LOAD DATA LOCAL INFILE`. On a client it runs in its
   * own short transaction, so a source that fails half-way leaves nothing behind (the error says how many bytes
   * were sent); inside your transaction, the rows already received stay in it until it rolls back, which letting
   * the error propagate does. The stream is consumed, or destroyed when the server refused the statement first.
   * Keys are **not** checked (see {@link LoadManager.loadChecked}).
   *
   * @example
   * await client.loading.load('people', { serverFile: '/data/people.csv' }, { enclosedBy: '"', ignoreLines: 1 });
   * await client.loading.load({ database: 'shop', table: 'events' }, { stream: response.body }, {
   *   onProgress: ({ bytes }) => console.log(bytes),
   * });
   */
  async load(table: string | TableRef, source: LoadSource, options: LoadOptions = {}): Promise<LoadResult> {
    assertAllowedInTransaction('loading.load', this.#context.executor.inTransaction);
    const plan = planLoad(tableRef(table), source, refuseCheckedOnly(options));
    if (plan.matrixOneOnly) assertMatrixOne(await this.#context.serverInfo(), 'loading.load');
    if (plan.local === undefined) return resultOf(await this.#context.executor.run(plan.statement));
    return runOnOneConnection(this.#context, this.#pin, 'loading.load', (executor) =>
      runLoad(executor, plan, options),
    );
  }

  /**
   * Loads like {@link LoadManager.load}, but enforces the table's primary and unique keys (or `options.keys`):
   * the data goes into a staging copy of the table (`CREATE TABLE … LIKE`), duplicates within the data and against
   * the table are looked for, and only when there are none are the rows copied with `INSERT … SELECT` (which
   * enforces the keys again). Duplicates fail with {@link DuplicateRowsError} listing them, and nothing is
   * inserted. All of it runs in one transaction (yours, or a short one of its own); the staging table is dropped
   * in every case. It costs a second write of every row: see the loading guide for measured figures. MatrixOne only.
   *
   * @example
   * try {
   *   await client.loading.loadChecked('people', { localFile: './people.csv' });
   * } catch (error) {
   *   if (error instanceof DuplicateRowsError) console.log(error.duplicates);
   * }
   */
  async loadChecked(
    table: string | TableRef,
    source: LoadSource,
    options: CheckedLoadOptions = {},
  ): Promise<CheckedLoadResult> {
    await prepareOperation(this.#context, 'loading.loadChecked');
    const target = tableRef(table);
    const staging = stagingTable(target);
    const plan = planLoad(staging, source, options);
    const limit = options.maxReportedDuplicates ?? DEFAULT_REPORTED_DUPLICATES;
    // Checked before anything is sent: the statements validate the key columns and the limit.
    const explicitKeys =
      options.keys === undefined ? undefined : checkedKeys(options.keys, target, staging, limit);
    return runOnOneConnection(this.#context, this.#pin, 'loading.loadChecked', async (executor) => {
      const keys = explicitKeys ?? uniqueKeysOf((await executor.run(showIndexStatement(target))).rows);
      if (keys.length === 0) {
        throw new InvalidInputError(
          'keys',
          `${describe(target)} has no primary or unique key to enforce; pass "keys" or use loading.load().`,
        );
      }
      await executor.run(createStagingStatement(staging, target));
      try {
        const loaded = await runLoad(executor, plan, options);
        const duplicates: DuplicateKey[] = [];
        for (const key of keys) {
          const inLoad = await executor.run(duplicatesInLoadStatement(staging, key, limit));
          duplicates.push(...duplicatesOf(inLoad.rows, key, 'in-load'));
          const existing = await executor.run(duplicatesOfExistingStatement(staging, target, key, limit));
          duplicates.push(...duplicatesOf(existing.rows, key, 'existing'));
        }
        if (duplicates.length > 0) throw new DuplicateRowsError(duplicates);
        const inserted = await executor.run(insertFromStagingStatement(target, staging));
        return { ...loaded, rowsLoaded: inserted.affectedRows, keys };
      } finally {
        await executor.run(dropStagingStatement(staging));
      }
    });
  }
}

/** Sends one LOAD statement, answering the server's request for client data when there is any. */
async function runLoad(executor: Executor, plan: LoadPlan, options: LoadOptions): Promise<LoadResult> {
  if (plan.local === undefined) return resultOf(await executor.run(plan.statement));
  const local = await openLocalSource(plan.local, {
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(options.progressIntervalBytes !== undefined && { intervalBytes: options.progressIntervalBytes }),
  });
  const statement: Statement = { ...plan.statement, localInfile: local.factory };
  try {
    let result: LoadResult;
    try {
      result = resultOf(await executor.run(statement));
    } catch (error) {
      throw sourceFailure(local.failure(), local.sent().bytes, executor.inTransaction) ?? error;
    }
    // The driver may report success for a source that failed after the server had answered.
    const failure = sourceFailure(local.failure(), local.sent().bytes, executor.inTransaction);
    if (failure !== undefined) throw failure;
    return { ...result, bytesSent: local.sent().bytes };
  } finally {
    local.dispose();
  }
}

function sourceFailure(
  failure: unknown,
  bytes: number,
  inTransaction: boolean,
): InvalidInputError | undefined {
  if (failure === undefined) return undefined;
  if (isMatrixOneError(failure) && failure.kind === 'invalid-input') return failure as InvalidInputError;
  const reason = failure instanceof Error ? failure.message : String(failure);
  return new InvalidInputError(
    'source',
    `The client data failed after ${bytes} bytes were sent (${reason}); the load is not done. ` +
      (inTransaction
        ? 'Rows the server received are in the transaction until it rolls back.'
        : 'It ran in its own transaction, which rolls back.'),
    { cause: failure },
  );
}

function resultOf(result: { readonly affectedRows: number; readonly warningCount?: number }): LoadResult {
  return { rowsLoaded: result.affectedRows, warnings: result.warningCount ?? 0 };
}

function tableRef(table: string | TableRef): TableRef {
  return typeof table === 'string' ? { table } : table;
}

function describe(table: TableRef): string {
  return table.database === undefined ? `Table "${table.table}"` : `Table "${table.database}.${table.table}"`;
}

function refuseCheckedOnly(options: LoadOptions): LoadOptions {
  const given = options as CheckedLoadOptions;
  for (const key of ['keys', 'maxReportedDuplicates'] as const) {
    if (given?.[key] !== undefined) {
      throw new InvalidInputError(
        key,
        `"${key}" is an option of loading.loadChecked(), not of loading.load().`,
      );
    }
  }
  return options;
}

/** Validates explicit keys by building their statements once (no I/O). */
function checkedKeys(
  keys: readonly (readonly string[])[],
  target: TableRef,
  staging: TableRef,
  limit: number,
): string[][] {
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((key) => !Array.isArray(key) || key.length === 0)
  ) {
    throw new InvalidInputError('keys', '"keys" must be a non-empty list of non-empty column lists.');
  }
  for (const key of keys) {
    duplicatesInLoadStatement(staging, key, limit);
    duplicatesOfExistingStatement(staging, target, key, limit);
  }
  return keys.map((key) => [...key]);
}
