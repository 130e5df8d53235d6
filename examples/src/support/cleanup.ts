/** Clean-up shared by the scenarios: databases always, snapshots when the server has them. */
import {
  ErrorKind,
  IdentifierKind,
  type MatrixOneClient,
  isMatrixOneErrorOfKind,
  quoteIdentifier,
} from '@matrixone/core';

/** Creates an empty database. */
export async function createDatabase(admin: MatrixOneClient, database: string): Promise<void> {
  await admin.execute(`CREATE DATABASE ${quoteIdentifier(database, IdentifierKind.Database)}`);
}

/** Drops the databases and snapshots a scenario created; a server without snapshots has none to drop. */
export async function dropAll(
  admin: MatrixOneClient,
  things: { readonly databases: readonly string[]; readonly snapshots?: readonly string[] },
): Promise<void> {
  for (const snapshot of things.snapshots ?? []) {
    try {
      await admin.snapshots.drop(snapshot, { ifExists: true });
    } catch (error) {
      if (!isMatrixOneErrorOfKind(error, ErrorKind.UnsupportedServer)) throw error;
    }
  }
  for (const database of things.databases) {
    await admin.execute(`DROP DATABASE IF EXISTS ${quoteIdentifier(database, IdentifierKind.Database)}`);
  }
}
