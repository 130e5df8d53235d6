import { randomInt } from 'node:crypto';
import { inspect } from 'node:util';
import {
  type ClientConfig,
  type MatrixOneClient,
  type QueryEvent,
  createClient,
  resolveClientConfig,
} from '@matrixone/core';
import { startFaultProxy, testServer, useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caught } from './reliability-support.js';

/**
 * Passwords from configuration objects, URLs and account/user statements never appear in anything the SDK
 * hands out: errors (message, stack, JSON, `util.inspect` of the whole cause chain), query events, logger
 * calls, process warnings, and `util.inspect` / `JSON.stringify` / `String` of the client and its config.
 * Every captured output is searched for every 8-character piece of the random part of each secret, so a
 * password cut short (as MySQL-family servers quote it "near" a syntax error) is caught too.
 */
const db = useTestDatabase();
const isMatrixOne = testServer().flavor === 'matrixone';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const WINDOW = 8;

/** Random letters: no 8-letter piece of them turns up in ordinary output by chance. */
function randomLetters(length: number): string {
  return Array.from({ length }, () => LETTERS[randomInt(LETTERS.length)]).join('');
}

/** Everything captured from the SDK, as text, and the random parts of the secrets it must not contain. */
class Capture {
  readonly texts: string[] = [];
  readonly #secretParts: string[] = [];

  /** Registers a secret's random parts (each at least {@link WINDOW} letters long). */
  secret(...randomParts: string[]): void {
    this.#secretParts.push(...randomParts);
  }

  /** Records a value as every form a user could print it in. */
  record(value: unknown): void {
    this.texts.push(inspect(value, { depth: 12, showHidden: true }));
    this.texts.push(String(value));
    try {
      this.texts.push(JSON.stringify(value) ?? '');
    } catch (error) {
      this.texts.push(String(error));
    }
    if (value instanceof Error) this.texts.push(value.stack ?? '', value.message);
  }

  /** The pieces of secrets found in captured text (empty when nothing leaked). */
  leaks(): string[] {
    const all = this.texts.join('\n');
    return this.#pieces().filter((piece) => all.includes(piece));
  }

  /** How many distinct pieces {@link Capture.leaks} searches for. */
  pieceCount(): number {
    return new Set(this.#pieces()).size;
  }

  #pieces(): string[] {
    return this.#secretParts.flatMap((part) =>
      Array.from({ length: part.length - WINDOW + 1 }, (_, start) => part.slice(start, start + WINDOW)),
    );
  }
}

const capture = new Capture();
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
const serverUrl = () => new URL(db.url);

/** A client whose events, logger calls and errors all go to the capture. */
function observed(config: ClientConfig | string): MatrixOneClient {
  const client =
    typeof config === 'string'
      ? createClient(config)
      : createClient({
          ...config,
          logger: (event: QueryEvent) => {
            capture.record(event);
            config.logger?.(event);
          },
        });
  client.on('query', (event) => {
    capture.record(event);
    if (event.error) capture.record(event.error);
  });
  capture.record(client);
  return client;
}

async function failureOf(fn: () => unknown): Promise<unknown> {
  const error = await caught(fn);
  capture.record(error);
  return error;
}

beforeAll(() => {
  process.on('warning', onWarning);
});
afterAll(() => {
  process.off('warning', onWarning);
});

