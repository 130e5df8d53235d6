/**
 * Runs tasks one after another. A MySQL-protocol connection answers one statement at a time, so every
 * statement of a transaction goes through its queue: `Promise.all([tx.query(a), tx.query(b)])` then works.
 * A failed task does not stop the ones queued after it.
 */
export class StatementQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
