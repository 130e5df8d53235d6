/**
 * Typed errors. Every error the SDK throws is a {@link MatrixOneError}; subclasses name the failure family.
 * Server errors keep the server's errno, SQLSTATE and message, and the driver's error as `cause`.
 * Use {@link isMatrixOneError} (a symbol tag) rather than `instanceof` across package boundaries.
 */

const TAG = Symbol.for('@matrixone/core:error');

/** The failure families, as an `as const` object and a matching union. */
export const ErrorKind = {
  Configuration: 'configuration',
  Connection: 'connection',
  Authentication: 'authentication',
  Timeout: 'timeout',
  Syntax: 'syntax',
  NotFound: 'not-found',
  AlreadyExists: 'already-exists',
  Permission: 'permission',
  Constraint: 'constraint',
  TransactionRule: 'transaction-rule',
  Transaction: 'transaction',
  UnsupportedServer: 'unsupported-server',
  InvalidInput: 'invalid-input',
  Hook: 'hook',
  Server: 'server',
} as const;
/** One of {@link ErrorKind}'s values. */
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

/** What a server said when it refused a statement. */
export interface ServerErrorInfo {
  /** The server's error number (MySQL errno, or MatrixOne's own code such as 20101). */
  readonly errno?: number;
  /** The SQLSTATE (MatrixOne sends `HY000` for nearly everything). */
  readonly sqlState?: string;
  /** The server's message, unchanged. */
  readonly serverMessage?: string;
  /** The driver's symbolic code, such as `ER_DUP_ENTRY` or `ECONNREFUSED`. */
  readonly driverCode?: string;
}

/** Options every SDK error accepts. */
export interface MatrixOneErrorOptions extends ServerErrorInfo {
  /** The error that caused this one (usually the driver's). */
  readonly cause?: unknown;
}

/** Base class of every error the SDK throws. */
export class MatrixOneError extends Error implements ServerErrorInfo {
  /** The failure family; stable across versions, safe to switch on. */
  readonly kind: ErrorKind = ErrorKind.Server;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly serverMessage?: string;
  readonly driverCode?: string;

  constructor(message: string, options: MatrixOneErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.errno !== undefined) this.errno = options.errno;
    if (options.sqlState !== undefined) this.sqlState = options.sqlState;
    if (options.serverMessage !== undefined) this.serverMessage = options.serverMessage;
    if (options.driverCode !== undefined) this.driverCode = options.driverCode;
    Object.defineProperty(this, TAG, { value: true });
  }
}

/** A configuration value is missing or invalid; `field` names it. Thrown by `createClient`. */
export class ConfigurationError extends MatrixOneError {
  override readonly kind = ErrorKind.Configuration;
  constructor(
    /** The configuration field at fault, such as `port` or `pool.max`. */
    readonly field: string,
    message: string,
    options?: MatrixOneErrorOptions,
  ) {
    super(`Invalid configuration "${field}": ${message}`, options);
  }
}

/** The server could not be reached, or the connection broke. */
export class ConnectionError extends MatrixOneError {
  override readonly kind = ErrorKind.Connection;
}

/** The server refused the credentials. */
export class AuthenticationError extends MatrixOneError {
  override readonly kind = ErrorKind.Authentication;
}

/** A connect, acquire or query timeout fired. */
export class TimeoutError extends MatrixOneError {
  override readonly kind = ErrorKind.Timeout;
}

/** The server could not parse the statement. */
export class SqlSyntaxError extends MatrixOneError {
  override readonly kind = ErrorKind.Syntax;
}

/** A named object (database, table, snapshot, PITR, publication, account, …) does not exist. */
export class NotFoundError extends MatrixOneError {
  override readonly kind = ErrorKind.NotFound;
}

/** A named object already exists. */
export class AlreadyExistsError extends MatrixOneError {
  override readonly kind = ErrorKind.AlreadyExists;
}

/** The current user or role lacks the privilege. */
export class PermissionError extends MatrixOneError {
  override readonly kind = ErrorKind.Permission;
}

/** A constraint was violated (duplicate key, foreign key, not null, …). */
export class ConstraintError extends MatrixOneError {
  override readonly kind = ErrorKind.Constraint;
}

/**
 * MatrixOne refuses this operation inside an open transaction. Thrown before any SQL is sent.
 * Run it on the client instead, or schedule it with `tx.afterCommit(() => client.<manager>.<method>(…))`.
 */
export class TransactionRuleError extends MatrixOneError {
  override readonly kind = ErrorKind.TransactionRule;
  constructor(
    /** The refused operation, such as `snapshots.create`. */
    readonly operation: string,
    message: string,
    options?: MatrixOneErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A transaction failed as a whole: a statement on a finished transaction, a failed rollback, a savepoint
 * rollback MatrixOne cannot do, or a COMMIT whose outcome is unknown (`outcomeUnknown`).
 */
export class TransactionError extends MatrixOneError {
  override readonly kind = ErrorKind.Transaction;
  /** True when COMMIT was sent but no answer came: the transaction may or may not have committed. */
  readonly outcomeUnknown: boolean;
  /** The error of a ROLLBACK that failed after the original failure, when there was one. */
  readonly rollbackError?: unknown;
  constructor(
    message: string,
    options: MatrixOneErrorOptions & { outcomeUnknown?: boolean; rollbackError?: unknown } = {},
  ) {
    super(message, options);
    this.outcomeUnknown = options.outcomeUnknown ?? false;
    if (options.rollbackError !== undefined) this.rollbackError = options.rollbackError;
  }
}

/** The operation needs MatrixOne (or a newer version) and the server is something else. */
export class UnsupportedServerError extends MatrixOneError {
  override readonly kind = ErrorKind.UnsupportedServer;
  constructor(
    message: string,
    /** What the server is, as detected, such as `MariaDB 10.11.6`. */
    readonly server: string,
    options?: MatrixOneErrorOptions,
  ) {
    super(message, options);
  }
}

/** An argument was rejected before any SQL was built (bad identifier, out-of-range value, …). */
export class InvalidInputError extends MatrixOneError {
  override readonly kind = ErrorKind.InvalidInput;
  constructor(
    /** The argument at fault, such as `snapshot name`. */
    readonly argument: string,
    message: string,
    options?: MatrixOneErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * One or more `afterCommit` / `afterRollback` hooks threw. Every hook still ran, in order; `errors` holds
 * what each failing hook threw. For `afterCommit`, the transaction itself committed.
 */
export class HookError extends MatrixOneError {
  override readonly kind = ErrorKind.Hook;
  constructor(
    /** Which hooks failed. */
    readonly phase: 'afterCommit' | 'afterRollback',
    /** What each failing hook threw, in the order the hooks ran. */
    readonly errors: readonly unknown[],
  ) {
    super(
      `${errors.length} ${phase} hook(s) failed` +
        (phase === 'afterCommit'
          ? ' after the transaction committed'
          : ' after the transaction rolled back') +
        `: ${errors.map((error) => (error instanceof Error ? error.message : String(error))).join('; ')}`,
      { cause: errors[0] },
    );
  }
}

/** Any other error the server returned. */
export class ServerError extends MatrixOneError {
  override readonly kind = ErrorKind.Server;
}

/** True for every error the SDK throws, whichever copy of the package created it. */
export function isMatrixOneError(error: unknown): error is MatrixOneError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[TAG] === true;
}

/** True when `error` is an SDK error of the given family. */
export function isMatrixOneErrorOfKind<K extends ErrorKind>(
  error: unknown,
  kind: K,
): error is MatrixOneError & { kind: K } {
  return isMatrixOneError(error) && error.kind === kind;
}
