/**
 * What the adapters' vector and loading tests share on the test server (MariaDB, which has no vector type): a
 * TEXT column stands for the vector column, and a stored function named like MatrixOne's `l2_distance` computes
 * the Euclidean distance between two vector texts, so an ORM's "order by distance" runs and orders for real.
 */
import { Readable } from 'node:stream';

/**
 * `CREATE FUNCTION l2_distance(a, b)` for MariaDB: the Euclidean distance of two `[x,y,…]` texts read as JSON
 * arrays (what the SDK writes). One statement, no DELIMITER needed through a driver.
 */
export const L2_DISTANCE_STAND_IN = `CREATE FUNCTION l2_distance(a LONGTEXT, b LONGTEXT) RETURNS DOUBLE DETERMINISTIC
BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE total DOUBLE DEFAULT 0;
  WHILE i < JSON_LENGTH(a) DO
    SET total = total + POW(JSON_EXTRACT(a, CONCAT('$[', i, ']')) - JSON_EXTRACT(b, CONCAT('$[', i, ']')), 2);
    SET i = i + 1;
  END WHILE;
  RETURN SQRT(total);
END`;

/** The documents the vector tests write: ids 1…4 at growing distance from {@link QUERY_VECTOR}. */
export const STAND_IN_DOCS: readonly {
  readonly id: number;
  readonly title: string;
  readonly embedding: number[];
}[] = [
  { id: 3, title: 'far', embedding: [5, 5, 5] },
  { id: 1, title: 'nearest', embedding: [1, 0.5, 0.25] },
  { id: 4, title: 'farthest', embedding: [-9, 9, -9] },
  { id: 2, title: 'near', embedding: [1, 2, 1] },
];

/** The query vector of the vector tests; the ids in distance order are {@link NEAREST_FIRST}. */
export const QUERY_VECTOR: readonly number[] = [1, 0.5, 0];
/** {@link STAND_IN_DOCS}' ids, nearest to {@link QUERY_VECTOR} first. */
export const NEAREST_FIRST: readonly number[] = [1, 2, 3, 4];

/** `CREATE TABLE` of the loading tests' table. */
export const LOAD_TABLE_SQL = 'CREATE TABLE loaded (id INT PRIMARY KEY, name VARCHAR(40))';

/** `count` CSV lines `id,name id` for `loaded`, as a Node stream of Buffers (what a client load sends). */
export function csvStream(count: number, firstId = 1): Readable {
  return Readable.from(
    Array.from({ length: count }, (_, index) => Buffer.from(`${firstId + index},name ${firstId + index}\n`)),
  );
}
