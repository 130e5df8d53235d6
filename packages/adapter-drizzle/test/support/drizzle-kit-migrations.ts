import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One migration as drizzle-kit writes it: `<tag>.sql`, statements separated by `--> statement-breakpoint`. */
export interface KitMigration {
  readonly tag: string;
  readonly statements: readonly string[];
}

/**
 * A migrations folder in the layout drizzle-kit writes and drizzle-orm's `migrate()` reads (`meta/_journal.json`,
 * one entry per migration: its tag, its `when` in milliseconds, `breakpoints: true`), in a fresh temporary
 * directory. `add` appends a migration the way `drizzle-kit generate` does; `remove` deletes the folder.
 */
export async function drizzleKitFolder(): Promise<{
  readonly folder: string;
  add(migration: KitMigration): Promise<void>;
  remove(): Promise<void>;
}> {
  const folder = await mkdtemp(join(tmpdir(), 'drizzle-migrations-'));
  await mkdir(join(folder, 'meta'));
  const entries: object[] = [];
  return {
    folder,
    async add({ tag, statements }) {
      await writeFile(join(folder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
      // `when` grows with each migration: migrate() runs those newer than the last one it recorded.
      entries.push({
        idx: entries.length,
        version: '5',
        when: 1_700_000_000_000 + entries.length,
        tag,
        breakpoints: true,
      });
      await writeFile(
        join(folder, 'meta', '_journal.json'),
        JSON.stringify({ version: '7', dialect: 'mysql', entries }, null, 2),
      );
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

/** drizzle-kit's first migration for a `users` and a `posts` table keyed by `serial()`, posts referencing users. */
export const INITIAL_MIGRATION: KitMigration = {
  tag: '0000_init',
  statements: [
    [
      'CREATE TABLE `users` (',
      '\t`id` serial AUTO_INCREMENT NOT NULL,',
      '\t`email` varchar(120) NOT NULL,',
      '\tCONSTRAINT `users_id` PRIMARY KEY(`id`),',
      '\tCONSTRAINT `users_email_unique` UNIQUE(`email`)',
      ');',
    ].join('\n'),
    [
      'CREATE TABLE `posts` (',
      '\t`id` serial AUTO_INCREMENT NOT NULL,',
      '\t`user_id` bigint unsigned NOT NULL,',
      '\t`title` varchar(100) NOT NULL,',
      '\tCONSTRAINT `posts_id` PRIMARY KEY(`id`)',
      ');',
    ].join('\n'),
    'ALTER TABLE `posts` ADD CONSTRAINT `posts_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;',
  ],
};

/** drizzle-kit's migration after a `views: int('views').notNull().default(0)` column was added to `posts`. */
export const ADD_COLUMN_MIGRATION: KitMigration = {
  tag: '0001_add_views',
  statements: ['ALTER TABLE `posts` ADD `views` int DEFAULT 0 NOT NULL;'],
};
