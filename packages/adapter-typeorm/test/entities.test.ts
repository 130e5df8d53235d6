/** Decorated entities and repositories from the transactional EntityManager, next to SDK statements. */
import { matrixone } from '@matrixone/adapter-typeorm';
import { useTestDatabase } from '@matrixone/test-server';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Author, Book } from './entities.js';

const db = useTestDatabase();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = new DataSource({
    type: 'mysql',
    url: db.url,
    entities: [Author, Book],
    synchronize: true,
    poolSize: 3,
  });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource.destroy();
});

beforeEach(async () => {
  await db.inspect.query('DELETE FROM books');
  await db.inspect.query('DELETE FROM authors');
});

async function count(table: 'authors' | 'books'): Promise<number> {
  const [rows] = await db.inspect.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number((rows as { n: number | string }[])[0]?.n);
}

describe('decorated entities in a bound transaction', () => {
  it('repositories from the transactional manager and SDK statements commit together', async () => {
    const client = matrixone(dataSource);
    await client.transaction(async ({ manager, mo }) => {
      const author = await manager.getRepository(Author).save(new Author(1, 'Ada'));
      await manager.getRepository(Book).save(new Book('Notes', author));
      const seen = await mo.query<{ title: string; name: string }>(
        'SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.authorId',
      );
      expect(seen).toEqual([{ title: 'Notes', name: 'Ada' }]);
      await mo.execute('UPDATE authors SET name = ? WHERE id = ?', ['Ada Lovelace', 1]);
      const reloaded = await manager.getRepository(Author).findOneByOrFail({ id: 1 });
      expect(reloaded.name).toBe('Ada Lovelace');
      expect(await count('authors')).toBe(0);
    });
    const [rows] = await db.inspect.query('SELECT name FROM authors');
    expect(rows).toEqual([{ name: 'Ada Lovelace' }]);
    expect(await count('books')).toBe(1);
    await client.close();
  });

  it('a throw rolls back repository writes and SDK writes', async () => {
    const client = matrixone(dataSource);
    const failure = new Error('abort');
    await expect(
      client.transaction(async ({ manager, mo }) => {
        await manager.getRepository(Author).insert(new Author(2, 'Grace'));
        await mo.execute('INSERT INTO books (title, authorId) VALUES (?, ?)', ['Compilers', 2]);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await count('authors')).toBe(0);
    expect(await count('books')).toBe(0);
    await client.close();
  });

  it('a repository insert of 10,000 rows in a bound transaction is visible to afterCommit hooks', async () => {
    const seenByHook: number[] = [];
    await dataSource.transaction(async (manager) => {
      await manager.getRepository(Author).insert(new Author(10, 'Prolific'));
      const books = Array.from(
        { length: 10_000 },
        (_, index) => new Book(`book ${index}`, new Author(10, '')),
      );
      await manager.getRepository(Book).insert(books);
      const mo = matrixone(manager);
      const [inside] = await mo.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM books');
      expect(Number(inside?.n)).toBe(10_000);
      mo.afterCommit(async () => {
        seenByHook.push(await count('books'));
      });
      expect(await count('books')).toBe(0);
    });
    expect(seenByHook).toEqual([10_000]);
    const [rows] = await db.inspect.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT title) AS titles FROM books WHERE authorId = 10',
    );
    expect(rows).toEqual([{ n: 10_000, titles: 10_000 }]);
  });
});
