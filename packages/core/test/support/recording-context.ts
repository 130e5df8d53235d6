/**
 * A ManagerContext whose executor only records statements. Used for one thing: proving that a refused
 * operation sent no SQL at all. Behaviour against a server is tested on the real test server.
 */
import type { Statement, StatementResult } from '../../src/connection/executor.js';
import type { ManagerContext } from '../../src/managers/manager-context.js';
import { ServerFlavor, parseServerVersion } from '../../src/server/server-info.js';

/** A context plus the statements its executor received. */
export interface RecordingContext extends ManagerContext {
  readonly sent: Statement[];
}

/** Builds a recording context that claims to run on MatrixOne, in or outside a transaction. */
export function recordingContext(options: {
  inTransaction: boolean;
  rows?: Record<string, unknown>[];
}): RecordingContext {
  const sent: Statement[] = [];
  return {
    sent,
    executor: {
      inTransaction: options.inTransaction,
      async run<R>(statement: Statement): Promise<StatementResult<R>> {
        sent.push(statement);
        return { rows: (options.rows ?? []) as R[], columns: [], affectedRows: 0 };
      },
    },
    async serverInfo() {
      const info = parseServerVersion('8.0.30-MatrixOne-v2.1.0');
      if (info.flavor !== ServerFlavor.MatrixOne) throw new Error('expected a MatrixOne version string');
      return info;
    },
  };
}

/** A recorded row with SQL NULL restored: the recordings print NULL as the text `null` or `NULL`. */
export function withNulls(row: Record<string, string>): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [
      column,
      value === 'null' || value === 'NULL' ? null : value,
    ]),
  );
}

/**
 * Compares an SDK statement with a recorded one that may differ in case, whitespace, back-quotes around
 * names and spaces after commas.
 */
export function sameStatement(sdk: string): string {
  return sdk
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .replaceAll('`', '')
    .replace(/\s*,\s*/g, ',')
    .trim()
    .toLowerCase();
}
