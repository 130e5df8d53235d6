/**
 * Compares SDK statements with statements recorded in MatrixOne's cases, which write the same thing with
 * other case, spacing, quoting (`"sp"`, `'sp'`, bare or back-quoted names) and a trailing semicolon.
 */
import mysql from 'mysql2';
import type { Statement } from '../../../src/connection/executor.js';

/** The statement text with quoting, case and optional spacing removed. */
export function statementShape(sql: string): string {
  return sql
    .replace(/["'`]/g, '')
    .replace(/\s*([{}=,])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim()
    .toLowerCase();
}

/** The SQL text the client sends for a statement: mysql2 interpolates bound values client-side. */
export function sentText(statement: Statement): string {
  return mysql.format(statement.sql, [...(statement.values ?? [])] as mysql.SqlValue[]);
}
