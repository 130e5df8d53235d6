/**
 * A ManagerContext whose executor records every statement and answers each with rows chosen by the test (by the
 * statement's SQL), or an error. Used to check the order of the statements a manager sends (session variables
 * set before and set back after) and what it does with the answers; server behaviour is tested live.
 */
import type { Executor, Row, Statement, StatementResult } from '../../src/connection/executor.js';
import type { ManagerContext } from '../../src/managers/manager-context.js';
import { ServerFlavor, parseServerVersion } from '../../src/server/server-info.js';

/** What the executor answers to one statement: rows, or an error to throw. */
export type ScriptedAnswer = readonly Row[] | Error;

/** A context plus the statements its executor received. */
export interface ScriptedContext extends ManagerContext {
  readonly sent: Statement[];
}

/** Builds a context claiming to run on MatrixOne; `answer` picks the reply for each statement (default: no rows). */
export function scriptedContext(options: {
  inTransaction: boolean;
  answer?: (sql: string) => ScriptedAnswer | undefined;
}): ScriptedContext {
  const sent: Statement[] = [];
  const executor: Executor = {
    inTransaction: options.inTransaction,
    async run<R>(statement: Statement): Promise<StatementResult<R>> {
      sent.push(statement);
      const answer = options.answer?.(statement.sql) ?? [];
      if (answer instanceof Error) throw answer;
      return { rows: [...answer] as R[], columns: [], affectedRows: 0 };
    },
  };
  return {
    sent,
    executor,
    async serverInfo() {
      const info = parseServerVersion('8.0.30-MatrixOne-v4.2.0');
      if (info.flavor !== ServerFlavor.MatrixOne) throw new Error('expected a MatrixOne version string');
      return info;
    },
  };
}
