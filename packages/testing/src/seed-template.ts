/**
 * The template database every clone is made from: created and seeded once per run (a vitest globalSetup, a Jest
 * globalSetup), dropped at the end. Seeding needs no MatrixOne: any adapter or plain SQL through the client.
 */
import {
  IdentifierKind,
  type PooledClient,
  createClient,
  quoteIdentifier,
  urlWithDatabase,
} from '@matrixone/core';

/** What the seed function gets: a client on the template, its URL (for an ORM) and its name. */
export interface TemplateSeedContext {
  /** A client with the template selected; closed after `seed` returns. */
  readonly client: PooledClient;
  /** The server URL with the template selected. */
  readonly url: string;
  /** The template's name. */
  readonly database: string;
}

/** Options of {@link seedTemplate}. */
export interface SeedTemplateOptions {
  /** A `mysql://` URL of the server (any database selected). */
  readonly url: string;
  /** The template database's name. An existing database of that name is dropped first. */
  readonly template: string;
  /** Creates the schema and rows, through `client`, or an ORM on `url`. */
  readonly seed: (context: TemplateSeedContext) => Promise<void>;
}

/** A seeded template. */
export interface SeededTemplate {
  /** The template's name: the `template` option of the clone fixtures. */
  readonly template: string;
  /** Drops the template. */
  drop(): Promise<void>;
}

/**
 * Creates the template database afresh and runs `seed` on it.
 *
 * @example
 * const template = await seedTemplate({
 *   url: process.env.MATRIXONE_URL!,
 *   template: 'app_template',
 *   seed: async ({ client }) => {
 *     await client.execute('CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(50))');
 *     await client.bulkInsert('users', [{ id: 1, name: 'Ada' }]);
 *   },
 * });
 */
export async function seedTemplate(options: SeedTemplateOptions): Promise<SeededTemplate> {
  const name = quoteIdentifier(options.template, IdentifierKind.Database);
  const drop = () => onServer(options.url, (admin) => admin.execute(`DROP DATABASE IF EXISTS ${name}`));
  await onServer(options.url, async (admin) => {
    await admin.execute(`DROP DATABASE IF EXISTS ${name}`);
    await admin.execute(`CREATE DATABASE ${name}`);
  });
  const url = urlWithDatabase(options.url, options.template);
  const client = createClient(url);
  try {
    await options.seed({ client, url, database: options.template });
  } catch (error) {
    await client.close();
    await drop();
    throw error;
  }
  await client.close();
  return {
    template: options.template,
    drop: async () => {
      await drop();
    },
  };
}

/**
 * A vitest `globalSetup` (its default export) that seeds the template before the run and drops it after.
 *
 * @example
 * // test/global-setup.ts, listed in vitest.config.ts as `globalSetup`
 * export default templateSetup({ url: process.env.MATRIXONE_URL!, template: 'app_template', seed });
 */
export function templateSetup(options: SeedTemplateOptions): () => Promise<() => Promise<void>> {
  return async () => {
    const template = await seedTemplate(options);
    return () => template.drop();
  };
}

async function onServer<T>(url: string, work: (admin: PooledClient) => Promise<T>): Promise<T> {
  const admin = createClient(url);
  try {
    return await work(admin);
  } finally {
    await admin.close();
  }
}
