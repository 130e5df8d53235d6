/** `matrixone snapshot ls | create | drop`, over `client.snapshots`. */
import type { CreateSnapshotOptions, Snapshot } from '@matrixone/core';
import type { Command } from 'commander';
import { type LevelTargetOptions, addLevelTargetOptions, levelTargetOf } from '../level-target.js';
import { timed } from '../progress.js';
import { type CommandRunner, withContext } from './command-runner.js';

/** A snapshot as the CLI prints it (`--json` and tables alike). */
function snapshotView(snapshot: Snapshot) {
  return {
    name: snapshot.name,
    timestamp: snapshot.timestamp.text,
    level: snapshot.level,
    account: snapshot.account ?? null,
    database: snapshot.database ?? null,
    table: snapshot.table ?? null,
  };
}

function snapshotTable(snapshots: readonly Snapshot[]) {
  return {
    head: ['name', 'timestamp (UTC)', 'level', 'account', 'database', 'table'],
    rows: snapshots.map((snapshot) => Object.values(snapshotView(snapshot)).map((cell) => cell ?? '')),
  };
}

/**
 * Registers `snapshot` and its subcommands.
 *
 * @example
 * registerSnapshotCommands(program, runner);
 */
export function registerSnapshotCommands(program: Command, runner: CommandRunner): void {
  const snapshot = program.command('snapshot').description('List, create and drop snapshots');

  snapshot
    .command('ls')
    .description('List the snapshots of the current account, newest first')
    .option('--level <level>', 'only this level: cluster, account, database or table')
    .option('--account <account>', 'only snapshots covering this account')
    .option('--database <database>', 'only snapshots covering this database')
    .option('--table <table>', 'only snapshots covering this table')
    .action(
      withContext<[]>(runner, async (context, _args, options) => {
        const snapshots = await context.withClient((client) =>
          client.snapshots.list(options as Parameters<typeof client.snapshots.list>[0]),
        );
        context.output.result({ snapshots: snapshots.map(snapshotView) }, () => snapshotTable(snapshots));
      }),
    );

  addLevelTargetOptions(
    snapshot
      .command('create <name>')
      .description('Create a snapshot of the cluster, an account, a database or a table')
      .option('--if-not-exists', 'succeed, unchanged, when a snapshot of that name exists'),
    'snapshot',
  ).action(
    withContext<[string]>(runner, async (context, [name], options) => {
      const target = levelTargetOf(options as LevelTargetOptions);
      const create = {
        name,
        ...target,
        ...(options.ifNotExists === true && { ifNotExists: true }),
      } as CreateSnapshotOptions;
      const { value, elapsedMs } = await context.withClient((client) =>
        timed(context.output, `Creating ${target.level} snapshot ${name}`, () =>
          client.snapshots.create(create),
        ),
      );
      context.output.result({ snapshot: snapshotView(value), elapsedMs }, () => snapshotTable([value]));
    }),
  );

  snapshot
    .command('drop <name>')
    .description('Drop a snapshot (asks first; --yes skips the question)')
    .option('--if-exists', 'succeed when no snapshot has that name')
    .action(
      withContext<[string]>(runner, async (context, [name], options) => {
        await context.confirm(
          `Drop snapshot ${name}? Clones and restores from it will no longer be possible.`,
        );
        await context.withClient((client) =>
          client.snapshots.drop(name, { ifExists: options.ifExists === true }),
        );
        context.output.result({ dropped: { snapshot: name } }, () => `Dropped snapshot ${name}.`);
      }),
    );
}
