/**
 * Reads SHOW PITR rows (docs/matrixone-facts.md#pitr). Plain `SHOW PITR` prints upper-case headers,
 * `SHOW PITR WHERE …`
 * lower-case ones, so columns are looked up without regard to case. "Not applicable" is printed as `*`
 * (unlike SHOW SNAPSHOTS, which prints empty strings) and becomes `undefined`.
 */
import type { Row } from '../../connection/executor.js';
import { ServerError } from '../../errors/errors.js';
import { numberCell, textCell } from '../show-cell.js';
import { type Pitr, PitrLevel, type PitrUnit, PitrUnit as PitrUnits } from './pitr.js';

const STATEMENT = 'SHOW PITR';
const NOT_APPLICABLE = '*';
const LEVELS: readonly string[] = Object.values(PitrLevel);
const UNITS: readonly string[] = Object.values(PitrUnits);

/**
 * Turns one SHOW PITR row into a {@link Pitr}. Throws {@link ServerError} when a column is missing or holds a
 * level or unit this SDK does not know (a newer server).
 *
 * @example
 * parsePitrRow({ PITR_NAME: 'p1', CREATED_TIME: '2024-12-25 16:34:55', MODIFIED_TIME: '2024-12-25 16:34:55',
 *   PITR_LEVEL: 'database', ACCOUNT_NAME: 'sys', DATABASE_NAME: 'db01', TABLE_NAME: '*', PITR_LENGTH: 1, PITR_UNIT: 'h' });
 * // { name: 'p1', level: 'database', account: 'sys', database: 'db01', table: undefined, range: { value: 1, unit: 'h' }, … }
 */
export function parsePitrRow(row: Row): Pitr {
  const cells = new Map(Object.entries(row).map(([column, value]) => [column.toLowerCase(), value]));
  const text = (column: string): string => {
    const value = textCell(required(cells, column));
    if (value === undefined) throw unexpected(`a NULL ${column}`);
    return value;
  };
  const optional = (column: string): string | undefined => {
    const value = text(column);
    return value === NOT_APPLICABLE ? undefined : value;
  };
  const level = text('pitr_level');
  if (!LEVELS.includes(level)) throw unexpected(`the level "${level}"`);
  const unit = text('pitr_unit');
  if (!UNITS.includes(unit)) throw unexpected(`the unit "${unit}"`);
  const value = numberCell(required(cells, 'pitr_length'));
  if (value === undefined) throw unexpected('a PITR_LENGTH that is not a number');
  return {
    name: text('pitr_name'),
    level: level as PitrLevel,
    account: optional('account_name'),
    database: optional('database_name'),
    table: optional('table_name'),
    range: { value, unit: unit as PitrUnit },
    createdTime: text('created_time'),
    modifiedTime: text('modified_time'),
  };
}

function required(cells: ReadonlyMap<string, unknown>, column: string): unknown {
  if (!cells.has(column)) throw unexpected(`no ${column.toUpperCase()} column`);
  return cells.get(column);
}

function unexpected(what: string): ServerError {
  return new ServerError(`${STATEMENT} returned ${what}; this MatrixOne version's output is not supported.`);
}
