/**
 * Whether a column as an ORM declares it is the column the server reports, for schema tools that should leave an
 * unchanged column alone. On MatrixOne every needless `ALTER TABLE … CHANGE` matters: a column-level `UNIQUE` in it
 * adds one more unique index each time, and a `MODIFY`/`CHANGE` moves the table's next auto-increment id by 10000
 * (observed on MatrixOne 4.2.0). The comparison answers "same" only when the two spellings provably mean the same
 * column; anything it cannot tell apart counts as changed, so a real change is never skipped.
 *
 * How servers spell what was declared (SHOW FULL COLUMNS): MatrixOne 4.2.0 reports integer widths in bits
 * (`INT(32)`, `BIGINT(64)`, `TINYINT(8)`) and keeps a default's quotes (`'0.00'`, `'user'`); MySQL and MariaDB
 * report display widths (`int(11)`) and unquoted defaults (`0.00`, `1` for `true`); MariaDB stores `JSON` as
 * `LONGTEXT`.
 */

/** One column: declared by an ORM, or reported by the server. */
export interface ColumnDefinition {
  /** The type as in DDL or SHOW COLUMNS: `VARCHAR(120)`, `int(11)`, `ENUM('a', 'b')`, `DECIMAL(12,2) UNSIGNED`. */
  readonly type: string;
  readonly nullable: boolean;
  /**
   * The default as SQL text: declared, the literal after `DEFAULT` (`'0.00'`, `true`, `CURRENT_TIMESTAMP`);
   * reported, SHOW COLUMNS' `Default`. `null` for none (and for `DEFAULT NULL`).
   */
  readonly defaultValue: string | null;
  readonly autoIncrement: boolean;
  /** The column comment; empty for none. */
  readonly comment: string;
}

/**
 * True when `declared` and `reported` are the same column (type, nullability, default, auto-increment,
 * comment), however the server spells them.
 *
 * @example
 * sameColumnDefinition(
 *   { type: 'TINYINT(1)', nullable: false, defaultValue: 'true', autoIncrement: false, comment: '' },
 *   { type: 'TINYINT(8)', nullable: false, defaultValue: '1', autoIncrement: false, comment: '' },
 * ); // true
 */
export function sameColumnDefinition(declared: ColumnDefinition, reported: ColumnDefinition): boolean {
  return (
    columnType(declared.type) === columnType(reported.type) &&
    declared.nullable === reported.nullable &&
    sameDefault(declared.defaultValue, reported.defaultValue) &&
    declared.autoIncrement === reported.autoIncrement &&
    declared.comment === reported.comment
  );
}

/** Integer types whose parenthesised number is a display width (MySQL) or a size in bits (MatrixOne). */
const INTEGER = /^(TINYINT|SMALLINT|MEDIUMINT|INT|INTEGER|BIGINT)(?:\(\d+\))?(?= |$)/;
/** Types another spelling of which the server reports. */
const ALIASES: readonly (readonly [RegExp, string])[] = [
  [/^INTEGER(?= |$)/, 'INT'],
  [/^(?:BOOL|BOOLEAN)(?= |$)/, 'TINYINT'],
  [/^(?:DOUBLE PRECISION|REAL)(?= |$)/, 'DOUBLE'],
  [/^NUMERIC(?=\(| |$)/, 'DECIMAL'],
  [/^DECIMAL(?= |$)/, 'DECIMAL(10,0)'],
  [/^DECIMAL\((\d+)\)/, 'DECIMAL($1,0)'],
  [/^(DATETIME|TIMESTAMP|TIME)\(0\)/, '$1'],
  // MariaDB: JSON is an alias of LONGTEXT (with a JSON_VALID check) and reported as such.
  [/^JSON$/, 'LONGTEXT'],
];

/**
 * A column type in one spelling: keywords upper-case and quoted values kept, no spaces around commas and
 * parentheses, integer widths dropped, aliases resolved.
 */
function columnType(type: string): string {
  let spelled = outsideQuotes(type.trim(), (text) =>
    text
      .toUpperCase()
      .replace(/\s+/g, ' ')
      .replace(/\s*([(),])\s*/g, '$1')
      .replace(/\)(?=[A-Z])/g, ') '),
  );
  spelled = spelled.replace(INTEGER, (_, name: string) => name);
  for (const [alias, canonical] of ALIASES) spelled = spelled.replace(alias, canonical);
  return spelled;
}

/** Applies `change` to the parts of `text` outside single-quoted strings (ENUM values keep their case). */
function outsideQuotes(text: string, change: (part: string) => string): string {
  return text
    .split(/('(?:[^'\\]|''|\\.)*')/)
    .map((part, index) => (index % 2 === 1 ? part : change(part)))
    .join('');
}

function sameDefault(declared: string | null, reported: string | null): boolean {
  const left = defaultValue(declared);
  const right = defaultValue(reported);
  if (left === right) return true;
  if (left === null || right === null) return false;
  const numbers = [Number(left), Number(right)];
  return (
    left.trim() !== '' && right.trim() !== '' && numbers.every(Number.isFinite) && numbers[0] === numbers[1]
  );
}

/**
 * A default in one spelling: unquoted (`'0.00'` and `0.00` alike), booleans as `1`/`0`, `NULL` as none, and the
 * current-time functions upper-case without empty parentheses (MariaDB reports `current_timestamp()`).
 */
function defaultValue(value: string | null): string | null {
  if (value === null) return null;
  const quoted = /^'((?:[^'\\]|''|\\.)*)'$/s.exec(value);
  if (quoted) return (quoted[1] as string).replace(/''/g, "'").replace(/\\(.)/gs, '$1');
  const word = value.trim().toUpperCase();
  if (word === 'NULL') return null;
  if (word === 'TRUE') return '1';
  if (word === 'FALSE') return '0';
  const now = /^(CURRENT_TIMESTAMP|NOW|LOCALTIMESTAMP|LOCALTIME)(?:\(\s*(\d*)\s*\))?$/.exec(word);
  if (now) return now[2] ? `CURRENT_TIMESTAMP(${now[2]})` : 'CURRENT_TIMESTAMP';
  return value;
}
