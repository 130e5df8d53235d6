/**
 * MatrixOne's in-transaction rules, in one table. Inside an open transaction MatrixOne refuses every
 * snapshot statement (even SHOW SNAPSHOTS), every RESTORE, every PITR statement (even SHOW PITR),
 * CREATE/ALTER/DROP PUBLICATION and account/user/role/grant statements; it accepts CLONE, DATA BRANCH
 * CREATE/DELETE/DIFF, DDL and DML, and DATA BRANCH MERGE inside an explicit BEGIN.
 * Source: MatrixOne's `statementCanBeExecutedInUncommittedTransaction`
 * (docs/matrixone-facts.md#transactions), with the recorded texts.
 *
 * On a transaction, a manager checks its operation here before sending any SQL.
 */
import { TransactionRuleError } from '../errors/errors.js';

/** The server message MatrixOne returns for a refused statement, kept for documentation and tests. */
export const RefusalMessage = {
  Unclassified: 'internal error: unclassified statement appears in uncommitted transaction',
  Administrative: 'internal error: administrative command is unsupported in transactions',
  BranchMergePick: 'internal error: DATA BRANCH MERGE/PICK is not supported in transactions',
  /** CREATE/DROP SEQUENCE after BEGIN and RENAME TABLE (recorded in transaction_enhance); no manager sends these. */
  OnlyCreateDdl: 'internal error: Only CREATE of DDL is supported in transactions',
} as const;
/** One of {@link RefusalMessage}'s values. */
export type RefusalMessage = (typeof RefusalMessage)[keyof typeof RefusalMessage];

/** How MatrixOne treats an operation inside an open transaction. */
export type TransactionRule =
  | { readonly allowed: true; readonly note: string }
  | { readonly allowed: false; readonly serverMessage: RefusalMessage; readonly statement: string };

const refusedUnclassified = (statement: string): TransactionRule => ({
  allowed: false,
  serverMessage: RefusalMessage.Unclassified,
  statement,
});
const refusedAdministrative = (statement: string): TransactionRule => ({
  allowed: false,
  serverMessage: RefusalMessage.Administrative,
  statement,
});
const allowed = (note: string): TransactionRule => ({ allowed: true, note });

