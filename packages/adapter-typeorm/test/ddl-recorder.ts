/** Records the DDL a TypeORM DataSource sends, for the schema-tool checks. */
import type { DataSource } from 'typeorm';

/** The CREATE / ALTER / DROP / RENAME statements `dataSource` runs successfully from now on, as TypeORM reports them. */
export function recordDdl(dataSource: DataSource): string[] {
  const ddl: string[] = [];
  dataSource.subscribers.push({
    afterQuery: ({ query, success }) => {
      if (success && /^\s*(?:CREATE|ALTER|DROP|RENAME)\b/i.test(query)) ddl.push(query);
    },
  });
  return ddl;
}
