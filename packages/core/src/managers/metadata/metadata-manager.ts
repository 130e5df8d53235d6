/**
 * `client.metadata`: what a user asks about a table — its row count and size, columns, indexes, the storage
 * objects MatrixOne persisted for it, and the snapshots and PITRs that cover it (docs/matrixone-facts.md#table-metadata).
 * Observed on MatrixOne 4.2.0: `information_schema.tables.table_rows` and `mo_table_rows()` lagged (0 right after a
 * flush) while SHOW TABLE STATUS was current, so row counts come from SHOW TABLE STATUS (or an exact COUNT(*));
 * `metadata_scan()` lists **persisted** objects only (none for freshly inserted rows until a flush).
 */
import { NotFoundError } from '../../errors/errors.js';
import type { TableRef } from '../../sql/identifier.js';
import { describeTableStatement, showIndexStatement } from '../index-statements.js';
import type { ManagerContext } from '../manager-context.js';
import { PitrManager } from '../pitr/pitr-manager.js';
import type { Pitr } from '../pitr/pitr.js';
import { prepareOperation } from '../prepare-operation.js';
import { SnapshotManager } from '../snapshots/snapshot-manager.js';
import type { Snapshot } from '../snapshots/snapshot.js';
import {
  type ColumnInfo,
  type IndexInfo,
  type StorageObjectColumn,
  type TableStatus,
  parseColumnRow,
  parseIndexes,
  parseStorageObjectRow,
  parseTableStatus,
} from './metadata-rows.js';
import {
  type MetadataScanOptions,
  exactRowCountStatement,
  metadataScanStatement,
  tableStatusStatement,
} from './metadata-statements.js';

/** What `metadata.table()` returns. */
export interface TableMetadata {
  /** SHOW TABLE STATUS: row count (`rows`), sizes, engine, creation time. */
  readonly status: TableStatus;
  /** The exact row count, when `exactRowCount` was asked for. */
  readonly exactRows?: number;
  readonly columns: readonly ColumnInfo[];
  readonly indexes: readonly IndexInfo[];
}

/** What `metadata.coverage()` returns: the snapshots and PITRs that include the table. */
export interface TableCoverage {
  readonly snapshots: readonly Snapshot[];
  readonly pitrs: readonly Pitr[];
}

/** Reads table metadata. */
export class MetadataManager {
  readonly #context: ManagerContext;
  readonly #snapshots: SnapshotManager;
  readonly #pitr: PitrManager;

  /**
   * Managers are reached through a client or a transaction (`client.metadata`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
    this.#snapshots = new SnapshotManager(context);
    this.#pitr = new PitrManager(context);
  }

  /**
   * A table's row count and size (SHOW TABLE STATUS), columns (DESC) and indexes (SHOW INDEX); with
   * `exactRowCount`, also `SELECT COUNT(*)` (a scan). Throws {@link NotFoundError} for a missing table.
   *
   * @example
   * const { status, columns, indexes } = await client.metadata.table({ database: 'shop', table: 'orders' });
   * status.rows; status.dataLength;
   */
  async table(
    table: string | TableRef,
    options: { readonly exactRowCount?: boolean } = {},
  ): Promise<TableMetadata> {
    await prepareOperation(this.#context, 'metadata.table');
    const ref = tableRef(table);
    const status = parseTableStatus(
      (await this.#context.executor.run(tableStatusStatement(ref))).rows,
      ref.table,
    );
    if (status === undefined) {
      throw new NotFoundError(
        `No table "${ref.database === undefined ? '' : `${ref.database}.`}${ref.table}" is visible.`,
      );
    }
    const columns = (await this.#context.executor.run(describeTableStatement(ref))).rows.map(parseColumnRow);
    const indexes = parseIndexes((await this.#context.executor.run(showIndexStatement(ref))).rows);
    if (options.exactRowCount !== true) return { status, columns, indexes };
    const [row] = (await this.#context.executor.run<{ rows: unknown }>(exactRowCountStatement(ref))).rows;
    return { status, exactRows: Number(row?.rows ?? 0), columns, indexes };
  }

  /**
   * The persisted storage objects of a table (or its tombstones, or one index's hidden table), one entry per
   * column per object, from `metadata_scan()`. Freshly written rows appear only once MatrixOne has flushed them.
   *
   * @example
   * const objects = await client.metadata.objects({ database: 'shop', table: 'orders' });
   * const stored = objects.filter((o) => o.column === 'id').reduce((sum, o) => sum + o.compressedSize, 0);
   */
  async objects(table: TableRef, options: MetadataScanOptions = {}): Promise<StorageObjectColumn[]> {
    await prepareOperation(this.#context, 'metadata.objects');
    const { rows } = await this.#context.executor.run(metadataScanStatement(table, options));
    return rows.map(parseStorageObjectRow);
  }

  /**
   * The snapshots and PITRs that include a table: those of the table itself, of its database, of an account
   * (all account-level ones the current account sees, or only `account`'s when given) and of the cluster.
   *
   * @example
   * const { snapshots, pitrs } = await client.metadata.coverage({ database: 'shop', table: 'orders' }, { account: 'acc01' });
   */
  async coverage(table: TableRef, options: { readonly account?: string } = {}): Promise<TableCoverage> {
    await prepareOperation(this.#context, 'metadata.coverage');
    const covers = (item: {
      level: string;
      account: string | undefined;
      database: string | undefined;
      table: string | undefined;
    }): boolean => {
      const same = (a: string | undefined, b: string | undefined) =>
        a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
      switch (item.level) {
        case 'cluster':
          return true;
        case 'account':
          return options.account === undefined || same(item.account, options.account);
        case 'database':
          return same(item.database, table.database);
        default:
          return same(item.database, table.database) && same(item.table, table.table);
      }
    };
    const snapshots = (await this.#snapshots.list()).filter(covers);
    const pitrs = (await this.#pitr.list()).filter(covers);
    return { snapshots, pitrs };
  }
}

function tableRef(table: string | TableRef): TableRef {
  return typeof table === 'string' ? { table } : table;
}
