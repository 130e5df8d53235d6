/**
 * The everyday features every ORM's compatibility suite runs, in the order the guides list them, with the static
 * explanation of what the adapter patches and why (the same for every ORM; an ORM adds its own caveats next to
 * its implementation). Sources: docs/matrixone-facts.md#orms-on-matrixone.
 */

/** One feature as the guides name it. */
export interface CompatFeatureInfo {
  readonly id: string;
  /** What the application does, ORM-neutral; each ORM's suite adds the API it calls. */
  readonly title: string;
  /** What the adapter patches on MatrixOne for it, and why. */
  readonly patched: string;
}

const GUARD_DROPS_KEY_ASSIGNMENTS =
  'MatrixOne refuses any assignment to a unique or primary-key column in `ON DUPLICATE KEY UPDATE` (errno 20313), ' +
  'even `email = VALUES(email)` or `id = id`; the guard drops those no-op assignments (keys read from ' +
  '`information_schema` on the same connection)';

const SCHEMA_READING =
  'MatrixOne’s `INFORMATION_SCHEMA` lacks primary-key and foreign-key rows where the ORMs look and lower-cases ' +
  'index and foreign-key names, so the ORM saw differences that are not there (TypeORM: errno 1068 `Multiple ' +
  'primary key defined`; Sequelize: `SequelizeUnknownConstraintError`). On MatrixOne only, the adapter patches how ' +
  'the ORM reads the schema (the guide’s "Schema tools on MatrixOne")';

