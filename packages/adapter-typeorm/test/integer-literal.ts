import { testServer } from '@matrixone/test-server';

/**
 * An integer literal (`SELECT 1`) as TypeORM's connection returns it: MatrixOne types it as BIGINT, which
 * TypeORM's mysql driver (supportBigNumbers) returns as a string; MariaDB and MySQL type it as INT, a number
 * (observed on MatrixOne 4.2.0).
 */
export const integerLiteral = (value: number): number | string =>
  testServer().flavor === 'matrixone' ? String(value) : value;
