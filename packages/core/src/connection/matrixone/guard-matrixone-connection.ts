/**
 * Guards one mysql2 connection to MatrixOne against what ORMs send that MatrixOne answers differently from MySQL,
 * for every statement an ORM runs on it, whether or not it goes through the SDK (docs/matrixone-facts.md
 * #orms-on-matrixone):
 * - a `ROLLBACK TO SAVEPOINT` (which MatrixOne cannot do, and whose failure also undoes the statement before it)
 *   is sent as `ROLLBACK`: the whole transaction is rolled back at once, the ORM's inner rollback succeeds (so its
 *   caller gets its own error), and every later statement of that transaction — COMMIT and RELEASE SAVEPOINT
 *   included — fails with a {@link TransactionError} without being sent, until the ORM ends it (ROLLBACK); that
 *   error's `cause` is the application's error the inner block failed with, when the adapter could see it
 *   ({@link noteRollbackCause});
 * - statements MatrixOne cannot run as asked (NOWAIT, SKIP LOCKED, SERIALIZABLE, READ UNCOMMITTED, read-only
 *   transactions, LATERAL) fail with `UnsupportedServerError` without being sent (`refused-statements.ts`);
 * - an upsert assigning a unique-key column is rewritten without its no-op key assignments, or refused naming the
 *   key column it would change (`upsert-key-assignments.ts`), after reading the table's keys on the connection;
 * - a `SERIAL` column type in CREATE TABLE / ALTER TABLE, which MatrixOne does not parse, is sent as what MySQL
 *   defines it to be (`serial-columns.ts`);
 * - errors MatrixOne reports with codes of its own get MySQL's (`mysql-error-codes.ts`);
 * - a connection handed out again while the previous user left a transaction open is rolled back first
 *   ({@link settleCheckout}), and a mysql2 pool connection released inside one is rolled back before it goes back.
 *
 * It hooks the one connection object's `addCommand` (every Query and Prepare mysql2 queues goes through it) and
 * each command's own `start` and `onResult`, never mysql2's prototypes: decisions are taken when a statement's
 * turn comes, in the order the server would see them. Text and prepared statements are both covered; a command
 * without a callback (a row stream) gets no error translation.
 */
import { TransactionError, UnsupportedServerError } from '../../errors/errors.js';
import { redactSql } from '../../redaction/redact-sql.js';
import type { ServerFlavor } from '../../server/server-info.js';
import { type ConnectionServer, connectionServer } from '../connection-server.js';
import { insertStatementKind } from '../insert-statement-kind.js';
import { commandTokens } from './command-tokens.js';
import { toMysqlErrorCodes } from './mysql-error-codes.js';
import { refusalOnMatrixOne } from './refused-statements.js';
import { withoutSerialType } from './serial-columns.js';
import type { SqlToken } from './sql-tokens.js';
import { tableKeysOf, tableKeysStatements } from './table-keys.js';
import { transactionStatement } from './transaction-statement.js';
import { type TableKeys, type UpsertPlan, planUpsert, readUpsert } from './upsert-key-assignments.js';

/** Receives the rows of a statement of the guard's own, or `undefined` when it failed. */
type Done = (rows: object[] | undefined) => void;

/** The parts of a mysql2 callback connection used here. */
interface Mysql2Connection {
  addCommand: (command: unknown) => unknown;
  query: (sql: string) => unknown;
  destroy?: () => void;
  release?: () => void;
  readonly _pool?: unknown;
  readonly _handshakePacket?: { readonly serverVersion?: unknown } | null;
}

