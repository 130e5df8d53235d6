const { useClone } = require('@matrixone/testing');
const options = require('./clone-options.cjs');

// Every test gets a fresh clone of the template, dropped after it.
const clone = useClone({ before: beforeEach, after: afterEach }, options);

const userCount = async () => Number((await clone.client.query('SELECT COUNT(*) AS n FROM users'))[0].n);

test('deleting a user changes only this test’s clone', async () => {
  await clone.client.execute('DELETE FROM users WHERE id = 1');
  expect(await userCount()).toBe(1);
});

test('the next test starts from the template again', async () => {
  expect(await userCount()).toBe(2);
  await clone.client.execute("INSERT INTO users (id, name) VALUES (3, 'Linus')");
  expect(await userCount()).toBe(3);
});

test('an ORM on the clone: Knex', async () => {
  const knex = await clone.knex();
  const names = await knex('users').orderBy('id').pluck('name');
  expect(names).toEqual(['Ada', 'Grace']);
});
