/**
 * Makes a fault proxy answer what ORMs send the way MatrixOne 4.2.0 does where MariaDB would answer otherwise
 * (observed on MatrixOne 4.2.0, docs/matrixone-facts.md#orms-on-matrixone), so the SDK's MatrixOne guards are
 * proved in CI:
 * - `ROLLBACK TO SAVEPOINT` → errno 20101 `internal error: savepoint has not been implemented yet. please rollback
 *   the transaction.`, nothing undone (the statement is not forwarded);
 * - an upsert whose ON DUPLICATE KEY UPDATE assigns one of `keyColumns` → errno 20313 `unsupported DML: update
 *   unique key on duplicate` (text or prepared);
 * - a missing parent (MariaDB 1452) → errno 20101 `internal error: Cannot add or update a child row: a foreign
 *   key constraint fails`; a referenced parent (MariaDB 1451) → 1217; both with SQLSTATE HY000;
 * - `FOR UPDATE … NOWAIT` / `SKIP LOCKED` → 1064 parse errors, and so is a column of type `serial` in `CREATE TABLE`
 *   or `ALTER TABLE … ADD | MODIFY [COLUMN]` (what drizzle-kit writes for `serial()`, and drizzle-orm's migrator for
 *   its own table); `SET TRANSACTION ISOLATION LEVEL SERIALIZABLE` /
 *   `READ UNCOMMITTED` and `SET TRANSACTION READ ONLY` → 20105 `not supported: …`.
 * Not emulated: that the failed ROLLBACK TO SAVEPOINT also undoes the statement sent before it, that `START
 * TRANSACTION READ ONLY` is not enforced (MariaDB enforces it), and errno 20102 for a derived table naming a table
 * of an enclosing query (no pattern tells those apart; the guard refuses them before sending, and MariaDB answers
 * what reaches it with 1054).
 */
import type { FaultProxy } from './fault-proxy.js';

const HY000 = 'HY000';
const PARSE_ERROR =
  'SQL parser error: You have an error in your SQL syntax; check the manual that corresponds to your MatrixOne ' +
  'server version for the right syntax to use.';

/**
 * Adds the rules above to `proxy`; `keyColumns` are the unique and primary-key columns of the tables the test
 * upserts into. Returns a function that removes them.
 *
 * @example
 * const proxy = await startFaultProxy(db.url);
 * answerOrmStatementsLikeMatrixOne(proxy, ['id', 'email']);
 */
export function answerOrmStatementsLikeMatrixOne(
  proxy: FaultProxy,
  keyColumns: readonly string[],
): () => void {
  const keys = keyColumns.map((column) => column.replace(/[^A-Za-z0-9_]/g, '')).join('|');
  const removals = [
    proxy.answerWithError(/^\s*ROLLBACK\s+(?:WORK\s+)?TO\b/i, {
      errno: 20101,
      sqlState: HY000,
      message: 'internal error: savepoint has not been implemented yet. please rollback the transaction.',
    }),
    proxy.answerWithError(
      new RegExp(
        `ON\\s+DUPLICATE\\s+KEY\\s+UPDATE\\s+(?:[\\s\\S]*?,\\s*)?(?:\`?\\w+\`?\\.)?\`?(?:${keys})\`?\\s*=`,
        'i',
      ),
      { errno: 20313, sqlState: HY000, message: 'unsupported DML: update unique key on duplicate' },
    ),
    proxy.rewriteError(1452, {
      errno: 20101,
      sqlState: HY000,
      message: 'internal error: Cannot add or update a child row: a foreign key constraint fails',
    }),
    proxy.rewriteError(1451, {
      errno: 1217,
      sqlState: HY000,
      message: 'Cannot delete or update a parent row: a foreign key constraint fails',
    }),
    proxy.answerWithError(/\bFOR\s+(?:UPDATE|SHARE)\b[\s\S]*\b(?:NOWAIT|SKIP\s+LOCKED)\b/i, {
      errno: 1064,
      sqlState: HY000,
      message: PARSE_ERROR,
    }),
    proxy.answerWithError(
      /^\s*(?:CREATE\s+(?:TEMPORARY\s+)?|ALTER\s+)TABLE\b[^']*?(?:[(,]|\b(?:ADD|MODIFY)(?:\s+COLUMN)?)\s*(?:`[^`]*`|\w+)\s+serial\b/i,
      { errno: 1064, sqlState: HY000, message: `${PARSE_ERROR} syntax error near " serial"` },
    ),
    proxy.answerWithError(
      /^\s*SET\s+TRANSACTION\s+ISOLATION\s+LEVEL\s+(?:SERIALIZABLE|READ\s+UNCOMMITTED)/i,
      {
        errno: 20105,
        sqlState: HY000,
        message: 'not supported: transaction isolation level is not supported',
      },
    ),
    proxy.answerWithError(/^\s*SET\s+TRANSACTION\s+READ\s+ONLY/i, {
      errno: 20105,
      sqlState: HY000,
      message: 'not supported: transaction access mode READ ONLY is not supported',
    }),
  ];
  return () => {
    for (const remove of removals) remove();
  };
}
