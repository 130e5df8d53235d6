/**
 * The exit status of `matrixone`, one per failure family, so scripts can tell "fix your command" from "the server
 * is down" from "that snapshot does not exist" without reading messages (docs/cli.md#exit-codes).
 */
import { ErrorKind, isMatrixOneError } from '@matrixone/core';
import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';

/** Exit statuses, as an `as const` object and a matching union. */
export const ExitCode = {
  /** Done. */
  Success: 0,
  /** Something the CLI did not expect (a bug: please report it). */
  Unexpected: 1,
  /** The command line is wrong: unknown command or option, a bad value, no server given, or `--yes` missing. */
  Usage: 2,
  /** The server could not be reached, refused the login, or did not answer in time. */
  Connection: 3,
  /** The snapshot, PITR, database or table named does not exist. */
  NotFound: 4,
  /** What the command creates exists already. */
  AlreadyExists: 5,
  /** The login lacks the privilege. */
  Permission: 6,
  /** The command needs MatrixOne and the server is something else (MySQL, MariaDB). */
  NeedsMatrixOne: 7,
  /** One of MatrixOne's rules refused the operation before it was sent. */
  Rule: 8,
  /** The server refused the statement for another reason (syntax, constraint, conflict, …). */
  Server: 9,
  /** The confirmation prompt was answered "no" or interrupted: nothing was changed. */
  Aborted: 10,
} as const;
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const BY_KIND: Record<ErrorKind, ExitCode> = {
  [ErrorKind.Configuration]: ExitCode.Usage,
  [ErrorKind.InvalidInput]: ExitCode.Usage,
  [ErrorKind.Connection]: ExitCode.Connection,
  [ErrorKind.Authentication]: ExitCode.Connection,
  [ErrorKind.Timeout]: ExitCode.Connection,
  [ErrorKind.NotFound]: ExitCode.NotFound,
  [ErrorKind.AlreadyExists]: ExitCode.AlreadyExists,
  [ErrorKind.Permission]: ExitCode.Permission,
  [ErrorKind.UnsupportedServer]: ExitCode.NeedsMatrixOne,
  [ErrorKind.TransactionRule]: ExitCode.Rule,
  [ErrorKind.Syntax]: ExitCode.Server,
  [ErrorKind.Constraint]: ExitCode.Server,
  [ErrorKind.Transaction]: ExitCode.Server,
  [ErrorKind.Hook]: ExitCode.Server,
  [ErrorKind.Server]: ExitCode.Server,
};

/**
 * The exit status for an error: the SDK's error kind, the CLI's own errors, commander's parse errors.
 *
 * @example
 * exitCodeOf(new NotFoundError('no snapshot named "nightly"')); // 4
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (isMatrixOneError(error)) return BY_KIND[error.kind] ?? ExitCode.Unexpected;
  if (error instanceof CommanderError) return ExitCode.Usage;
  return ExitCode.Unexpected;
}
