/**
 * What the schema-tool tests share: the models (the shape of the recorded MatrixOne run: `users` with a unique
 * email and the everyday column types, `posts` → users ON DELETE SET NULL through hasMany/belongsTo with a named
 * mixed-case index, `comments` → posts ON DELETE CASCADE), a Sequelize instance that records the statements it
 * sends, and the schema read back on the harness's own connection, independent of Sequelize and the adapter.
 */
import type mysql from 'mysql2/promise';
import { DataTypes, Sequelize } from 'sequelize';
import { type MatrixOneSequelizeClient, type MatrixOneSequelizeOptions, matrixone } from '../src/index.js';

/** Changes to the models, each as an application would edit its model code between two starts. */
export interface ModelChanges {
  /** A new nullable `users.city` VARCHAR(50). */
  readonly city?: boolean;
  /** `users.nickname` VARCHAR(40) → VARCHAR(60). */
  readonly longerNickname?: boolean;
  /** `users.email` (unique) VARCHAR(120) → VARCHAR(150). */
  readonly longerEmail?: boolean;
  /** posts → users ON DELETE SET NULL → CASCADE. */
  readonly cascadePosts?: boolean;
  /** `users.big` removed from the model. */
  readonly withoutBig?: boolean;
}

/** The tables, children first (the order to drop them in). */
export const TABLES = ['comments', 'posts', 'users'] as const;

/** A started application: its Sequelize instance with the adapter set up, the SDK client, and the SQL it sent. */
export interface App {
  readonly sequelize: Sequelize;
  readonly client: MatrixOneSequelizeClient;
  readonly statements: string[];
}

/** Starts an application on `url` with the models (and `changes`) defined and `matrixone(sequelize)` run. */
export function startApp(url: string, adapter: MatrixOneSequelizeOptions, changes: ModelChanges = {}): App {
  const statements: string[] = [];
  const sequelize = new Sequelize(url, {
    dialect: 'mysql',
    logging: (sql) => statements.push(sql.replace(/^Executing \([^)]*\): /, '')),
    pool: { max: 2, min: 0, acquire: 60_000 },
  });
  const User = sequelize.define(
    'User',
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      email: { type: DataTypes.STRING(changes.longerEmail ? 150 : 120), allowNull: false, unique: true },
      balance: { type: DataTypes.DECIMAL(12, 2), allowNull: false, defaultValue: '0.00' },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      role: { type: DataTypes.ENUM('admin', 'user', 'guest'), allowNull: false, defaultValue: 'user' },
      profile: { type: DataTypes.JSON },
      bio: { type: DataTypes.TEXT },
      nickname: { type: DataTypes.STRING(changes.longerNickname ? 60 : 40) },
      ...(!changes.withoutBig && { big: { type: DataTypes.BIGINT } }),
      visits: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      seenAt: { type: DataTypes.DATE(3) },
      ...(changes.city && { city: { type: DataTypes.STRING(50) } }),
    },
    { tableName: 'users' },
  );
  const Post = sequelize.define(
    'Post',
    { title: { type: DataTypes.STRING(100), allowNull: false } },
    { tableName: 'posts', indexes: [{ name: 'IDX_posts_Title', fields: ['title'] }] },
  );
  const onDelete = changes.cascadePosts ? 'CASCADE' : 'SET NULL';
  User.hasMany(Post, { foreignKey: 'userId', onDelete });
  Post.belongsTo(User, { foreignKey: 'userId', onDelete });
  const Comment = sequelize.define(
    'Comment',
    { body: { type: DataTypes.STRING(200) } },
    { tableName: 'comments' },
  );
  Post.hasMany(Comment, { foreignKey: { name: 'postId', allowNull: false }, onDelete: 'CASCADE' });
  Comment.belongsTo(Post, { foreignKey: { name: 'postId', allowNull: false }, onDelete: 'CASCADE' });
  return { sequelize, client: matrixone(sequelize, adapter), statements };
}

/** The DDL among `statements` (what changes the schema), in order. */
export function ddlOf(statements: readonly string[]): string[] {
  return statements.filter((sql) => /^\s*(?:ALTER|CREATE|DROP|RENAME)\b/i.test(sql));
}

/** One table as the server lists it, each part sorted. */
export interface TableSchema {
  /** `name type null default extra` per column. */
  readonly columns: string[];
  /** `name unique column` per index column. */
  readonly indexes: string[];
  /** `name column → table.column ON DELETE … ON UPDATE …` per foreign key. */
  readonly foreignKeys: string[];
}

type Rows = mysql.RowDataPacket[];
const text = (value: unknown) => (value === null || value === undefined ? 'NULL' : String(value));

/** The schema of {@link TABLES}, read on `inspect` (SHOW FULL COLUMNS, SHOW INDEX, the catalog's foreign keys). */
export async function schemaOf(inspect: mysql.Connection): Promise<Record<string, TableSchema>> {
  const schema: Record<string, TableSchema> = {};
  for (const table of TABLES) {
    const [columns] = await inspect.query<Rows>(`SHOW FULL COLUMNS FROM \`${table}\``);
    const [indexes] = await inspect.query<Rows>(`SHOW INDEX FROM \`${table}\``);
    const [keys] = await inspect.query<Rows>(
      'SELECT CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME ' +
        'FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ' +
        'AND REFERENCED_TABLE_NAME IS NOT NULL',
      [table],
    );
    const [rules] = await inspect.query<Rows>(
      'SELECT CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS ' +
        'WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [table],
    );
    const values = (row: object) => Object.values(row).map(text);
    const ruleOf = new Map(rules.map((row) => values(row)).map(([name, ...rest]) => [name, rest.join(' ')]));
    schema[table] = {
      columns: columns
        .map((row) => [row.Field, row.Type, row.Null, row.Default, row.Extra].map(text).join(' '))
        .sort(),
      indexes: indexes
        .map((row) => [row.Key_name, row.Non_unique, row.Column_name].map(text).join(' '))
        .sort(),
      foreignKeys: keys
        .map((row) => values(row))
        .map(
          ([name, column, table, referenced]) =>
            `${name} ${column} → ${table}.${referenced} ${ruleOf.get(name)}`,
        )
        .sort(),
    };
  }
  return schema;
}

/** Unique indexes on `column` of `table` in `schema` (one per index, however many columns it has). */
export function uniqueIndexesOn(schema: Record<string, TableSchema>, table: string, column: string): number {
  return (schema[table]?.indexes ?? []).filter((index) => {
    const [, nonUnique, indexed] = index.split(' ');
    return nonUnique === '0' && indexed?.toLowerCase() === column.toLowerCase();
  }).length;
}
