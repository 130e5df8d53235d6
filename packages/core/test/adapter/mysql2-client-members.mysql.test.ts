/**
 * The kit's members for an ORM on a mysql2 client, against the test server with a bare mysql2 pool standing for
 * the ORM: statements with and without values, the per-statement timeout, streams, and connection preparation.
 */
import { type FaultProxy, startFaultProxy, useTestDatabase } from '@matrixone/test-server';
import { type Pool, createPool } from 'mysql2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysql2ClientMembers } from '../../src/adapter/mysql2-client-members.js';

const db = useTestDatabase();
/** The "ORM": an object holding a promise pool, as Drizzle's db holds `session.client`. */
interface Holder {
  readonly client: ReturnType<Pool['promise']>;
}
const members = mysql2ClientMembers<Holder, Holder>((target) => target.client);
const pools: Pool[] = [];
let proxy: FaultProxy;

function holder(url = db.url): { orm: Holder; pool: Pool } {
  const pool = createPool({ uri: url, connectionLimit: 2 });
  pools.push(pool);
  return { orm: { client: pool.promise() }, pool };
}

const used = (pool: Pool) => {
  const internals = pool as unknown as { _allConnections: unknown[]; _freeConnections: unknown[] };
  return internals._allConnections.length - internals._freeConnections.length;
};

beforeAll(async () => {
  proxy = await startFaultProxy(db.url);
});
afterAll(async () => {
  for (const pool of pools) await pool.promise().end();
  await proxy.close();
});

describe('mysql2ClientMembers', () => {
  it('runs a statement with values bound, and one without values untouched (a ? in a literal stays)', async () => {
    const { orm } = holder();
    expect((await members.run(orm, { sql: 'SELECT ? + 1 AS two', values: [1] }, undefined)).rows).toEqual([
      { two: 2 },
    ]);
    expect((await members.run(orm, { sql: "SELECT '?' AS mark" }, undefined)).rows).toEqual([{ mark: '?' }]);
  });

  it('with a timeout, a statement that gets no answer fails and its connection is not reused', async () => {
    const { orm, pool } = holder(proxy.url);
    await members.run(orm, { sql: 'SELECT 1' }, 1000);
    proxy.stall();
    try {
      await expect(members.run(orm, { sql: 'SELECT 2' }, 200)).rejects.toMatchObject({
        code: 'PROTOCOL_SEQUENCE_TIMEOUT',
      });
    } finally {
      proxy.resume();
    }
    expect(used(pool)).toBe(0);
    expect((await members.run(orm, { sql: 'SELECT 3 AS three' }, 1000)).rows).toEqual([{ three: 3 }]);
  });

  it('streams rows from one pooled connection and gives it back, destroyed when the loop stopped early', async () => {
    const { orm, pool } = holder();
    const rows: unknown[] = [];
    const stream = members.stream;
    if (!stream) throw new Error('mysql2ClientMembers has no stream');
    for await (const row of stream(orm, { sql: 'SELECT ? AS n UNION ALL SELECT 2', values: [1] }))
      rows.push(row);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
    const total = (pool as unknown as { _allConnections: unknown[] })._allConnections.length;
    for await (const _row of stream(orm, { sql: 'SELECT 1 UNION ALL SELECT 2' })) break;
    expect(used(pool)).toBe(0);
    expect((pool as unknown as { _allConnections: unknown[] })._allConnections.length).toBe(total - 1);
  });

  it('prepares every connection the pool hands out from then on, each time it is checked out', async () => {
    const { orm } = holder();
    const prepared: unknown[] = [];
    members.prepareConnections(orm, (connection) => prepared.push(connection));
    await Promise.all([
      members.run(orm, { sql: 'SELECT SLEEP(0.05)' }, undefined),
      members.run(orm, { sql: 'SELECT SLEEP(0.05)' }, undefined),
    ]);
    await members.run(orm, { sql: 'SELECT 1' }, undefined);
    expect(prepared).toHaveLength(3);
    expect(new Set(prepared).size).toBe(2);
  });
});
