/**
 * The mysql2 options every SDK statement is sent with on a Sequelize connection.
 *
 * Sequelize configures its mysql2 connections for its models: a `typeCast` of its own (DATETIME/TIMESTAMP read
 * in Sequelize's `timezone`, default `+00:00`) and `timezone` set to that zone. The core reads MatrixOne's
 * SHOW results as the core client's mysql2 pool decodes them: date-times read in the Node.js process's zone,
 * BIGINT beyond 2^53 as a string. These per-statement options restore that decoding for SDK statements only;
 * Sequelize's own queries keep Sequelize's.
 */
import type { Statement } from '@matrixone/core';

/** A mysql2 query given as an options object. */
export interface SdkQueryOptions {
  readonly sql: string;
  readonly values: readonly unknown[];
  /** mysql2's own decoding for every column (a per-query function replaces the connection's `typeCast`). */
  readonly typeCast: (field: unknown, next: () => unknown) => unknown;
  /** Date-times read in the local zone, as the core client's pool reads them. */
  readonly timezone: 'local';
  /** BIGINT beyond 2^53 as a string instead of a number that lost digits. */
  readonly supportBigNumbers: true;
  /** mysql2's per-statement timeout in milliseconds, when the adapter's `queryTimeoutMs` is set. */
  readonly timeout?: number;
}

const mysql2Decoding = (_field: unknown, next: () => unknown): unknown => next();

/** The mysql2 query options of an SDK statement, limited to `queryTimeoutMs` when given. */
export function sdkQueryOptions(statement: Statement, queryTimeoutMs?: number): SdkQueryOptions {
  return {
    sql: statement.sql,
    values: statement.values ?? [],
    typeCast: mysql2Decoding,
    timezone: 'local',
    supportBigNumbers: true,
    ...(queryTimeoutMs !== undefined && { timeout: queryTimeoutMs }),
  };
}
