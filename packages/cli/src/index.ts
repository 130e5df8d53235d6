/**
 * `@matrixone/cli`: the `matrixone` command (see docs/cli.md), and the same command line for programs that embed
 * it: `runCli(argv, io)` resolves with the exit status instead of exiting.
 */
export { runCli } from './program.js';
export { ExitCode, exitCodeOf } from './exit-codes.js';
export { CliError } from './cli-error.js';
export type { CliIo, GlobalOptions } from './command-context.js';
