/**
 * Streams the rows of one SDK statement from a driver connection that Sequelize manages, with mysql2's
 * row stream: rows are read as the loop asks for them, so memory stays constant.
 */
import { ConfigurationError, type Statement, toMatrixOneError } from '@matrixone/core';
import { type SdkQueryOptions, sdkQueryOptions } from './sdk-query-options.js';

/** What the adapter needs of mysql2's callback connection to stream. */
interface StreamingConnection {
  query(options: SdkQueryOptions): { stream(): AsyncIterable<unknown> };
}

function isStreamingConnection(connection: unknown): connection is StreamingConnection {
  return (
    typeof connection === 'object' &&
    connection !== null &&
    typeof (connection as Partial<StreamingConnection>).query === 'function'
  );
}

/**
 * Yields the rows of `statement` run on `connection`. Resolves `done` with `true` once every row was read
 * (the connection can go back to the pool) and with `false` when the loop stopped early or failed (rows may
 * still be in flight, so the connection must be destroyed).
 */
export async function* streamOnConnection<R>(
  connection: unknown,
  statement: Statement,
  done: (complete: boolean) => Promise<void>,
): AsyncGenerator<R> {
  let complete = false;
  try {
    if (!isStreamingConnection(connection)) {
      throw new ConfigurationError(
        'dialect',
        'the Sequelize connection is not a mysql2 connection: create Sequelize with `dialect: "mysql"`.',
      );
    }
    try {
      for await (const row of connection.query(sdkQueryOptions(statement)).stream()) {
        yield row as R;
      }
    } catch (error) {
      throw toMatrixOneError(error, statement);
    }
    complete = true;
  } finally {
    await done(complete);
  }
}
