/**
 * Live suite for hostile names on a real MatrixOne (MATRIXONE_URL, logged in as a `sys` administrator): for every
 * kind of MatrixOne name (database, table, snapshot, PITR, publication, account, user, role, data branch), each
 * awkward name is either refused by the SDK before any statement for it is sent, or created and read back from the
 * server as exactly that name (lower-cased, as MatrixOne stores every kind of name here). What MariaDB cannot show:
 * MatrixOne reads backslash escapes in names it copies into its own catalog SQL, and cuts long snapshot names.
 * Everything created is dropped right after its check, and again after the suite even when a check failed.
 */
import { randomBytes } from 'node:crypto';
import {
  IdentifierKind,
  InvalidInputError,
  type PooledClient,
  createClient,
  quoteIdentifier,
} from '@matrixone/core';
import { testServer } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp } from './clean-up.js';
import { sqlSentDuring } from './sql-sent.js';

describe.skipIf(testServer().flavor !== 'matrixone')('hostile names on MatrixOne (live)', () => {
  const suffix = randomBytes(4).toString('hex');
  const base = `h3_names_${suffix}`;
  const password = `H3-pw-${randomBytes(6).toString('hex')}`;
  /** `h3<suffix>` padded with `x` to `length` characters. */
  const ofLength = (length: number): string => `h3${suffix}`.padEnd(length, 'x');
  /** Awkward names, each unique to this run. */
  const NAMES = [
    `h3${suffix}a\\bs`,
    `h3${suffix}a\\\\b`,
    `h3${suffix}end\\`,
    `H3${suffix}Mixed_Case`,
    `h3${suffix}$$$`,
    `h3${suffix}-0192fbbb-bfb0`,
    `h3${suffix}a\`b`,
    `h3${suffix}a'b`,
    `h3${suffix}a"b`,
    `h3${suffix}a b`,
    `h3${suffix}é中`,
    `h3${suffix}'; DROP DATABASE ${base}; --`,
    ofLength(64),
    ofLength(65),
    ofLength(67),
    ofLength(101),
  ];
  /** Account creation is slow: a refused name, a quoted one, and the accepted shapes. */
  const ACCOUNT_NAMES = [`h3${suffix}a\\bs`, `h3${suffix}a'b`, `H3${suffix}Mixed_Case`, ofLength(67)];
  let client: PooledClient;
  const leftovers: (() => Promise<unknown>)[] = [];

  /** The statements whose text names `name`, sent while `action` ran (version probes and the like are left out). */
  async function statementsNaming(name: string, action: () => Promise<unknown>): Promise<string[]> {
    const sent = await sqlSentDuring(client, action);
    return sent.filter((sql) => sql.includes(name) || sql.includes(name.toLowerCase()));
  }

  /**
   * Creates `name` with `create`; a refusal must be InvalidInputError with no statement sent for it; otherwise
   * `readBack` must find exactly the lower-cased name, and `drop` removes it at once (and after the suite).
   */
  async function check(
    name: string,
    create: () => Promise<unknown>,
    readBack: () => Promise<readonly string[]>,
    drop: () => Promise<unknown>,
  ): Promise<'refused' | 'exact'> {
    let error: unknown;
    const sent = await statementsNaming(name, () =>
      create().catch((caught: unknown) => {
        error = caught;
      }),
    );
    if (error instanceof InvalidInputError) {
      expect(sent, `${name}: refused, yet sent`).toEqual([]);
      return 'refused';
    }
    leftovers.push(drop);
    let checked = false;
    try {
      expect(error, `${name}: the server refused a name the SDK accepted`).toBeUndefined();
      expect(await readBack(), name).toContain(name.toLowerCase());
      checked = true;
      return 'exact';
    } finally {
      // A failing drop must not hide the failed check above; after a passing check it fails the test (afterAll
      // retries it through `leftovers` either way).
      await drop().catch((dropError: unknown) => {
        if (checked) throw dropError;
      });
    }
  }

  /** Checks every name of `names` and returns how many were refused and how many came back exact. */
  async function checkAll(
    names: readonly string[],
    attempt: (name: string) => Promise<'refused' | 'exact'>,
  ): Promise<Record<'refused' | 'exact', number>> {
    const counts = { refused: 0, exact: 0 };
    for (const name of names) counts[await attempt(name)] += 1;
    return counts;
  }

  const databases = async (): Promise<string[]> =>
    (await client.query<{ Database: string }>('SHOW DATABASES')).map((row) => row.Database);
  const tables = async (): Promise<string[]> =>
    (await client.query<Record<string, string>>(`SHOW TABLES FROM \`${base}\``)).map(
      (row) => Object.values(row)[0] ?? '',
    );

  beforeAll(async () => {
    client = createClient(testServer().url);
    await client.execute(`CREATE DATABASE \`${base}\``);
    await client.execute(`CREATE TABLE \`${base}\`.\`src\` (id INT PRIMARY KEY)`);
    await client.execute(`INSERT INTO \`${base}\`.\`src\` VALUES (1), (2)`);
  });

  afterAll(async () => {
    await cleanUp([
      ...leftovers.map((drop) => () => drop().catch(() => undefined)),
      () => client.execute(`DROP DATABASE IF EXISTS \`${base}\``),
      () => client.close(),
    ]);
  });

  it('database names: refused, or exactly that database (a 67-character one included)', async () => {
    const outcomes = new Map<string, string>();
    for (const name of NAMES) {
      const quoted = (): string => quoteIdentifier(name, IdentifierKind.Database);
      outcomes.set(
        name,
        await check(
          name,
          () => client.execute(`CREATE DATABASE ${quoted()}`),
          databases,
          () => client.execute(`DROP DATABASE IF EXISTS ${quoted()}`),
        ),
      );
    }
    expect(outcomes.get(ofLength(67))).toBe('exact');
    expect(outcomes.get(`h3${suffix}a\\bs`)).toBe('refused');
  });

  it('table names: refused, or exactly that table', async () => {
    const counts = await checkAll(NAMES, (name) => {
      const table = `\`${base}\`.${quoteIdentifier(name, IdentifierKind.Table)}`;
      return check(
        name,
        () => client.execute(`CREATE TABLE ${table} (id INT)`),
        tables,
        () => client.execute(`DROP TABLE IF EXISTS ${table}`),
      );
    });
    expect(counts.exact).toBeGreaterThanOrEqual(8);
  });

  it('snapshot names: a backslash or more than 64 characters is refused; the rest come back exact', async () => {
    const outcomes = new Map<string, string>();
    for (const name of NAMES) {
      outcomes.set(
        name,
        await check(
          name,
          () => client.snapshots.create({ name, level: 'database', database: base }),
          async () => [(await client.snapshots.get(name)).name],
          () => client.snapshots.drop(name, { ifExists: true }),
        ),
      );
    }
    expect(outcomes.get(`h3${suffix}a\\bs`)).toBe('refused');
    expect(outcomes.get(ofLength(65))).toBe('refused');
    expect(outcomes.get(ofLength(64))).toBe('exact');
    expect(outcomes.get(`H3${suffix}Mixed_Case`)).toBe('exact');
  });

  it('PITR names: a backslash is refused; the rest come back exact', async () => {
    const counts = await checkAll(NAMES, (name) =>
      check(
        name,
        () => client.pitr.create({ name, level: 'database', database: base, range: { value: 1, unit: 'd' } }),
        async () => [(await client.pitr.get(name)).name],
        () => client.pitr.drop(name, { ifExists: true }),
      ),
    );
    expect(counts.exact).toBeGreaterThanOrEqual(4);
    expect(counts.refused).toBeGreaterThanOrEqual(3);
  });

  it('publication names: refused, or exactly that publication', async () => {
    const counts = await checkAll(NAMES, (name) =>
      check(
        name,
        () => client.publications.create({ name, database: base, accounts: 'all' }),
        async () => (await client.publications.list()).map((publication) => publication.name),
        () => client.publications.drop({ name, ifExists: true }),
      ),
    );
    expect(counts.exact).toBeGreaterThanOrEqual(4);
  });

  it('user names: refused, or exactly that user', async () => {
    const counts = await checkAll(NAMES, (name) =>
      check(
        name,
        () => client.accounts.createUser({ name, password }),
        async () => (await client.accounts.listUsers()).map((user) => user.name),
        () => client.accounts.dropUser({ name, ifExists: true }),
      ),
    );
    expect(counts.exact).toBeGreaterThanOrEqual(4);
  });

  it('role names: refused (over 100 characters too), or exactly that role', async () => {
    const outcomes = new Map<string, string>();
    for (const name of NAMES) {
      outcomes.set(
        name,
        await check(
          name,
          () => client.accounts.createRole({ name }),
          async () => (await client.accounts.listRoles()).map((role) => role.name),
          () => client.accounts.dropRole({ name, ifExists: true }),
        ),
      );
    }
    expect(outcomes.get(ofLength(101))).toBe('refused');
    expect(outcomes.get(ofLength(67))).toBe('exact');
  });

  it('account names: refused, or exactly that account', async () => {
    const counts = await checkAll(ACCOUNT_NAMES, (name) =>
      check(
        name,
        () => client.accounts.createAccount({ name, adminName: 'h3_admin', password }),
        async () => (await client.accounts.listAccounts()).map((account) => account.name),
        () => client.accounts.dropAccount({ name, ifExists: true }),
      ),
    );
    expect(counts).toEqual({ refused: 2, exact: 2 });
    // CREATE ACCOUNT builds a whole tenant catalog: seconds each, more than the default 60 s for two of them.
  }, 300_000);

  it('data branch tables: refused, or a branch table of exactly that name', async () => {
    const counts = await checkAll(NAMES, (name) =>
      check(
        name,
        () =>
          client.branches.createTable({
            database: base,
            table: name,
            from: { database: base, table: 'src' },
          }),
        tables,
        // A branch table is removed with DATA BRANCH DELETE TABLE (the statement MatrixOne's grammar, `branch_stmt`, gives for it), which also
        // ends its lineage; a plain DROP TABLE is left to the database drop in afterAll.
        () => client.branches.deleteTable({ database: base, table: name }),
      ),
    );
    expect(counts.exact).toBeGreaterThanOrEqual(8);
  });
});
