import { redactSecrets } from '../redaction/redact-secrets.js';
/**
 * Turns whatever a driver or an ORM threw into one of the SDK's typed errors.
 *
 * Classification is by errno first, then by message text: MatrixOne sends SQLSTATE `HY000` for nearly everything
 * and packs most of its own failures into errno 20101 ("internal error: …"), so the message decides there
 * (docs/matrixone-facts.md#errors). Connection-level failures have no errno and are classified by the
 * driver's symbolic code.
 */
import { redactSql } from '../redaction/redact-sql.js';
import {
  AlreadyExistsError,
  AuthenticationError,
  ConnectionError,
  ConstraintError,
  MatrixOneError,
  type MatrixOneErrorOptions,
  NotFoundError,
  PermissionError,
  ServerError,
  SqlSyntaxError,
  TimeoutError,
  TransactionError,
  TransactionRuleError,
  UnsupportedServerError,
  isMatrixOneError,
} from './errors.js';

/**
 * The part of a statement error mapping reads: its text and the secrets to clean out. Declared here rather
 * than imported from the executor contract so that errors/ sits below connection/ (a `Statement` fits it).
 */
interface StatementText {
  readonly sql: string;
  readonly secrets?: readonly string[];
}

/** The fields mysql2 (and drivers like it) put on their errors. */
interface DriverErrorFields {
  readonly errno?: unknown;
  readonly code?: unknown;
  readonly sqlState?: unknown;
  readonly sqlMessage?: unknown;
  readonly message?: unknown;
  readonly fatal?: unknown;
  readonly sql?: unknown;
}

type ErrorFactory = (
  message: string,
  options: MatrixOneErrorOptions,
  statement?: StatementText,
) => MatrixOneError;

const constraint: ErrorFactory = (message, options) => new ConstraintError(message, options);
const syntax: ErrorFactory = (message, options) => new SqlSyntaxError(message, options);
const notFound: ErrorFactory = (message, options) => new NotFoundError(message, options);
const alreadyExists: ErrorFactory = (message, options) => new AlreadyExistsError(message, options);
const permission: ErrorFactory = (message, options) => new PermissionError(message, options);
const authentication: ErrorFactory = (message, options) => new AuthenticationError(message, options);
const timeout: ErrorFactory = (message, options) => new TimeoutError(message, options);
const connection: ErrorFactory = (message, options) => new ConnectionError(message, options);
const server: ErrorFactory = (message, options) => new ServerError(message, options);
const queueFull: ErrorFactory = (message, options) =>
  new ConnectionError(
    `${message} Every pooled connection is busy and pool.queueLimit callers are already waiting, so this one ` +
      'was refused at once: retry later, or raise pool.size or pool.queueLimit.',
    options,
  );
const transaction =
  (advice: string): ErrorFactory =>
  (message, options) =>
    new TransactionError(`${message} ${advice}`, options);
const transactionRule: ErrorFactory = (message, options, statement) =>
  new TransactionRuleError(
    statementKeywords(statement),
    `${message} MatrixOne refuses this statement inside a transaction: run it outside the transaction, ` +
      'or schedule it with tx.afterCommit(…).',
    options,
  );
const unsupportedByMatrixOne: ErrorFactory = (message, options) =>
  new UnsupportedServerError(message, 'MatrixOne', options);

const RETRY = 'The transaction was aborted by a conflict: roll it back and run it again.';