/** The features, in table order. */
export const COMPAT_FEATURES = [
  {
    id: 'schema-create',
    title: 'create the tables with the ORM’s schema tool',
    patched: 'nothing: MatrixOne accepts this DDL',
  },
  {
    id: 'schema-sync-unchanged',
    title: 'second start with unchanged models: the schema tool’s DDL',
    patched: SCHEMA_READING,
  },
  {
    id: 'schema-add-column',
    title: 'a column added to a model: the schema tool’s DDL',
    patched: SCHEMA_READING,
  },
  {
    id: 'schema-pending-unchanged',
    title: 'pending migration statements for an unchanged schema',
    patched: SCHEMA_READING,
  },
  {
    id: 'schema-undo-named-index',
    title: 'undo a migration whose `down` drops an index by its mixed-case name',
    patched:
      'MatrixOne stores index names lower-cased; the adapter makes the ORM find an index or foreign key by its name ' +
      'ignoring case and drop it by the name the server has',
  },
  {
    id: 'schema-serial',
    title: 'migration with a `serial` column (drizzle-kit’s DDL for `serial()`)',
    patched:
      'MatrixOne does not parse the type `serial` (errno 1064); the guard sends such a column as MySQL defines ' +
      '`SERIAL`, `bigint unsigned NOT NULL AUTO_INCREMENT UNIQUE` (without `UNIQUE` when the statement makes it the ' +
      'primary key)',
  },
  {
    id: 'crud',
    title: 'insert, read, update, increment, delete and count rows',
    patched: 'nothing',
  },
  {
    id: 'insert-one-id',
    title: 'insert one row: the id the ORM reports',
    patched: 'nothing',
  },
  {
    id: 'insert-many-ids',
    title: 'insert three rows in one statement: the ids the ORM reports',
    patched:
      'MatrixOne’s OK packet carries the **last** id of a multi-row INSERT (MySQL: the first); the adapter’s ' +
      'connections report the first, so the ORM numbers the rows right',
  },
  {
    id: 'duplicate-key',
    title: 'duplicate unique key: the error the ORM gives',
    patched:
      'MatrixOne sends errno 1062 with SQLSTATE HY000; the guard rewrites the SQLSTATE to MySQL’s 23000 and core ' +
      'maps the error to `ConstraintError`',
  },
  {
    id: 'fk-violation',
    title: 'child row whose parent is missing: the error the ORM gives',
    patched:
      'MatrixOne sends errno 20101 / SQLSTATE HY000 (MySQL: 1452 / 23000); the guard rewrites the mysql2 error to ' +
      'MySQL’s codes and keeps MatrixOne’s as `error.matrixOne`, so the ORM classifies it and core maps it to ' +
      '`ConstraintError`',
  },
  {
    id: 'cascade-delete',
    title: 'delete a parent with `ON DELETE CASCADE`: the affected-row count',
    patched: 'nothing to refuse: MatrixOne counts the cascaded child rows too',
  },
  {
    id: 'upsert-every-column',
    title: 'upsert assigning every inserted column, the conflict column included',
    patched: GUARD_DROPS_KEY_ASSIGNMENTS,
  },
  {
    id: 'upsert-named-columns',
    title: 'upsert with a column list naming the conflict column',
    patched: GUARD_DROPS_KEY_ASSIGNMENTS,
  },
  {
    id: 'upsert-key-change',
    title: 'upsert that really changes a key column',
    patched:
      'refused before sending, naming the column: MatrixOne would refuse it (errno 20313); change a key with an ' +
      'UPDATE of its own',
  },
  {
    id: 'insert-ignore',
    title: 'insert ignoring duplicates',
    patched: 'nothing',
  },
  {
    id: 'join',
    title: 'join / load a relation',
    patched: 'nothing',
  },
  {
    id: 'relations-lateral',
    title: 'relational query, mode `default` (LATERAL join)',
    patched:
      'MatrixOne does not parse `LATERAL` (errno 1064): refused before sending; use mode `planetscale`',
  },
  {
    id: 'relations-subquery',
    title: 'relational query, mode `planetscale`, a `many` relation (subquery in the select list)',
    patched: 'nothing',
  },
  {
    id: 'correlated-from',
    title: 'correlated subquery in FROM',
    patched:
      'MatrixOne cannot run a derived table that names a table of the query around it (errno 20102 `correlated ' +
      'subquery in FROM clause is not yet implemented`): refused before sending; write a join instead',
  },
  {
    id: 'nested-rollback',
    title: 'nested transaction whose inner block throws',
    patched:
      'MatrixOne cannot `ROLLBACK TO SAVEPOINT`, and its failure undoes only the statement sent before it, so the ' +
      'ORM would commit the inner block minus its last write. The guard rolls back the whole transaction instead: ' +
      'the inner block gets the application’s error, every later statement of the outer transaction (COMMIT ' +
      'included) fails with `TransactionError` without being sent, and no connection goes back to the pool inside ' +
      'a transaction',
  },
  {
    id: 'pool-after-nested',
    title: 'the pooled connection after a failed nested transaction (a pool of one)',
    patched:
      'a connection given back to the pool inside a transaction would have its work committed or discarded by the ' +
      'next user; the guard rolls it back before the pool hands it out again',
  },
  {
    id: 'for-update-share',
    title: '`FOR UPDATE` / `FOR SHARE` in a transaction',
    patched: 'nothing',
  },
  {
    id: 'nowait-skip-locked',
    title: '`NOWAIT` / `SKIP LOCKED`',
    patched: 'MatrixOne does not parse them (errno 1064): refused before sending',
  },
  {
    id: 'isolation-supported',
    title: 'transaction isolation READ COMMITTED / REPEATABLE READ',
    patched: 'nothing',
  },
  {
    id: 'isolation-unsupported',
    title: 'transaction isolation SERIALIZABLE / READ UNCOMMITTED',
    patched:
      'MatrixOne supports READ COMMITTED and REPEATABLE READ only (errno 20105): refused before sending',
  },
  {
    id: 'read-only',
    title: 'read-only transaction',
    patched:
      'MatrixOne refuses `SET TRANSACTION READ ONLY` (errno 20105) and accepts `START TRANSACTION READ ONLY` ' +
      'without enforcing it: refused before sending',
  },
  {
    id: 'types',
    title: 'types round trip: DECIMAL, DATETIME(3), JSON, BOOLEAN, ENUM, TEXT, NULL',
    patched: 'nothing',
  },
  {
    id: 'auto-increment-after-alter',
    title: 'next auto-increment id after `ALTER TABLE … ADD COLUMN`',
    patched: 'nothing to refuse: MatrixOne moves the counter on some ALTER TABLEs',
  },
] as const satisfies readonly CompatFeatureInfo[];

/** The id of one of {@link COMPAT_FEATURES}. */
export type CompatFeatureId = (typeof COMPAT_FEATURES)[number]['id'];
