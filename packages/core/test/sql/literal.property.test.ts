import { useTestDatabase } from '@matrixone/test-server';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import { integerLiteral, quoteString } from '../../src/sql/literal.js';
import { anyText } from './injection-arbitraries.js';

/**
 * Every generated value is either refused with InvalidInputError or, written as a literal by the literal
 * module, reads back from the real server as exactly that value in one result set, the canary untouched.
 * Connections allow multiple statements, so a quoting mistake would run the injected statement.
 */
const db = useTestDatabase();
const CANARY_ROWS = 3;
let connection: mysql.Connection;
let noBackslashEscapes: mysql.Connection;

/** Literals recorded in MatrixOne's cases and classic breakers. */
const LITERAL_EXAMPLES = [
  "it's",
  'a\\b',
  '\\',
  "\\'",
  "''",
  "'; DELETE FROM canary; --",
  '--',
  '/*',
  '',
  'publish to acc01',
];

async function canaryRows(): Promise<number> {
  const [rows] = await db.inspect.query('SELECT COUNT(*) AS n FROM canary');
  return Number((rows as Array<{ n: number }>)[0]?.n);
}

async function selectLiteral(
  on: mysql.Connection,
  literal: string,
): Promise<{ rows: unknown[][]; columns: unknown[] }> {
  const [rows, fields] = await on.query({ sql: `SELECT ${literal} AS v`, rowsAsArray: true });
  return { rows: rows as unknown[][], columns: (fields ?? []).map((field) => field.name) };
}

function literalOrRefused(value: string): string | undefined {
  try {
    return quoteString(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return undefined;
  }
}

beforeAll(async () => {
  connection = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  noBackslashEscapes = await mysql.createConnection({ uri: db.url, multipleStatements: true });
  await noBackslashEscapes.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
  await db.inspect.query('CREATE TABLE canary (id INT PRIMARY KEY)');
  await db.inspect.query('INSERT INTO canary VALUES (1), (2), (3)');
});

afterAll(async () => {
  await connection.end();
  await noBackslashEscapes.end();
});

describe('string literals on the real server', () => {
  it('10,000 generated values are refused or read back exactly', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anyText(200), async (value) => {
        const literal = literalOrRefused(value);
        if (literal === undefined) return;
        accepted += 1;
        expect(await selectLiteral(connection, literal)).toEqual({ rows: [[value]], columns: ['v'] });
      }),
      { numRuns: 10_000, examples: LITERAL_EXAMPLES.map((value): [string] => [value]) },
    );
    expect(accepted).toBeGreaterThan(5000);
    expect(await canaryRows()).toBe(CANARY_ROWS);
  });

  it('under NO_BACKSLASH_ESCAPES a literal stays one value (its backslashes arrive doubled)', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(anyText(100), async (value) => {
        const literal = literalOrRefused(value);
        if (literal === undefined) return;
        accepted += 1;
        expect(await selectLiteral(noBackslashEscapes, literal)).toEqual({
          rows: [[value.replaceAll('\\', '\\\\')]],
          columns: ['v'],
        });
      }),
      { numRuns: 2_000, examples: LITERAL_EXAMPLES.map((value): [string] => [value]) },
    );
    expect(accepted).toBeGreaterThan(1000);
    expect(await canaryRows()).toBe(CANARY_ROWS);
  });

  it('rejects values that are not strings', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== 'string'),
        (value) => {
          expect(() => quoteString(value)).toThrow(InvalidInputError);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('integer literals on the real server', () => {
  const range = { min: 0, max: Number.MAX_SAFE_INTEGER };

  it('generated inputs are refused or read back as the same integer', async () => {
    const inputs = fc.oneof(
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double(),
      fc.anything(),
      fc.constantFrom('1; DELETE FROM canary', '1 OR 1=1', -1, 1e21, Number.MAX_SAFE_INTEGER + 2),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(inputs, async (value) => {
        let literal: string;
        try {
          literal = integerLiteral(value, 'value', range);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          return;
        }
        expect(literal).toMatch(/^\d+$/);
        const { rows } = await selectLiteral(connection, literal);
        expect(rows).toHaveLength(1);
        expect(Number(rows[0]?.[0]) === value).toBe(true);
        accepted += 1;
      }),
      { numRuns: 2_000 },
    );
    // About one input in five is a non-negative safe integer (~400 of 2,000 runs); far fewer means the server
    // check barely ran.
    expect(accepted).toBeGreaterThan(250);
    expect(await canaryRows()).toBe(CANARY_ROWS);
  });
});
