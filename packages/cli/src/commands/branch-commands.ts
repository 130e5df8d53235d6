/** `matrixone branch create | diff | merge`, over `client.branches`. */
import type { BranchDiff, BranchTableRef, ConflictOption, PooledClient } from '@matrixone/core';
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { ExitCode } from '../exit-codes.js';
import { timed } from '../progress.js';
import { parseTableArgument } from '../table-argument.js';
import { type CommandRunner, withContext } from './command-runner.js';

/** A table argument, read at `--…-snapshot` when given. */
function branchTable(text: string, snapshot: unknown): BranchTableRef {
  return {
    ...parseTableArgument(text),
    ...(typeof snapshot === 'string' && { at: { snapshot } }),
  };
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function diffTable(diff: BranchDiff) {
  return {
    head: ['table', 'flag', ...diff.columns],
    rows: diff.rows.map((row) => [
      row.table,
      row.flag,
      ...diff.columns.map((column) => cell(row.values[column])),
    ]),
  };
}

function parseLimit(text: unknown): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text);
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new CliError(`--limit takes a whole number of rows, got "${String(text)}".`, ExitCode.Usage);
  }
  return limit;
}

/**
 * Registers `branch` and its subcommands.
 *
 * @example
 * registerBranchCommands(program, runner);
 */
export function registerBranchCommands(program: Command, runner: CommandRunner): void {
  const branch = program.command('branch').description('Data branches: create, compare and merge');
  const create = branch.command('create').description('Create a branch of a database or a table');

  create
    .command('db <database>')
    .description('Create database <database> as a branch of --from')
    .requiredOption('--from <database>', 'the database to branch from')
    .option('--snapshot <snapshot>', 'branch the source as it was at this snapshot')
    .action(
      withContext<[string]>(runner, async (context, [database], options) => {
        const from = String(options.from);
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Branching database ${from} as ${database}`, () =>
            client.branches.createDatabase({
              database,
              from,
              ...(typeof options.snapshot === 'string' && { at: { snapshot: options.snapshot } }),
            }),
          ),
        );
        context.output.result(
          { branched: { database, from, snapshot: options.snapshot ?? null }, elapsedMs },
          () => `Created database ${database} as a branch of ${from}.`,
        );
      }),
    );

  create
    .command('table <table>')
    .description('Create table <table> (database.table or table) as a branch of --from')
    .requiredOption('--from <table>', 'the table to branch from (database.table or table)')
    .option('--snapshot <snapshot>', 'branch the source as it was at this snapshot')
    .action(
      withContext<[string]>(runner, async (context, [table], options) => {
        const target = parseTableArgument(table);
        const from = branchTable(String(options.from), options.snapshot);
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Branching table ${String(options.from)} as ${table}`, () =>
            client.branches.createTable({ ...target, from }),
          ),
        );
        context.output.result(
          { branched: { table: target, from }, elapsedMs },
          () => `Created table ${table} as a branch of ${String(options.from)}.`,
        );
      }),
    );

  branch
    .command('diff <target> <base>')
    .description(
      'List the rows that differ between table <target> and table <base> (database.table or table)',
    )
    .option('--target-snapshot <snapshot>', 'read <target> as it was at this snapshot')
    .option('--base-snapshot <snapshot>', 'read <base> as it was at this snapshot')
    .option('--columns <columns>', 'compare only these columns (comma-separated)')
    .option('--limit <rows>', 'list at most this many rows')
    .option('--summary', 'count inserted, deleted and updated rows on each side instead')
    .option('--count', 'count the differing rows instead')
    .action(
      withContext<[string, string]>(runner, async (context, [targetText, baseText], options) => {
        if (options.summary === true && options.count === true) {
          throw new CliError('Pick one of --summary and --count.', ExitCode.Usage);
        }
        const compared = {
          target: branchTable(targetText, options.targetSnapshot),
          base: branchTable(baseText, options.baseSnapshot),
          ...(typeof options.columns === 'string' && {
            columns: options.columns.split(',').map((column) => column.trim()),
          }),
        };
        const limit = parseLimit(options.limit);
        const label = `Comparing ${targetText} with ${baseText}`;
        const run = (client: PooledClient) =>
          timed(context.output, label, async () => {
            if (options.summary === true) return { summary: await client.branches.diffSummary(compared) };
            if (options.count === true) return { count: await client.branches.diffCount(compared) };
            return {
              diff: await client.branches.diff({ ...compared, ...(limit !== undefined && { limit }) }),
            };
          });
        const { value, elapsedMs } = await context.withClient(run);
        context.output.result({ ...value, elapsedMs }, () => {
          if (value.summary !== undefined) {
            return {
              head: ['', targetText, baseText],
              rows: (['inserted', 'deleted', 'updated'] as const).map((metric) => [
                metric,
                String(value.summary.target[metric]),
                String(value.summary.base[metric]),
              ]),
            };
          }
          if (value.count !== undefined) return `${value.count} row(s) differ.`;
          return diffTable(value.diff);
        });
      }),
    );

  branch
    .command('merge <source> <into>')
    .description('Merge the changes of table <source> into table <into> (asks first)')
    .option('--source-snapshot <snapshot>', 'merge <source> as it was at this snapshot')
    .option('--on-conflict <choice>', 'rows both sides changed: fail (the default), skip or accept')
    .action(
      withContext<[string, string]>(runner, async (context, [sourceText, intoText], options) => {
        const source = branchTable(sourceText, options.sourceSnapshot);
        const into = parseTableArgument(intoText);
        await context.confirm(`Merge the changes of ${sourceText} into ${intoText}?`);
        const { elapsedMs } = await context.withClient((client) =>
          timed(context.output, `Merging ${sourceText} into ${intoText}`, () =>
            client.branches.merge({
              source,
              into,
              ...(typeof options.onConflict === 'string' && {
                onConflict: options.onConflict as ConflictOption,
              }),
            }),
          ),
        );
        context.output.result(
          { merged: { source, into, onConflict: options.onConflict ?? 'fail' }, elapsedMs },
          () => `Merged ${sourceText} into ${intoText}.`,
        );
      }),
    );
}
