/**
 * Pure builders for the CDC statements (docs/matrixone-facts.md#cdc), exactly as the live recordings write them:
 * `CREATE CDC task 'source_uri' 'sink_type' 'sink_uri' 'mapping' {'Level'='table'}`, `SHOW CDC TASK t`,
 * `PAUSE CDC TASK t`, `RESUME CDC TASK t ['restart']`, `DROP CDC [IF EXISTS] TASK t`, and the catalog query of
 * `mo_catalog.mo_cdc_task`. URIs carry a password: it is listed in the statement's `secrets` (errors are cleaned
 * of it) and `redactSql` removes it from query events.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import {
  IdentifierKind,
  normalizeCatalogName,
  quoteIdentifier,
  validateIdentifier,
} from '../../sql/identifier.js';
import { integerLiteral, quoteString } from '../../sql/literal.js';

/** A MatrixOne (or MySQL) server a CDC task reads from or writes to: `mysql://<account>#<user>:<password>@host:port`. */
export interface CdcEndpoint {
  /** The account (MatrixOne); left out of the URI when omitted (a MySQL sink). */
  readonly account?: string;
  readonly user: string;
  /** Never reported in events, logs or errors. */
  readonly password: string;
  readonly host: string;
  readonly port: number;
}

/** What to replicate: one table to one table, or one database to one database. */
export type CdcMapping =
  | {
      readonly level: 'table';
      readonly source: { readonly database: string; readonly table: string };
      readonly sink: { readonly database: string; readonly table: string };
    }
  | {
      readonly level: 'database';
      readonly source: { readonly database: string };
      readonly sink: { readonly database: string };
    };

/** Options of `cdc.create()`. */
export interface CreateCdcOptions {
  /** The task's name (letters, digits, `_`). */
  readonly name: string;
  /** The server to read changes from (the current one, usually). */
  readonly source: CdcEndpoint;
  /** The kind of sink: `matrixone` (recorded), `mysql` or `console` (named in MatrixOne's code). */
  readonly sinkType: 'matrixone' | 'mysql' | 'console';
  /** The server to write to. */
  readonly sink: CdcEndpoint;
  /** What to replicate. */
  readonly mapping: CdcMapping;
  /**
   * More `'key'='value'` entries for the option block, passed as given (the recordings only use `Level`).
   * Use it for options MatrixOne documents; the SDK does not check them.
   */
  readonly extraOptions?: Readonly<Record<string, string>>;
}

/**
 * `CREATE CDC task 'source' 'sink_type' 'sink' 'mapping' {'Level'='…'}`. No `IF NOT EXISTS`: MatrixOne 4.2 fails
 * on an existing task with it as without it (observed on MatrixOne 4.2.0).
 *
 * @example
 * createCdcStatement({ name: 'orders_cdc', sinkType: 'matrixone',
 *   source: { account: 'sys', user: 'root', password: 'pw', host: '127.0.0.1', port: 6001 },
 *   sink: { account: 'sys', user: 'root', password: 'pw', host: '10.0.0.2', port: 6001 },
 *   mapping: { level: 'table', source: { database: 'shop', table: 'orders' }, sink: { database: 'copy', table: 'orders' } } }).sql;
 * // "CREATE CDC `orders_cdc` 'mysql://sys#root:pw@127.0.0.1:6001' 'matrixone' 'mysql://sys#root:pw@10.0.0.2:6001' 'shop.orders:copy.orders' {'Level'='table'}"
 */
export function createCdcStatement(options: CreateCdcOptions): Statement {
  if ((options as { ifNotExists?: unknown }).ifNotExists !== undefined) {
    throw new InvalidInputError(
      'ifNotExists',
      'MatrixOne 4.2 accepts CREATE CDC IF NOT EXISTS but still fails on an existing task (Duplicate entry); check with cdc.get() first.',
    );
  }
  if (!['matrixone', 'mysql', 'console'].includes(options.sinkType)) {
    throw new InvalidInputError(
      'sinkType',
      `"sinkType" must be matrixone, mysql or console, got ${String(options.sinkType)}.`,
    );
  }
  const source = endpointUri(options.source, 'source');
  const sink = endpointUri(options.sink, 'sink');
  const entries = [`'Level'=${quoteString(options.mapping?.level, 'level')}`];
  for (const [key, value] of Object.entries(options.extraOptions ?? {})) {
    if (key.toLowerCase() === 'level')
      throw new InvalidInputError('extraOptions', 'Set the level through "mapping".');
    entries.push(`${quoteString(key, 'option name')}=${quoteString(value, `option ${key}`)}`);
  }
  return {
    sql:
      `CREATE CDC ${taskName(options.name)} ${quoteString(source, 'source URI')} ${quoteString(options.sinkType, 'sinkType')} ` +
      `${quoteString(sink, 'sink URI')} ${quoteString(mappingText(options.mapping), 'mapping')} {${entries.join(', ')}}`,
    secrets: [options.source.password, options.sink.password],
  };
}

