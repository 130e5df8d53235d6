/**
 * Statements MatrixOne 4.2 parses differently from MySQL or cannot run, refused before they are sent with an
 * {@link UnsupportedServerError} that says what to do instead (docs/matrixone-facts.md#orms-on-matrixone):
 * - `… FOR UPDATE | FOR SHARE … NOWAIT` and `… SKIP LOCKED`: parse errors (1064) on MatrixOne;
 * - `SET TRANSACTION ISOLATION LEVEL SERIALIZABLE | READ UNCOMMITTED`: refused (20105);
 * - `START TRANSACTION READ ONLY`: accepted but not enforced (writes inside it commit), and `SET TRANSACTION READ
 *   ONLY`: refused (20105) — a read-only transaction cannot be had, so both are refused here;
 * - `JOIN LATERAL (…)`: a parse error (1064); Drizzle's relational queries in the default mode send it;
 * - a derived table naming a table of an enclosing query: errno 20102 (`correlated-derived-tables.ts`); Drizzle's
 *   `one` relations in mode `planetscale` send it.
 * Only keywords outside string literals, quoted identifiers and comments count.
 */
import { UnsupportedServerError } from '../../errors/errors.js';
import { correlatedDerivedTableAt } from './correlated-derived-tables.js';
import { type SqlToken, isPunctuation, isWord, sqlTokens } from './sql-tokens.js';

/** What one refusal looks for, and what it tells the caller. */
interface Refusal {
  /** The index of the first token of the refused construct, or -1. */
  readonly find: (tokens: readonly SqlToken[]) => number;
  /** What the message quotes from the construct's first token on; by default its first four tokens. */
  readonly near?: (tokens: readonly SqlToken[], at: number) => string;
  readonly advice: string;
}

const REFUSALS: readonly Refusal[] = [
  {
    find: (tokens) => tokens.findIndex((token, at) => isWord(token, 'NOWAIT') && inLockingClause(tokens, at)),
    advice:
      'MatrixOne does not parse NOWAIT in a locking clause. Use a plain FOR UPDATE / FOR SHARE (it waits for the ' +
      'lock), or set a lock wait timeout.',
  },
  {
    find: (tokens) =>
      tokens.findIndex(
        (token, at) =>
          isWord(token, 'SKIP') && isWord(tokens[at + 1], 'LOCKED') && inLockingClause(tokens, at),
      ),
    advice:
      'MatrixOne does not parse SKIP LOCKED in a locking clause. Use a plain FOR UPDATE / FOR SHARE (it waits for ' +
      'the lock) and claim rows another way, such as an UPDATE … WHERE owner IS NULL.',
  },
  {
    find: (tokens) => isolationLevelAt(tokens, ['SERIALIZABLE']),
    advice:
      'MatrixOne does not support the SERIALIZABLE isolation level: use REPEATABLE READ (its default) or READ ' +
      'COMMITTED.',
  },
  {
    find: (tokens) => isolationLevelAt(tokens, ['READ', 'UNCOMMITTED']),
    advice:
      'MatrixOne does not support the READ UNCOMMITTED isolation level: use READ COMMITTED or REPEATABLE READ.',
  },
  {
    find: readOnlyTransactionAt,
    advice:
      'MatrixOne does not enforce read-only transactions (START TRANSACTION READ ONLY is accepted and writes inside ' +
      'it commit; SET TRANSACTION READ ONLY is refused), so read-only transactions are refused here. Use an ' +
      'ordinary transaction, and a user with only SELECT privileges where writes must be impossible.',
  },
  {
    find: (tokens) =>
      tokens.findIndex(
        (token, at) =>
          isWord(token, 'LATERAL') && isWord(tokens[at - 1], 'JOIN') && isPunctuation(tokens[at + 1], '('),
      ),
    advice:
      'MatrixOne does not parse LATERAL joins. With Drizzle, create the db with mode "planetscale" for relational ' +
      'queries that load many related rows (`with: { posts: true }`), or write the join yourself.',
  },
  {
    find: correlatedDerivedTableAt,
    near: (tokens, at) =>
      tokens
        .slice(at, at + 3)
        .map((token) => token.text)
        .join(''),
    advice:
      'This derived table (a subquery in FROM) names a table of the query around it, and MatrixOne cannot run a ' +
      'correlated subquery in FROM (errno 20102, not yet implemented). Write it as a join, or move the condition ' +
      'out of the derived table. With Drizzle, a `one` relation of a relational query (`with: { user: true }`) ' +
      'cannot run on MatrixOne in either mode (mode "planetscale" sends this, mode "default" a LATERAL join): use ' +
      'a join, such as db.select().from(posts).leftJoin(users, eq(users.id, posts.userId)), or load the relation ' +
      'from the other side as a `many` relation in mode "planetscale".',
  },
];

