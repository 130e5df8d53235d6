import { testServer, useTestDatabase } from '@matrixone/test-server';
import fc from 'fast-check';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import {
  createRoleStatement,
  createUserStatement,
  dropRoleStatement,
  dropUserStatement,
} from '../../src/managers/accounts/account-statements.js';
import { BREAKER_PIECES, RECORDED_AWKWARD_NAMES, anyText, bmpText } from '../sql/injection-arbitraries.js';
import { BENIGN, BUILDER_CASES, type BuilderCase } from './builder-cases.js';

/**
 * Generated names and values through every manager builder: each is refused with InvalidInputError, or the
 * statement differs from the one built with a benign value only inside the quoted token (or bound value) that
 * carries it, and that token reads back as the value. Where MariaDB can run the statement (roles, users,
 * passwords), it runs on a connection that allows several statements per call, and must run as exactly one
 * statement, create exactly that name, and leave the canary table alone.
 */
const db = useTestDatabase();
const GENERATED = 10_000;

/** A piece of SQL text: plain text, a back-quoted identifier, or a single-quoted string, quoted parts decoded. */
type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'identifier' | 'string'; readonly value: string };

/** Splits SQL the way a MySQL-family parser reads quotes: `` ` `` doubles, `'` doubles or backslash-escapes. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let index = 0;
  const quoted = (quote: string, backslash: boolean): string => {
    let value = '';
    index += 1;
    for (;;) {
      if (index >= sql.length) throw new Error(`unterminated ${quote} in ${sql}`);
      const char = sql.charAt(index);
      if (backslash && char === '\\') {
        value += sql.charAt(index + 1);
        index += 2;
      } else if (char === quote && sql.charAt(index + 1) === quote) {
        value += quote;
        index += 2;
      } else if (char === quote) {
        index += 1;
        return value;
      } else {
        value += char;
        index += 1;
      }
    }
  };
  while (index < sql.length) {
    const char = sql.charAt(index);
    if (char === '`' || char === "'") {
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      const kind = char === '`' ? 'identifier' : 'string';
      tokens.push({ kind, value: quoted(char, kind === 'string') });
    } else {
      text += char;
      index += 1;
    }
  }
  if (text) tokens.push({ kind: 'text', text });
  return tokens;
}

/** Why the statement built with `value` is not the benign one with only that value swapped in; `undefined` if it is. */
function difference(builder: BuilderCase, value: string): string | undefined | 'refused' {
  let hostile: ReturnType<BuilderCase['build']>;
  try {
    hostile = builder.build(value);
  } catch (error) {
    return error instanceof InvalidInputError ? 'refused' : `threw ${String(error)}`;
  }
  const benignValue = builder.benign ?? BENIGN;
  const benign = builder.build(benignValue);
  const actual = tokenize(hostile.sql);
  const expected = tokenize(benign.sql);
  if (actual.length !== expected.length)
    return `token count ${actual.length} ≠ ${expected.length}: ${hostile.sql}`;
  for (const [index, want] of expected.entries()) {
    const got = actual[index];
    if (got === undefined) return `token ${index} missing`;
    const carriesValue = want.kind !== 'text' && want.value.toLowerCase() === benignValue.toLowerCase();
    if (carriesValue) {
      if (got.kind !== want.kind || (got.value !== value && got.value !== value.toLowerCase())) {
        return `token ${index} reads back as ${JSON.stringify(got)}: ${hostile.sql}`;
      }
    } else if (JSON.stringify(got) !== JSON.stringify(want)) {
      return `token ${index} changed from ${JSON.stringify(want)} to ${JSON.stringify(got)}: ${hostile.sql}`;
    }
  }
  const expectedValues = (benign.values ?? []).map((bound) => (bound === benignValue ? value : bound));
  if (JSON.stringify(hostile.values ?? []) !== JSON.stringify(expectedValues)) return 'bound values differ';
  return undefined;
}

