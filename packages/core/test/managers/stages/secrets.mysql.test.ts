import { inspect } from 'node:util';
import { useTestDatabase } from '@matrixone/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PooledClient, createClient } from '../../../src/client/create-client.js';
import type { QueryEvent } from '../../../src/events/query-events.js';

/**
 * Stage credentials and CDC passwords never reach query events, loggers or errors. The test server does not know
 * CREATE STAGE / CREATE CDC and answers with a syntax error that quotes the statement near the secret, which is
 * the worst case for a leak; the client is told it talks to MatrixOne so the statements are sent.
 */
const db = useTestDatabase();
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const PASSWORD = 'cdc-Pa55:word';
let client: PooledClient;
const events: QueryEvent[] = [];
const logged: string[] = [];

beforeAll(() => {
  const url = new URL(db.url);
  client = createClient({
    host: url.hostname,
    port: Number(url.port),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    serverFlavor: 'matrixone',
    logger: (event) => logged.push(JSON.stringify(event)),
  });
  client.on('query', (event) => events.push(event));
});

afterAll(async () => {
  await client.close();
});

function expectNoSecret(text: string): void {
  for (const secret of [SECRET_KEY, KEY_ID, PASSWORD, 'cdc-Pa55']) expect(text).not.toContain(secret);
}

describe('secrets of stages and CDC tasks', () => {
  it('CREATE STAGE with credentials: not in the error, its cause chain, the event or the log', async () => {
    const failure = await client.stages
      .create({
        name: 'lake',
        url: 's3://bucket/files/',
        credentials: { awsKeyId: KEY_ID, awsSecretKey: SECRET_KEY, awsRegion: 'us-east-2' },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as { errno?: number }).errno).toBe(1064);
    expectNoSecret(inspect(failure, { depth: 10 }));
    expectNoSecret(JSON.stringify(events));
    expectNoSecret(logged.join('\n'));
    expect(events.some((event) => event.sql.includes("CREDENTIALS = {'***'}"))).toBe(true);
  });

  it('ALTER STAGE … SET CREDENTIALS: the same', async () => {
    const failure = await client.stages
      .alter('lake', { credentials: { awsKeyId: KEY_ID, awsSecretKey: SECRET_KEY } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expectNoSecret(inspect(failure, { depth: 10 }));
    expectNoSecret(JSON.stringify(events));
  });

  it('CREATE CDC: the source and sink passwords are in no error, event or log', async () => {
    const endpoint = { account: 'sys', user: 'root', password: PASSWORD, host: '127.0.0.1', port: 6001 };
    const failure = await client.cdc
      .create({
        name: 'orders_cdc',
        sinkType: 'matrixone',
        source: endpoint,
        sink: endpoint,
        mapping: {
          level: 'table',
          source: { database: 'a', table: 't' },
          sink: { database: 'b', table: 't' },
        },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expectNoSecret(inspect(failure, { depth: 10 }));
    expectNoSecret(JSON.stringify(events));
    expectNoSecret(logged.join('\n'));
    expect(events.some((event) => event.sql.includes("'mysql://sys#root:***@127.0.0.1:6001'"))).toBe(true);
  });
});
