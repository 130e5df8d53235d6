/**
 * The nested-transaction scenarios, the same for every ORM: an ORM's suite gives its transaction calls
 * ({@link NestedTransactionCalls}) and the scenario runs them. A nested transaction whose inner block threw is
 * classified as rolled back to its savepoint with the outer transaction committed (MySQL, MariaDB), or the whole
 * transaction rolled back by the MatrixOne guard — never the outer transaction committing part of the inner block.
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

/** The transaction calls of the nested-transaction scenarios, written in an ORM's API. */
export interface NestedTransactionCalls<Tx> {
  /** Runs `block` in a transaction of the ORM instance; rejects with what the transaction failed with. */
  transaction(block: (tx: Tx) => Promise<unknown>): PromiseLike<unknown>;
  /** Runs `block` in a transaction nested in `tx`. */
  nested(tx: Tx, block: (nested: Tx) => Promise<unknown>): PromiseLike<unknown>;
  /** Inserts a row with `email` (and nothing else) inside `tx`. */
  insert(tx: Tx, email: string): PromiseLike<unknown>;
}

/** What the nested-rollback scenario observed, rows aside. */
export type NestedRollbackResult = Omit<NestedRollbackRun, 'emails'>;

/**
 * The nested-rollback scenario: a transaction inserts `outer@x.io`, then a nested transaction inserts
 * `inner1@x.io` and `inner2@x.io` and throws `boom`, then the outer one inserts `after@x.io` and ends.
 */
export async function runNestedRollback<Tx>(
  calls: NestedTransactionCalls<Tx>,
): Promise<NestedRollbackResult> {
  const boom = new Error('inner boom');
  let inner: unknown;
  const outer = await Promise.resolve(
    calls.transaction(async (tx) => {
      await calls.insert(tx, 'outer@x.io');
      inner = await Promise.resolve(
        calls.nested(tx, async (nested) => {
          await calls.insert(nested, 'inner1@x.io');
          await calls.insert(nested, 'inner2@x.io');
          throw boom;
        }),
      ).catch((error: unknown) => error);
      await calls.insert(tx, 'after@x.io');
    }),
  ).then(
    () => 'committed',
    (error: unknown) => error,
  );
  return { boom, inner, outer };
}

/**
 * The pool-after-nested scenario, on an ORM instance with a pool of one connection: a transaction inserting
 * `outer@x.io` whose nested transaction throws, then a transaction inserting `next@x.io` that the application
 * aborts, then one inserting `later@x.io` that commits. Had the failed nested transaction given the connection back
 * inside a transaction, the aborted transaction's ROLLBACK would take earlier work with it, or its START
 * TRANSACTION would commit that work — the rows would not read as they should.
 */
export async function poolAfterNestedOutcome<Tx>(
  calls: NestedTransactionCalls<Tx>,
  emails: () => Promise<string[]>,
): Promise<CompatOutcome> {
  const nested = calls.transaction(async (tx) => {
    await calls.insert(tx, 'outer@x.io');
    await Promise.resolve(
      calls.nested(tx, async () => {
        throw new Error('inner boom');
      }),
    ).catch(() => undefined);
  });
  await Promise.resolve(nested).catch(() => undefined);
  const afterNested = (await emails()).join();
  const abort = calls.transaction(async (tx) => {
    await calls.insert(tx, 'next@x.io');
    throw new Error('abort');
  });
  const aborted = await Promise.resolve(abort).then(
    () => false,
    () => true,
  );
  if (!aborted) return wrong('the aborted transaction did not fail');
  const afterAbort = (await emails()).join();
  if (afterAbort !== afterNested)
    return wrong(
      `rolling back the next transaction changed the rows from "${afterNested}" to "${afterAbort}"`,
    );
  await calls.transaction(async (tx) => {
    await calls.insert(tx, 'later@x.io');
  });
  const afterCommit = (await emails()).join();
  const expected = [afterNested, 'later@x.io'].filter(Boolean).join();
  return afterCommit === expected ? works() : wrong(`committing the next transaction left "${afterCommit}"`);
}
