/**
 * Registers an ORM's compatibility suite with vitest: every feature of {@link COMPAT_FEATURES} the ORM implements,
 * run through the ORM's own API once `matrixone(orm)` ran, on each target the run can reach — plain MariaDB and
 * MariaDB behind the fault proxy answering statements and catalog queries like MatrixOne 4.2.0, insert ids
 * included (the adapter told it talks to MatrixOne), or a
 * real MatrixOne when MATRIXONE_URL is set — each outcome asserted against what the ORM's suite expects there.
 * A last test compares what the run observed with docs/adapters/compat/<orm>.json and the guide's table, and
 * fails when they are stale; with COMPAT_WRITE=1, and always on a live MatrixOne, it writes them instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type FaultProxy,
  type TestDatabase,
  answerCatalogLikeMatrixOne,
  answerOrmStatementsLikeMatrixOne,
  startFaultProxy,
  testServer,
  useTestDatabase,
} from '@matrixone/test-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyFailure } from './compat-failure.js';
import { COMPAT_FEATURES, type CompatFeatureId } from './compat-features.js';
import { guideTexts, writeGuideTable } from './compat-guide.js';
import type { CompatOutcome } from './compat-outcome.js';
import {
  COMPAT_TARGETS,
  type CompatResults,
  type CompatRow,
  type CompatTarget,
  type CompatTargetResults,
  readResults,
  resultsPath,
  writeResults,
} from './compat-results.js';
import { COMPAT_KEY_COLUMNS, COMPAT_TABLES_SQL, CompatTables } from './compat-tables.js';

/**
 * What a feature is expected to do per target. `emulated` defaults to `matrixone`: give it when the emulation
 * cannot show the behaviour (`notEmulated(…)`, then nothing runs there) or shows it differently.
 */
export interface CompatExpectations {
  readonly mariadb: CompatOutcome;
  readonly matrixone: CompatOutcome;
  readonly emulated?: CompatOutcome;
}

/** One feature implemented with an ORM's own API. */
export interface CompatFeatureRun<Session> {
  /** The ORM call the row shows (markdown). */
  readonly api: string;
  /** An ORM-specific caveat appended to the feature's "what is patched and why". */
  readonly caveat?: string;
  readonly expected: CompatExpectations;
  /**
   * Runs the feature on a session whose tables were just emptied and classifies what happened. An error it throws
   * is classified by the suite: `refused` for the SDK's refusal before sending, else `fails` naming the error.
   */
  run(session: Session, tables: CompatTables): Promise<CompatOutcome>;
}

/** An ORM's side of the compatibility suite. */
export interface CompatDriver<Session> {
  /** Key of the results file and guide: `knex` → docs/adapters/compat/knex.json, docs/adapters/knex.md. */
  readonly orm: string;
  /** The ORM's name in prose. */
  readonly ormName: string;
  /** The ORM's npm package, whose installed version the results record. */
  readonly ormPackage: string;
  /** The adapter package's folder (the ORM is installed in its node_modules). */
  readonly packageDir: string;
  /**
   * Opens the ORM on `url` for `target` and sets the adapter up with `matrixone(orm, adapterOptions(target))`
   * (on the emulated target the adapter must be told it talks to MatrixOne; elsewhere it detects the server).
   */
  open(url: string, target: CompatTarget): Promise<Session>;
  close(session: Session): Promise<void>;
  readonly features: { readonly [Id in CompatFeatureId]?: CompatFeatureRun<Session> };
}

/** The adapter options for `target`: the emulated target's server must be named, the others are detected. */
export function adapterOptions(target: CompatTarget): { serverFlavor?: 'matrixone' } {
  return target === 'matrixone-emulated' ? { serverFlavor: 'matrixone' } : {};
}

const TARGET_TITLES: Record<CompatTarget, string> = {
  mariadb: 'MariaDB',
  'matrixone-emulated': 'MariaDB answering like MatrixOne 4.2.0 (fault proxy)',
  matrixone: 'a real MatrixOne (MATRIXONE_URL)',
};

/** The targets a run on `flavor` reaches; none on a MySQL server (the expectations are MariaDB's). */
function reachableTargets(flavor: string): readonly CompatTarget[] {
  if (flavor === 'matrixone') return ['matrixone'];
  if (flavor === 'mariadb') return ['mariadb', 'matrixone-emulated'];
  return [];
}

function expectedOn(expected: CompatExpectations, target: CompatTarget): CompatOutcome {
  if (target === 'mariadb') return expected.mariadb;
  if (target === 'matrixone-emulated') return expected.emulated ?? expected.matrixone;
  return expected.matrixone;
}

