/**
 * One test clone from open to close: `clones.withClone()` of the template, held open between two test hooks
 * (its callback waits until `close()`), with a client and ORM instances on it that are closed before the drop.
 * Everything withClone guarantees holds: the clone is dropped when the test run fails and on SIGINT/SIGTERM.
 */
import {
  type CloneWithUrl,
  type PooledClient,
  UnsupportedServerError,
  type WithCloneOptions,
  createClient,
  isMatrixOneErrorOfKind,
} from '@matrixone/core';
import { type OrmInstances, ormInstances } from './orm-instances.js';

/** Options of the clone fixtures. */
export interface CloneOptions {
  /** A `mysql://` URL of the MatrixOne server (any database selected). */
  readonly url: string;
  /** The database to clone: the template seeded with `seedTemplate()` / `templateSetup()`. */
  readonly template: string;
  /** Clone the template as it was at this snapshot; its current data when omitted. */
  readonly snapshot?: string;
  /** The clones' name prefix (default `<template>_clone`); `clones.sweep({ prefix })` finds leftovers by it. */
  readonly prefix?: string;
}

/** A test's own clone of the template. */
export interface TestClone extends OrmInstances {
  /** The clone's database name. */
  readonly database: string;
  /** The server URL with the clone selected. */
  readonly url: string;
  /** A client on the clone, made on first use and closed with the clone. */
  readonly client: PooledClient;
}

/** An open clone and the way to drop it. */
export interface OpenClone extends TestClone {
  /** Closes the client and ORM instances, then drops the clone. */
  close(): Promise<void>;
}

/** How a clone is made: `client.clones.withClone` of an admin client (tests pass a stand-in). */
export type WithClone = <T>(
  options: WithCloneOptions & { readonly url: string },
  fn: (clone: CloneWithUrl) => Promise<T>,
) => Promise<T>;

/**
 * Opens a clone of the template. On a server that is not MatrixOne it throws {@link UnsupportedServerError}
 * saying what to do.
 *
 * @example
 * const clone = await openClone({ url: process.env.MATRIXONE_URL!, template: 'app_template' });
 * try {
 *   await clone.client.query('SELECT COUNT(*) FROM users');
 * } finally {
 *   await clone.close();
 * }
 */
export async function openClone(options: CloneOptions): Promise<OpenClone> {
  const admin = createClient(options.url);
  try {
    return await openCloneWith(
      (cloneOptions, fn) => admin.clones.withClone(cloneOptions, fn),
      options,
      () => admin.close(),
    );
  } catch (error) {
    await admin.close();
    if (isMatrixOneErrorOfKind(error, 'unsupported-server')) {
      throw new UnsupportedServerError(
        `@matrixone/testing gives every test a clone of "${options.template}", which needs MatrixOne, but the ` +
          `server is ${(error as UnsupportedServerError).server}. Point the tests at a MatrixOne server ` +
          '(MATRIXONE_URL, or a local one: docs/testing.md), or seed a database per test file on this server instead.',
        (error as UnsupportedServerError).server,
        { cause: error },
      );
    }
    throw error;
  }
}

/** {@link openClone} over any `withClone`; `release` runs after the clone is dropped. */
export async function openCloneWith(
  withClone: WithClone,
  options: CloneOptions,
  release: () => Promise<void> = async () => {},
): Promise<OpenClone> {
  let handOver: (clone: CloneWithUrl) => void = () => {};
  let finish: () => void = () => {};
  const handedOver = new Promise<CloneWithUrl>((resolve) => {
    handOver = resolve;
  });
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const lifetime = withClone(
    {
      source: options.template,
      url: options.url,
      ...(options.snapshot !== undefined && { snapshot: options.snapshot }),
      ...(options.prefix !== undefined && { prefix: options.prefix }),
    },
    async (clone) => {
      handOver(clone);
      await finished;
    },
  );
  const clone = await Promise.race([handedOver, lifetime.then(() => undefined)]);
  if (clone === undefined) throw new Error('withClone returned without handing over a clone');
  const orms = ormInstances(clone.url);
  let client: PooledClient | undefined;
  let closing: Promise<void> | undefined;
  return {
    database: clone.database,
    url: clone.url,
    get client() {
      client ??= createClient(clone.url);
      return client;
    },
    knex: orms.knex,
    sequelize: orms.sequelize,
    typeorm: orms.typeorm,
    drizzle: orms.drizzle,
    close() {
      closing ??= (async () => {
        await Promise.allSettled([orms.closeAll(), client?.close()]);
        finish();
        try {
          await lifetime;
        } finally {
          await release();
        }
      })();
      return closing;
    },
  };
}
