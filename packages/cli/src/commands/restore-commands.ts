/** `matrixone restore cluster | account | db | table`, over `client.restores`. */
import type { Command } from 'commander';
import { timed } from '../progress.js';
import { parseQualifiedTable } from '../table-argument.js';
import { type CommandRunner, withContext } from './command-runner.js';

function restoreOptions(options: Record<string, unknown>) {
  return {
    snapshot: String(options.snapshot),
    ...(typeof options.toAccount === 'string' && { toAccount: options.toAccount }),
  };
}

/**
 * Registers `restore` and its subcommands. Every restore asks first (`--yes` skips the question): it overwrites
 * the current data and cannot be undone.
 *
 * @example
 * registerRestoreCommands(program, runner);
 */
export function registerRestoreCommands(program: Command, runner: CommandRunner): void {
  const restore = program
    .command('restore')
    .description('Restore the cluster, an account, a database or a table from a snapshot (asks first)');

  restore
    .command('cluster')
    .description('Restore the whole cluster from a cluster snapshot (sys only)')
    .requiredOption('--snapshot <snapshot>', 'the snapshot to restore from')
    .action(
      withContext<[]>(runner, async (context, _args, options) => {
        const snapshot = String(options.snapshot);
        await context.confirm(`Restore the whole cluster to snapshot ${snapshot}? Later changes are lost.`);
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Restoring the cluster from ${snapshot}`, () =>
            client.restores.cluster({ snapshot }),
          ),
        );
        context.output.result(
          { restored: { level: 'cluster', snapshot }, elapsedMs },
          () => 'Restored the cluster.',
        );
      }),
    );

  restore
    .command('account <account>')
    .description('Restore an account from an account snapshot')
    .requiredOption('--snapshot <snapshot>', 'the snapshot to restore from')
    .option('--to-account <account>', 'restore into this account instead (sys only)')
    .action(
      withContext<[string]>(runner, async (context, [account], options) => {
        const restoreOptionsGiven = restoreOptions(options);
        await context.confirm(
          `Restore account ${restoreOptionsGiven.toAccount ?? account} to snapshot ${restoreOptionsGiven.snapshot}? Later changes are lost.`,
        );
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Restoring account ${account}`, () =>
            client.restores.account(account, restoreOptionsGiven),
          ),
        );
        context.output.result(
          { restored: { level: 'account', account, ...restoreOptionsGiven }, elapsedMs },
          () => `Restored account ${account}.`,
        );
      }),
    );

  restore
    .command('db <database>')
    .description('Restore a database from a snapshot that covers it')
    .requiredOption('--snapshot <snapshot>', 'the snapshot to restore from')
    .action(
      withContext<[string]>(runner, async (context, [database], options) => {
        const given = restoreOptions(options);
        await context.confirm(
          `Restore database ${database} to snapshot ${given.snapshot}? Later changes are lost.`,
        );
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Restoring database ${database}`, () =>
            client.restores.database(database, given),
          ),
        );
        context.output.result(
          { restored: { level: 'database', database, ...given }, elapsedMs },
          () => `Restored database ${database}.`,
        );
      }),
    );

  restore
    .command('table <table>')
    .description('Restore a table (written database.table) from a snapshot that covers it')
    .requiredOption('--snapshot <snapshot>', 'the snapshot to restore from')
    .action(
      withContext<[string]>(runner, async (context, [table], options) => {
        const target = parseQualifiedTable(table);
        const given = restoreOptions(options);
        await context.confirm(
          `Restore table ${table} to snapshot ${given.snapshot}? Later changes are lost.`,
        );
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Restoring table ${table}`, () => client.restores.table(target, given)),
        );
        context.output.result(
          { restored: { level: 'table', ...target, ...given }, elapsedMs },
          () => `Restored table ${table}.`,
        );
      }),
    );
}
