/**
 * Sequelize's everyday features on MariaDB, on MariaDB answering like MatrixOne 4.2.0 (fault proxy, the adapter
 * told it talks to MatrixOne) and on a real MatrixOne when MATRIXONE_URL is set — each outcome asserted, the
 * results written to docs/adapters/compat/sequelize.json and the "On MatrixOne" table of
 * docs/adapters/sequelize.md (packages/adapter-test-suite/src/compat/). Rows are checked on the harness's own
 * connection.
 */
import { fileURLToPath } from 'node:url';
import {
  CASCADE_COUNTED,
  type CompatOutcome,
  type CompatTables,
  type CompatTarget,
  ID_JUMPS_AFTER_ALTER,
  MANY_EMAILS,
  REFUSED_ON_MATRIXONE,
  ROLLED_BACK_TO_SAVEPOINT,
  TYPES_ROW,
  adapterOptions,
  attemptEach,
  cascadeDeleteOutcome,
  constraintOutcome,
  correlatedRowsOutcome,
  createdColumns,
  crudOutcome,
  everywhere,
  fails,
  insertedIdOutcome,
  insertedIdsOutcome,
  isolationSupportedOutcome,
  keyChangeOutcome,
  loadedOutcome,
  nestedRollbackOutcome,
  nextIdOutcome,
  noteOutcome,
  notesOutcome,
  poolAfterNestedOutcome,
  refused,
  rolledBackWhole,
  runCompatSuite,
  runNestedRollback,
  typesOutcome,
  works,
  wrong,
} from '@matrixone/adapter-test-suite';
import { DataTypes, type Model, type ModelStatic, QueryTypes, Sequelize, Transaction } from 'sequelize';
import { matrixone } from '../src/index.js';
import { openSequelize } from './open-sequelize.js';
import { sequelizeTransactions } from './sequelize-transactions.js';

/** The models of the suite's tables, and of the tables the schema features create. */
interface SequelizeSession {
  readonly url: string;
  readonly target: CompatTarget;
  readonly sequelize: Sequelize;
  readonly client: ReturnType<typeof matrixone>;
  readonly User: ModelStatic<Model>;
  readonly Post: ModelStatic<Model>;
  readonly SchemaUser: ModelStatic<Model>;
  readonly SchemaPost: ModelStatic<Model>;
  readonly Counter: ModelStatic<Model>;
}

/** What MariaDB shows for the alter features: Sequelize 6's own alter pass, which the adapter leaves alone there. */
const ALTER_PASS = works(
  'Sequelize 6’s own alter pass also re-declares every column (10 `CHANGE`, adding a unique index on `email` each time) and drops and re-adds the foreign key (1 + 1)',
);

/** The columns of `users` (and of `schema_users`, which `sync()` creates). */
const userColumns = {
  id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
  email: { type: DataTypes.STRING(60), allowNull: false, unique: true },
  note: { type: DataTypes.STRING(60) },
  balance: { type: DataTypes.DECIMAL(12, 2) },
  seenAt: { type: DataTypes.DATE(3), field: 'seen_at' },
  profile: { type: DataTypes.JSON },
  active: { type: DataTypes.BOOLEAN },
  role: { type: DataTypes.ENUM('admin', 'user', 'guest') },
  bio: { type: DataTypes.TEXT },
  visits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
};

function defineModels(
  sequelize: Sequelize,
): Omit<SequelizeSession, 'url' | 'target' | 'sequelize' | 'client'> {
  const User = sequelize.define('User', userColumns, { tableName: 'users', timestamps: false });
  const Post = sequelize.define(
    'Post',
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      userId: { type: DataTypes.BIGINT, allowNull: false, field: 'user_id' },
      title: { type: DataTypes.STRING(100), allowNull: false },
    },
    { tableName: 'posts', timestamps: false },
  );
  User.hasMany(Post, { foreignKey: 'userId' });
  Post.belongsTo(User, { foreignKey: 'userId' });
  const SchemaUser = sequelize.define('SchemaUser', userColumns, {
    tableName: 'schema_users',
    timestamps: false,
  });
  const SchemaPost = sequelize.define(
    'SchemaPost',
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      title: { type: DataTypes.STRING(100) },
    },
    { tableName: 'schema_posts', timestamps: false },
  );
  SchemaUser.hasMany(SchemaPost, { foreignKey: { name: 'userId', allowNull: false }, onDelete: 'CASCADE' });
  const Counter = sequelize.define(
    'Counter',
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      name: { type: DataTypes.STRING(20) },
    },
    { tableName: 'counters', timestamps: false },
  );
  return { User, Post, SchemaUser, SchemaPost, Counter };
}

