/**
 * `client.exports`: query results to a file the server writes (a server path or a stage) with
 * `SELECT … INTO OUTFILE`, or streamed to a Node `Writable` on the client in CSV or JSON lines
 * (docs/matrixone-facts.md#stages-and-export, docs/guides/stages-export.md).
 *
 * What MatrixOne 4.2 does (observed on MatrixOne 4.2.0), and what the SDK does about it:
 * - an export never overwrites an existing file (`20406 file … already exists`), and after that error the next
 *   exports **of the same session** failed with `not a directory`. For a stage file the SDK looks first and refuses
 *   with {@link AlreadyExistsError} before sending; for a server path it cannot look, so it maps the server's
 *   error to {@link AlreadyExistsError}. Use fresh file names.
 * - `INTO OUTFILE` runs inside a transaction, but its file stays after ROLLBACK. The SDK therefore refuses
 *   `toFile()` inside a transaction ({@link TransactionRuleError}): export after commit.
 * - the OK packet says 0 rows whatever was written, so `toFile()` reports no row count.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Row, Statement } from '../../connection/executor.js';
import {
  AlreadyExistsError,
  InvalidInputError,
  TransactionRuleError,
  isMatrixOneError,
} from '../../errors/errors.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import { listStageFilesStatement } from '../stages/stage-statements.js';
import { assertAllowedInTransaction } from '../transaction-rules.js';
import {
  type ExportFileOptions,
  type ExportQuery,
  type ExportTarget,
  exportQueryStatement,
  exportToFileStatement,
  targetPath,
} from './export-statements.js';
import { type RowEncodingOptions, rowEncoder } from './row-encoding.js';

/** Streams a statement's rows from one connection (the client's `stream`). */
export type RowStreamer = (statement: Statement) => AsyncIterable<Row>;

/** Options of `exports.toWritable()`. */
export interface ExportStreamOptions extends RowEncodingOptions {
  /** End the writable when done (default `true`). */
  readonly end?: boolean;
}

/** What `exports.toWritable()` reports. */
export interface ExportStreamResult {
  /** Rows written. */
  readonly rows: number;
  /** Bytes written (UTF-8). */
  readonly bytes: number;
}

/** Errno of MatrixOne's `file … already exists` for an export (observed on MatrixOne 4.2.0). */
const FILE_EXISTS_ERRNO = 20406;
/** Text handed to the writable at once: large enough to keep calls few, small enough to keep memory flat. */
const BATCH_CHARS = 64 * 1024;

/** Exports query results to files and streams. */
export class ExportManager {
  readonly #context: ManagerContext;
  readonly #streamRows: RowStreamer | undefined;