/** Server error numbers: MySQL's, and MatrixOne's own where its MySQL code would be 1105. */
const BY_ERRNO: ReadonlyMap<number, ErrorFactory> = new Map([
  // constraints: duplicate key, NOT NULL, no default, foreign keys, CHECK
  ...[1062, 1048, 1364, 1216, 1217, 1451, 1452, 3819, 20307].map((errno) => [errno, constraint] as const),
  // parse errors (MatrixOne: 1064 "SQL parser error", 1149 / 20302 "SQL syntax error")
  ...[1064, 1149, 20302].map((errno) => [errno, syntax] as const),
  // unknown database / table / column / function, DROP of a missing object (MatrixOne 20402, 20403)
  ...[1008, 1049, 1051, 1054, 1091, 1146, 1305, 20402, 20403].map((errno) => [errno, notFound] as const),
  // database / table / index / column exists (MatrixOne 20420, 20421)
  ...[1007, 1050, 1060, 1061, 20420, 20421].map((errno) => [errno, alreadyExists] as const),
  // missing privileges
  ...[1044, 1142, 1143, 1227, 1370].map((errno) => [errno, permission] as const),
  // wrong credentials, unknown auth plugin
  ...[1045, 1251, 1524, 1698].map((errno) => [errno, authentication] as const),
  // lock wait / statement timeouts (MatrixOne 20108 query timeout, 20709/20710 lock-wait timeouts)
  ...[1205, 3024, 20108, 20709, 20710].map((errno) => [errno, timeout] as const),
  // deadlocks and write conflicts: the transaction has to start over
  ...[1213, 20601, 20619, 20628, 20701].map((errno) => [errno, transaction(RETRY)] as const),
  // SET TRANSACTION while a transaction is open
  ...[1568, 20325].map(
    (errno) => [errno, transaction('Set isolation and access mode before the transaction begins.')] as const,
  ),
  // MatrixOne: transaction already closed; commit result unknown
  [20600, transaction('The transaction is no longer open on the server: start a new one.')],
  [
    20638,
    (message, options) =>
      new TransactionError(
        `${message} The server could not tell whether the transaction committed: check the data.`,
        {
          ...options,
          outcomeUnknown: true,
        },
      ),
  ],
  // server gone / shutting down
  ...[1040, 1053, 1152, 1158, 1159, 1160, 1161, 2002, 2003, 2006, 2013].map(
    (errno) => [errno, connection] as const,
  ),
  // MatrixOne "not supported: …" and "… is not yet implemented" (such as a correlated subquery in FROM)
  [20105, unsupportedByMatrixOne],
  [20102, unsupportedByMatrixOne],
]);

/** MatrixOne's "internal error: …" (20101) texts, most specific first (docs/matrixone-facts.md). */
const BY_MESSAGE: readonly (readonly [RegExp, ErrorFactory])[] = [
  [/savepoint has not been implemented yet/i, savepointRollback],
  // A child row whose parent is missing (MySQL: 1452); the ORM adapters rewrite it to 1452 on their connections.
  [/Cannot add or update a child row: a foreign key constraint fails/i, constraint],
  [
    /unclassified statement appears in uncommitted transaction|administrative command is unsupported in transactions|DATA BRANCH MERGE\/PICK is not supported in transactions|Only CREATE of DDL is supported in transactions/i,
    transactionRule,
  ],
  [/Write conflicts detected/i, transaction(RETRY)],
  [
    /do not have privilege|only sys tenant can|non-sys account can't|only admin can|only sys can|is not allowed to/i,
    permission,
  ],
  [/already exists|^internal error: the tenant \S+ exists/i, alreadyExists],
  [
    /does not exist|doesn't exist|find 0 \w+ records|there is no (?:account|publication|user)|not existed account|no such table/i,
    notFound,
  ],
];

/** Symbolic codes of failures below the SQL layer. */
const BY_CODE: ReadonlyMap<string, ErrorFactory> = new Map([
  ...[
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EAI_AGAIN',
    'PROTOCOL_CONNECTION_LOST',
    'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
    'PROTOCOL_ENQUEUE_AFTER_QUIT',
    'HANDSHAKE_NO_SSL_SUPPORT',
    'HANDSHAKE_SSL_ERROR',
    'POOL_CLOSED',
  ].map((code) => [code, connection] as const),
  ...['ETIMEDOUT', 'PROTOCOL_SEQUENCE_TIMEOUT'].map((code) => [code, timeout] as const),
]);

/**
 * Maps a driver error (mysql2's, or one wrapped by an ORM) to the SDK's typed error. The server's errno,
 * SQLSTATE and message and the driver's code are kept; `cause` is the original error. An SDK error is
 * returned unchanged. Sequelize's `.original`/`.parent`, TypeORM's `.driverError` and Drizzle's `DrizzleQueryError`
 * (`.query` and the driver's error as `.cause`) are unwrapped first, so
 * adapters can pass ORM errors straight in. Password literals (and the statement's `secrets`) are removed from
 * every string of the returned error and its cause chain, including the driver error's `sql` (which mysql2 fills
 * with the statement and its values interpolated); when `statement` is given, that `sql` is replaced by the
 * statement's placeholder text, so bound values do not travel with it.
 *
 * @example
 * try { await pool.query(sql, values); } catch (error) { throw toMatrixOneError(error, { sql, values }); }
 */
export function toMatrixOneError(
  error: unknown,
  statement?: { readonly sql: string; readonly secrets?: readonly string[] },
): MatrixOneError {
  // The driver's message may quote the statement cut short inside a password literal: clean the whole chain.
  return redactSecrets(classify(error, statement), statement?.secrets ?? []);
}