/** Sequelize on `url` with a pool of `poolSize` and the suite's models, the adapter set up for `target`. */
function openSession(url: string, target: CompatTarget, poolSize: number): SequelizeSession {
  const sequelize = openSequelize(url, poolSize);
  const models = defineModels(sequelize);
  const client = matrixone(sequelize, adapterOptions(target));
  return { url, target, sequelize, client, ...models };
}

async function closeSession({ sequelize, client }: SequelizeSession): Promise<void> {
  await client.close();
  await sequelize.close();
}

const TOOL_TABLES = ['tool_posts', 'tool_users'];

/** One start of an application on the schema-tool tables: a new instance, its models, `matrixone(sequelize)`. */
function startTools(
  url: string,
  target: CompatTarget,
  city: boolean,
): { sequelize: Sequelize; ddl: string[] } {
  const ddl: string[] = [];
  const sequelize = new Sequelize(url, {
    dialect: 'mysql',
    logging: (sql) => {
      const statement = sql.replace(/^Executing \([^)]*\): /, '');
      if (/^\s*(?:ALTER|CREATE|DROP|RENAME)\b/i.test(statement)) ddl.push(statement);
    },
    pool: { max: 1, min: 0 },
  });
  const ToolUser = sequelize.define(
    'ToolUser',
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      email: { type: DataTypes.STRING(120), allowNull: false, unique: true },
      balance: { type: DataTypes.DECIMAL(12, 2), allowNull: false, defaultValue: '0.00' },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      role: { type: DataTypes.ENUM('admin', 'user', 'guest'), allowNull: false, defaultValue: 'user' },
      nickname: { type: DataTypes.STRING(40) },
      ...(city && { city: { type: DataTypes.STRING(50) } }),
    },
    { tableName: 'tool_users' },
  );
  const ToolPost = sequelize.define(
    'ToolPost',
    { title: { type: DataTypes.STRING(100), allowNull: false } },
    { tableName: 'tool_posts' },
  );
  ToolUser.hasMany(ToolPost, { foreignKey: 'userId', onDelete: 'SET NULL' });
  ToolPost.belongsTo(ToolUser, { foreignKey: 'userId', onDelete: 'SET NULL' });
  matrixone(sequelize, adapterOptions(target));
  return { sequelize, ddl };
}

/**
 * Creates the schema-tool tables with `sync()`, then starts again (with `city` when asked) and runs
 * `sync({ alter: true })`; the DDL that second start sent. Every instance is closed and the tables dropped after.
 */
async function alterAtSecondStart(url: string, target: CompatTarget, tables: CompatTables, city: boolean) {
  const drop = async () => {
    for (const table of TOOL_TABLES) await tables.inspect.query(`DROP TABLE IF EXISTS \`${table}\``);
  };
  await drop();
  const first = startTools(url, target, false);
  const second = startTools(url, target, city);
  try {
    await first.sequelize.sync();
    await second.sequelize.sync({ alter: true });
    return second.ddl;
  } finally {
    await first.sequelize.close();
    await second.sequelize.close();
    await drop();
  }
}

/** What Sequelize's own alter pass sends besides `expected`: its statements counted by kind. */
function alterOutcome(ddl: readonly string[], expected: readonly string[]): CompatOutcome {
  if (ddl.join('\n') === expected.join('\n')) return works();
  const others = ddl.filter((statement) => !expected.includes(statement));
  const count = (pattern: RegExp) => others.filter((statement) => pattern.test(statement)).length;
  const missing = expected.filter((statement) => !ddl.includes(statement));
  if (missing.length > 0) return wrong(`not sent: ${missing.join(' ')}`);
  return works(
    `Sequelize 6’s own alter pass also re-declares every column (${count(/ CHANGE /)} \`CHANGE\`, adding a unique index on \`email\` each time) and drops and re-adds the foreign key (${count(/DROP FOREIGN KEY/)} + ${count(/ADD FOREIGN KEY|FOREIGN KEY .* REFERENCES/)})`,
  );
}

