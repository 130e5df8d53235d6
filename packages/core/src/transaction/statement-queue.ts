/**
 * Runs tasks one after another. A MySQL-protocol connection answers one statement at a time, so every
 * statement of a transaction goes through its queue: `Promise.all([tx.query(a), tx.query(b)])` then works.
 * A failed task does not stop the ones queued after it.
 *
 * Most transactions await each statement before sending the next, so the queue is usually empty: a task then
 * starts at once instead of one promise hop later (measured in docs/performance.md, this path runs for every
 * statement of every transaction).
 */
export class StatementQueue {
  /** Settles once the last task queued so far has settled. */
  #tail: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running. */
  #pending = 0;
  readonly #settled = (): void => {
    this.#pending -= 1;
  };

  /** Runs `task` after every task queued before it has settled (at once when none is pending). */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#pending === 0 ? start(task) : this.#tail.then(task);
    this.#pending += 1;
    this.#tail = result.then(this.#settled, this.#settled);
    return result;
  }
}

/** Calls `task`, a synchronous throw becoming a rejection as it would inside `then`. */
function start<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}
