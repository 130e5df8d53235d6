/**
 * A ManagerContext whose executor only records statements, claiming a MatrixOne server. Used for one thing:
 * proving that an operation refused inside a transaction sent no SQL at all.
 */
import type { Statement, StatementResult } from '../../../src/connection/executor.js';
import type { ManagerContext } from '../../../src/managers/manager-context.js';
import { parseServerVersion } from '../../../src/server/server-info.js';

/** A context plus the statements its executor received. */
export interface RecordingContext extends ManagerContext {
  readonly sent: Statement[];
}

/** A recording context on MatrixOne, inside or outside a transaction. */
export function recordingContext(inTransaction: boolean): RecordingContext {
  const sent: Statement[] = [];
  return {
    sent,
    executor: {
      inTransaction,
      async run<R>(statement: Statement): Promise<StatementResult<R>> {
        sent.push(statement);
        return { rows: [], columns: [], affectedRows: 0 };
      },
    },
    serverInfo: async () => parseServerVersion('8.0.30-MatrixOne-v2.1.0'),
  };
}
