/**
 * The core's {@link SqlDriver} over an ORM's own pool, through its {@link OrmBinding}: statements on the pool,
 * transactions the SDK ends (the client's `bulkInsert`, `createClientFromDriver`) begun by the ORM, streams
 * when the ORM can. There is no second pool; `close()` leaves the ORM and its pool to their owner. Failures
 * reach the client unmapped: the client maps each one once.
 */
import type {
  Row,
  SqlDriver,
  Statement,
  StatementResult,
  TransactionConnection,
  TransactionOptions,
} from '../connection/executor.js';
import { OrmTransactionExecutor } from './bound-orm-transaction.js';
import { runWithLocalInfile } from './local-infile.js';
import type { OrmBinding } from './orm-binding.js';

/**
 * A {@link SqlDriver} over one ORM instance. Adapters export it under their own name for
 * `createClientFromDriver` (e.g. `KnexDriver`).
 *
 * @example
 * const client = createClientFromDriver(new OrmDriver(knexBinding, knex));
 */
export class OrmDriver<Orm extends object, OrmTx extends object, O> implements SqlDriver {
  readonly inTransaction = false as const;
  readonly #binding: OrmBinding<Orm, OrmTx, O>;
  readonly #orm: Orm;
  readonly #timeoutMs: number | undefined;

  /** `timeoutMs` limits every statement run (no limit when `undefined`); row streams have no limit. */
  constructor(binding: OrmBinding<Orm, OrmTx, O>, orm: Orm, timeoutMs?: number) {
    this.#binding = binding;
    this.#orm = orm;
    this.#timeoutMs = timeoutMs;
    if (binding.stream) {
      const stream = binding.stream.bind(binding);
      this.stream = <R>(statement: Statement) => stream(orm, statement) as AsyncIterable<R>;
    }
  }

  /** Streams a query's rows, when the ORM can (see {@link OrmBinding.stream}). */
  readonly stream?: <R = Row>(statement: Statement) => AsyncIterable<R>;

  /** Runs one statement on a pooled connection. */
  run<R = Row>(statement: Statement): Promise<StatementResult<R>> {
    return runWithLocalInfile(statement, () =>
      this.#binding.run(this.#orm, statement, this.#timeoutMs),
    ) as Promise<StatementResult<R>>;
  }

  /** Begins a transaction through the ORM on one of its pooled connections. */
  async begin(options?: TransactionOptions): Promise<TransactionConnection> {
    const tx = await this.#binding.begin(this.#orm, options);
    return new OrmTransactionConnection(this.#binding, tx, this.#timeoutMs);
  }

  /** Does nothing: the pool belongs to the ORM. */
  async close(): Promise<void> {}
}

/** A transaction the SDK ends, begun by the ORM; the ORM gives the connection back once it ended. */
class OrmTransactionConnection<Orm extends object, OrmTx extends object, O>
  extends OrmTransactionExecutor<Orm, OrmTx, O>
  implements TransactionConnection
{
  readonly #binding: OrmBinding<Orm, OrmTx, O>;
  readonly #tx: OrmTx;

  constructor(binding: OrmBinding<Orm, OrmTx, O>, tx: OrmTx, timeoutMs: number | undefined) {
    super(binding, tx, timeoutMs);
    this.#binding = binding;
    this.#tx = tx;
  }

  commit(): Promise<void> {
    return this.#binding.end(this.#tx, 'commit');
  }

  rollback(): Promise<void> {
    return this.#binding.end(this.#tx, 'rollback');
  }

  /** Rolls back a transaction still open, which returns its connection to the ORM's pool. */
  async release(): Promise<void> {
    if (this.isOpen()) await this.#binding.end(this.#tx, 'rollback').catch(() => undefined);
  }
}
