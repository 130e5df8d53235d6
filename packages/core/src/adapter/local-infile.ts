/**
 * `LOAD DATA LOCAL INFILE` through an ORM. The statement carries the stream factory (`Statement.localInfile`), but
 * an ORM's raw-query call has no way to hand mysql2 a per-statement `infileStreamFactory`. mysql2 copies
 * `connection.config.infileStreamFactory` into every query when the query is created, so the kit makes that
 * field, on every connection the ORM hands out, answer with the factory of the statement being run: the kit runs
 * the statement inside an `AsyncLocalStorage` holding the factory, and the ORM creates its query in that async
 * context (after awaiting its pool, on the same promise chain). Outside a load the field reads as before.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Readable } from 'node:stream';
import type { Statement } from '../connection/executor.js';

type InfileFactory = (requestedName: string) => Readable;

const pending = new AsyncLocalStorage<InfileFactory>();
const answering = new WeakSet<object>();

/** Runs `run` (which sends `statement` through the ORM) with the statement's local-file factory in reach. */
export function runWithLocalInfile<T>(statement: Statement, run: () => Promise<T>): Promise<T> {
  return statement.localInfile === undefined ? run() : pending.run(statement.localInfile, run);
}

/**
 * Makes a mysql2 connection (callback or promise API) answer the server's request for a client file with the
 * factory of the statement the kit is running. Each config object is patched once (older mysql2 releases share
 * one between the connections of a pool), and the factory is read per query, so concurrent loads do not mix.
 */
export function answerLocalInfile(connection: unknown): void {
  // A mysql2/promise wrapper runs every statement on the callback connection it holds.
  const inner = (connection as { connection?: unknown } | null)?.connection;
  const config = ((inner ?? connection) as { config?: unknown } | null)?.config;
  if (typeof config !== 'object' || config === null || answering.has(config)) return;
  answering.add(config);
  // A factory the application configured itself still answers its own loads.
  let own = (config as { infileStreamFactory?: InfileFactory }).infileStreamFactory;
  Object.defineProperty(config, 'infileStreamFactory', {
    configurable: true,
    enumerable: true,
    get: () => pending.getStore() ?? own,
    set: (factory: InfileFactory | undefined) => {
      own = factory;
    },
  });
}
