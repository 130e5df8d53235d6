/**
 * Finds a derived table (a parenthesised SELECT in a FROM clause) that names a table of an enclosing query, which
 * MatrixOne 4.2.0 cannot run: errno 20102 `correlated subquery in FROM clause is not yet implemented` (observed for
 * Drizzle's `one` relation in mode `planetscale`: `(select json_array(email) from (select * from users posts_user
 * where posts_user.id = posts.user_id limit 1) posts_user)` in the select list of `… from posts posts`).
 *
 * A false finding would refuse a valid query, a missed one only lets the server answer 20102, so the reading is
 * conservative: a qualified name `x.col` inside a derived table counts only when every query block from where it
 * stands out to the derived table has a FROM clause read to the end without doubt and none of them defines `x`,
 * and a block outside the derived table that the name can see (not the derived table's own FROM-clause siblings,
 * which MySQL hides from it without LATERAL) defines `x`. Anything not understood (UNION, WITH, index hints,
 * parenthesised joins, unbalanced parentheses, a statement that is not a SELECT) makes the blocks concerned
 * unknown, and a name reaching an unknown block is not counted. Only tokens count: strings, quoted identifiers
 * and comments are never read as SQL ({@link sqlTokens}).
 */
import { type SqlToken, isPunctuation, isWord } from './sql-tokens.js';

/** The statement, or a parenthesised query inside it. */
interface QueryBlock {
  readonly parent: QueryBlock | undefined;
  /** The index of its `(`, -1 for the statement. */
  readonly open: number;
  /** How many parentheses hold its own tokens. */
  readonly depth: number;
  /** The names its FROM clause defines, lower-cased; `undefined` when they cannot be told for sure. */
  names: ReadonlySet<string> | undefined;
  /** Its parent's FROM clause holds it as a derived table. */
  derived: boolean;
}

/** What a block's FROM clause holds. */
interface FromClause {
  /** The tables and aliases it defines, lower-cased. */
  readonly names: Set<string>;
  /** Its derived tables. */
  readonly derived: readonly QueryBlock[];
  /** The indexes of the tokens naming its tables (`db`, `.`, `t` of `db.t`), which are not column references. */
  readonly tables: readonly number[];
}

/** Where each token stands: its block and how many parentheses hold it. */
interface Placement {
  readonly blockOf: readonly QueryBlock[];
  readonly depthOf: readonly number[];
}

/** Words that end a FROM clause. */
const FROM_CLAUSE_ENDS = new Set([
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'WINDOW',
  'FOR',
  'LOCK',
  'INTO',
]);

