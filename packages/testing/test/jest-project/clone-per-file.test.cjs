const { useClone } = require('@matrixone/testing');
const options = require('./clone-options.cjs');

// One clone for this file: its tests share it, other files never see it.
const clone = useClone({ before: beforeAll, after: afterAll }, options);

const userIds = async () =>
  (await clone.client.query('SELECT id FROM users ORDER BY id')).map((row) => Number(row.id));

test('adds a user to the file’s clone', async () => {
  await clone.client.execute("INSERT INTO users (id, name) VALUES (10, 'Margaret')");
  expect(await userIds()).toEqual([1, 2, 10]);
});

test('a later test in the same file sees it', async () => {
  expect(await userIds()).toEqual([1, 2, 10]);
});
