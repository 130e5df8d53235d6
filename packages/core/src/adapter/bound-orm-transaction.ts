/**
 * The SDK transaction bound to an ORM's transaction, and how its hooks settle. The ORM begins, commits and
 * rolls back; the adapter's {@link OrmBinding.watch} reports how it ended, and this module decides:
 * - an outermost transaction settles `afterCommit` once COMMIT succeeded, `afterRollback` after a ROLLBACK or a
 *   COMMIT the server refused; a COMMIT lost with the connection settles nothing (its outcome is unknown);
 * - a nested one (an ORM savepoint) settles `afterRollback` when rolled back to, else follows its outermost one;
 * - the outermost COMMIT is refused (the adapter rolls back instead) when an ORM savepoint could not be rolled
 *   back to (MatrixOne cannot roll back to a savepoint, docs/matrixone-facts.md#transactions), or when an SDK
 *   transaction bound inside it must roll back (`BoundTransaction.rollbackOnly`).
 */
import type { Row, Statement, StatementResult, TransactionalExecutor } from '../connection/executor.js';
import { TransactionError } from '../errors/errors.js';
import { toMatrixOneError } from '../errors/map-driver-error.js';
import type { QueryEvents } from '../events/query-events.js';
import type { ServerInfo } from '../server/server-info.js';
import { type BoundTransaction, bindTransaction } from '../transaction/bind-transaction.js';
import { isCommitOutcomeUnknown } from '../transaction/commit-outcome.js';
import { isRollbackToSavepoint, savepointRollbackFailure } from '../transaction/orm-savepoint-failure.js';
import type { Transaction } from '../transaction/transaction.js';
import { runWithLocalInfile } from './local-infile.js';
import type { OrmBinding, TransactionEnd } from './orm-binding.js';

/** How a bound transaction ended, as far as its hooks are concerned. */
type Outcome = 'commit' | 'rollback' | 'unknown';

/** One ORM transaction bound to the SDK. */
export interface BoundOrmTransaction {
  /** The SDK transaction on the ORM transaction's connection. */
  readonly tx: Transaction;
  /** Resolves once the transaction ended and its hooks ran; rejects with their `HookError`. */
  readonly settled: Promise<void>;
  /** True for the first caller only: who reports the hook failures (see {@link BoundOrmTransaction.settled}). */
  claimHookFailures(): boolean;
}

/** What binding takes besides the ORM transaction. */
export interface BindOrmOptions {
  readonly events: QueryEvents;
  readonly serverInfo: (executor: TransactionalExecutor) => () => Promise<ServerInfo>;
  readonly timeoutMs: number | undefined;
}

interface State extends BoundOrmTransaction {
  readonly outcome: Promise<Outcome>;
  readonly root: State;
  /** On the outermost state: the SDK transactions bound to it and to every savepoint inside it. */
  readonly bound: BoundTransaction[];
  /** On the outermost state: the hook settlements of the same, failures left to {@link State.settled}. */
  readonly hooksRun: Promise<void>[];
  failedSavepointRollback?: unknown;
  claimed: boolean;
}

const states = new WeakMap<object, State>();

/**
 * Binds `tx` once (later calls return the same binding), its outer transactions first. Throws
 * {@link TransactionError} when `tx` has already ended.
 */
export function bindOrmTransaction<Orm extends object, OrmTx extends object, O>(
  binding: OrmBinding<Orm, OrmTx, O>,
  tx: OrmTx,
  options: BindOrmOptions,
): BoundOrmTransaction {
  const existing = states.get(tx);
  if (existing) return existing;
  if (!binding.isOpen(tx)) {
    throw new TransactionError(
      `This ${binding.ormName} transaction has already committed or rolled back; bind the SDK to a transaction ` +
        'that is still open.',
    );
  }
  const parent = binding.parentOf(tx);
  const outer = parent ? (bindOrmTransaction(binding, parent, options) as State) : undefined;
  const executor = new OrmTransactionExecutor(binding, tx, options.timeoutMs);
  const bound = bindTransaction(executor, {
    events: options.events,
    serverInfo: options.serverInfo(executor),
  });
  let end: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    end = resolve;
  });
  const state: State = {
    tx: bound.tx,
    outcome,
    settled: outcome.then((ended) => (ended === 'unknown' ? undefined : bound.settle(ended))),
    get root() {
      return outer?.root ?? state;
    },
    bound: [],
    hooksRun: [],
    claimed: false,
    claimHookFailures() {
      if (state.claimed) return false;
      state.claimed = true;
      return true;
    },
  };
  state.root.bound.push(bound);
  // Whoever bound the transaction decides how hook failures are reported; never an unhandled rejection here.
  const hooksRun = state.settled.catch(() => undefined);
  state.root.hooksRun.push(hooksRun);
  states.set(tx, state);
  if (outer) outer.outcome.then(end);
  binding.watch(tx, {
    refuseCommit: () => (outer ? undefined : commitRefusal(state)),
    ended: async (ended) => {
      if (outer && ended !== 'rolled-back') return;
      end(outcomeOf(ended));
      await Promise.all(outer ? [hooksRun] : state.hooksRun);
    },
    statementFailed: (sql, error) => {
      if (isRollbackToSavepoint(sql)) state.root.failedSavepointRollback ??= error;
    },
  });
  return state;
}

/** A COMMIT the server answered with an error did not commit; one lost with the connection may have. */
function outcomeOf(end: TransactionEnd): Outcome {
  if (end === 'committed') return 'commit';
  if (end === 'rolled-back') return 'rollback';
  return isCommitOutcomeUnknown(toMatrixOneError(end.commitFailed)) ? 'unknown' : 'rollback';
}

function commitRefusal(root: State): TransactionError | undefined {
  const sdkRefusal = root.bound.find((bound) => bound.rollbackOnly !== undefined)?.rollbackOnly;
  if (sdkRefusal) return sdkRefusal;
  return root.failedSavepointRollback === undefined
    ? undefined
    : savepointRollbackFailure(root.failedSavepointRollback);
}

/**
 * Runs the SDK's statements on an ORM transaction's connection. ORMs keep a finished transaction pointing at
 * its connection, which the pool may already have handed to someone else's transaction, so every statement
 * first checks that the transaction is still open.
 */
export class OrmTransactionExecutor<Orm extends object, OrmTx extends object, O>
  implements TransactionalExecutor
{
  readonly inTransaction = true as const;
  readonly #binding: OrmBinding<Orm, OrmTx, O>;
  readonly #tx: OrmTx;
  readonly #timeoutMs: number | undefined;

  constructor(binding: OrmBinding<Orm, OrmTx, O>, tx: OrmTx, timeoutMs: number | undefined) {
    this.#binding = binding;
    this.#tx = tx;
    this.#timeoutMs = timeoutMs;
  }

  isOpen(): boolean {
    return this.#binding.isOpen(this.#tx);
  }

  run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    if (!this.isOpen()) {
      return Promise.reject(
        new TransactionError(
          `The ${this.#binding.ormName} transaction this SDK transaction is bound to has already committed or ` +
            'rolled back, so the statement was not sent. Run it inside an open transaction, or on the client.',
        ),
      );
    }
    return runWithLocalInfile(statement, () =>
      this.#binding.run(this.#tx, statement, this.#timeoutMs),
    ) as Promise<StatementResult<R>>;
  }
}