/** Words that make a block's names uncertain: several SELECTs in one block, or a CTE. */
const COMPOUND = new Set(['UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'WITH']);

/** Words that never name a table or an alias where one is expected; any of them here is not understood. */
const NOT_A_NAME = new Set([
  ...FROM_CLAUSE_ENDS,
  ...COMPOUND,
  'ON',
  'USING',
  'JOIN',
  'INNER',
  'CROSS',
  'LEFT',
  'RIGHT',
  'FULL',
  'OUTER',
  'NATURAL',
  'STRAIGHT_JOIN',
  'LATERAL',
  'USE',
  'FORCE',
  'IGNORE',
  'PARTITION',
  'AS',
  'OF',
  'SELECT',
  'FROM',
  'VALUES',
  'TABLE',
  'DUAL',
]);

/**
 * The index of the table name `x` of the first `x.col` in a derived table that names a table or alias of an
 * enclosing query and none of its own, or -1 when there is none or it cannot be told for sure.
 *
 * @example
 * correlatedDerivedTableAt(sqlTokens(
 *   'select (select email from (select * from users where users.id = posts.user_id limit 1) u) from posts',
 * )); // the index of `posts` in `posts.user_id`
 */
export function correlatedDerivedTableAt(tokens: readonly SqlToken[]): number {
  // Most statements hold no `( SELECT` where a table may stand: nothing to read then.
  const mayHoldDerivedTable = tokens.some(
    (token, at) =>
      isPunctuation(token, '(') &&
      isWord(tokens[at + 1], 'SELECT') &&
      (isWord(tokens[at - 1], 'FROM') ||
        isWord(tokens[at - 1], 'JOIN') ||
        isPunctuation(tokens[at - 1], ',')),
  );
  if (!mayHoldDerivedTable) return -1;
  const placement = queryBlocks(tokens);
  if (placement === undefined) return -1;
  const tableNames = new Set<number>();
  let derivedTables = false;
  for (const block of new Set(placement.blockOf)) {
    const from = fromClause(tokens, placement, block);
    block.names = from?.names;
    for (const inner of from?.derived ?? []) inner.derived = true;
    for (const at of from?.tables ?? []) tableNames.add(at);
    derivedTables ||= (from?.derived.length ?? 0) > 0;
  }
  if (!derivedTables) return -1;
  for (let at = 0; at < tokens.length; at++) {
    const name = qualifierAt(tokens, at);
    if (name === undefined || tableNames.has(at)) continue;
    if (namesAnEnclosingQuery(placement.blockOf[at] as QueryBlock, name)) return at;
  }
  return -1;
}

/**
 * True when `name`, seen in `block`, is defined by none of the blocks out to the nearest derived table around it
 * (all of them read without doubt) and by a block further out that it can see.
 */
function namesAnEnclosingQuery(block: QueryBlock, name: string): boolean {
  let visible = true;
  let leftDerivedTable = false;
  for (let current: QueryBlock | undefined = block; current; current = current.parent) {
    if (visible) {
      if (current.names === undefined) return false;
      if (current.names.has(name)) return leftDerivedTable;
    }
    // A derived table cannot see the other tables of the FROM clause holding it.
    visible = !current.derived;
    leftDerivedTable ||= current.derived;
  }
  return false;
}

/**
 * The block each token belongs to: the innermost parenthesised query around it, or the statement (a query's own
 * parentheses belong to the block around it). A parenthesis holds a query when it starts with SELECT or WITH or
 * holds SELECT at its own level; other parentheses (function calls, lists) belong to the block around them.
 * `undefined` when the parentheses do not balance.
 */
function queryBlocks(tokens: readonly SqlToken[]): Placement | undefined {
  const closeOf = new Map<number, number>();
  const holdsSelect = new Set<number>();
  const open: number[] = [];
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at] as SqlToken;
    if (isPunctuation(token, '(')) open.push(at);
    else if (isPunctuation(token, ')')) {
      const start = open.pop();
      if (start === undefined) return undefined;
      closeOf.set(start, at);
    } else if (isWord(token, 'SELECT') && open.length > 0) holdsSelect.add(open.at(-1) as number);
  }
  if (open.length > 0) return undefined;
  const statement = newBlock(undefined, -1, 0);
  const blockOf: QueryBlock[] = [];
  const depthOf: number[] = [];
  const stack: { readonly block: QueryBlock; readonly close: number }[] = [
    { block: statement, close: tokens.length },
  ];
  for (let at = 0; at < tokens.length; at++) {
    if (stack.at(-1)?.close === at) stack.pop();
    const current = (stack.at(-1) as { block: QueryBlock }).block;
    blockOf.push(current);
    depthOf.push(stack.length - 1);
    const close = closeOf.get(at);
    if (close === undefined) continue;
    const query = isWord(tokens[at + 1], 'SELECT') || isWord(tokens[at + 1], 'WITH') || holdsSelect.has(at);
    stack.push({ block: query ? newBlock(current, at, stack.length) : current, close });
  }
  return { blockOf, depthOf };
}

/** A block opening at `open`; its names are read later ({@link fromClause}). */
function newBlock(parent: QueryBlock | undefined, open: number, depth: number): QueryBlock {
  return { parent, open, depth, names: undefined, derived: false };
}

/**
 * Reads `block`'s FROM clause at its own level, or `undefined` when any part of it is not understood (or `block`
 * is not one plain SELECT).
 */
