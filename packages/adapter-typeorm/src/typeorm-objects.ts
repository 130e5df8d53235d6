/**
 * Tells TypeORM's objects apart without `instanceof`, which breaks when an application ends up with two copies
 * of `typeorm`. TypeORM tags its own classes with `Symbol.for(<class name>)` under the `@instanceof` key (the same
 * check as its `InstanceChecker`); query runners carry no tag, so they are recognised by their members.
 */
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

function hasTypeOrmTag(value: unknown, className: string): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>)['@instanceof'] === Symbol.for(className)
  );
}

/** True for a TypeORM `DataSource`. */
export function isDataSource(value: unknown): value is DataSource {
  return hasTypeOrmTag(value, 'DataSource');
}

/** True for a TypeORM `EntityManager` (transactional or not). */
export function isEntityManager(value: unknown): value is EntityManager {
  return hasTypeOrmTag(value, 'EntityManager');
}

/** True for a TypeORM `QueryRunner`. */
export function isQueryRunner(value: unknown): value is QueryRunner {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof QueryRunner, unknown>>;
  return (
    typeof candidate.query === 'function' &&
    typeof candidate.startTransaction === 'function' &&
    typeof candidate.commitTransaction === 'function' &&
    typeof candidate.isTransactionActive === 'boolean' &&
    typeof candidate.isReleased === 'boolean'
  );
}