function installedVersion(packageDir: string, name: string): string {
  const manifest = readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

function serverDescription(target: CompatTarget, version: string): string {
  return target === 'matrixone-emulated'
    ? `${version} behind the fault proxy answering like MatrixOne 4.2.0`
    : version;
}

/** A feature an ORM implements, with its shared description. */
interface ImplementedFeature<Session> {
  readonly info: (typeof COMPAT_FEATURES)[number];
  readonly run: CompatFeatureRun<Session>;
}

/** What the tests of one target need. */
interface TargetContext<Session> {
  readonly driver: CompatDriver<Session>;
  readonly db: TestDatabase;
  readonly tables: CompatTables;
  readonly implemented: readonly ImplementedFeature<Session>[];
  readonly target: CompatTarget;
  /** Where each feature's outcome is kept for the results test. */
  readonly observed: Map<string, CompatOutcome>;
}

/** Opens the ORM on `target` and registers one test per feature (none for a feature the emulation cannot show). */
function registerTarget<Session>({
  driver,
  db,
  tables,
  implemented,
  target,
  observed,
}: TargetContext<Session>): void {
  const state: { session?: Session; proxy?: FaultProxy } = {};
  beforeAll(async () => {
    let url = db.url;
    if (target === 'matrixone-emulated') {
      state.proxy = await startFaultProxy(db.url, { lastInsertId: {} });
      answerOrmStatementsLikeMatrixOne(state.proxy, COMPAT_KEY_COLUMNS);
      answerCatalogLikeMatrixOne(state.proxy);
      url = state.proxy.url;
    }
    state.session = await driver.open(url, target);
  });
  beforeEach(async () => {
    await tables.clear();
  });
  afterAll(async () => {
    if (state.session !== undefined) await driver.close(state.session);
    await state.proxy?.close();
  });

  for (const { info, run } of implemented) {
    const expected = expectedOn(run.expected, target);
    if (expected.kind === 'not-emulated') {
      // Recorded, not run: the emulation cannot show it.
      observed.set(info.id, expected);
      continue;
    }
    it(`${info.id}: ${run.api}`, async () => {
      const session = state.session;
      if (session === undefined) throw new Error(`${driver.ormName} did not open`);
      const outcome = await run.run(session, tables).catch(classifyFailure);
      observed.set(info.id, outcome);
      expect(outcome).toEqual(expected);
    });
  }
}

/**
 * Registers the suite. Call it once, at the top level of the adapter's `test/compat.test.ts`; it gives the file
 * its own database and creates the suite's tables there.
 *
 * @example
 * runCompatSuite({ orm: 'knex', ormName: 'Knex', ormPackage: 'knex', packageDir, open, close, features });
 */
export function runCompatSuite<Session>(driver: CompatDriver<Session>): void {
  const db = useTestDatabase();
  const server = testServer();
  const reachable = reachableTargets(server.flavor);
  const write = process.env.COMPAT_WRITE === '1' || server.flavor === 'matrixone';
  const tables = new CompatTables(() => db.inspect);
  const implemented = COMPAT_FEATURES.flatMap((info) => {
    const run = driver.features[info.id] as CompatFeatureRun<Session> | undefined;
    return run ? [{ info, run }] : [];
  });
  const rows: CompatRow[] = implemented.map(({ info, run }) => ({
    id: info.id,
    feature: `${info.title} — ${run.api}`,
    patched: run.caveat ? `${info.patched}. ${driver.ormName}: ${run.caveat}` : info.patched,
  }));
  const observed = new Map<CompatTarget, Map<string, CompatOutcome>>(
    COMPAT_TARGETS.map((target) => [target, new Map()]),
  );
  const observedOn = (target: CompatTarget): Map<string, CompatOutcome> => {
    const outcomes = observed.get(target);
    if (!outcomes) throw new Error(`no outcomes kept for ${target}`);
    return outcomes;
  };

  describe(`${driver.ormName} compatibility`, () => {
    beforeAll(async () => {
      for (const statement of COMPAT_TABLES_SQL) await db.inspect.query(statement);
    });

    for (const target of COMPAT_TARGETS) {
      describe.skipIf(!reachable.includes(target))(`on ${TARGET_TITLES[target]}`, () => {
        registerTarget({ driver, db, tables, implemented, target, observed: observedOn(target) });
      });
    }

    describe('results', () => {
      it(`docs/adapters/compat/${driver.orm}.json and the guide's table match this run`, (context) => {
        // A run filtered to some features (vitest -t) leaves a target incomplete: nothing to compare or write.
        const complete = reachable.filter((target) => observedOn(target).size === implemented.length);
        if (complete.length === 0) context.skip();
        const ormVersion = installedVersion(driver.packageDir, driver.ormPackage);
        const fresh: Partial<Record<CompatTarget, CompatTargetResults>> = {};
        for (const target of complete) {
          fresh[target] = {
            ormVersion,
            server: serverDescription(target, server.version),
            date: new Date().toISOString().slice(0, 10),
            // In table order, whatever order the outcomes came in (complete: every feature has one).
            outcomes: Object.fromEntries(
              implemented.flatMap(({ info }) => {
                const outcome = observedOn(target).get(info.id);
                return outcome ? [[info.id, outcome]] : [];
              }),
            ),
          };
        }
        const committed = readResults(driver.orm);
        if (write) {
          const next: CompatResults = {
            orm: driver.orm,
            ormName: driver.ormName,
            rows,
            targets: { ...committed?.targets, ...fresh },
          };
          writeResults(next);
          writeGuideTable(next);
          expect(readResults(driver.orm)).toEqual(next);
          return;
        }
        const stale = `stale: run \`pnpm compat:write\` to rewrite ${resultsPath(driver.orm)} and the guide's table`;
        expect(committed, stale).toBeDefined();
        if (!committed) return;
        expect(committed.rows, stale).toEqual(rows);
        for (const target of complete) {
          expect(committed.targets[target]?.ormVersion, stale).toBe(ormVersion);
          expect(committed.targets[target]?.outcomes, stale).toEqual(fresh[target]?.outcomes);
        }
        const { current, rendered } = guideTexts(committed);
        expect(current, stale).toBe(rendered);
      });
    });
  });
}
