/**
 * The `--cluster | --account [name] | --database <db> [--table <table>]` options shared by the snapshot and PITR
 * commands, turned into the core's `{ level, account?, database?, table? }`. Combinations a level does not take
 * (say `--cluster --database x`) are passed on as given, so the core refuses them with its own message.
 */
import type { Command } from 'commander';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

/** What a snapshot or PITR covers, as the core's options take it. */
export interface LevelTarget {
  readonly level: 'cluster' | 'account' | 'database' | 'table';
  readonly account?: string;
  readonly database?: string;
  readonly table?: string;
}

/** The parsed target options. */
export interface LevelTargetOptions {
  readonly cluster?: boolean;
  readonly account?: string | boolean;
  readonly database?: string;
  readonly table?: string;
}

/**
 * Adds the target options to a command; `verb` words their help ("snapshot", "restore").
 *
 * @example
 * addLevelTargetOptions(program.command('create <name>'), 'snapshot');
 */
export function addLevelTargetOptions(command: Command, verb: string): Command {
  return command
    .option('--cluster', `${verb} the whole cluster (sys account only)`)
    .option('--account [name]', `${verb} an account: the current one, or the one named (sys only)`)
    .option('--database <database>', `${verb} one database`)
    .option('--table <table>', `${verb} one table of --database`);
}

/**
 * The level and target the options name; throws a usage {@link CliError} when they name none, or a table without
 * its database.
 *
 * @example
 * levelTargetOf({ database: 'shop', table: 'orders' }); // { level: 'table', database: 'shop', table: 'orders' }
 */
export function levelTargetOf(options: LevelTargetOptions): LevelTarget {
  const account = typeof options.account === 'string' ? options.account : undefined;
  const fields = {
    ...(account !== undefined && { account }),
    ...(options.database !== undefined && { database: options.database }),
    ...(options.table !== undefined && { table: options.table }),
  };
  if (options.cluster === true) return { level: 'cluster', ...fields };
  if (options.table !== undefined) {
    if (options.database === undefined) {
      throw new CliError(
        '--table needs --database: name the table as --database <db> --table <table>.',
        ExitCode.Usage,
      );
    }
    return { level: 'table', ...fields };
  }
  if (options.database !== undefined) return { level: 'database', ...fields };
  if (options.account !== undefined) return { level: 'account', ...fields };
  throw new CliError(
    'Say what it covers: --cluster, --account [name], --database <db>, or --database <db> --table <table>.',
    ExitCode.Usage,
  );
}
