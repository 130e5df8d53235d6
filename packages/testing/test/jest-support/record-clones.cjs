/**
 * Not part of the fixture project: the outer test (../jest-fixtures.test.ts) adds this file with
 * `--setupFilesAfterEnv` to see, from the server, which clone every test or file got. It wraps
 * `clients.clones.withClone` of every client @matrixone/testing makes and writes one ledger row when a clone was
 * made and one just before it is dropped, each with the clone's row count in `users`.
 *
 * MariaDB cannot CLONE, so on a server that is not MatrixOne (SERVER_FLAVOR) the clone is made the way the vitest
 * tests' stand-in makes it (test/clone-session.test.ts) — a CREATE DATABASE under a withClone-style name, dropped
 * in `finally` — and, so that isolation can be checked on data, filled with a copy of the source's tables. On
 * MatrixOne the real withClone runs.
 */
const { randomBytes } = require('node:crypto');
const { basename } = require('node:path');

jest.mock('@matrixone/core', () => {
  const core = jest.requireActual('@matrixone/core');
  const onMatrixOne = process.env.SERVER_FLAVOR === 'matrixone';

  const onServer = async (url, work) => {
    const client = core.createClient(url);
    try {
      return await work(client);
    } finally {
      await client.close();
    }
  };
  const quoted = (name) => core.quoteIdentifier(name, core.IdentifierKind.Database);

  const record = (event, database) =>
    onServer(process.env.CLONE_LEDGER_URL, async (ledger) => {
      const [{ n }] = await ledger.query(`SELECT COUNT(*) AS n FROM ${quoted(database)}.users`);
      const { testPath, currentTestName } = expect.getState();
      await ledger.execute('INSERT INTO clones (file, test, db, event, users) VALUES (?, ?, ?, ?, ?)', [
        basename(testPath),
        currentTestName ?? null,
        database,
        event,
        Number(n),
      ]);
    });

  const standInWithClone = (url) => async (options, fn) => {
    const time = new Date().toISOString().slice(0, 19).replace(/\D/g, '');
    const database = `${options.prefix ?? `${options.source}_clone`}_${time}_${randomBytes(4).toString('hex')}`;
    await onServer(url, async (admin) => {
      await admin.execute(`CREATE DATABASE ${quoted(database)}`);
      const tables = await admin.query(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
        [options.source],
      );
      for (const { t } of tables) {
        const target = `${quoted(database)}.${quoted(t)}`;
        await admin.execute(`CREATE TABLE ${target} LIKE ${quoted(options.source)}.${quoted(t)}`);
        await admin.execute(`INSERT INTO ${target} SELECT * FROM ${quoted(options.source)}.${quoted(t)}`);
      }
    });
    try {
      return await fn({ database, url: core.urlWithDatabase(options.url, database) });
    } finally {
      await onServer(url, (admin) => admin.execute(`DROP DATABASE IF EXISTS ${quoted(database)}`));
    }
  };

  return {
    ...core,
    createClient: (config) => {
      const client = core.createClient(config);
      const withClone = onMatrixOne
        ? client.clones.withClone.bind(client.clones)
        : standInWithClone(typeof config === 'string' ? config : config.url);
      client.clones.withClone = (options, fn) =>
        withClone(options, async (clone) => {
          await record('created', clone.database);
          try {
            return await fn(clone);
          } finally {
            await record('dropping', clone.database);
          }
        });
      return client;
    },
  };
});
