/**
 * The runtime fields of a Sequelize v6 `Transaction` the adapter reads. Sequelize sets them on every
 * transaction (`sequelize/lib/transaction.js`) but leaves them out of its typings, so they are declared here
 * once, read-only, and nowhere else.
 */
import type { Sequelize, Transaction } from 'sequelize';

/** What Sequelize keeps on a transaction object besides its typed methods. */
interface TransactionRuntimeFields {
  /** The instance that began it. */
  readonly sequelize: Sequelize;
  /** `'commit'` or `'rollback'` once ended (set when COMMIT/ROLLBACK is sent); undefined while open. */
  readonly finished?: 'commit' | 'rollback';
  /** The enclosing transaction of a savepoint; null or undefined on a root transaction. */
  readonly parent?: Transaction | null;
  /** The pinned driver connection; undefined until the transaction has begun. */
  readonly connection?: object;
  /** Savepoints created on this transaction, in order. */
  readonly savepoints?: readonly Transaction[];
}

function runtimeFields(transaction: Transaction): TransactionRuntimeFields {
  return transaction as unknown as TransactionRuntimeFields;
}

/**
 * True for a Sequelize `Transaction` (root or savepoint). Checked by shape rather than `instanceof`, so a
 * transaction from another copy of the `sequelize` package is recognised too.
 */
export function isSequelizeTransaction(value: unknown): value is Transaction {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<'commit' | 'rollback' | 'afterCommit' | 'sequelize', unknown>>;
  return (
    typeof candidate.commit === 'function' &&
    typeof candidate.rollback === 'function' &&
    typeof candidate.afterCommit === 'function' &&
    typeof candidate.sequelize === 'object' &&
    candidate.sequelize !== null
  );
}

/** The Sequelize instance a transaction belongs to. */
export function sequelizeOf(transaction: Transaction): Sequelize {
  return runtimeFields(transaction).sequelize;
}

/** The driver connection a transaction pinned (a savepoint shares its root's); undefined before it began. */
export function connectionOf(transaction: Transaction): object | undefined {
  return runtimeFields(transaction).connection;
}

/** The enclosing transaction of a savepoint, or undefined for a root transaction. */
export function parentOf(transaction: Transaction): Transaction | undefined {
  return runtimeFields(transaction).parent ?? undefined;
}

/** The outermost transaction: the one whose COMMIT ends everything. */
export function rootOf(transaction: Transaction): Transaction {
  let current = transaction;
  for (let parent = parentOf(current); parent; parent = parentOf(current)) current = parent;
  return current;
}

/** The transaction and its enclosing transactions, innermost first. */
export function lineageOf(transaction: Transaction): Transaction[] {
  const lineage: Transaction[] = [];
  for (let current: Transaction | undefined = transaction; current; current = parentOf(current)) {
    lineage.push(current);
  }
  return lineage;
}

/** How a transaction ended, or undefined while it is open. */
export function finishedStateOf(transaction: Transaction): 'commit' | 'rollback' | undefined {
  return runtimeFields(transaction).finished;
}

/**
 * True while statements sent with `{ transaction }` run inside it: it has begun and neither it nor an
 * enclosing transaction has ended. A savepoint whose parent committed is closed even though it never ended.
 */
export function isSequelizeTransactionOpen(transaction: Transaction): boolean {
  if (connectionOf(transaction) === undefined) return false;
  return lineageOf(transaction).every((member) => finishedStateOf(member) === undefined);
}

/** Every savepoint created under `transaction`, at any depth. */
export function savepointsUnder(transaction: Transaction): Transaction[] {
  const direct = runtimeFields(transaction).savepoints ?? [];
  return direct.flatMap((savepoint) => [savepoint, ...savepointsUnder(savepoint)]);
}
