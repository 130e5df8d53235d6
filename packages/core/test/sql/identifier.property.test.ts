import { testServer, useTestDatabase } from '@matrixone/test-server';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import { IdentifierKind, quoteIdentifier, quoteTable } from '../../src/sql/identifier.js';
import { RECORDED_AWKWARD_NAMES, astralText, bmpText } from './injection-arbitraries.js';

/**
 * Every generated name is either refused with InvalidInputError or, quoted by the identifier module, reaches
 * the real server as exactly that name: one statement, one result set, the canary table untouched. The
 * connection allows multiple statements, so a quoting mistake would run the injected statement.
 */
const db = useTestDatabase();
const CANARY_ROWS = 3;
let connection: mysql.Connection;

async function canaryRows(): Promise<number> {
  const [rows] = await db.inspect.query('SELECT COUNT(*) AS n FROM canary');
  return Number((rows as Array<{ n: number }>)[0]?.n);
}

/** Runs one statement and returns its single result set; fails when the text held more than one statement. */
async function singleResult(
  sql: string,
  values: unknown[] = [],
): Promise<{ rows: unknown[][]; columns: string[] }> {
  const [rows, fields] = await connection.query({ sql, rowsAsArray: true }, values);
  const columns = (fields ?? []).map((field) => field.name);
  expect(columns.every((column) => typeof column === 'string')).toBe(true);
  return { rows: rows as unknown[][], columns };
}

/**
 * MariaDB drops leading spaces and ASCII control characters from a column alias (and only from aliases: tables
 * and columns keep them, which the table test below checks), so that is the name an alias reads back as.
 */
function mariadbAlias(name: string): string {
  let start = 0;
  while (start < name.length && (name.charCodeAt(start) <= 0x20 || name.charCodeAt(start) === 0x7f))
    start += 1;
  return name.slice(start);
}

/** MariaDB's identifier length limit; the SDK's table limit is MatrixOne's (5000 characters). */
const MARIADB_NAME_LIMIT = 64;
/** How MariaDB refuses a table name over its limit: "Identifier name too long" or "Incorrect table name". */
const MARIADB_TOO_LONG = [1059, 1103];
/** "Can't create table … File name too long": the name fits, but its encoded file name does not. */
const MARIADB_FILE_NAME_TOO_LONG = 1005;

/** The (table, column) pairs of the test database, the canary table left out. */
async function tablesBesidesCanary(): Promise<unknown[][]> {
  const { rows } = await singleResult(
    'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ? AND table_name <> ?',
    [db.name, 'canary'],
  );
  return rows;
}

function quotedOrRefused(name: string, kind: IdentifierKind): string | undefined {
  try {
    return quoteIdentifier(name, kind);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return undefined;
  }
}

beforeAll(async () => {
  connection = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  await db.inspect.query('CREATE TABLE canary (id INT PRIMARY KEY)');
  await db.inspect.query('INSERT INTO canary VALUES (1), (2), (3)');
});

afterAll(async () => {
  await connection.end();
});

// MatrixOne lower-cases table names (lower_case_table_names = 1, docs/matrixone-facts.md#names), and how it
// returns column aliases
// with control, astral or upper-case characters is not recorded: these exact-name checks are MariaDB/MySQL ones.
describe.skipIf(testServer().flavor === 'matrixone')('quoted identifiers on the real server', () => {
  it('10,000 generated names are refused or come back as the one column alias of one result set', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bmpText(80), async (name) => {
        const quoted = quotedOrRefused(name, IdentifierKind.Column);
        if (quoted === undefined) return;
        accepted += 1;
        const result = await singleResult(`SELECT 1 AS ${quoted}`);
        expect(result).toEqual({ rows: [[1]], columns: [mariadbAlias(name)] });
      }),
      { numRuns: 10_000, examples: RECORDED_AWKWARD_NAMES.map((name): [string] => [name]) },
    );
    expect(accepted).toBeGreaterThan(1000);
    expect(await canaryRows()).toBe(CANARY_ROWS);
  });

  it('500 generated table and column names are refused or create exactly that table and column', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(bmpText(70), bmpText(70), async (table, column) => {
        const quotedTable = quotedOrRefused(table, IdentifierKind.Table);
        const quotedColumn = quotedOrRefused(column, IdentifierKind.Column);
        if (quotedTable === undefined || quotedColumn === undefined || table === 'canary') return;
        const qualified = quoteTable({ database: db.name, table });
        const outcome = await singleResult(`CREATE TABLE ${qualified} (${quotedColumn} INT)`).catch(
          (error: { errno?: number }) => error,
        );
        if ('errno' in outcome) {
          // MariaDB's own refusal of a long name: over its 64-character limit (the SDK allows MatrixOne's
          // 5000), or a file name too long once it encodes the name's special characters. Nothing is created.
          if ([...table].length > MARIADB_NAME_LIMIT) expect(MARIADB_TOO_LONG).toContain(outcome.errno);
          else expect(outcome.errno).toBe(MARIADB_FILE_NAME_TOO_LONG);
          expect(await tablesBesidesCanary()).toEqual([]);
          return;
        }
        expect([...table].length).toBeLessThanOrEqual(MARIADB_NAME_LIMIT);
        created += 1;
        try {
          expect(await tablesBesidesCanary()).toEqual([[table, column]]);
        } finally {
          await singleResult(`DROP TABLE ${qualified}`);
        }
      }),
      {
        numRuns: 500,
        examples: [
          ['nZtb|sE\ufeff\ufc59', 'current_date'] as [string, string],
          ...RECORDED_AWKWARD_NAMES.map((name): [string, string] => [name, name]),
        ],
      },
    );
    expect(created).toBeGreaterThan(100);
    expect(await canaryRows()).toBe(CANARY_ROWS);
  });

  it('names outside the Basic Multilingual Plane never change a statement: refused by the SDK or the server, or exact', async () => {
    // MariaDB and MySQL refuse 4-byte characters in identifiers (errno 1300, "Invalid utf8mb4 character
    // string"); the identifier module accepts them, as MatrixOne's rules do not exclude them
    // (docs/matrixone-facts.md#names).
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(astralText(), async (name) => {
        const quoted = quotedOrRefused(name, IdentifierKind.Column);
        if (quoted === undefined) return;
        accepted += 1;
        const outcome = await singleResult(`SELECT 1 AS ${quoted}`).catch(
          (error: { errno?: number }) => error,
        );
        if ('errno' in outcome) expect(outcome.errno).toBe(1300);
        else expect(outcome).toEqual({ rows: [[1]], columns: [name] });
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(250);
    expect(await canaryRows()).toBe(CANARY_ROWS);
  });
});
