/**
 * Classifies a nested transaction whose inner block threw, the same way for every ORM: rolled back to its
 * savepoint with the outer transaction committed (MySQL, MariaDB), or the whole transaction rolled back by the
 * MatrixOne guard — never the outer transaction committing part of the inner block.
 */
import { TransactionError, toMatrixOneError } from '@matrixone/core';
import { describeError } from './compat-failure.js';
import { type CompatOutcome, differs, works, wrong } from './compat-outcome.js';

/** What the feature observed. */
export interface NestedRollbackRun {
  /** The error the inner block threw. */
  readonly boom: Error;
  /** What the inner transaction call rejected with. */
  readonly inner: unknown;
  /** `'committed'`, or what the outer transaction call rejected with. */
  readonly outer: unknown;
  /** The users' emails afterwards, in id order; the outer block wrote `outer@x.io` and `after@x.io`. */
  readonly emails: readonly string[];
}

/** MySQL's behaviour: the savepoint undid the inner block. */
export const ROLLED_BACK_TO_SAVEPOINT = works(
  'the inner block rolled back to its savepoint, the outer committed',
);

/** The guard's behaviour on MatrixOne; `withCause` when the outer error keeps the application's as its cause. */
export function rolledBackWhole(withCause: boolean): CompatOutcome {
  const cause = withCause ? ' with the application’s error as cause' : '';
  return differs(
    `the whole transaction rolled back: the inner block gets the application’s error, the outer \`TransactionError\`${cause}; nothing committed`,
  );
}

/** Classifies one run of the nested-rollback feature. */
export function nestedRollbackOutcome({ boom, inner, outer, emails }: NestedRollbackRun): CompatOutcome {
  const rows = emails.join();
  if (inner !== boom) return wrong(`the inner block got ${describeError(inner)}, not its own error`);
  if (outer === 'committed') {
    return rows === 'outer@x.io,after@x.io' ? ROLLED_BACK_TO_SAVEPOINT : wrong(`committed ${rows}`);
  }
  const failure = toMatrixOneError(outer);
  if (failure instanceof TransactionError && rows === '') return rolledBackWhole(failure.cause === boom);
  return wrong(`the outer transaction failed with ${describeError(outer)}, rows ${rows}`);
}

/** The three transactions of the pool-after-nested feature, on an ORM instance with a pool of one connection. */
export interface PoolAfterNestedSteps {
  /** A transaction inserting `outer@x.io` whose nested transaction throws; what it rejects with is ignored. */
  nested(): Promise<unknown>;
  /** A transaction inserting `next@x.io` that the application aborts by throwing. */
  abort(): Promise<unknown>;
  /** A transaction inserting `later@x.io` that commits. */
  commit(): Promise<unknown>;
}

/**
 * Runs `steps` one after the other on the one pooled connection: had the failed nested transaction given it back
 * inside a transaction, the aborted transaction's ROLLBACK would take earlier work with it, or its START
 * TRANSACTION would commit that work — the rows would not read as they should.
 */
export async function poolAfterNestedOutcome(
  steps: PoolAfterNestedSteps,
  emails: () => Promise<string[]>,
): Promise<CompatOutcome> {
  await steps.nested().catch(() => undefined);
  const afterNested = (await emails()).join();
  const aborted = await steps.abort().then(
    () => false,
    () => true,
  );
  if (!aborted) return wrong('the aborted transaction did not fail');
  const afterAbort = (await emails()).join();
  if (afterAbort !== afterNested)
    return wrong(
      `rolling back the next transaction changed the rows from "${afterNested}" to "${afterAbort}"`,
    );
  await steps.commit();
  const afterCommit = (await emails()).join();
  const expected = [afterNested, 'later@x.io'].filter(Boolean).join();
  return afterCommit === expected ? works() : wrong(`committing the next transaction left "${afterCommit}"`);
}
