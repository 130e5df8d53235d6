/**
 * Session variables a vector or full-text operation needs set on its own connection
 * (docs/matrixone-facts.md#vectors, #full-text-search): `probe_limit`, `experimental_hnsw_index`,
 * `ft_relevancy_algorithm`. A session variable changed on a pooled connection would outlive the call and reach
 * whoever gets that connection next, so every change is scoped: the current value is read, the new one set, the
 * work run, and the old value set back, all on one connection.
 */
import type { Executor, Statement } from '../connection/executor.js';
import { InvalidInputError, ServerError } from '../errors/errors.js';
import { quoteString } from '../sql/literal.js';

/** The session variables the SDK sets, each with the kind of its value. */
export const SESSION_VARIABLES = {
  probe_limit: 'integer',
  experimental_hnsw_index: 'integer',
  ft_relevancy_algorithm: 'string',
} as const;
/** A session variable the SDK sets. */
export type SessionVariableName = keyof typeof SESSION_VARIABLES;

/** One variable and the SQL literal to set it to. */
export interface SessionSetting {
  readonly name: SessionVariableName;
  /** The value as SQL text, already validated (an integer, or a literal from `sql/literal.ts`). */
  readonly literal: string;
}

/** Runs work on one connection: the transaction's, or one a client checks out for the call. */
export type OnOneConnection = <T>(work: (executor: Executor) => Promise<T>) => Promise<T>;

/**
 * `SELECT @@name AS value` (recorded: `SELECT @@experimental_ivf_index, @@probe_limit;`).
 *
 * @example
 * readSessionVariableStatement('probe_limit'); // { sql: 'SELECT @@probe_limit AS `value`' }
 */
export function readSessionVariableStatement(name: SessionVariableName): Statement {
  return { sql: `SELECT @@${checkedName(name)} AS \`value\`` };
}

/**
 * `SET name = literal` (recorded: `SET probe_limit = 4`, `SET experimental_hnsw_index = 1`,
 * `SET ft_relevancy_algorithm = 'BM25'`).
 *
 * @example
 * setSessionVariableStatement({ name: 'probe_limit', literal: '8' }); // { sql: 'SET probe_limit = 8' }
 */
export function setSessionVariableStatement(setting: SessionSetting): Statement {
  return { sql: `SET ${checkedName(setting.name)} = ${setting.literal}` };
}

/**
 * Sets each variable (skipping those already at that value), runs `work`, and sets every changed variable back
 * to what it was, in reverse order, even when `work` fails. All on `executor`, which must be one connection.
 */
export async function withSessionVariables<T>(
  executor: Executor,
  settings: readonly SessionSetting[],
  work: () => Promise<T>,
): Promise<T> {
  const restore: SessionSetting[] = [];
  try {
    for (const setting of settings) {
      const previous = await readLiteral(executor, setting.name);
      if (previous === setting.literal) continue;
      await executor.run(setSessionVariableStatement(setting));
      restore.unshift({ name: setting.name, literal: previous });
    }
    return await work();
  } finally {
    for (const setting of restore) await executor.run(setSessionVariableStatement(setting));
  }
}

async function readLiteral(executor: Executor, name: SessionVariableName): Promise<string> {
  const { rows } = await executor.run(readSessionVariableStatement(name));
  const value = rows[0]?.value;
  const text =
    typeof value === 'number' || typeof value === 'bigint'
      ? String(value)
      : typeof value === 'string'
        ? value
        : Buffer.isBuffer(value)
          ? value.toString('utf8')
          : undefined;
  if (text !== undefined) {
    if (SESSION_VARIABLES[name] === 'string') return quoteString(text, name);
    if (/^-?\d+$/.test(text)) return text;
  }
  throw new ServerError(`SELECT @@${name} returned ${String(value)}, which the SDK cannot set back.`);
}

function checkedName(name: SessionVariableName): string {
  if (!Object.hasOwn(SESSION_VARIABLES, name)) {
    throw new InvalidInputError(
      'session variable',
      `The SDK does not set the session variable "${String(name)}".`,
    );
  }
  return name;
}
