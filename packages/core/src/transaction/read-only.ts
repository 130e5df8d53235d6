/**
 * MatrixOne parses `START TRANSACTION READ ONLY` but does not enforce it
 * (docs/matrixone-facts.md#transactions) and refuses
 * `SET TRANSACTION READ ONLY`: a read-only transaction there would silently accept writes.
 */
import { UnsupportedServerError } from '../errors/errors.js';
import { ServerFlavor, type ServerInfo, describeServer } from '../server/server-info.js';

/**
 * Throws {@link UnsupportedServerError} when the server is MatrixOne, which does not enforce read-only
 * transactions. Call it before starting a transaction with `readOnly`; other servers pass.
 *
 * @example
 * if (options.readOnly) assertReadOnlyEnforced(await client.serverInfo());
 */
export function assertReadOnlyEnforced(info: ServerInfo): void {
  if (info.flavor !== ServerFlavor.MatrixOne) return;
  throw new UnsupportedServerError(
    'readOnly transactions are not enforced by MatrixOne (it accepts START TRANSACTION READ ONLY and still ' +
      'allows writes), so the transaction was not started. Start it without readOnly.',
    describeServer(info),
  );
}
