import { type CompatOutcome, differs, notEmulated, refused, works } from './compat-outcome.js';
/**
 * Expectations the ORMs' suites share: a feature that behaves alike on every server, one MatrixOne refuses before
 * sending, and the server differences every ORM shows the same way (they come from MatrixOne, not from the ORM).
 */
import type { CompatExpectations } from './compat-suite.js';

/** Works everywhere, with the same result. */
export function everywhere(outcome: CompatOutcome = works()): CompatExpectations {
  return { mariadb: outcome, matrixone: outcome };
}

/** Works on MariaDB; refused before sending on MatrixOne. */
export const REFUSED_ON_MATRIXONE: CompatExpectations = { mariadb: works(), matrixone: refused() };

/** Deleting a parent with one `ON DELETE CASCADE` child: MatrixOne counts the child in the affected rows. */
export const CASCADE_COUNTED: CompatExpectations = {
  mariadb: works('1 affected row'),
  emulated: notEmulated('2 affected rows: the cascaded child counted'),
  matrixone: differs('2 affected rows: the cascaded child counted'),
};

/** The next auto-increment id after `ALTER TABLE … ADD COLUMN`: MatrixOne moved the counter on. */
export const ID_JUMPS_AFTER_ALTER: CompatExpectations = {
  mariadb: works('the next id follows the last'),
  emulated: notEmulated('the next id jumped from 1 to 10001'),
  matrixone: differs('the next id jumped from 1 to 10001'),
};
