/**
 * Gives MatrixOne's answers to constraint and syntax errors MySQL's error numbers and SQLSTATEs, so that an ORM
 * deciding its error class from them (Sequelize: `ForeignKeyConstraintError` from 1451/1452,
 * `UniqueConstraintError` from 1062) and core's own mapping see what they would see on MySQL
 * (docs/matrixone-facts.md#errors):
 * - errno 20101 `internal error: Cannot add or update a child row: a foreign key constraint fails` → 1452
 *   `ER_NO_REFERENCED_ROW_2`, SQLSTATE 23000;
 * - errno 1217 `Cannot delete or update a parent row: a foreign key constraint fails` → 1451
 *   `ER_ROW_IS_REFERENCED_2` (what MySQL 8 sends), 23000;
 * - 1062 (duplicate entry) with SQLSTATE HY000 → 23000; 1064 (parse error) with HY000 → 42000.
 * The message is kept as the server wrote it; what the server sent is kept on the error as
 * {@link MatrixOneOriginal} under the property `matrixOne`.
 */

/** What MatrixOne itself answered, kept on a translated mysql2 error as `error.matrixOne`. */
export interface MatrixOneOriginal {
  readonly errno: number;
  readonly sqlState: string | undefined;
  readonly code: string | undefined;
}

/** The fields of a mysql2 error read and rewritten here. */
interface Mysql2ErrorFields {
  errno?: unknown;
  code?: unknown;
  sqlState?: unknown;
  sqlMessage?: unknown;
  message?: unknown;
  matrixOne?: MatrixOneOriginal;
}

/** MySQL's errno, symbolic code and SQLSTATE. */
interface MysqlCode {
  readonly errno: number;
  readonly code: string;
  readonly sqlState: string;
}

const CHILD_ROW: MysqlCode = { errno: 1452, code: 'ER_NO_REFERENCED_ROW_2', sqlState: '23000' };
const PARENT_ROW: MysqlCode = { errno: 1451, code: 'ER_ROW_IS_REFERENCED_2', sqlState: '23000' };

/** MySQL's code for what MatrixOne answered, or `undefined` when the answer is left as it is. */
function mysqlCodeOf(errno: number, sqlState: unknown, message: string): MysqlCode | undefined {
  if (errno === 20101 && /Cannot add or update a child row: a foreign key constraint fails/i.test(message)) {
    return CHILD_ROW;
  }
  if (errno === 1217 && /Cannot delete or update a parent row/i.test(message)) return PARENT_ROW;
  if (sqlState !== 'HY000') return undefined;
  if (errno === 1062) return { errno, code: 'ER_DUP_ENTRY', sqlState: '23000' };
  if (errno === 1064) return { errno, code: 'ER_PARSE_ERROR', sqlState: '42000' };
  return undefined;
}

/**
 * Rewrites, in place, the errno, code and SQLSTATE of a mysql2 error MatrixOne answered, where MySQL's differ
 * (see the module comment); returns whether it did. Anything else, and an error already rewritten, is left alone.
 *
 * @example
 * command.onResult = (error, ...rest) => { if (error) toMysqlErrorCodes(error); callback(error, ...rest); };
 */
export function toMysqlErrorCodes(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const fields = error as Mysql2ErrorFields;
  if (fields.matrixOne !== undefined || typeof fields.errno !== 'number') return false;
  const message = String(fields.sqlMessage ?? fields.message ?? '');
  const mysql = mysqlCodeOf(fields.errno, fields.sqlState, message);
  if (mysql === undefined) return false;
  const original: MatrixOneOriginal = {
    errno: fields.errno,
    sqlState: typeof fields.sqlState === 'string' ? fields.sqlState : undefined,
    code: typeof fields.code === 'string' ? fields.code : undefined,
  };
  Object.defineProperty(error, 'matrixOne', { value: original, enumerable: false, configurable: true });
  fields.errno = mysql.errno;
  fields.code = mysql.code;
  fields.sqlState = mysql.sqlState;
  return true;
}
