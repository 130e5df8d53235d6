/**
 * The cross-adapter example suite (`pnpm examples`): every example and every scenario on every ORM, against
 * MATRIXONE_URL or the private server the harness starts. Each step prints what it does and its result; the run
 * ends with a table of scenario × ORM → passed / needs MatrixOne / failed and exits non-zero on any failure.
 */
import { createClient, describeServer } from '@matrixone/core';
import { coreAdvanced } from './core/advanced.js';
import { coreSimple } from './core/simple.js';
import { drizzleAdvanced } from './drizzle/advanced.js';
import { drizzleSemanticSearch } from './drizzle/semantic-search.js';
import { drizzleSimple } from './drizzle/simple.js';
import { knexAdvanced } from './knex/advanced.js';
import { knexSemanticSearch } from './knex/semantic-search.js';
import { knexSimple } from './knex/simple.js';
import { openDrizzleKit } from './orms/drizzle-orm-kit.js';
import { openKnexKit } from './orms/knex-kit.js';
import { openSequelizeKit } from './orms/sequelize-kit.js';
import { openTypeormKit } from './orms/typeorm-kit.js';
import { backup } from './scenarios/backup.js';
import { dataMigration } from './scenarios/data-migration.js';
import { developmentEnvironment } from './scenarios/dev-environment.js';
import type { OpenKit } from './scenarios/orm-kit.js';
import type { Scenario } from './scenarios/scenario.js';
import { coreThrowawayClone } from './scenarios/throwaway-clone.js';
import { sequelizeAdvanced } from './sequelize/advanced.js';
import { sequelizeSemanticSearch } from './sequelize/semantic-search.js';
import { sequelizeSimple } from './sequelize/simple.js';
import type { Example } from './support/example.js';
import { Outcome, Reporter } from './support/report.js';
import { serverUrl, uniqueSuffix } from './support/server.js';
import { typeormAdvanced } from './typeorm/advanced.js';
import { typeormSemanticSearch } from './typeorm/semantic-search.js';
import { typeormSimple } from './typeorm/simple.js';

interface Column {
  readonly name: string;
  readonly simple: Example;
  readonly advanced?: Example;
  readonly semanticSearch?: Example;
  /** withClone, sweep and the `matrixone` CLI: core only. */
  readonly throwawayClone?: Example;
  readonly openKit?: OpenKit;
}

const columns: readonly Column[] = [
  { name: 'core', simple: coreSimple, advanced: coreAdvanced, throwawayClone: coreThrowawayClone },
  {
    name: 'Knex',
    simple: knexSimple,
    advanced: knexAdvanced,
    semanticSearch: knexSemanticSearch,
    openKit: openKnexKit,
  },
  {
    name: 'Sequelize',
    simple: sequelizeSimple,
    advanced: sequelizeAdvanced,
    semanticSearch: sequelizeSemanticSearch,
    openKit: openSequelizeKit,
  },
  {
    name: 'TypeORM',
    simple: typeormSimple,
    advanced: typeormAdvanced,
    semanticSearch: typeormSemanticSearch,
    openKit: openTypeormKit,
  },
  {
    name: 'Drizzle',
    simple: drizzleSimple,
    advanced: drizzleAdvanced,
    semanticSearch: drizzleSemanticSearch,
    openKit: openDrizzleKit,
  },
];
const scenarios: readonly Scenario[] = [dataMigration, backup, developmentEnvironment];
const NOT_APPLICABLE = '—';

const url = serverUrl();
const admin = createClient(url);
console.log(`Example suite against ${describeServer(await admin.serverInfo())}`);

const table = new Map<string, Map<string, string>>();
const record = (row: string, column: string, outcome: string) => {
  const cells = table.get(row) ?? new Map<string, string>();
  cells.set(column, outcome);
  table.set(row, cells);
};

/** The examples a column may have, in the order they run, with the row each reports in. */
const EXAMPLE_ROWS = [
  ['simple example', 'simple'],
  ['advanced example', 'advanced'],
  ['semantic search', 'semanticSearch'],
  ['throwaway clone', 'throwawayClone'],
] as const;

for (const column of columns) {
  for (const [row, key] of EXAMPLE_ROWS) {
    const example = column[key];
    if (example) record(row, column.name, await new Reporter(example.title).run((r) => example.run(r, url)));
  }
  const openKit = column.openKit;
  if (!openKit) continue;
  for (const scenario of scenarios) {
    const title = `${column.name}: ${scenario.name}`;
    const outcome = await new Reporter(title).run((report) =>
      scenario.run({ report, url, openKit, admin, suffix: uniqueSuffix() }),
    );
    record(scenario.name, column.name, outcome);
  }
}
await admin.close();

const header = ['', ...columns.map((column) => column.name)];
const rows = [...table].map(([name, cells]) => [
  name,
  ...columns.map((column) => cells.get(column.name) ?? NOT_APPLICABLE),
]);
const widths = header.map((_, index) =>
  Math.max(...[header, ...rows].map((row) => (row[index] ?? '').length)),
);
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join(' | ')} |`;
console.log(`\n${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));

const failed = rows.flatMap((row) => row.slice(1)).filter((cell) => cell === Outcome.Failed).length;
console.log(failed === 0 ? '\nExample suite: no failures.' : `\nExample suite: ${failed} failed.`);
process.exitCode = failed === 0 ? 0 : 1;