describe('every manager builder under generated input', () => {
  it(`${GENERATED.toLocaleString('en')} generated values through ${BUILDER_CASES.length} builder positions: refused or exactly in place`, () => {
    let accepted = 0;
    let refused = 0;
    const started = performance.now();
    fc.assert(
      fc.property(fc.oneof(bmpText(80), anyText(300)), (value) => {
        for (const builder of BUILDER_CASES) {
          const outcome = difference(builder, value);
          if (outcome === 'refused') refused += 1;
          else if (outcome === undefined) accepted += 1;
          else throw new Error(`${builder.label}: ${outcome}`);
        }
      }),
      {
        numRuns: GENERATED,
        examples: [...RECORDED_AWKWARD_NAMES, ...BREAKER_PIECES].map((value): [string] => [value]),
      },
    );
    expect(accepted).toBeGreaterThan(GENERATED);
    expect(refused).toBeGreaterThan(GENERATED);
    console.log(
      `[reliability] hostile input: ${GENERATED} generated values × ${BUILDER_CASES.length} builder positions = ` +
        `${accepted + refused} statements built in ${Math.round(performance.now() - started)} ms: ` +
        `${refused} refused with InvalidInputError, ${accepted} with the value exactly in its quoted token or bound value, 0 other`,
    );
  });
});

describe.skipIf(testServer().flavor !== 'mariadb')(
  'builders that MariaDB can run, on a multi-statement connection',
  () => {
    let connection: mysql.Connection;
    const CANARY_ROWS = 3;

    /** Runs built SQL; fails when it ran as more than one statement. */
    async function runOne(sql: string): Promise<void> {
      const [result] = await connection.query(sql);
      expect(Array.isArray(result)).toBe(false);
    }

    async function canaryRows(): Promise<number> {
      const [rows] = await db.inspect.query('SELECT COUNT(*) AS n FROM canary');
      return Number((rows as Array<{ n: number }>)[0]?.n);
    }

    beforeAll(async () => {
      connection = await mysql.createConnection({ uri: db.url, multipleStatements: true });
      await db.inspect.query('CREATE TABLE canary (id INT PRIMARY KEY)');
      await db.inspect.query('INSERT INTO canary VALUES (1), (2), (3)');
    });
    afterAll(async () => {
      await connection.end();
    });

    it('300 generated role names: refused, refused by the server, or exactly one role of exactly that name', async () => {
      let created = 0;
      await fc.assert(
        fc.asyncProperty(bmpText(60), async (name) => {
          let sql: string;
          try {
            sql = createRoleStatement({ name }).sql;
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError);
            return;
          }
          const refusal = await runOne(sql).then(
            () => undefined,
            (error: { errno?: number }) => error,
          );
          if (refusal !== undefined) {
            // The server's own refusal (invalid or reserved role name), never a syntax error.
            expect(refusal.errno).not.toBe(1064);
            return;
          }
          created += 1;
          const [roles] = await db.inspect.query("SELECT User AS name FROM mysql.user WHERE is_role = 'Y'");
          expect((roles as Array<{ name: string }>).map((role) => role.name)).toEqual([name]);
          await runOne(dropRoleStatement({ name }).sql);
        }),
        { numRuns: 300, examples: RECORDED_AWKWARD_NAMES.map((name): [string] => [name]) },
      );
      expect(created).toBeGreaterThan(100);
      expect(await canaryRows()).toBe(CANARY_ROWS);
    });

    it('200 generated passwords: refused, or the user logs in with exactly that password', async () => {
      const { hostname, port } = new URL(db.url);
      let loggedIn = 0;
      await fc.assert(
        fc.asyncProperty(bmpText(60), async (password) => {
          let sql: string;
          try {
            sql = createUserStatement({ name: 'fuzz_user', password }).sql;
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError);
            return;
          }
          await runOne(sql);
          try {
            const login = await mysql.createConnection({
              host: hostname,
              port: Number(port),
              user: 'fuzz_user',
              password,
            });
            await login.end();
            loggedIn += 1;
          } finally {
            await runOne(dropUserStatement({ name: 'fuzz_user' }).sql);
          }
        }),
        { numRuns: 200 },
      );
      expect(loggedIn).toBeGreaterThan(100);
      expect(await canaryRows()).toBe(CANARY_ROWS);
    });
  },
);
