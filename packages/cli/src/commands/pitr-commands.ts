/** `matrixone pitr ls | create | drop | restore`, over `client.pitr`. */
import type { CreatePitrOptions, Pitr, PitrRange, RestoreFromPitrOptions } from '@matrixone/core';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { ExitCode } from '../exit-codes.js';
import { type LevelTargetOptions, addLevelTargetOptions, levelTargetOf } from '../level-target.js';
import { timed } from '../progress.js';
import { type CommandRunner, withContext } from './command-runner.js';

/** A PITR as the CLI prints it. */
function pitrView(pitr: Pitr) {
  return {
    name: pitr.name,
    level: pitr.level,
    account: pitr.account ?? null,
    database: pitr.database ?? null,
    table: pitr.table ?? null,
    range: `${pitr.range.value}${pitr.range.unit}`,
    createdTime: pitr.createdTime,
    modifiedTime: pitr.modifiedTime,
  };
}

function pitrTable(pitrs: readonly Pitr[]) {
  return {
    head: ['name', 'level', 'account', 'database', 'table', 'range', 'created', 'modified'],
    rows: pitrs.map((pitr) => Object.values(pitrView(pitr)).map((cell) => cell ?? '')),
  };
}

/**
 * Reads a range written `<n><unit>`: `12h`, `7d`, `1mo`, `1y`. The core checks the value and the unit.
 *
 * @example
 * parseRange('7d'); // { value: 7, unit: 'd' }
 */
export function parseRange(text: string): PitrRange {
  const match = /^(\d+)\s*([a-z]+)$/i.exec(text.trim());
  if (match === null) {
    throw new CliError(
      `"${text}" is not a range: write a number and a unit, such as 12h, 7d, 1mo or 1y.`,
      ExitCode.Usage,
    );
  }
  return { value: Number(match[1]), unit: String(match[2]).toLowerCase() as PitrRange['unit'] };
}

/**
 * Registers `pitr` and its subcommands.
 *
 * @example
 * registerPitrCommands(program, runner);
 */
export function registerPitrCommands(program: Command, runner: CommandRunner): void {
  const pitr = program
    .command('pitr')
    .description('List, create, drop and restore from PITRs (point-in-time recovery)');

  pitr
    .command('ls')
    .description('List the PITRs the current account created, newest first')
    .action(
      withContext<[]>(runner, async (context) => {
        const pitrs = await context.withClient((client) => client.pitr.list());
        context.output.result({ pitrs: pitrs.map(pitrView) }, () => pitrTable(pitrs));
      }),
    );

  addLevelTargetOptions(
    pitr
      .command('create <name>')
      .description('Keep a rolling window of history for the cluster, an account, a database or a table')
      .requiredOption(
        '--range <range>',
        'how far back: 1 to 100 hours, days, months or years (12h, 7d, 1mo, 1y)',
      )
      .option('--if-not-exists', 'succeed, unchanged, when a PITR of that name exists'),
    'cover',
  ).action(
    withContext<[string]>(runner, async (context, [name], options) => {
      const create = {
        name,
        range: parseRange(String(options.range)),
        ...levelTargetOf(options as LevelTargetOptions),
        ...(options.ifNotExists === true && { ifNotExists: true }),
      } as CreatePitrOptions;
      const { value, elapsedMs } = await context.withClient((client) =>
        timed(context.output, `Creating ${create.level} PITR ${name}`, () => client.pitr.create(create)),
      );
      context.output.result({ pitr: pitrView(value), elapsedMs }, () => pitrTable([value]));
    }),
  );

  pitr
    .command('drop <name>')
    .description('Drop a PITR (asks first; --yes skips the question)')
    .option('--if-exists', 'succeed when no PITR has that name')
    .action(
      withContext<[string]>(runner, async (context, [name], options) => {
        await context.confirm(`Drop PITR ${name}? Its history can no longer be restored.`);
        await context.withClient((client) => client.pitr.drop(name, { ifExists: options.ifExists === true }));
        context.output.result({ dropped: { pitr: name } }, () => `Dropped PITR ${name}.`);
      }),
    );

  addLevelTargetOptions(
    pitr
      .command('restore <pitr>')
      .description(
        "Restore the cluster, an account, a database or a table to a moment inside the PITR's range",
      )
      .requiredOption(
        '--at <time>',
        '"YYYY-MM-DD HH:MM:SS[.fraction]", in the time zone of the MatrixOne server (not the session\'s)',
      )
      .option(
        '--source-account <account>',
        "with a cluster PITR: restore this account's history into --account",
      ),
    'restore',
  ).action(
    withContext<[string]>(runner, async (context, [name], options) => {
      const target = levelTargetOf(options as LevelTargetOptions);
      const restore = {
        pitr: name,
        at: String(options.at),
        ...target,
        ...(typeof options.sourceAccount === 'string' && { sourceAccount: options.sourceAccount }),
      } as RestoreFromPitrOptions;
      const what = target.table ?? target.database ?? target.account ?? `the ${target.level}`;
      await context.confirm(`Restore ${what} to ${restore.at} from PITR ${name}? Later changes are lost.`);
      const { elapsedMs } = await context.withClient((client) =>
        timed(context.output, `Restoring ${what} from PITR ${name}`, () => client.pitr.restore(restore)),
      );
      context.output.result(
        { restored: { pitr: name, at: restore.at, ...target }, elapsedMs },
        () => `Restored ${what} to ${restore.at}.`,
      );
    }),
  );
}