/**
 * `SHOW CDC TASK t`: 0 rows when there is no such task. Text protocol only (MatrixOne fails it as a prepared statement).
 *
 * @example
 * showCdcTaskStatement('orders_cdc').sql; // 'SHOW CDC TASK `orders_cdc`'
 */
export function showCdcTaskStatement(name: string): Statement {
  return { sql: `SHOW CDC TASK ${taskName(name)}` };
}

/**
 * The current account's tasks from `mo_catalog.mo_cdc_task` (the columns the recording reads).
 *
 * @example
 * listCdcTasksStatement().sql.startsWith('SELECT task_id, task_name'); // true
 */
export function listCdcTasksStatement(): Statement {
  return {
    sql:
      'SELECT task_id, task_name, source_uri, sink_uri, sink_type, tables, state, err_msg, task_create_time, additional_config ' +
      'FROM mo_catalog.mo_cdc_task WHERE account_id = current_account_id() ORDER BY task_name',
  };
}

/**
 * `PAUSE CDC TASK t`.
 *
 * @example
 * pauseCdcStatement('orders_cdc').sql; // 'PAUSE CDC TASK `orders_cdc`'
 */
export function pauseCdcStatement(name: string): Statement {
  return { sql: `PAUSE CDC TASK ${taskName(name)}` };
}

/**
 * `RESUME CDC TASK t` or, with `restart`, `RESUME CDC TASK t 'restart'`.
 *
 * @example
 * resumeCdcStatement('orders_cdc', { restart: true }).sql; // "RESUME CDC TASK `orders_cdc` 'restart'"
 */
export function resumeCdcStatement(name: string, options: { readonly restart?: boolean } = {}): Statement {
  return { sql: `RESUME CDC TASK ${taskName(name)}${options.restart === true ? " 'restart'" : ''}` };
}

/**
 * `DROP CDC [IF EXISTS] TASK t` (IF EXISTS goes before TASK; after it is a syntax error).
 *
 * @example
 * dropCdcStatement('orders_cdc', { ifExists: true }).sql; // 'DROP CDC IF EXISTS TASK `orders_cdc`'
 */
export function dropCdcStatement(name: string, options: { readonly ifExists?: boolean } = {}): Statement {
  return { sql: `DROP CDC ${options.ifExists === true ? 'IF EXISTS ' : ''}TASK ${taskName(name)}` };
}

function taskName(name: unknown): string {
  return quoteIdentifier(normalizeCatalogName(name, IdentifierKind.CdcTask), IdentifierKind.CdcTask);
}

/** `mysql://[account#]user:password@host:port`; parts that would make the URI ambiguous are refused. */
function endpointUri(endpoint: CdcEndpoint, argument: string): string {
  if (typeof endpoint !== 'object' || endpoint === null) {
    throw new InvalidInputError(argument, `"${argument}" must be { account, user, password, host, port }.`);
  }
  const part = (value: unknown, field: string, forbidden: RegExp): string => {
    if (typeof value !== 'string' || value === '' || forbidden.test(value)) {
      // The value is not echoed: it may be the password.
      throw new InvalidInputError(
        argument,
        `${argument}.${field} must be a non-empty string without ${forbidden.source}.`,
      );
    }
    return value;
  };
  const account =
    endpoint.account === undefined ? undefined : part(endpoint.account, 'account', /[#:@/\s'"\\]/);
  const user = part(endpoint.user, 'user', /[#:@/\s'"\\]/);
  const password = part(endpoint.password, 'password', /[@/\s'"\\]/);
  const host = part(endpoint.host, 'host', /[#@/\s'"\\]/);
  const port = integerLiteral(endpoint.port, `${argument}.port`, { min: 1, max: 65535 });
  return `mysql://${account === undefined ? '' : `${account}#`}${user}:${password}@${host}:${port}`;
}

function mappingText(mapping: CdcMapping): string {
  if (typeof mapping !== 'object' || mapping === null)
    throw new InvalidInputError('mapping', '"mapping" is required.');
  const plain = (
    name: unknown,
    kind: typeof IdentifierKind.Database | typeof IdentifierKind.Table,
  ): string => {
    const checked = validateIdentifier(name, kind);
    // The mapping is one string the server splits at '.', ':' and ','.
    if (/[.:,\s'"`\\]/.test(checked)) {
      throw new InvalidInputError(
        'mapping',
        `A CDC mapping cannot name "${checked}": it holds a separator or a quote.`,
      );
    }
    return checked;
  };
  if (mapping.level === 'table') {
    return (
      `${plain(mapping.source.database, 'database')}.${plain(mapping.source.table, 'table')}:` +
      `${plain(mapping.sink.database, 'database')}.${plain(mapping.sink.table, 'table')}`
    );
  }
  if (mapping.level === 'database') {
    return `${plain(mapping.source.database, 'database')}:${plain(mapping.sink.database, 'database')}`;
  }
  throw new InvalidInputError(
    'mapping',
    `"mapping.level" must be table or database, got ${String((mapping as { level?: unknown }).level)}.`,
  );
}