function fromClause(
  tokens: readonly SqlToken[],
  { blockOf, depthOf }: Placement,
  block: QueryBlock,
): FromClause | undefined {
  if (!isWord(tokens[block.open + 1], 'SELECT')) return undefined;
  const names = new Set<string>();
  const derived: QueryBlock[] = [];
  const tables: number[] = [];
  const level: number[] = [];
  for (let at = block.open + 1; at < tokens.length && (depthOf[at] as number) >= block.depth; at++) {
    if (blockOf[at] === block && depthOf[at] === block.depth) level.push(at);
  }
  if (level.some((at) => COMPOUND.has(wordAt(tokens, at) ?? ''))) return undefined;
  const froms = level.filter((at) => isWord(tokens[at], 'FROM'));
  if (froms.length > 1) return undefined;
  if (froms.length === 0) return { names, derived, tables };
  const token = (index: number) => tokens[level[index] ?? -1];
  let index = level.indexOf(froms[0] as number) + 1;
  for (;;) {
    // One table factor: a (qualified) table name or a derived table, then its alias.
    const first = token(index);
    if (isPunctuation(first, '(')) {
      const inner = blockOf[(level[index] as number) + 1];
      if (inner === undefined || inner.open !== level[index]) return undefined;
      derived.push(inner);
      index += 2;
    } else if (isName(first)) {
      let last = index;
      if (isPunctuation(token(index + 1), '.') && isName(token(index + 2))) last = index + 2;
      for (let part = index; part <= last; part++) tables.push(level[part] as number);
      names.add(nameOf(token(last) as SqlToken));
      index = last + 1;
    } else {
      return undefined;
    }
    const as = isWord(token(index), 'AS');
    if (as) index += 1;
    const alias = token(index);
    if (isName(alias)) {
      names.add(nameOf(alias));
      index += 1;
    } else if (as) {
      return undefined;
    }
    if (isWord(token(index), 'ON')) {
      index += 1;
      while (index < level.length && !endsJoinCondition(tokens, level, index)) index += 1;
    } else if (isWord(token(index), 'USING') && isPunctuation(token(index + 1), '(')) {
      index += 3;
    }
    const next = token(index);
    if (next === undefined || isPunctuation(next, ';')) break;
    if (FROM_CLAUSE_ENDS.has(wordAt(tokens, level[index] as number) ?? '')) break;
    if (isPunctuation(next, ',')) {
      index += 1;
      continue;
    }
    const afterJoin = joinEnd(tokens, level, index);
    if (afterJoin < 0) return undefined;
    index = afterJoin;
  }
  return { names, derived, tables };
}

/** True when the level token at `index` ends a join's ON condition: a comma, a join, or the clause's end. */
function endsJoinCondition(tokens: readonly SqlToken[], level: readonly number[], index: number): boolean {
  const token = tokens[level[index] as number];
  if (isPunctuation(token, ',') || isPunctuation(token, ';')) return true;
  if (FROM_CLAUSE_ENDS.has(wordAt(tokens, level[index] as number) ?? '')) return true;
  return joinEnd(tokens, level, index) >= 0;
}

/**
 * The level index after a join keyword sequence starting at `index` (`[NATURAL] [INNER | CROSS | LEFT | RIGHT |
 * FULL [OUTER]] JOIN`, `STRAIGHT_JOIN`), or -1. `LEFT(` and `RIGHT(` are functions, not joins.
 */
function joinEnd(tokens: readonly SqlToken[], level: readonly number[], index: number): number {
  const word = (offset: number) => wordAt(tokens, level[index + offset] ?? -1);
  if (word(0) === 'STRAIGHT_JOIN') return index + 1;
  let at = word(0) === 'NATURAL' ? 1 : 0;
  if (word(at) === 'INNER' || word(at) === 'CROSS') at += 1;
  else if (word(at) === 'LEFT' || word(at) === 'RIGHT' || word(at) === 'FULL') {
    at += word(at + 1) === 'OUTER' ? 2 : 1;
  }
  return word(at) === 'JOIN' ? index + at + 1 : -1;
}

/** The keyword at `at`, upper-cased, or `undefined` when that token is not a word. */
function wordAt(tokens: readonly SqlToken[], at: number): string | undefined {
  const token = tokens[at];
  return token?.kind === 'word' ? token.value : undefined;
}

/** True when `token` can name a table or an alias: a quoted identifier, or a word that is not a keyword here. */
function isName(token: SqlToken | undefined): token is SqlToken {
  if (token?.kind === 'identifier') return true;
  return token?.kind === 'word' && !NOT_A_NAME.has(token.value);
}

/** The name `token` stands for, compared without case. */
function nameOf(token: SqlToken): string {
  return (token.kind === 'identifier' ? token.value : token.text).toLowerCase();
}

/**
 * The table name of a column reference `x.col` (or `x.*`) whose `x` starts at `at`, lower-cased; `undefined` for
 * anything else, such as `db.t.col` (three parts), `db.f(…)` (a function) or `@@session.x` (a variable).
 */
function qualifierAt(tokens: readonly SqlToken[], at: number): string | undefined {
  const token = tokens[at];
  if (!isName(token) || !isPunctuation(tokens[at + 1], '.')) return undefined;
  const column = tokens[at + 2];
  const columnName = column?.kind === 'word' || column?.kind === 'identifier' || isPunctuation(column, '*');
  if (!columnName) return undefined;
  const before = tokens[at - 1];
  if (isPunctuation(before, '.') || isPunctuation(before, '@')) return undefined;
  const after = tokens[at + 3];
  if (isPunctuation(after, '.') || isPunctuation(after, '(')) return undefined;
  return nameOf(token);
}
