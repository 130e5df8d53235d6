/**
 * How the examples report: every step prints what it does and its result. A MatrixOne-only step on another
 * server prints "needs MatrixOne (server is …)" (the SDK's typed `UnsupportedServerError` says which server),
 * the steps that depend on it print that they were not run, and the rest of the run goes on.
 */
import { ErrorKind, MatrixOneError, UnsupportedServerError, isMatrixOneErrorOfKind } from '@matrixone/core';

/** How one example or scenario ended. */
export const Outcome = {
  Passed: 'passed',
  NeedsMatrixOne: 'needs MatrixOne',
  Failed: 'failed',
} as const;
/** One of {@link Outcome}'s values. */
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Prints the steps of one run and records how it ended. */
export class Reporter {
  #needsMatrixOne: string | undefined;

  constructor(readonly title: string) {
    console.log(`\n▶ ${title}`);
  }

  /** Runs a step that any MySQL-protocol server can answer; a failure fails the run. */
  async step<T>(description: string, action: () => Promise<T>, describe?: (value: T) => string): Promise<T> {
    console.log(`  • ${description}`);
    const value = await action();
    console.log(`    → ${describe ? describe(value) : 'done'}`);
    return value;
  }

  /**
   * Runs a step that needs MatrixOne. On another server the SDK refuses it with `UnsupportedServerError`
   * before sending SQL: the step reports "needs MatrixOne" and resolves to `undefined`.
   */
  async matrixOneStep<T>(
    description: string,
    action: () => Promise<T>,
    describe?: (value: T) => string,
  ): Promise<T | undefined> {
    try {
      return await this.step(description, action, describe);
    } catch (error) {
      if (!isMatrixOneErrorOfKind(error, ErrorKind.UnsupportedServer)) throw error;
      const server = error instanceof UnsupportedServerError ? error.server : 'not MatrixOne';
      console.log(`    → needs MatrixOne (server is ${server})`);
      this.#needsMatrixOne = server;
      return undefined;
    }
  }

  /**
   * Runs a step that is meant to fail and resolves to the error it failed with (printed with its class and, for
   * server errors, the server's code); a step that succeeds fails the run.
   */
  async failingStep(description: string, action: () => Promise<unknown>): Promise<unknown> {
    console.log(`  • ${description}`);
    try {
      await action();
    } catch (error) {
      console.log(`    → failed as expected: ${describeError(error)}`);
      return error;
    }
    throw new Error(`expected "${description}" to fail, but it succeeded`);
  }

  /** Reports a step that was not run because a MatrixOne step it depends on could not run. */
  notRun(description: string): void {
    console.log(
      `  • ${description}\n    → not run: needs MatrixOne (server is ${this.#needsMatrixOne ?? 'unknown'})`,
    );
  }

  /** Checks a fact the example relies on and prints it; a false one fails the run. */
  check(condition: boolean, fact: string): void {
    if (!condition) throw new Error(`check failed: ${fact}`);
    console.log(`    ✓ ${fact}`);
  }

  /** Runs a whole example or scenario and reports how it ended; never throws. */
  async run(body: (report: Reporter) => Promise<void>): Promise<Outcome> {
    let outcome: Outcome;
    try {
      await body(this);
      outcome = this.#needsMatrixOne === undefined ? Outcome.Passed : Outcome.NeedsMatrixOne;
    } catch (error) {
      outcome = Outcome.Failed;
      console.log(`    ✗ ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    const server = this.#needsMatrixOne === undefined ? '' : ` (server is ${this.#needsMatrixOne})`;
    console.log(`◀ ${this.title}: ${outcome}${outcome === Outcome.NeedsMatrixOne ? server : ''}`);
    return outcome;
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code =
    error instanceof MatrixOneError && error.errno !== undefined ? ` (server code ${error.errno})` : '';
  return `${error.name}${code}: ${error.message}`;
}
