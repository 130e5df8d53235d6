/**
 * `begin` and `end` of an {@link OrmBinding} for an ORM whose only transaction is a managed one: a callback the ORM
 * commits when it resolves and rolls back when it throws (Drizzle's `db.transaction(cb)`). The SDK needs a
 * transaction it ends itself (the client's `bulkInsert`, loading); here `begin` starts a managed transaction
 * whose callback waits until `end` lets it return (COMMIT) or throw (ROLLBACK).
 */
import type { TransactionOptions } from '../connection/executor.js';
import type { OrmBinding } from './orm-binding.js';

/** What the callback of a transaction from `begin` throws to have the ORM roll back. */
const ENDED_BY_ROLLBACK = new Error('rolled back by the MatrixOne SDK');

/**
 * `begin`/`end` over `transaction(orm, work, options)`, the ORM's managed transaction. `end` settles as the
 * managed call does: it rejects when the COMMIT or the ROLLBACK failed.
 *
 * @example
 * const binding = { ...beginFromManaged((db, work, options) => db.transaction(work, configOf(options))), … };
 */
export function beginFromManaged<Orm extends object, OrmTx extends object>(
  transaction: (
    orm: Orm,
    work: (tx: OrmTx) => Promise<unknown>,
    options?: TransactionOptions,
  ) => Promise<unknown>,
): Pick<OrmBinding<Orm, OrmTx, unknown>, 'begin' | 'end'> {
  const ends = new WeakMap<OrmTx, { end(commit: boolean): void; readonly done: Promise<unknown> }>();
  return {
    begin: (orm, options) =>
      new Promise((resolve, reject) => {
        const done: Promise<unknown> = transaction(
          orm,
          (tx) =>
            new Promise((commit, rollBack) => {
              ends.set(tx, {
                end: (ok) => (ok ? commit(undefined) : rollBack(ENDED_BY_ROLLBACK)),
                // Read when `end` runs: the ORM may call back before `transaction()` returned.
                get done() {
                  return done;
                },
              });
              resolve(tx);
            }),
          options,
        );
        // Rejects `begin` when BEGIN failed; once the callback ran, `end` reports instead.
        done.catch(reject);
      }),
    async end(tx, outcome) {
      const ended = ends.get(tx);
      ended?.end(outcome === 'commit');
      await ended?.done.catch((error: unknown) => {
        if (error !== ENDED_BY_ROLLBACK) throw error;
      });
    },
  };
}
