/**
 * Binds the SDK's transaction wrapper to a Knex transaction that Knex (or the application) begins, commits and
 * rolls back. Knex has no commit hook or event, and `trx.executionPromise` resolves on a bare `rollback()` as
 * well as on commit, so the binding wraps the transactor's own `commit`/`rollback` functions (the ones Knex's
 * managed `knex.transaction(cb)` calls too) and reads the outcome from there.
 *
 * - A top-level transaction settles its hooks when COMMIT succeeds (`afterCommit`), or after ROLLBACK or a COMMIT
 *   the server refused (`afterRollback`). A COMMIT lost with the connection settles nothing: its outcome is unknown.
 * - A nested transaction (a Knex savepoint) settles `afterRollback` when it is rolled back to, and otherwise
 *   follows the transaction around it once that one ends.
 * - When a `ROLLBACK TO SAVEPOINT` fails (MatrixOne cannot roll back to a savepoint), the work the application
 *   meant to undo is still in the transaction; the binding then turns the outer COMMIT into a ROLLBACK and fails
 *   the transaction with {@link TransactionError}, instead of committing half-undone work. The same happens when
 *   the core reports that an SDK transaction bound inside it can only roll back (`BoundTransaction.rollbackOnly`:
 *   the server ended the whole transaction, or an SDK nested transaction could not be undone).
 */
import {
  type BindOptions,
  type BoundTransaction,
  type Transaction,
  TransactionError,
  bindTransaction,
  isCommitOutcomeUnknown,
  isRollbackToSavepoint,
  savepointRollbackFailure,
  toMatrixOneError,
} from '@matrixone/core';
import type { Knex } from 'knex';
import { KnexTransactionExecutor } from './knex-transaction-executor.js';

/** What binding a Knex transaction takes: the core's bind options and the adapter's statement timeout. */
export interface KnexBindOptions extends BindOptions {
  /** Limits every SDK statement sent in the transaction, in milliseconds; no limit when `undefined`. */
  readonly queryTimeoutMs?: number | undefined;
}

/** How a bound Knex transaction ended, as far as its hooks are concerned. */
type Outcome = 'commit' | 'rollback' | 'unknown';

/** One Knex transaction bound to the SDK. */
export interface KnexBinding {
  /** The SDK transaction wrapper on the Knex transaction's connection. */
  readonly tx: Transaction;
  /**
   * Resolves once the transaction has ended and its hooks have run; rejects with `HookError` when a hook
   * failed. Stays pending while the transaction is open.
   */
  readonly settled: Promise<void>;
  /** How the transaction ended; stays pending while it is open. */
  readonly outcome: Promise<Outcome>;
}

interface BindingState extends KnexBinding {
  failedSavepointRollback?: unknown;
  /** The state of the outermost Knex transaction (this one, for a top-level transaction). */
  readonly root: BindingState;
  /** On the outermost state: the SDK transactions bound to it and to every Knex savepoint inside it. */
  readonly bound: BoundTransaction[];
}

const bindings = new WeakMap<Knex.Transaction, BindingState>();

/** Bindings whose hook failures someone has taken charge of reporting. */
const claimed = new WeakSet<KnexBinding>();

/**
 * Takes charge of reporting the hook failures of `binding`; true for the first caller only, so binding a
 * transaction again (or inside `client.transaction()`, which rejects with them) never reports them twice.
 */
export function claimHookFailures(binding: KnexBinding): boolean {
  if (claimed.has(binding)) return false;
  claimed.add(binding);
  return true;
}

/**
 * Binds `trx` once; later calls with the same transaction return the same binding.
 * Throws {@link TransactionError} when `trx` has already committed or rolled back.
 */
export function bindKnexTransaction(trx: Knex.Transaction, options: KnexBindOptions): KnexBinding {
  const existing = bindings.get(trx);
  if (existing) return existing;
  if (trx.isCompleted()) {
    throw new TransactionError(
      'This Knex transaction has already committed or rolled back; bind the SDK to a transaction that is still ' +
        'open (inside knex.transaction(async (trx) => …)).',
    );
  }
  const bound = bindTransaction(new KnexTransactionExecutor(trx, options.queryTimeoutMs), options);
  let end: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    end = resolve;
  });
  const parent = trx.parentTransaction;
  const outer = parent ? (bindKnexTransaction(parent, options) as BindingState) : undefined;
  const state: BindingState = {
    tx: bound.tx,
    outcome,
    settled: outcome.then((ended) => settle(bound, ended)),
    get root() {
      return outer?.root ?? state;
    },
    bound: [],
  };
  state.root.bound.push(bound);
  // A caller that never awaits `settled` must not turn a hook failure into an unhandled rejection here;
  // whoever bound the transaction decides how hook failures are reported.
  state.settled.catch(() => undefined);
  bindings.set(trx, state);

  if (outer) {
    watchNested(trx, outer, end);
  } else {
    watchTopLevel(trx, state, end);
  }
  return state;
}

function settle(bound: BoundTransaction, outcome: Outcome): Promise<void> {
  return outcome === 'unknown' ? Promise.resolve() : bound.settle(outcome);
}

function watchTopLevel(trx: Knex.Transaction, state: BindingState, end: (outcome: Outcome) => void): void {
  trx.on('query-error', (error: unknown, query: { sql?: unknown } | undefined) => {
    if (typeof query?.sql === 'string' && isRollbackToSavepoint(query.sql)) {
      state.failedSavepointRollback ??= error;
    }
  });
  const commit = trx.commit;
  trx.commit = (value?: unknown) => {
    const refusal = commitRefusal(state);
    if (refusal) return trx.rollback(refusal);
    const sent = commit.call(trx, value);
    trx.executionPromise.then(
      () => end('commit'),
      (error: unknown) => end(commitFailureOutcome(error)),
    );
    return sent;
  };
  watchRollback(trx, end);
}

function watchNested(trx: Knex.Transaction, outer: KnexBinding, end: (outcome: Outcome) => void): void {
  watchRollback(trx, end);
  outer.outcome.then(end);
}

/** Ends the binding as rolled back once Knex has finished a `rollback()` of `trx`, whether or not it failed. */
function watchRollback(trx: Knex.Transaction, end: (outcome: Outcome) => void): void {
  const rollback = trx.rollback;
  trx.rollback = (error?: unknown) => {
    const sent = rollback.call(trx, error);
    trx.executionPromise.then(
      () => end('rollback'),
      () => end('rollback'),
    );
    return sent;
  };
}

/** A COMMIT the server answered with an error did not commit; one lost with the connection may have. */
function commitFailureOutcome(error: unknown): Outcome {
  return isCommitOutcomeUnknown(toMatrixOneError(error)) ? 'unknown' : 'rollback';
}

/**
 * Why the outermost transaction must roll back instead of committing: a Knex savepoint that could not be rolled
 * back to, or an SDK transaction bound inside it that must roll back (its own nested rollback failed, or the
 * server ended the whole transaction).
 */
function commitRefusal(state: BindingState): TransactionError | undefined {
  const sdkRefusal = state.bound.find((bound) => bound.rollbackOnly !== undefined)?.rollbackOnly;
  if (sdkRefusal) return sdkRefusal;
  return state.failedSavepointRollback === undefined
    ? undefined
    : savepointRollbackFailure(state.failedSavepointRollback);
}
