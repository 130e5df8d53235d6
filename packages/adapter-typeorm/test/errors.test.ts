/** TypeORM's own errors and the SDK's typed errors both carry the server's error code. */
import { matrixone } from '@matrixone/adapter-typeorm';
import { ConstraintError, NotFoundError, toMatrixOneError } from '@matrixone/core';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource, QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Author, Book } from './entities.js';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({
    type: 'mysql',
    url: db.url,
    entities: [Author, Book],
    synchronize: true,
    poolSize: 2,
  });
  await dataSource.initialize();
  await db.inspect.query("INSERT INTO authors (id, name) VALUES (1, 'existing')");
});

afterAll(async () => {
  await dataSource.destroy();
});

async function failureOf(action: () => Promise<unknown>): Promise<unknown> {
  return action().then(
    () => {
      throw new Error('expected the action to fail');
    },
    (error: unknown) => error,
  );
}

describe('errors', () => {
  it("TypeORM's QueryFailedError keeps errno 1062 and maps to ConstraintError with the same code", async () => {
    const error = await failureOf(() =>
      dataSource.transaction((manager) => manager.getRepository(Author).insert(new Author(1, 'again'))),
    );
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(error).toMatchObject({ errno: 1062, driverError: { errno: 1062, code: 'ER_DUP_ENTRY' } });
    const typed = toMatrixOneError(error);
    expect(typed).toBeInstanceOf(ConstraintError);
    expect(typed).toMatchObject({ errno: 1062, driverCode: 'ER_DUP_ENTRY' });
    expect(typed.serverMessage).toMatch(/Duplicate entry '1'/);
  });

  it('an SDK statement failing inside the bound transaction throws ConstraintError with errno 1062', async () => {
    const client = matrixone(dataSource);
    const error = await failureOf(() =>
      client.transaction(async ({ manager, mo }) => {
        await manager.getRepository(Author).insert(new Author(2, 'new'));
        await mo.execute('INSERT INTO authors (id, name) VALUES (?, ?)', [1, 'duplicate']);
      }),
    );
    expect(error).toBeInstanceOf(ConstraintError);
    expect(error).toMatchObject({ errno: 1062, kind: 'constraint' });
    expect((error as ConstraintError).cause).toBeInstanceOf(QueryFailedError);
    const [rows] = await db.inspect.query('SELECT id FROM authors ORDER BY id');
    expect(rows).toEqual([{ id: 1 }]);
    await client.close();
  });

  it('a missing table on the client maps to NotFoundError with errno 1146', async () => {
    const client = matrixone(dataSource);
    const error = await failureOf(() => client.query('SELECT * FROM no_such_table'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ errno: 1146 });
    await client.close();
  });
});