function classify(error: unknown, statement: StatementText | undefined): MatrixOneError {
  if (isMatrixOneError(error)) return error;
  const driverError = unwrapOrmError(error);
  if (isMatrixOneError(driverError)) return driverError;
  if (typeof driverError !== 'object' || driverError === null) {
    return new MatrixOneError(`Unexpected failure: ${String(driverError)}`, { cause: error });
  }
  const fields = driverError as DriverErrorFields;
  scrubStatementText(fields, statement);
  if (error !== driverError && typeof error === 'object' && error !== null) {
    scrubStatementText(error as DriverErrorFields, statement);
  }

  // Node's system errors carry negative errnos (-111 for ECONNREFUSED): only the server's numbers are kept.
  const errno =
    typeof fields.errno === 'number' && Number.isInteger(fields.errno) && fields.errno > 0
      ? fields.errno
      : undefined;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const sqlState =
    typeof fields.sqlState === 'string' && fields.sqlState !== '' ? fields.sqlState : undefined;
  const rawMessage =
    typeof fields.sqlMessage === 'string'
      ? fields.sqlMessage
      : typeof fields.message === 'string'
        ? fields.message
        : String(driverError);
  const serverMessage = redactSql(rawMessage);
  const isServerError = errno !== undefined && sqlState !== undefined;
  const options: MatrixOneErrorOptions = {
    cause: error,
    ...(errno !== undefined && { errno }),
    ...(sqlState !== undefined && { sqlState }),
    ...(isServerError && { serverMessage }),
    ...(code !== undefined && { driverCode: code }),
  };
  const factory = chooseFactory(errno, code, serverMessage, fields.fatal === true, isServerError);
  const detail = [errno !== undefined && `errno ${errno}`, sqlState && `SQLSTATE ${sqlState}`, code]
    .filter(Boolean)
    .join(', ');
  return factory(detail ? `${serverMessage} (${detail})` : serverMessage, options, statement);
}

function chooseFactory(
  errno: number | undefined,
  code: string | undefined,
  message: string,
  fatal: boolean,
  isServerError: boolean,
): ErrorFactory {
  // One MatrixOne engine path reports a missing table as 1064 with the planner's text
  // (docs/matrixone-facts.md#errors).
  if (/table "[^"]*" does not exist/i.test(message)) return notFound;
  if (errno !== undefined) {
    if (errno === 20101 || errno === 1105) {
      const byMessage = BY_MESSAGE.find(([pattern]) => pattern.test(message));
      if (byMessage) return byMessage[1];
    }
    const byErrno = BY_ERRNO.get(errno);
    if (byErrno) return byErrno;
  }
  if (code !== undefined) {
    const byCode = BY_CODE.get(code);
    if (byCode) return byCode;
  }
  // mysql2's pool says these without a code: its wait queue is full, or it was closed.
  if (/^Queue limit reached/i.test(message)) return queueFull;
  if (/^Pool is closed/i.test(message)) return connection;
  if (!isServerError && fatal) return connection;
  return isServerError ? server : (message, options) => new MatrixOneError(message, options);
}

function savepointRollback(message: string, options: MatrixOneErrorOptions): MatrixOneError {
  return new TransactionError(
    `${message} MatrixOne cannot roll back to a savepoint, so a nested transaction cannot be undone on its own: ` +
      'the whole transaction must roll back (let the error propagate out of client.transaction()).',
    options,
  );
}

/** Follows ORM wrappers down to the driver's error. */
function unwrapOrmError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const wrapper = current as {
      original?: unknown;
      parent?: unknown;
      driverError?: unknown;
      errno?: unknown;
      query?: unknown;
      cause?: unknown;
    };
    if (typeof wrapper.errno === 'number') return current;
    const drizzleCause = typeof wrapper.query === 'string' ? wrapper.cause : undefined;
    const inner = wrapper.driverError ?? wrapper.original ?? wrapper.parent ?? drizzleCause;
    if (typeof inner !== 'object' || inner === null) return current;
    current = inner;
  }
  return current;
}

function scrubStatementText(fields: DriverErrorFields, statement: StatementText | undefined): void {
  if (typeof fields.sql !== 'string') return;
  // Reflect.set: a frozen or read-only error is left as it is instead of throwing here.
  Reflect.set(fields, 'sql', redactSql(statement?.sql ?? fields.sql));
}

/** The leading keywords of a statement (`CREATE SNAPSHOT`), which never hold user data. */
function statementKeywords(statement: StatementText | undefined): string {
  const words = /^\s*([A-Za-z]+(?:\s+[A-Za-z]+)?)/.exec(statement?.sql ?? '')?.[1];
  return words ? words.replace(/\s+/g, ' ').toUpperCase() : 'statement';
}