/** Every manager operation and its rule. Keys are `<manager>.<method>`. */
export const TRANSACTION_RULES = {
  'snapshots.create': refusedUnclassified('CREATE SNAPSHOT'),
  'snapshots.drop': refusedUnclassified('DROP SNAPSHOT'),
  'snapshots.list': refusedUnclassified('SHOW SNAPSHOTS'),
  'snapshots.get': refusedUnclassified('SHOW SNAPSHOTS'),
  'snapshots.exists': refusedUnclassified('SHOW SNAPSHOTS'),
  'snapshots.guard': refusedUnclassified('CREATE SNAPSHOT'),
  'clones.database': allowed('CREATE DATABASE … CLONE joins the transaction and rolls back with it'),
  'clones.table': allowed('CREATE TABLE … CLONE joins the transaction and rolls back with it'),
  'restores.cluster': refusedUnclassified('RESTORE CLUSTER'),
  'restores.account': refusedUnclassified('RESTORE ACCOUNT'),
  'restores.database': refusedUnclassified('RESTORE DATABASE'),
  'restores.table': refusedUnclassified('RESTORE TABLE'),
  'pitr.create': refusedUnclassified('CREATE PITR'),
  'pitr.alter': refusedUnclassified('ALTER PITR'),
  'pitr.drop': refusedUnclassified('DROP PITR'),
  'pitr.list': refusedUnclassified('SHOW PITR'),
  'pitr.get': refusedUnclassified('SHOW PITR'),
  'pitr.restore': refusedUnclassified('RESTORE … FROM PITR'),
  'timeTravel.read': allowed('time-travel SELECTs are queries'),
  'publications.create': refusedUnclassified('CREATE PUBLICATION'),
  'publications.alter': refusedUnclassified('ALTER PUBLICATION'),
  'publications.drop': refusedUnclassified('DROP PUBLICATION'),
  'publications.list': allowed('SHOW PUBLICATIONS is allowed in a transaction'),
  'publications.showCreate': allowed('SHOW CREATE PUBLICATION is allowed in a transaction'),
  'publications.subscribe': allowed('CREATE DATABASE … FROM … PUBLICATION is DDL'),
  'publications.listSubscriptions': allowed('SHOW SUBSCRIPTIONS is allowed in a transaction'),
  'accounts.createAccount': refusedAdministrative('CREATE ACCOUNT'),
  'accounts.alterAccount': refusedAdministrative('ALTER ACCOUNT'),
  'accounts.dropAccount': refusedAdministrative('DROP ACCOUNT'),
  'accounts.listAccounts': allowed('SHOW ACCOUNTS is allowed in a transaction'),
  'accounts.createUser': refusedAdministrative('CREATE USER'),
  'accounts.alterUser': refusedAdministrative('ALTER USER'),
  'accounts.dropUser': refusedAdministrative('DROP USER'),
  'accounts.createRole': refusedAdministrative('CREATE ROLE'),
  'accounts.dropRole': refusedAdministrative('DROP ROLE'),
  'accounts.listRoles': refusedUnclassified('SHOW ROLES'),
  'accounts.listUsers': allowed('a SELECT on mo_catalog.mo_user is a query'),
  'accounts.listPrivileges': allowed('a SELECT on mo_catalog.mo_role_privs is a query'),
  'accounts.listGrantedRoles': allowed('a SELECT on mo_catalog.mo_user_grant / mo_role_grant is a query'),
  'accounts.grant': refusedAdministrative('GRANT'),
  'accounts.revoke': refusedAdministrative('REVOKE'),
  'branches.createTable': allowed('DATA BRANCH CREATE TABLE joins the transaction'),
  'branches.createDatabase': allowed('DATA BRANCH CREATE DATABASE joins the transaction'),
  'branches.deleteTable': allowed('DATA BRANCH DELETE TABLE joins the transaction'),
  'branches.deleteDatabase': allowed('DATA BRANCH DELETE DATABASE joins the transaction'),
  'branches.diff': allowed('DATA BRANCH DIFF is a query'),
  'branches.merge': allowed('DATA BRANCH MERGE joins an explicit BEGIN and rolls back with it'),
  'branches.pick': {
    allowed: false,
    serverMessage: RefusalMessage.BranchMergePick,
    statement: 'DATA BRANCH PICK',
  },
  'vectors.createIndex': allowed(
    'CREATE INDEX … USING IVFFLAT | HNSW is DDL; it joins the transaction and rolls back with it',
  ),
  'vectors.listIndexes': allowed('SHOW INDEX is allowed in a transaction'),
  'vectors.reindex': allowed('ALTER TABLE … ALTER REINDEX joins the transaction and rolls back with it'),
  'vectors.dropIndex': allowed('DROP INDEX joins the transaction and rolls back with it'),
  'vectors.describeColumn': allowed('DESC is allowed in a transaction'),
  'vectors.search': allowed('a k-NN SELECT is a query; SET probe_limit is allowed in a transaction'),
  'vectors.withSettings': allowed('SET of session variables is allowed in a transaction'),
  'fulltext.createIndex': allowed(
    'CREATE FULLTEXT INDEX is DDL; it joins the transaction and rolls back with it',
  ),
  'fulltext.listIndexes': allowed('SHOW INDEX is allowed in a transaction'),
  'fulltext.dropIndex': allowed('DROP INDEX joins the transaction and rolls back with it'),
  'fulltext.search': allowed("MATCH … AGAINST is a query and sees the transaction's own writes"),
  'loading.load': allowed(
    'LOAD DATA (server file, stage, LOCAL, INLINE) joins the transaction and rolls back with it',
  ),
  'loading.loadChecked': allowed(
    'CREATE TABLE … LIKE, LOAD DATA, INSERT … SELECT and DROP TABLE all join the transaction',
  ),
  'stages.create': refusedUnclassified('CREATE STAGE'),
  'stages.alter': refusedUnclassified('ALTER STAGE'),
  'stages.drop': refusedUnclassified('DROP STAGE'),
  'stages.list': refusedUnclassified('SHOW STAGES'),
  'stages.get': refusedUnclassified('SHOW STAGES'),
  'stages.removeFiles': refusedUnclassified('REMOVE FILES FROM STAGE'),
  'stages.listFiles': allowed('SELECT … FROM stage_list(…) is a query (not recorded inside a transaction)'),
  'exports.toFile': allowed(
    'SELECT … INTO OUTFILE runs inside a transaction, but its file stays after ROLLBACK; the SDK refuses it there itself',
  ),
  'exports.toWritable': allowed('a streamed SELECT is a query'),
  'cdc.create': refusedUnclassified('CREATE CDC'),
  'cdc.list': allowed('a SELECT on mo_catalog.mo_cdc_task is a query'),
  'cdc.get': refusedUnclassified('SHOW CDC'),
  'cdc.pause': refusedUnclassified('PAUSE CDC'),
  'cdc.resume': refusedUnclassified('RESUME CDC'),
  'cdc.drop': refusedUnclassified('DROP CDC'),
  'metadata.table': allowed('SHOW TABLE STATUS, SHOW COLUMNS and SHOW INDEX are allowed in a transaction'),
  'metadata.objects': allowed('SELECT … FROM metadata_scan(…) is a query (recorded inside BEGIN)'),
  'metadata.coverage': refusedUnclassified('SHOW SNAPSHOTS / SHOW PITR'),
} as const satisfies Record<string, TransactionRule>;

/** A manager operation that has a transaction rule. */
export type ManagedOperation = keyof typeof TRANSACTION_RULES;

/**
 * Throws {@link TransactionRuleError} when `operation` is one MatrixOne refuses inside a transaction and
 * `inTransaction` is true. Call it before building or sending any SQL.
 */
export function assertAllowedInTransaction(operation: ManagedOperation, inTransaction: boolean): void {
  if (!inTransaction) return;
  const rule: TransactionRule = TRANSACTION_RULES[operation];
  if (rule.allowed) return;
  const [manager, method] = operation.split('.');
  throw new TransactionRuleError(
    operation,
    `MatrixOne refuses ${rule.statement} inside a transaction ("${rule.serverMessage}"), so ${operation}() was not sent. ` +
      `Run it outside the transaction with client.${manager}.${method}(…), or schedule it to run after commit with ` +
      `tx.afterCommit(() => client.${manager}.${method}(…)).`,
  );
}
