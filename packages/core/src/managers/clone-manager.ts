import type { ManagerContext } from './manager-context.js';

/** Placeholder until the managers issue fills it; exposes no operations yet. */
export class CloneManager {
  readonly #context: ManagerContext;

  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /** The context this manager runs on. */
  protected get context(): ManagerContext {
    return this.#context;
  }
}
