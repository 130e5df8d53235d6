/**
 * Makes a fault proxy in front of MariaDB answer catalog queries the way MatrixOne 4.2.0 does (observed on
 * MatrixOne 4.2.0; docs/matrixone-facts.md, the "Schema tools" sections), so that ORM schema tools can be tested
 * against MatrixOne's answers in CI. MariaDB answers `INFORMATION_SCHEMA` as MySQL does; MatrixOne differs where the
 * ORMs look. The rows of text queries are rewritten through the proxy by the rule table {@link CATALOG_RULES}:
 * which catalog a statement reads is decided by its text, and which values change by the result's column names
 * (a column matches by its label or by the column it comes from, which MariaDB reports through aliases, derived
 * tables and UNIONs — how TypeORM's `loadTables` reads `SELECT * FROM (… UNION …) kcu`).
 *
 * Emulated (each one recorded):
 * - `KEY_COLUMN_USAGE`: no rows for PRIMARY or UNIQUE constraints (a row is kept when the result shows it is a
 *   foreign key's: `REFERENCED_TABLE_NAME` set); `COLUMN_NAME` and `CONSTRAINT_NAME` lower-cased;
 * - `STATISTICS` / `SHOW INDEX`, `REFERENTIAL_CONSTRAINTS`, `TABLE_CONSTRAINTS`, `SHOW CREATE TABLE`: index and
 *   constraint names lower-cased;
 * - `TABLE_CONSTRAINTS`: no FOREIGN KEY rows; PRIMARY's type `PRIMARY` (MySQL: `PRIMARY KEY`);
 * - `COLUMNS.EXTRA` / `SHOW COLUMNS` `Extra`: no `on update …` (auto_increment kept);
 * - `COLUMNS.COLUMN_TYPE` / `SHOW COLUMNS` `Type`: upper-case, integer widths in bits — only for the types the
 *   recording shows (`TINYINT(8)`, `INT(32)`, `BIGINT(64)`, `VARCHAR(n)`, `DECIMAL(p,s)`, `ENUM(…)`), others as
 *   MariaDB gives them. TypeORM reads `COLUMN_TYPE` when diffing (`unsigned`, enum values).
 * - `COLUMNS.COLUMN_DEFAULT`: SQL NULL for a column without a default, where MariaDB (10.2.7+) answers the text
 *   `NULL`. Inferred, as MySQL answers: TypeORM's mysql driver reads the text `NULL` as a default and alters every
 *   such column, and the recording shows no pending change for TypeORM's nullable `nickname` column on MatrixOne.
 * Not emulated: `COLUMN_DEFAULT` keeping the DDL's quotes (`'0.00'`): TypeORM strips quotes before comparing
 * defaults, and Sequelize's `sync({ alter })` does not compare them; whether the name `PRIMARY` is lower-cased
 * in `STATISTICS` (the recording is silent; kept as `PRIMARY`); `UNSIGNED` column types (not recorded); prepared
 * statements (binary rows; no ORM reads the catalog with them); server-side joins on the names (the rows are
 * rewritten after MariaDB joined them, and MatrixOne joins lower-cased names with lower-cased names).
 */
import type { FaultProxy } from './fault-proxy.js';
import type { ResultColumn, ResultRule, RowRewrite } from './result-set-rewriter.js';

/** Drops a row when one of `columns` holds a value `when` accepts. */
interface RowDrop {
  readonly columns: readonly string[];
  readonly when: (value: string | null) => boolean;
}

/** What the values of `columns` (SQL NULL left alone) become. */
interface ValueChange {
  readonly columns: readonly string[];
  readonly to: (value: string) => string | null;
}

/** One difference of MatrixOne's catalog: the statements it applies to, the rows it drops, the values it changes. */
interface CatalogRule {
  readonly reads: RegExp;
  readonly drop?: readonly RowDrop[];
  readonly change?: readonly ValueChange[];
}

const lower = (value: string) => value.toLowerCase();
/** Index and constraint names lower-cased; the name `PRIMARY` as MySQL writes it (the recording is silent). */
const lowerName = (value: string) => (value.toUpperCase() === 'PRIMARY' ? value : value.toLowerCase());

