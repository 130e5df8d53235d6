/**
 * An error the CLI raises itself (a bad argument, a missing `--yes`, a declined prompt), carrying the exit status
 * it ends with.
 */
import type { ExitCode } from './exit-codes.js';

/** A failure of the command line itself, not of the server; `exitCode` is what the process exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    /** The process's exit status for this failure. */
    readonly exitCode: ExitCode,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
