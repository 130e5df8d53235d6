/**
 * Thrown when no test server can be had: neither `MATRIXONE_URL` nor `TEST_DATABASE_URL` is set and MariaDB is
 * not installed. The harness treats it as "no server" (tests that need one are skipped, the rest run); any other
 * failure to reach or start a server stays an error.
 */
export class NoTestServerError extends Error {
  override readonly name = 'NoTestServerError';
}
