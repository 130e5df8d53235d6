/**
 * What a statement does to the transaction of the session it runs in, as the MatrixOne connection guard tracks it.
 */
import { type SqlToken, isWord, sqlTokens } from './sql-tokens.js';

/**
 * - `begin`: `BEGIN [WORK]`, `START TRANSACTION …` (MatrixOne, like MySQL, commits an open transaction first);
 * - `commit`: `COMMIT`, and `SET autocommit = 1`, which commits an open transaction;
 * - `rollback`: `ROLLBACK` (not `ROLLBACK TO …`);
 * - `rollback-to-savepoint`: `ROLLBACK [WORK] TO [SAVEPOINT] x`;
 * - `autocommit-off`: `SET autocommit = 0` (every statement from then on is in a transaction);
 * - `other`: anything else (`SAVEPOINT` and `RELEASE SAVEPOINT` included: they change nothing tracked).
 */
export type TransactionStatement =
  | 'begin'
  | 'commit'
  | 'rollback'
  | 'rollback-to-savepoint'
  | 'autocommit-off'
  | 'other';

/**
 * Classifies `sql` (`tokens`: its tokens, when already cut); see {@link TransactionStatement}. Comments and case do
 * not matter.
 */
export function transactionStatement(
  sql: string,
  tokens: readonly SqlToken[] = sqlTokens(sql),
): TransactionStatement {
  const [first, second] = tokens;
  if (isWord(first, 'BEGIN') || (isWord(first, 'START') && isWord(second, 'TRANSACTION'))) return 'begin';
  if (isWord(first, 'COMMIT')) return 'commit';
  if (isWord(first, 'ROLLBACK')) {
    const to = isWord(second, 'WORK') ? tokens[2] : second;
    return isWord(to, 'TO') ? 'rollback-to-savepoint' : 'rollback';
  }
  if (isWord(first, 'SET')) {
    const at = tokens.findIndex((token) => isWord(token, 'AUTOCOMMIT'));
    const value = at < 0 ? undefined : tokens[at + 2];
    if (at >= 0 && tokens[at + 1]?.text === '=' && tokens.length === at + 3) {
      if (value?.text === '0' || isWord(value, 'OFF') || isWord(value, 'FALSE')) return 'autocommit-off';
      if (value?.text === '1' || isWord(value, 'ON') || isWord(value, 'TRUE')) return 'commit';
    }
  }
  return 'other';
}
