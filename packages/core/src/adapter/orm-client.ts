import { AdapterClient } from '../client/adapter-client.js';
import type { MatrixOneClient } from '../client/matrixone-client.js';
/**
 * The client `matrixone(orm)` returns: the core client surface on the ORM's pool (from {@link AdapterClient}),
 * and `transaction()` running the ORM's own managed transaction with the SDK bound to it.
 */
import { isMatrixOneError } from '../errors/errors.js';
import { toMatrixOneError } from '../errors/map-driver-error.js';
import type { QueryEvent } from '../events/query-events.js';
import { commitOutcomeUnknownError, isCommitOutcomeUnknown } from '../transaction/commit-outcome.js';
import { attachFailure } from '../transaction/failure-details.js';
import { assertReadOnlyEnforced } from '../transaction/read-only.js';
import type { Transaction } from '../transaction/transaction.js';
import type { AdapterSetup } from './adapter-setup.js';
import { type BoundOrmTransaction, bindOrmTransaction } from './bound-orm-transaction.js';
import type { OrmBinding } from './orm-binding.js';
import { OrmDriver } from './orm-driver.js';

/**
 * The SDK client over an ORM instance: everything of the core {@link MatrixOneClient}, every statement on the
 * ORM's own pool, with `transaction()` handing the ORM's transaction and the SDK's side by side.
 */
export interface OrmClient<Context, OrmTxOptions>
  extends Omit<MatrixOneClient, 'transaction' | 'on' | 'off'> {
  /**
   * Runs `fn` in the ORM's managed transaction: COMMIT when it resolves, ROLLBACK when it throws (the error is
   * re-thrown unchanged, a failed ROLLBACK attached as `rollbackError` and failing `afterRollback` hooks as
   * `hookError`). `mo` in the context runs on the same connection; its `afterCommit` hooks run after the
   * COMMIT, and a failing hook rejects this call with a `HookError` (the commit stands). A COMMIT whose answer
   * never came fails with `TransactionError{outcomeUnknown: true}`. When `options` make it a nested transaction
   * of the ORM (a savepoint), its hooks wait for the outermost transaction and their failures go to
   * `onHookError`.
   */
  transaction<T>(fn: (context: Context) => Promise<T>, options?: OrmTxOptions): Promise<T>;
  /** Listens to every statement the SDK runs through this client and the transactions bound on its ORM. */
  on(event: 'query', listener: (e: QueryEvent) => void): this;
  /** Removes a listener added with {@link OrmClient.on}. */
  off(event: 'query', listener: (e: QueryEvent) => void): this;
}

/** What the callback of `transaction()` threw, if it did. */
interface Body {
  failed: boolean;
  error?: unknown;
}

/** {@link OrmClient} over a binding; built by `defineOrmAdapter`. */
export class BindingClient<Orm extends object, OrmTx extends object, OrmTxOptions, Context>
  extends AdapterClient
  implements OrmClient<Context, OrmTxOptions>
{
  readonly #binding: OrmBinding<Orm, OrmTx, OrmTxOptions>;
  readonly #orm: Orm;
  readonly #context: (tx: OrmTx, mo: Transaction) => Context;
  /** Its bound transactions' events, server detection and timeout, and where their hook failures go. */
  readonly #setup: AdapterSetup;

  constructor(
    binding: OrmBinding<Orm, OrmTx, OrmTxOptions>,
    orm: Orm,
    setup: AdapterSetup,
    context: (tx: OrmTx, mo: Transaction) => Context,
  ) {
    super(new OrmDriver(binding, orm, setup.timeoutMs), {
      events: setup.events,
      forwardFrom: setup.shared,
      serverInfoSharedBy: setup.identity,
      ...(setup.serverFlavor !== undefined && { serverFlavor: setup.serverFlavor }),
    });
    this.#binding = binding;
    this.#orm = orm;
    this.#context = context;
    this.#setup = setup;
  }

  async transaction<T>(fn: (context: Context) => Promise<T>, options?: OrmTxOptions): Promise<T> {
    this.assertOpen();
    // MatrixOne accepts READ ONLY and still writes: refuse before starting.
    if (this.#binding.isReadOnly(options)) assertReadOnlyEnforced(await this.core.serverInfo());
    let bound: BoundOrmTransaction | undefined;
    let nested = false;
    const body: Body = { failed: false };
    const run = this.#binding.transaction(
      this.#orm,
      async (tx) => {
        bound = bindOrmTransaction(this.#binding, tx, this.#setup);
        nested = this.#binding.parentOf(tx) !== undefined;
        // This call rejects with the hook failures: nobody else reports them.
        bound.claimHookFailures();
        try {
          return await fn(this.#context(tx, bound.tx));
        } catch (error) {
          body.failed = true;
          body.error = error;
          throw error;
        }
      },
      options,
    );
    let result: T;
    try {
      result = await run;
    } catch (error) {
      throw await failureOf(error, bound, body, nested);
    } finally {
      // A nested transaction (the ORM's savepoint) settles with its outermost one, still running: not awaited.
      if (nested) bound?.settled.catch(this.#setup.onHookError);
    }
    if (!nested) await bound?.settled;
    return result;
  }
}

/**
 * What `transaction()` throws once the ORM gave up, the same way the core client decides for its own:
 * the callback's error unchanged (a failed ROLLBACK attached as `rollbackError`); a COMMIT lost with the
 * connection as `TransactionError{outcomeUnknown}`; a refused COMMIT or a failed BEGIN as its typed error;
 * failing `afterRollback` hooks attached as `hookError` (not for a nested transaction, see `transaction()`).
 */
async function failureOf(
  error: unknown,
  bound: BoundOrmTransaction | undefined,
  body: Body,
  nested: boolean,
): Promise<unknown> {
  if (!bound) return toMatrixOneError(error);
  const hookError = nested
    ? undefined
    : await bound.settled.then(
        () => undefined,
        (failure: unknown) => failure,
      );
  let thrown: unknown;
  if (body.failed) {
    thrown = body.error;
    if (error !== body.error) thrown = attachFailure(thrown, 'rollbackError', toMatrixOneError(error));
  } else if (isMatrixOneError(error)) {
    thrown = error;
  } else {
    const commitError = toMatrixOneError(error);
    if (isCommitOutcomeUnknown(commitError)) return commitOutcomeUnknownError(commitError);
    thrown = commitError;
  }
  return hookError === undefined ? thrown : attachFailure(thrown, 'hookError', hookError);
}
