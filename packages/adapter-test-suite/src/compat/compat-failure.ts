/**
 * Classifies an error an ORM call threw into a compatibility outcome: the SDK's refusal before sending, or a
 * failure named by the error's class and the server's errno (found on the error or along its `cause` chain, where
 * the ORMs keep the driver's error).
 */
import { UnsupportedServerError, toMatrixOneError } from '@matrixone/core';
import { type CompatOutcome, fails, refused, works, wrong } from './compat-outcome.js';

/** Properties under which the ORMs keep the driver's error: `cause` (Drizzle, core), `driverError` (TypeORM), `original` (Sequelize). */
const WRAPPED = ['cause', 'driverError', 'original'] as const;

/** The first value on `error` or on the errors it wraps that `read` gives. */
function foundOnChain<T>(error: unknown, read: (error: object) => T | undefined, depth = 0): T | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const own = read(error);
  if (own !== undefined) return own;
  for (const key of WRAPPED) {
    const inner = foundOnChain((error as Record<string, unknown>)[key], read, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** The first numeric `errno` on `error` or on the errors it wraps. */
export function errnoOf(error: unknown): number | undefined {
  return foundOnChain(error, (candidate) => {
    const { errno } = candidate as { errno?: unknown };
    return typeof errno === 'number' ? errno : undefined;
  });
}

/** The first `sqlState` string on `error` or on the errors it wraps. */
export function sqlStateOf(error: unknown): string | undefined {
  return foundOnChain(error, (candidate) => {
    const { sqlState } = candidate as { sqlState?: unknown };
    return typeof sqlState === 'string' ? sqlState : undefined;
  });
}

/** The class name of `error` and, when a server answered, its errno: `QueryFailedError (errno 1062)`. */
export function describeError(error: unknown): string {
  const name =
    typeof error === 'object' && error !== null ? (error.constructor?.name ?? 'Error') : typeof error;
  const errno = errnoOf(error);
  return errno === undefined ? `\`${name}\`` : `\`${name}\` (errno ${errno})`;
}

/** `refused` when the SDK refused the statement before sending it, otherwise `fails` naming the error. */
export function classifyFailure(error: unknown): CompatOutcome {
  const mapped = toMatrixOneError(error);
  if (mapped instanceof UnsupportedServerError && /\bRefused before sending\b/.test(mapped.message)) {
    return refused();
  }
  return fails(describeError(error));
}

/**
 * The error a constraint violation gives through the ORM, as `works` naming its class and errno, with `sqlState`
 * the SQLSTATE the driver's error carries (for ORMs that keep it where the application reads it), and the class
 * core maps it to; `wrong` when `call` does not fail.
 */
export async function constraintOutcome(
  call: () => Promise<unknown>,
  { sqlState = false }: { readonly sqlState?: boolean } = {},
): Promise<CompatOutcome> {
  try {
    await call();
  } catch (error) {
    const state = sqlState ? `, SQLSTATE ${sqlStateOf(error)}` : '';
    return works(`${describeError(error)}${state}, core \`${toMatrixOneError(error).name}\``);
  }
  return wrong('no error');
}

/** `works()` when `call` resolves, else its failure classified. */
export async function attempt(call: () => Promise<unknown>): Promise<CompatOutcome> {
  try {
    await call();
    return works();
  } catch (error) {
    return classifyFailure(error);
  }
}

/** {@link allAlike} of attempting `call` on each of `items`, one after the other. */
export async function attemptEach<T>(
  items: readonly T[],
  call: (item: T) => Promise<unknown>,
): Promise<CompatOutcome> {
  const outcomes: CompatOutcome[] = [];
  for (const item of items) outcomes.push(await attempt(() => call(item)));
  return allAlike(outcomes);
}

/** The outcome every call of a feature gave, or `wrong` when they disagree (one refused, another sent). */
export function allAlike(outcomes: readonly CompatOutcome[]): CompatOutcome {
  const [first] = outcomes;
  if (!first) throw new Error('allAlike() needs at least one outcome');
  const same = outcomes.every((outcome) => outcome.kind === first.kind && outcome.note === first.note);
  return same ? first : wrong(`the calls disagree: ${outcomes.map((outcome) => outcome.kind).join(' / ')}`);
}

/**
 * The outcome of an upsert meant to change the key column `column`: `refused` naming the column when the SDK
 * refused it (`wrong` when its message does not name the column), else the failure classified.
 */
export function keyChangeRefusal(error: unknown, column: string): CompatOutcome {
  const outcome = classifyFailure(error);
  if (outcome.kind !== 'refused') return outcome;
  return toMatrixOneError(error).message.includes(`"${column}"`)
    ? refused('names the column')
    : wrong(`the refusal does not name "${column}"`);
}