describe('passwords never leave the SDK', () => {
  it('a configuration object: the client, its config, its events and its errors never show the password', async () => {
    const url = serverUrl();
    const config: ClientConfig = {
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: db.name,
      pool: { size: 2 },
    };
    // The test server's own password is random hex: check it alongside the generated secrets.
    capture.secret(config.password ?? '');
    const client = observed(config);
    capture.record(resolveClientConfig(config));
    expect(await client.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await failureOf(() => client.query('SELEC 1'));
    await failureOf(() => client.transaction(async (tx) => tx.query('SELECT * FROM no_such_table')));
    capture.record(client);
    await client.close();

    const wrong = randomLetters(24);
    capture.secret(wrong);
    const denied = observed({ ...config, password: wrong });
    const authError = await failureOf(() => denied.query('SELECT 1'));
    expect(authError).toMatchObject({ kind: 'authentication' });
    await denied.close();

    const unreachable = randomLetters(24);
    capture.secret(unreachable);
    const proxy = await startFaultProxy(db.url);
    await proxy.goDown();
    const refused = observed({ ...config, host: '127.0.0.1', port: proxy.port, password: unreachable });
    expect(await failureOf(() => refused.query('SELECT 1'))).toMatchObject({ kind: 'connection' });
    await refused.close();
    await proxy.close();

    for (const invalid of [{ pool: { size: -1 } }, { port: 0 }, { charset: 7 }]) {
      const secret = randomLetters(24);
      capture.secret(secret);
      await failureOf(() => createClient({ ...config, password: secret, ...invalid } as ClientConfig));
    }
    expect(capture.leaks()).toEqual([]);
  });

  it('a URL: the client and every error it makes (configuration, connection, authentication) never show it', async () => {
    const url = serverUrl();
    const secret = `${randomLetters(16)}:@/?#%'"\\${randomLetters(16)}`;
    const [head, tail] = [secret.slice(0, 16), secret.slice(-16)];
    capture.secret(head, tail);
    // The server may be on another host (MATRIXONE_URL); the fault proxy always listens on 127.0.0.1.
    const withSecret = (port: string, query = '', host = url.hostname) =>
      `mysql://${url.username}:${encodeURIComponent(secret)}@${host}:${port}/${db.name}${query}`;

    const denied = observed(withSecret(url.port));
    expect(await failureOf(() => denied.query('SELECT 1'))).toMatchObject({ kind: 'authentication' });
    await denied.close();

    const proxy = await startFaultProxy(db.url);
    await proxy.goDown();
    const refused = observed(withSecret(String(proxy.port), '', '127.0.0.1'));
    expect(await failureOf(() => refused.query('SELECT 1'))).toMatchObject({ kind: 'connection' });
    await refused.close();
    await proxy.close();

    await failureOf(() => createClient(withSecret(url.port, '?poolSize=many')));
    await failureOf(() => createClient(withSecret(url.port, '?unknownOption=1')));
    await failureOf(() => createClient(withSecret('not-a-port')));
    await failureOf(() => createClient(`mysql://${url.username}:${head}%zz${tail}@127.0.0.1/x`));
    capture.record(resolveClientConfig(withSecret(url.port)));
    expect(capture.leaks()).toEqual([]);
  });

  describe.skipIf(isMatrixOne)(
    'account and user statements (MariaDB: users run, accounts are refused)',
    () => {
      let client: MatrixOneClient;
      const logged: QueryEvent[] = [];

      beforeAll(() => {
        // Forced to MatrixOne so that the managers send their statements to MariaDB instead of refusing.
        client = observed({
          ...configOf(db.url),
          serverFlavor: 'matrixone',
          logger: (event) => logged.push(event),
        });
      });
      afterAll(async () => {
        await client.close();
      });

      it('CREATE/ALTER USER with awkward passwords: events, logger and errors show only IDENTIFIED BY ***', async () => {
        const name = `u_${randomLetters(8)}`;
        const first = `${randomLetters(12)}'\\"${randomLetters(12)}`;
        const second = `${randomLetters(12)}''\\\\${randomLetters(12)}`;
        capture.secret(first.slice(0, 12), first.slice(-12), second.slice(0, 12), second.slice(-12));
        await client.accounts.createUser({ name, password: first });
        await client.accounts.alterUser({ name, password: second });
        // The same user again: the server refuses it (errno 1396), with the statement in the driver's error.
        await failureOf(() => client.accounts.createUser({ name, password: first }));
        await client.accounts.dropUser({ name });
        expect(logged.filter((event) => /IDENTIFIED BY '\*\*\*'/.test(event.sql))).toHaveLength(3);
        for (const event of logged) capture.record(event);
        expect(capture.leaks()).toEqual([]);
      });

      it('CREATE/ALTER ACCOUNT refused by MariaDB, the password cut anywhere by the quoted "near" text: no piece leaks', async () => {
        let cleaned = 0;
        // MariaDB quotes up to 80 characters from where parsing stopped; these lengths move the cut across the
        // escaped backslashes and doubled quotes of the literal.
        for (let length = 20; length <= 60; length += 1) {
          const head = randomLetters(length);
          const password = `${head}\\\\''${randomLetters(12)}`;
          capture.secret(head, password.slice(-12));
          const events: QueryEvent[] = [];
          const listener = (event: QueryEvent) => events.push(event);
          client.on('query', listener);
          const created = await failureOf(() =>
            client.accounts.createAccount({ name: 'acc_secret', adminName: 'root', password }),
          );
          const altered = await failureOf(() =>
            client.accounts.alterAccount({ name: 'acc_secret', adminName: 'root', password }),
          );
          client.off('query', listener);
          expect(created).toMatchObject({ kind: 'syntax' });
          expect(altered).toMatchObject({ kind: 'syntax' });
          for (const event of events) {
            expect(event.error).toBeDefined();
            const cause = (event.error as Error).cause as Error;
            if (cause.message.includes("'***'")) cleaned += 1;
          }
        }
        // The driver's own message quoted the password in every one of them, and it was cleaned there too.
        expect(cleaned).toBe(2 * 41);
        for (const event of logged) capture.record(event);
        expect(capture.leaks()).toEqual([]);
      });
    },
  );

  it('no process warning carried a secret', () => {
    for (const warning of warnings) capture.record(warning);
    expect(capture.leaks()).toEqual([]);
    console.log(
      `[reliability] secrets: ${capture.texts.length} captured outputs (errors with their cause chains, query ` +
        'events, logger calls, warnings, inspect/JSON/String of clients and configs) searched for ' +
        `${capture.pieceCount()} ${WINDOW}-character pieces of secrets: 0 found`,
    );
  });
});

function configOf(url: string): ClientConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}