runCompatSuite<SequelizeSession>({
  orm: 'sequelize',
  ormName: 'Sequelize',
  ormPackage: 'sequelize',
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  async open(url, target) {
    return openSession(url, target, 2);
  },
  close: closeSession,
  features: {
    'schema-create': {
      api: '`Model.sync()` (BIGINT auto-increment, unique, DECIMAL, DATE(3), JSON, BOOLEAN, ENUM, TEXT, `hasMany` with `onDelete: CASCADE`)',
      expected: everywhere(),
      async run({ SchemaUser, SchemaPost }, tables) {
        await SchemaPost.drop();
        await SchemaUser.drop();
        await SchemaUser.sync();
        await SchemaPost.sync();
        const created = await createdColumns(tables, 13);
        await SchemaPost.drop();
        await SchemaUser.drop();
        return created;
      },
    },
    'schema-sync-unchanged': {
      api: '`sequelize.sync({ alter: true })` at a second start, models with a foreign key',
      expected: { mariadb: ALTER_PASS, matrixone: works() },
      async run({ url, target }, tables) {
        return alterOutcome(await alterAtSecondStart(url, target, tables, false), []);
      },
    },
    'schema-add-column': {
      api: '`sequelize.sync({ alter: true })` after adding `city` to a model',
      expected: { mariadb: ALTER_PASS, matrixone: works() },
      async run({ url, target }, tables) {
        return alterOutcome(await alterAtSecondStart(url, target, tables, true), [
          'ALTER TABLE `tool_users` ADD `city` VARCHAR(50);',
        ]);
      },
    },
    crud: {
      api: '`create`, `findOne`, `update`, `increment`, `destroy`, `count`',
      expected: everywhere(),
      async run({ User }, tables) {
        await User.create({ email: 'a@x.io', note: 'one' });
        await User.create({ email: 'b@x.io', note: 'two' });
        const found = await User.findOne({ where: { email: 'a@x.io' } });
        await User.update({ note: 'changed' }, { where: { email: 'a@x.io' } });
        await User.increment('visits', { by: 2, where: { email: 'a@x.io' } });
        const deleted = await User.destroy({ where: { email: 'b@x.io' } });
        const count = await User.count();
        return crudOutcome(tables, { found: found?.get('note'), deleted, count });
      },
    },
    'insert-one-id': {
      api: '`create`',
      expected: everywhere(),
      async run({ User }, tables) {
        const user = await User.create({ email: 'one@x.io' });
        return insertedIdOutcome(tables, 'one@x.io', Number(user.get('id')));
      },
    },
    'insert-many-ids': {
      api: '`bulkCreate([… three rows])`',
      expected: everywhere(),
      async run({ User }, tables) {
        const users = await User.bulkCreate(MANY_EMAILS.map((email) => ({ email })));
        const reported = users.map((user) => Number(user.get('id')));
        return insertedIdsOutcome(tables, reported, 'instances got');
      },
    },
    'duplicate-key': {
      api: '`create` with an existing email',
      expected: everywhere(works('`UniqueConstraintError` (errno 1062), core `ConstraintError`')),
      async run({ User }, tables) {
        await tables.addUser('d@x.io');
        return constraintOutcome(() => User.create({ email: 'd@x.io' }));
      },
    },
    'fk-violation': {
      api: '`Post.create` with a missing `userId`',
      expected: everywhere(works('`ForeignKeyConstraintError` (errno 1452), core `ConstraintError`')),
      async run({ Post }) {
        return constraintOutcome(() => Post.create({ userId: 987654321, title: 'orphan' }));
      },
    },
    'cascade-delete': {
      api: '`User.destroy` of a user with one post',
      expected: CASCADE_COUNTED,
      async run({ User }, tables) {
        return cascadeDeleteOutcome(tables, (userId) => User.destroy({ where: { id: userId } }));
      },
    },
    'upsert-every-column': {
      api: '`Model.upsert`',
      expected: everywhere(),
      async run({ User }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await User.upsert({ email: 'm1@x.io', note: 'merged' });
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-named-columns': {
      api: "`bulkCreate(rows, { updateOnDuplicate: ['email', 'note'] })` updating a row",
      expected: everywhere(),
      async run({ User }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await User.bulkCreate([{ email: 'm1@x.io', note: 'merged' }], {
          updateOnDuplicate: ['email', 'note'],
        });
        return noteOutcome(tables, 'm1@x.io', 'merged');
      },
    },
    'upsert-key-change': {
      api: "`Model.upsert({ id, email: 'changed@x.io' })` of an existing id",
      expected: { mariadb: works('the key changed'), matrixone: refused('names the column') },
      async run({ User }, tables) {
        const id = await tables.addUser('k@x.io', 'kept');
        return keyChangeOutcome(
          tables,
          () => User.upsert({ id, email: 'changed@x.io' }),
          'id',
          'changed@x.io',
        );
      },
    },
    'insert-ignore': {
      api: '`bulkCreate(rows, { ignoreDuplicates: true })`',
      expected: everywhere(),
      async run({ User }, tables) {
        await tables.addUser('m1@x.io', 'first');
        await User.bulkCreate(
          [
            { email: 'm1@x.io', note: 'ignored' },
            { email: 'new@x.io', note: 'new' },
          ],
          { ignoreDuplicates: true },
        );
        return notesOutcome(tables, { 'm1@x.io': 'first', 'new@x.io': 'new' });
      },
    },
    join: {
      api: '`findAll({ include })` over `hasMany` and `belongsTo`',
      expected: everywhere(),
      async run({ User, Post }, tables) {
        await tables.addUserWithPost();
        const users = await User.findAll({ include: Post });
        const posts = await Post.findAll({ include: User });
        return loadedOutcome({
          users: users.map(
            (user) =>
              `${user.get('email')}:${(user.get('Posts') as Model[]).map((post) => post.get('title'))}`,
          ),
          posts: posts.map((post) => `${post.get('title')}:${(post.get('User') as Model).get('email')}`),
        });
      },
    },
    'correlated-from': {
      api: '`sequelize.query` of a SELECT whose derived table names the outer query’s column',
      expected: { mariadb: fails('`DatabaseError` (errno 1054)'), matrixone: refused() },
      async run({ sequelize }, tables) {
        await tables.addUserWithPost();
        const rows = await sequelize.query(
          'SELECT title, (SELECT email FROM (SELECT email FROM users WHERE users.id = posts.user_id LIMIT 1) AS author) AS email FROM posts',
          { type: QueryTypes.SELECT },
        );
        return correlatedRowsOutcome(rows);
      },
    },
    'nested-rollback': {
      api: '`sequelize.transaction({ transaction: t }, fn)` whose callback throws',
      expected: { mariadb: ROLLED_BACK_TO_SAVEPOINT, matrixone: rolledBackWhole(true) },
      async run({ sequelize, User }, tables) {
        const run = await runNestedRollback(sequelizeTransactions(sequelize, User));
        return nestedRollbackOutcome({ ...run, emails: await tables.emails() });
      },
    },
    'pool-after-nested': {
      api: 'a failed nested `sequelize.transaction({ transaction: t }, …)`, then a transaction that throws and one that commits (`pool: { max: 1 }`)',
      expected: everywhere(),
      async run({ url, target }, tables) {
        const one = openSession(url, target, 1);
        try {
          return await poolAfterNestedOutcome(sequelizeTransactions(one.sequelize, one.User), () =>
            tables.emails(),
          );
        } finally {
          await closeSession(one);
        }
      },
    },
    'for-update-share': {
      api: '`findOne({ lock: t.LOCK.UPDATE })`, `t.LOCK.SHARE`',
      expected: everywhere(),
      async run({ sequelize, User }, tables) {
        await tables.addUser('lock@x.io');
        const found = await sequelize.transaction(async (transaction) => [
          await User.findOne({ where: { email: 'lock@x.io' }, lock: transaction.LOCK.UPDATE, transaction }),
          await User.findOne({ where: { email: 'lock@x.io' }, lock: transaction.LOCK.SHARE, transaction }),
        ]);
        return found.every((row) => row?.get('email') === 'lock@x.io')
          ? works()
          : wrong('the row was not read');
      },
    },
    'nowait-skip-locked': {
      api: '`findOne({ lock: t.LOCK.UPDATE, skipLocked: true })` (Sequelize has no NOWAIT)',
      expected: everywhere(works('Sequelize’s mysql dialect drops `skipLocked`: plain `FOR UPDATE` sent')),
      async run({ sequelize, User }, tables) {
        await tables.addUser('lock@x.io');
        const sent: string[] = [];
        const found = await sequelize.transaction((transaction) =>
          User.findOne({
            where: { email: 'lock@x.io' },
            lock: transaction.LOCK.UPDATE,
            skipLocked: true,
            transaction,
            logging: (sql: string) => sent.push(sql),
          }),
        );
        const select = sent.join('\n');
        if (found?.get('email') !== 'lock@x.io') return wrong('the row was not read');
        if (/SKIP LOCKED/i.test(select)) return works('`SKIP LOCKED` sent');
        return /FOR UPDATE/.test(select)
          ? works('Sequelize’s mysql dialect drops `skipLocked`: plain `FOR UPDATE` sent')
          : wrong('no `FOR UPDATE` sent');
      },
    },
    'isolation-supported': {
      api: '`sequelize.transaction({ isolationLevel: READ_COMMITTED | REPEATABLE_READ }, fn)`',
      expected: everywhere(),
      async run({ sequelize, User }, tables) {
        const { READ_COMMITTED, REPEATABLE_READ } = Transaction.ISOLATION_LEVELS;
        return isolationSupportedOutcome(tables, [READ_COMMITTED, REPEATABLE_READ], (isolationLevel, email) =>
          sequelize.transaction({ isolationLevel }, (transaction) => User.create({ email }, { transaction })),
        );
      },
    },
    'isolation-unsupported': {
      api: '`sequelize.transaction({ isolationLevel: SERIALIZABLE | READ_UNCOMMITTED }, fn)`',
      expected: REFUSED_ON_MATRIXONE,
      async run({ sequelize, User }) {
        const { SERIALIZABLE, READ_UNCOMMITTED } = Transaction.ISOLATION_LEVELS;
        return attemptEach([SERIALIZABLE, READ_UNCOMMITTED], (isolationLevel) =>
          sequelize.transaction({ isolationLevel }, (transaction) => User.count({ transaction })),
        );
      },
    },
    'read-only': {
      api: '`sequelize.transaction({ readOnly: true }, fn)`',
      expected: everywhere(
        works(
          'Sequelize’s `readOnly` only picks a read replica: no `READ ONLY` sent, a write inside committed',
        ),
      ),
      async run({ sequelize, User }, tables) {
        const sent: string[] = [];
        await sequelize.transaction(
          { readOnly: true, logging: (sql: string) => sent.push(sql) },
          (transaction) => User.create({ email: 'ro@x.io' }, { transaction }),
        );
        if (sent.some((sql) => /READ ONLY/i.test(sql))) return wrong('`READ ONLY` sent');
        return (await tables.emails()).join() === 'ro@x.io'
          ? works(
              'Sequelize’s `readOnly` only picks a read replica: no `READ ONLY` sent, a write inside committed',
            )
          : wrong('the write inside was not committed');
      },
    },
    types: {
      api: '`create` then `findOne` of DECIMAL, DATE(3), JSON, BOOLEAN, ENUM, TEXT and NULL attributes',
      expected: everywhere(),
      async run({ User }) {
        await User.create({ ...TYPES_ROW });
        const row = (await User.findOne({ where: { email: TYPES_ROW.email } }))?.get({ plain: true });
        // Sequelize's mysql dialect may give JSON as text.
        const profile = typeof row?.profile === 'string' ? JSON.parse(row.profile) : row?.profile;
        return typesOutcome(row && { ...row, profile });
      },
    },
    'auto-increment-after-alter': {
      api: '`queryInterface.addColumn`, then `create`',
      expected: ID_JUMPS_AFTER_ALTER,
      async run({ sequelize, Counter }) {
        await Counter.drop();
        await Counter.sync();
        try {
          const first = Number((await Counter.create({ name: 'a' })).get('id'));
          await sequelize.getQueryInterface().addColumn('counters', 'extra', DataTypes.STRING(20));
          const next = Number((await Counter.create({ name: 'b' })).get('id'));
          return nextIdOutcome(first, next);
        } finally {
          await Counter.drop();
        }
      },
    },
  },
});