/**
 * The error a statement is refused with on MatrixOne before it is sent, or `undefined` when it may be sent.
 * `server` names the server as detected, such as `MatrixOne 4.2.0`.
 *
 * @example
 * refusalOnMatrixOne('select id from users for update nowait', 'MatrixOne 4.2.0'); // UnsupportedServerError
 */
export function refusalOnMatrixOne(
  sql: string,
  server: string,
  tokens: readonly SqlToken[] = sqlTokens(sql),
): UnsupportedServerError | undefined {
  for (const refusal of REFUSALS) {
    const at = refusal.find(tokens);
    if (at < 0) continue;
    const construct =
      refusal.near?.(tokens, at) ??
      tokens
        .slice(at, at + 4)
        .map((token) => token.text)
        .join(' ');
    return new UnsupportedServerError(
      `Refused before sending, on ${server}: near "${construct}". ${refusal.advice}`,
      server,
    );
  }
  return undefined;
}

/** True when the token at `at` ends a `FOR UPDATE` / `FOR SHARE` clause (`OF t1, t2` allowed between). */
function inLockingClause(tokens: readonly SqlToken[], at: number): boolean {
  for (let back = at - 1; back >= 1; back--) {
    const token = tokens[back] as SqlToken;
    if ((isWord(token, 'UPDATE') || isWord(token, 'SHARE')) && isWord(tokens[back - 1], 'FOR')) return true;
    const tableList =
      token.kind === 'word' ||
      token.kind === 'identifier' ||
      isPunctuation(token, ',') ||
      isPunctuation(token, '.');
    if (!tableList) return false;
  }
  return false;
}

/** `SET [SESSION | GLOBAL] TRANSACTION … ISOLATION LEVEL <level> …`: the index of SET, or -1. */
function isolationLevelAt(tokens: readonly SqlToken[], level: readonly string[]): number {
  const start = setTransactionAt(tokens);
  if (start < 0) return -1;
  for (let at = start; at < tokens.length - 1; at++) {
    if (!isWord(tokens[at], 'ISOLATION') || !isWord(tokens[at + 1], 'LEVEL')) continue;
    return level.every((word, offset) => isWord(tokens[at + 2 + offset], word)) ? start : -1;
  }
  return -1;
}

/** `START TRANSACTION … READ ONLY …` or `SET [SESSION | GLOBAL] TRANSACTION … READ ONLY`: the index, or -1. */
function readOnlyTransactionAt(tokens: readonly SqlToken[]): number {
  const start = isWord(tokens[0], 'START') && isWord(tokens[1], 'TRANSACTION') ? 0 : setTransactionAt(tokens);
  if (start < 0) return -1;
  const readOnly = tokens.some((token, at) => isWord(token, 'READ') && isWord(tokens[at + 1], 'ONLY'));
  return readOnly ? start : -1;
}

/** The index of `SET` in `SET [SESSION | GLOBAL | LOCAL] TRANSACTION`, or -1. */
function setTransactionAt(tokens: readonly SqlToken[]): number {
  if (!isWord(tokens[0], 'SET')) return -1;
  const scoped = ['SESSION', 'GLOBAL', 'LOCAL'].some((scope) => isWord(tokens[1], scope));
  return isWord(tokens[scoped ? 2 : 1], 'TRANSACTION') ? 0 : -1;
}