/** Index and constraint names in `SHOW CREATE TABLE` text (`UNIQUE KEY \`IDX_A\``, `CONSTRAINT \`FK_B\``). */
const DDL_KEY_NAME = /\b((?:UNIQUE |FULLTEXT |SPATIAL )?(?:KEY|INDEX)|CONSTRAINT) `((?:[^`]|``)+)`/g;

/** The integer types the recording shows, with the width MatrixOne reports (the type's size in bits). */
const INTEGER_BITS: Readonly<Record<string, number>> = { tinyint: 8, int: 32, bigint: 64 };

/** `COLUMN_TYPE` as MatrixOne reports it, for the types the recording shows; others unchanged. */
function matrixOneColumnType(type: string): string {
  const integer = /^(tinyint|int|bigint)(?:\(\d+\))?$/i.exec(type);
  if (integer) {
    const name = (integer[1] as string).toLowerCase();
    return `${name.toUpperCase()}(${INTEGER_BITS[name]})`;
  }
  const sized = /^(varchar|decimal|enum)(\([\s\S]*\))$/i.exec(type);
  return sized ? `${(sized[1] as string).toUpperCase()}${sized[2]}` : type;
}

/**
 * MatrixOne's catalog answers as rules (observed on MatrixOne 4.2.0, on a table with `PRIMARY KEY(id)`, a unique
 * index `IDX_97672ac88f789774dd47f7c8be`, a foreign key `FK_ae05faaa55c866130abef6e1fee` on `userId` and a
 * `datetime(6) … ON UPDATE CURRENT_TIMESTAMP(6)` column). Column names are compared case-insensitively.
 */
const CATALOG_RULES: readonly CatalogRule[] = [
  {
    reads: /\bKEY_COLUMN_USAGE\b/i,
    drop: [
      { columns: ['CONSTRAINT_NAME'], when: (value) => value?.toUpperCase() === 'PRIMARY' },
      { columns: ['REFERENCED_TABLE_NAME'], when: (value) => value === null },
    ],
    change: [{ columns: ['CONSTRAINT_NAME', 'COLUMN_NAME'], to: lower }],
  },
  {
    reads: /\bSTATISTICS\b|^\s*SHOW\s+(?:INDEX|INDEXES|KEYS)\b/i,
    change: [{ columns: ['INDEX_NAME', 'Key_name'], to: lowerName }],
  },
  {
    reads: /\bTABLE_CONSTRAINTS\b/i,
    drop: [{ columns: ['CONSTRAINT_TYPE'], when: (value) => value?.toUpperCase() === 'FOREIGN KEY' }],
    change: [
      {
        columns: ['CONSTRAINT_TYPE'],
        to: (value) => (value.toUpperCase() === 'PRIMARY KEY' ? 'PRIMARY' : value),
      },
      { columns: ['CONSTRAINT_NAME'], to: lowerName },
    ],
  },
  {
    reads: /\bREFERENTIAL_CONSTRAINTS\b/i,
    change: [{ columns: ['CONSTRAINT_NAME'], to: lower }],
  },
  {
    reads: /^\s*SHOW\s+CREATE\s+TABLE\b/i,
    change: [
      {
        columns: ['Create Table'],
        to: (ddl) =>
          ddl.replace(DDL_KEY_NAME, (_, keyword: string, name: string) => `${keyword} \`${lower(name)}\``),
      },
    ],
  },
  {
    reads: /\bCOLUMNS\b|^\s*DESC(?:RIBE)?\s/i,
    change: [
      { columns: ['EXTRA', 'Extra'], to: (extra) => extra.replace(/\s*\bon update\b.*$/i, '').trim() },
      { columns: ['COLUMN_TYPE', 'Type'], to: matrixOneColumnType },
      { columns: ['COLUMN_DEFAULT'], to: (value) => (value === 'NULL' ? null : value) },
    ],
  },
];

/** The positions of the result columns named (by label or original name) in `names`. */
function positions(columns: readonly ResultColumn[], names: readonly string[]): number[] {
  const wanted = new Set(names.map((name) => name.toUpperCase()));
  return columns.flatMap((column, index) =>
    wanted.has(column.name.toUpperCase()) || wanted.has(column.orgName.toUpperCase()) ? [index] : [],
  );
}

/** A {@link CatalogRule} as the proxy's result rule. */
function resultRule(rule: CatalogRule): ResultRule {
  return {
    statement: rule.reads,
    rows(columns): RowRewrite | undefined {
      const drops = (rule.drop ?? []).flatMap(({ columns: names, when }) =>
        positions(columns, names).map((index) => ({ index, when })),
      );
      const changes = (rule.change ?? []).flatMap(({ columns: names, to }) =>
        positions(columns, names).map((index) => ({ index, to })),
      );
      if (drops.length === 0 && changes.length === 0) return undefined;
      return (row) => {
        if (drops.some(({ index, when }) => when(row[index] ?? null))) return undefined;
        const changed = [...row];
        for (const { index, to } of changes) {
          const value = changed[index];
          if (value !== null && value !== undefined) changed[index] = to(value);
        }
        return changed;
      };
    },
  };
}

/**
 * Makes `proxy` answer catalog queries (`INFORMATION_SCHEMA` and `SHOW`) as MatrixOne 4.2.0 does; see the module
 * comment for what is and is not emulated. Returns a function that removes the rules.
 *
 * @example
 * const proxy = await startFaultProxy(db.url);
 * answerCatalogLikeMatrixOne(proxy);
 * const dataSource = await new DataSource({ type: 'mysql', url: proxy.url, synchronize: true }).initialize();
 */
export function answerCatalogLikeMatrixOne(proxy: FaultProxy): () => void {
  const removals = CATALOG_RULES.map((rule) => proxy.rewriteResults(resultRule(rule)));
  return () => {
    for (const remove of removals) remove();
  };
}
