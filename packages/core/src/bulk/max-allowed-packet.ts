/**
 * The server's `max_allowed_packet`, read once per client or transaction. `SHOW VARIABLES LIKE` answers with an
 * empty result (not an error) on a server without the variable, and MatrixOne allows SHOW VARIABLES inside a
 * transaction (docs/matrixone-facts.md#transactions), so reading it never disturbs a transaction.
 */
import type { Executor } from '../connection/executor.js';

/** MySQL's smallest default (4 MiB, MySQL 5.7), used when the server does not report the variable. */
export const FALLBACK_MAX_ALLOWED_PACKET = 4 * 1024 * 1024;

/** Remembers the first answer; a failed read is tried again on the next call. */
export class MaxAllowedPacket {
  #value: Promise<number> | undefined;

  /** The server's `max_allowed_packet` in bytes, read through `executor` on the first call. */
  read(executor: Executor): Promise<number> {
    this.#value ??= readMaxAllowedPacket(executor).catch((error: unknown) => {
      this.#value = undefined;
      throw error;
    });
    return this.#value;
  }
}

async function readMaxAllowedPacket(executor: Executor): Promise<number> {
  const { rows } = await executor.run<{ Value?: unknown; value?: unknown }>({
    sql: "SHOW VARIABLES LIKE 'max_allowed_packet'",
  });
  const row = rows[0];
  const bytes = Number(row?.Value ?? row?.value);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : FALLBACK_MAX_ALLOWED_PACKET;
}
