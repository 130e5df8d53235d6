/** `matrixone clone db | table | run`, over `client.clones`. */
import type { Command } from 'commander';
import { runInClone } from '../clone-run.js';
import { timed } from '../progress.js';
import { parseTableArgument } from '../table-argument.js';
import { type CommandRunner, withContext } from './command-runner.js';

interface CloneOptions {
  readonly snapshot?: string;
  readonly ifNotExists?: boolean;
  readonly toAccount?: string;
}

function cloneOptions(options: CloneOptions) {
  return {
    ...(options.snapshot !== undefined && { snapshot: options.snapshot }),
    ...(options.ifNotExists === true && { ifNotExists: true }),
    ...(options.toAccount !== undefined && { toAccount: options.toAccount }),
  };
}

function withCloneOptions(command: Command, what: string): Command {
  return command
    .option('--snapshot <snapshot>', `clone the ${what} as it was at this snapshot`)
    .option('--if-not-exists', `succeed, unchanged, when the target ${what} exists`)
    .option('--to-account <account>', 'create the clone in another account (sys only; needs --snapshot)');
}

/**
 * Registers `clone` and its subcommands.
 *
 * @example
 * registerCloneCommands(program, runner);
 */
export function registerCloneCommands(program: Command, runner: CommandRunner): void {
  const clone = program
    .command('clone')
    .description('Clone databases and tables; run a command on a throwaway clone');

  withCloneOptions(
    clone.command('db <target> <source>').description('Create database <target> as a clone of <source>'),
    'database',
  ).action(
    withContext<[string, string]>(runner, async (context, [target, source], options) => {
      const { elapsedMs } = await context.withClient((client) =>
        timed(context.output, `Cloning database ${source} as ${target}`, () =>
          client.clones.database(target, source, cloneOptions(options as CloneOptions)),
        ),
      );
      context.output.result(
        { cloned: { database: target, source, snapshot: options.snapshot ?? null }, elapsedMs },
        () => `Cloned database ${source} as ${target}.`,
      );
    }),
  );

  withCloneOptions(
    clone
      .command('table <target> <source>')
      .description('Create table <target> as a clone of <source> (each written database.table or table)'),
    'table',
  ).action(
    withContext<[string, string]>(runner, async (context, [target, source], options) => {
      const targetRef = parseTableArgument(target);
      const sourceRef = parseTableArgument(source);
      const { elapsedMs } = await context.withClient((client) =>
        timed(context.output, `Cloning table ${source} as ${target}`, () =>
          client.clones.table(targetRef, sourceRef, cloneOptions(options as CloneOptions)),
        ),
      );
      context.output.result(
        { cloned: { table: targetRef, source: sourceRef, snapshot: options.snapshot ?? null }, elapsedMs },
        () => `Cloned table ${source} as ${target}.`,
      );
    }),
  );

  clone
    .command('run <source> <command...>')
    .description(
      "Clone database <source> under a new name, run <command> with the clone's URL in its environment, " +
        "then drop the clone, whatever happens (also on Ctrl-C or SIGTERM). Exits with the command's status.",
    )
    .option('--snapshot <snapshot>', 'clone the database as it was at this snapshot')
    .option(
      '--name <name>',
      "the clone's name (default: <source>_clone_<UTC time>_<random>, which clones.sweep() recognises)",
    )
    .option('--env <variable>', "the variable that gets the clone's URL", 'MATRIXONE_URL')
    .usage('[options] <source> -- <command> [args...]')
    .action(
      withContext<[string, string[]]>(runner, async (context, [source, command], options) => {
        context.exitCode = await runInClone(context, {
          source,
          command,
          variable: String(options.env),
          ...(typeof options.snapshot === 'string' && { snapshot: options.snapshot }),
          ...(typeof options.name === 'string' && { name: options.name }),
        });
      }),
    );
}