/** The parts of a mysql2 `Query` or `Prepare` command used here. */
interface Mysql2Command {
  /** A Query's text, values already inlined by mysql2. */
  sql?: unknown;
  /** A Prepare's text, and the options it was created with (its cache key is built from `options.sql`). */
  query?: unknown;
  options?: { readonly sql?: unknown; readonly values?: unknown };
  onResult?: (error: unknown, ...results: unknown[]) => void;
  start: (packet: unknown, connection: unknown) => unknown;
  emit(event: string, ...args: unknown[]): boolean;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** A statement a command will send: a text `query`, or the text a `prepare` prepares, and its tokens. */
interface CommandText {
  readonly kind: 'query' | 'prepare';
  readonly text: string;
  readonly tokens: readonly SqlToken[];
}

/** What the guard knows about one connection's session. */
interface Session {
  /** Its server, shared with the connection's other MatrixOne concerns. */
  readonly server: ConnectionServer;
  /** The ORM began a transaction (or turned autocommit off) and has not ended it. */
  inTransaction: boolean;
  /**
   * Set once the transaction was rolled back for a `ROLLBACK TO SAVEPOINT`: its later statements fail until the
   * ORM ends it.
   */
  doomed: Doom | undefined;
  /** Why the ORM is about to roll back to a savepoint, as its adapter saw it ({@link noteRollbackCause}). */
  rollbackCause: { readonly error: unknown } | undefined;
  /** Set while the guard sends statements of its own, which it lets through unguarded. */
  internal: boolean;
}

/** A transaction rolled back whole for a `ROLLBACK TO SAVEPOINT`. */
interface Doom {
  /** That statement's text. */
  readonly by: string;
  /** The application's error the nested block failed with, when its adapter reported it. */
  readonly cause: { readonly error: unknown } | undefined;
}

/** Options of {@link guardMatrixOneConnection}. */
export interface MatrixOneGuardOptions {
  /**
   * The server flavor, as forced by the `serverFlavor` option; by default the handshake's, or `SELECT version()`.
   * Told once per connection: the first MatrixOne concern set up on it decides (`connectionServer` in `connection-server.ts`).
   */
  readonly serverFlavor?: ServerFlavor;
}

const sessions = new WeakMap<object, Session>();

/**
 * Installs the guard on `target` (a mysql2 connection, callback or promise API) unless already installed; does
 * nothing on a server that is not MatrixOne. Call {@link settleCheckout} each time the connection is handed out.
 *
 * @example
 * pool.on('connection', (connection) => guardMatrixOneConnection(connection, { serverFlavor: 'matrixone' }));
 */
export function guardMatrixOneConnection(target: unknown, options: MatrixOneGuardOptions = {}): void {
  const connection = callbackConnectionOf(target);
  if (connection === undefined || sessions.has(connection)) return;
  const session: Session = {
    server: connectionServer(connection, options.serverFlavor),
    inTransaction: false,
    doomed: undefined,
    rollbackCause: undefined,
    internal: false,
  };
  sessions.set(connection, session);
  if (session.server.matrixOne === false) return;
  const addCommand = connection.addCommand;
  connection.addCommand = function (this: unknown, command: unknown) {
    if (!session.internal && session.server.matrixOne !== false && isCommand(command)) {
      guardCommand(connection, session, command);
    }
    return addCommand.call(this, command);
  };
  const release = connection.release;
  if (typeof release === 'function' && connection._pool !== undefined) {
    // A mysql2 pool connection (TypeORM's, Drizzle's pool): rolled back before it goes back, not at next checkout.
    connection.release = function (this: unknown) {
      if (!settle(connection, session, () => release.call(connection))) release.call(this);
    };
  }
}

/**
 * Call each time a guarded connection is handed out: when the previous user left a transaction open on it (an ORM
 * that released it without COMMIT or ROLLBACK), a ROLLBACK is queued before anything the new user sends, and the
 * connection is destroyed if that ROLLBACK fails.
 */
export function settleCheckout(target: unknown): void {
  const connection = callbackConnectionOf(target);
  const session = connection && sessions.get(connection);
  if (connection && session) settle(connection, session, () => undefined);
}

/**
 * Call right before an ORM sends `ROLLBACK TO SAVEPOINT` on `target` (a guarded mysql2 connection, callback or
 * promise API) because a nested block failed with `error`, the application's own: on MatrixOne the whole
 * transaction is then rolled back, and the {@link TransactionError} its later statements fail with has `error` as
 * its `cause` and names it. Does nothing on a connection the guard does not watch.
 *
 * @example
 * nested.catch(async (error) => { noteRollbackCause(connection, error); await send('ROLLBACK TO SAVEPOINT sp1'); });
 */
export function noteRollbackCause(target: unknown, error: unknown): void {
  const connection = callbackConnectionOf(target);
  const session = connection && sessions.get(connection);
  if (session && session.server.matrixOne !== false) session.rollbackCause = { error };
}

/** Sends ROLLBACK when a transaction is open, then calls `then` (or destroys the connection); false when none. */
function settle(connection: Mysql2Connection, session: Session, then: () => void): boolean {
  if (session.server.matrixOne === false || (!session.inTransaction && session.doomed === undefined))
    return false;
  session.inTransaction = false;
  session.doomed = undefined;
  session.rollbackCause = undefined;
  sendOwn(connection, session, 'ROLLBACK', (answer) => {
    if (answer === undefined) connection.destroy?.();
    else then();
  });
  return true;
}

/** Hooks one command: its errors translated, and its turn decided by {@link decide}. */
function guardCommand(connection: Mysql2Connection, session: Session, command: Mysql2Command): void {
  const onResult = command.onResult;
  if (typeof onResult === 'function') {
    command.onResult = (error, ...results) => {
      if (error && session.server.matrixOne === true) toMysqlErrorCodes(error);
      onResult.call(command, error, ...results);
    };
  }
  const statement = textOf(command);
  if (statement === undefined) return;
  let plan: UpsertPlan = { action: 'leave' };
  if (insertStatementKind(statement.text, statement.tokens) === 'upsert') {
    const values = statement.kind === 'prepare' ? command.options?.values : undefined;
    const upsert = readUpsert(statement.text, Array.isArray(values) ? values : undefined, statement.tokens);
    if (upsert) {
      // Queued before the upsert itself, so its table's keys are known when its turn comes.
      readKeys(connection, session, upsert.table, (keys) => {
        if (keys) plan = planUpsert(upsert, keys);
      });
    }
  }
  const start = command.start;
  command.start = function (this: Mysql2Command, packet: unknown, on: unknown) {
    const refusal = session.server.matrixOne === true ? decide(session, command, statement, plan) : undefined;
    if (refusal === undefined) return start.call(this, packet, on);
    // Nothing is sent. The refusal comes on a later turn, as a server's answer would: a caller such as mysql2's
    // pool.query() listens for the command's 'end' only after queuing it, and may be the one starting it.
    setImmediate(() => {
      const owner = on as { _command?: unknown; handlePacket?: () => void };
      if (owner._command === command) owner.handlePacket?.();
    });
    return () => {
      if (command.onResult) command.onResult(refusal);
      else command.emit('error', refusal);
      return null;
    };
  };
}

/**
 * Decides, when its turn comes, what happens to a statement on MatrixOne: the error it fails with (nothing sent),
 * or `undefined` to send it, maybe rewritten.
 */
function decide(
  session: Session,
  command: Mysql2Command,
  statement: CommandText,
  plan: UpsertPlan,
): Error | undefined {
  const kind = transactionStatement(statement.text, statement.tokens);
  const rollbackToSavepoint = kind === 'rollback-to-savepoint' && statement.kind === 'query';
  const ends = kind === 'rollback' || kind === 'commit' || kind === 'begin';
  // A cause is for the ROLLBACK TO SAVEPOINT that follows it, never a later transaction's.
  const cause = session.rollbackCause;
  if (rollbackToSavepoint || ends) session.rollbackCause = undefined;
  if (session.doomed !== undefined) {
    const doomed = session.doomed;
    if (rollbackToSavepoint) {
      // An outer savepoint unwinding too: the transaction is already rolled back, ROLLBACK again is harmless.
      setText(command, statement, 'ROLLBACK');
      return undefined;
    }
    if (ends) session.doomed = undefined;
    return kind === 'rollback' ? undefined : doomedError(doomed, statement.text);
  }
  const refusal = refusalOnMatrixOne(statement.text, session.server.name, statement.tokens);
  if (refusal) return refusal;
  if (rollbackToSavepoint) {
    setText(command, statement, 'ROLLBACK');
    session.inTransaction = false;
    session.doomed = { by: statement.text, cause };
    return undefined;
  }
  if (kind === 'begin' || kind === 'autocommit-off') session.inTransaction = true;
  else if (kind === 'commit' || kind === 'rollback') session.inTransaction = false;
  if (plan.action === 'refuse') return upsertRefusal(plan, session.server.name);
  if (plan.action === 'rewrite') setText(command, statement, plan.sql);
  const ddl = withoutSerialType(statement.text, statement.tokens);
  if (ddl !== undefined) setText(command, statement, ddl);
  return undefined;
}

/**
 * The error every statement of a transaction rolled back for a `ROLLBACK TO SAVEPOINT` fails with: the
 * application's error that made the nested block roll back as its `cause`, when known.
 */
function doomedError(doomed: Doom, refused: string): TransactionError {
  const because = doomed.cause ? ` because it failed with ${describe(doomed.cause.error)}` : '';
  return new TransactionError(
    `A nested transaction rolled back to its savepoint (${short(doomed.by)})${because}. MatrixOne cannot do ` +
      'that (it would keep the inner work and undo only the statement before), so the whole transaction was ' +
      `rolled back instead. ${short(refused)} was therefore not sent: the transaction's work is gone, end it and ` +
      'run it again as a whole. On MatrixOne, let a nested failure end the outer transaction rather than ' +
      'catching it inside.',
    doomed.cause ? { cause: doomed.cause.error } : {},
  );
}

/** `error` as a message names it: its class and message, or the value thrown. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return `"${String(error).slice(0, 200)}"`;
  return `${error.name}: "${error.message.slice(0, 200)}"`;
}

function upsertRefusal(
  plan: Extract<UpsertPlan, { action: 'refuse' }>,
  server: string,
): UnsupportedServerError {
  return new UnsupportedServerError(
    `Refused before sending, on ${server}: this upsert's ON DUPLICATE KEY UPDATE would change the key column ` +
      `"${plan.column}" (${plan.reason}), and MatrixOne refuses any assignment to a unique or primary-key column ` +
      'there (errno 20313). Leave key columns out of the update list (Knex merge([...]), Sequelize ' +
      'updateOnDuplicate, TypeORM orUpdate/upsert, Drizzle set), or change the key with an UPDATE of its own.',
    server,
  );
}

/** Reads `table`'s keys on the connection, queued now; `undefined` to `done` when they cannot be read. */
function readKeys(
  connection: Mysql2Connection,
  session: Session,
  table: readonly string[],
  done: (keys: TableKeys | undefined) => void,
): void {
  let statements: readonly [string, string];
  try {
    statements = tableKeysStatements(table);
  } catch {
    done(undefined);
    return;
  }
  let columns: object[] | undefined;
  sendOwn(connection, session, statements[0], (rows) => {
    columns = rows;
  });
  sendOwn(connection, session, statements[1], (rows) => {
    done(columns && rows ? tableKeysOf(columns, rows) : undefined);
  });
}

/**
 * Queues a statement of the guard's own, let through unguarded. Read through its events, not a callback: mysql2
 * emits them before the next command starts, while a callback runs on a later tick, after the next command has
 * started (too late to decide that command's fate).
 */
function sendOwn(connection: Mysql2Connection, session: Session, sql: string, done: Done): void {
  session.internal = true;
  let command: unknown;
  try {
    command = connection.query(sql);
  } finally {
    session.internal = false;
  }
  if (!isCommand(command)) {
    done(undefined);
    return;
  }
  const rows: object[] = [];
  let failed = false;
  command.on('result', (row) => {
    if (typeof row === 'object' && row !== null) rows.push(row);
  });
  command.on('error', () => {
    failed = true;
  });
  command.on('end', () => done(failed ? undefined : rows));
}

function textOf(command: Mysql2Command): CommandText | undefined {
  const name = (command as { constructor?: { name?: unknown } }).constructor?.name;
  const text = name === 'Query' ? command.sql : name === 'Prepare' ? command.query : undefined;
  if (typeof text !== 'string') return undefined;
  return { kind: name === 'Query' ? 'query' : 'prepare', text, tokens: commandTokens(command, text) };
}

function setText(command: Mysql2Command, statement: CommandText, sql: string): void {
  if (statement.kind === 'query') {
    command.sql = sql;
  } else {
    command.query = sql;
    command.options = { ...command.options, sql };
  }
}

/** A statement as the guard's messages quote it: secrets redacted, one line, at most 80 characters. */
function short(sql: string): string {
  const line = redactSql(sql).replace(/\s+/g, ' ').trim();
  return `"${line.length > 80 ? `${line.slice(0, 77)}...` : line}"`;
}

function callbackConnectionOf(target: unknown): Mysql2Connection | undefined {
  // A mysql2/promise wrapper runs every statement on the callback connection it holds.
  const inner = (target as { connection?: unknown } | null)?.connection;
  const connection = isConnection(inner) ? inner : target;
  return isConnection(connection) ? connection : undefined;
}

function isConnection(value: unknown): value is Mysql2Connection {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Mysql2Connection>).addCommand === 'function' &&
    typeof (value as Partial<Mysql2Connection>).query === 'function'
  );
}

function isCommand(value: unknown): value is Mysql2Command {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Mysql2Command>).start === 'function' &&
    typeof (value as Partial<Mysql2Command>).emit === 'function'
  );
}
