/**
 * The life of a throwaway clone, whatever makes it: create, hand over, drop — the drop also on failure and on
 * SIGINT/SIGTERM. `clones.withClone()` runs it with CLONE; its tests run it on MariaDB with a plain CREATE DATABASE,
 * which is everything but the clone statement itself.
 */
import { type SignalHost, cleanUpOnInterrupt } from './interrupt-cleanup.js';

/** How the clone is made and removed. */
export interface CloneSteps {
  create(name: string): Promise<void>;
  /** Must succeed when the database is already gone (DROP DATABASE IF EXISTS). */
  drop(name: string): Promise<void>;
}

/** Options of {@link runInClone}. */
export interface CloneLifecycleOptions {
  /** Where signals come from; `undefined` = do not listen to signals. */
  readonly signals: SignalHost | undefined;
  /** Told when the drop failed after the callback had already failed (that failure is the one thrown). */
  readonly onDropFailure: (name: string, error: unknown) => void;
}

/**
 * Creates `name`, runs `fn`, drops `name`. The drop runs only once the create succeeded, so a name that was
 * already taken is never dropped. A drop failure after `fn` succeeded is thrown; after `fn` failed, `fn`'s error
 * is thrown and the drop failure goes to `onDropFailure`.
 */
export async function runInClone<T>(
  name: string,
  steps: CloneSteps,
  fn: () => Promise<T>,
  options: CloneLifecycleOptions,
): Promise<T> {
  await steps.create(name);
  const release =
    options.signals === undefined ? () => {} : cleanUpOnInterrupt(() => steps.drop(name), options.signals);
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    release();
    await steps.drop(name).catch((dropError: unknown) => options.onDropFailure(name, dropError));
    throw error;
  }
  release();
  await steps.drop(name);
  return result;
}
