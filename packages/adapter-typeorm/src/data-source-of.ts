/**
 * The DataSource of a query runner on every supported TypeORM. TypeORM 1.x names it `queryRunner.dataSource`
 * (keeping `connection` as a deprecated getter); TypeORM 0.3 has only `queryRunner.connection`.
 */
import type { DataSource, QueryRunner } from 'typeorm';

/** `queryRunner.dataSource`, or on TypeORM 0.3 `queryRunner.connection` (the same DataSource under its old name). */
export function dataSourceOf(queryRunner: QueryRunner): DataSource {
  // Kept small on purpose: the only 0.3 difference the adapter meets; drop it with 0.3 support.
  return (
    (queryRunner as { dataSource?: DataSource }).dataSource ??
    (queryRunner as unknown as { connection: DataSource }).connection
  );
}
