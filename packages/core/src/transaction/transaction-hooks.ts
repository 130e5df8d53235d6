import { HookError, InvalidInputError } from '../errors/errors.js';

/** A callback scheduled with `afterCommit` or `afterRollback`. */
export type TransactionHook = () => unknown | Promise<unknown>;

/** The phase a hook runs in. */
export type HookPhase = 'afterCommit' | 'afterRollback';

/** The hooks one transaction scope collected, in registration order. */
export class TransactionHooks {
  /** Made with the first hook: most transactions have none, and one is opened per `client.transaction()`. */
  #hooks: Record<HookPhase, TransactionHook[]> | undefined;

  /** Schedules a hook. */
  add(phase: HookPhase, hook: TransactionHook): void {
    if (typeof hook !== 'function') {
      throw new InvalidInputError('hook', `${phase}() takes a function, got ${typeof hook}.`);
    }
    this.#hooks ??= { afterCommit: [], afterRollback: [] };
    this.#hooks[phase].push(hook);
  }

  /** Moves every hook of a finished nested scope to the end of this scope's lists. */
  adopt(child: TransactionHooks): void {
    const adopted = child.#hooks;
    if (adopted === undefined) return;
    child.#hooks = undefined;
    this.#hooks ??= { afterCommit: [], afterRollback: [] };
    for (const phase of ['afterCommit', 'afterRollback'] as const) this.#hooks[phase].push(...adopted[phase]);
  }

  /**
   * Runs every hook of `phase` in order, each awaited, even when an earlier one fails; the other phase's hooks
   * are dropped. Throws one {@link HookError} listing what every failing hook threw.
   */
  async run(phase: HookPhase): Promise<void> {
    const hooks = this.#hooks?.[phase];
    this.#hooks = undefined;
    if (hooks === undefined) return;
    const errors: unknown[] = [];
    for (const hook of hooks) {
      try {
        await hook();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new HookError(phase, errors);
  }
}