  /**
   * Managers are reached through a client or a transaction (`client.exports`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext, streamRows?: RowStreamer) {
    this.#context = context;
    this.#streamRows = streamRows;
  }

  /**
   * Has the server write a query's result to a file on its host or in a stage. Refused inside a transaction
   * (the file would survive a rollback). Never overwrites: an existing stage file is refused before sending.
   * MatrixOne only.
   *
   * @example
   * await client.exports.toFile({ sql: 'SELECT * FROM orders WHERE day = ?', values: ['2026-12-01'] }, { stage: 'exports', file: 'orders-2026-12-01.csv' });
   * await client.exports.toFile({ sql: 'SELECT id, doc FROM docs', values: [] }, { serverFile: '/exports/docs.jsonl' });
   */
  async toFile(query: ExportQuery, target: ExportTarget, options: ExportFileOptions = {}): Promise<void> {
    if (this.#context.executor.inTransaction) {
      throw new TransactionRuleError(
        'exports.toFile',
        'MatrixOne runs SELECT … INTO OUTFILE inside a transaction, but the file it writes stays after ROLLBACK, ' +
          'so exports.toFile() was not sent. Export after commit: tx.afterCommit(() => client.exports.toFile(…)).',
      );
    }
    await prepareOperation(this.#context, 'exports.toFile');
    const statement = exportToFileStatement(query, target, options);
    if ('stage' in target && !/%\d*d/.test(targetPath(target))) {
      const { rows } = await this.#context.executor.run(listStageFilesStatement(target.stage, target.file));
      if (rows.length > 0) {
        throw new AlreadyExistsError(
          `The stage file "${target.file}" exists and MatrixOne never overwrites an export; nothing was sent. ` +
            'Choose a new name or remove it with stages.removeFiles().',
        );
      }
    }
    try {
      await this.#context.executor.run(statement);
    } catch (error) {
      if (isMatrixOneError(error) && error.errno === FILE_EXISTS_ERRNO) {
        throw new AlreadyExistsError(
          `${error.serverMessage ?? error.message}: MatrixOne never overwrites an export. Choose a new file name; ` +
            'on MatrixOne 4.2 the next exports on the same connection may fail with "not a directory".',
          { ...errorInfo(error), cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Streams a query's rows to a Node `Writable` as CSV (the server's own export format by default) or JSON lines,
   * one connection, constant memory: rows are read as the writable drains (backpressure) and never all held.
   * If the writable fails, reading stops and its error is thrown. On a client only (a transaction cannot stream).
   *
   * @example
   * await client.exports.toWritable('SELECT * FROM events WHERE day = ?', createWriteStream('events.csv'));
   * await client.exports.toWritable({ table: 'events' }, response, { format: 'jsonline' });
   */
  async toWritable(
    query: ExportQuery,
    writable: Writable,
    options: ExportStreamOptions = {},
  ): Promise<ExportStreamResult> {
    assertAllowedInTransaction('exports.toWritable', this.#context.executor.inTransaction);
    const { end = true, ...encoding } = options;
    const encoder = rowEncoder(encoding);
    const statement = exportQueryStatement(query);
    if (typeof writable?.write !== 'function') {
      throw new InvalidInputError('writable', 'exports.toWritable() needs a Node Writable.');
    }
    if (this.#streamRows === undefined) {
      throw new InvalidInputError(
        'writable',
        'exports.toWritable() streams on a connection of its own: call it on the client, not on a transaction.',
      );
    }
    const failure = watchForFailure(writable);
    let rows = 0;
    let bytes = 0;
    let batch = '';
    const flush = async (): Promise<void> => {
      if (batch === '') return;
      const chunk = batch;
      batch = '';
      bytes += Buffer.byteLength(chunk);
      failure.check();
      if (!writable.write(chunk)) await Promise.race([once(writable, 'drain'), failure.promise]);
    };
    try {
      for await (const row of this.#streamRows(statement)) {
        batch += encoder.encode(row);
        rows += 1;
        if (batch.length >= BATCH_CHARS) await flush();
      }
      await flush();
      if (end) {
        writable.end();
        await Promise.race([once(writable, 'finish'), failure.promise]);
      }
      failure.check();
      return { rows, bytes };
    } finally {
      failure.stop();
    }
  }
}

/** Watches a writable for an error or an early close, as a promise that rejects and a synchronous check. */
function watchForFailure(writable: Writable): { promise: Promise<never>; check(): void; stop(): void } {
  let failed: Error | undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<never>((_, rejectWith) => {
    reject = rejectWith;
  });
  promise.catch(() => undefined);
  const onError = (error: Error): void => {
    failed ??= new InvalidInputError('writable', `The export's writable failed: ${error.message}`, {
      cause: error,
    });
    reject(failed);
  };
  const onClose = (): void => {
    if (writable.writableFinished) return;
    failed ??= new InvalidInputError('writable', "The export's writable closed before the export finished.");
    reject(failed);
  };
  writable.on('error', onError);
  writable.on('close', onClose);
  return {
    promise,
    check() {
      if (failed !== undefined) throw failed;
    },
    stop() {
      writable.off('error', onError);
      writable.off('close', onClose);
    },
  };
}

function errorInfo(error: {
  errno?: number;
  sqlState?: string;
  serverMessage?: string;
  driverCode?: string;
}) {
  return {
    ...(error.errno !== undefined && { errno: error.errno }),
    ...(error.sqlState !== undefined && { sqlState: error.sqlState }),
    ...(error.serverMessage !== undefined && { serverMessage: error.serverMessage }),
    ...(error.driverCode !== undefined && { driverCode: error.driverCode }),
  };
}
