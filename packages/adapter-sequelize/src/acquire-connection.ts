/**
 * Checks a connection out of Sequelize's pool for one SDK statement, skipping connections that died while
 * idle. Sequelize validates a connection when it hands it out, but a connection whose socket closed a moment
 * ago still looks alive until Node has processed the close: waiting one event-loop turn lets that happen, and
 * Sequelize's own validation then decides, so a statement is not sent on a connection that is already gone.
 */
import type { Sequelize } from 'sequelize';

type ConnectionManager = Sequelize['connectionManager'];
type GetConnectionOptions = Parameters<ConnectionManager['getConnection']>[0];

/** Sequelize's mysql connection manager validates connections with this method (not in its typings). */
interface ValidatingConnectionManager {
  validate?(connection: object): boolean;
}

/** Connections tried before handing out whatever the pool gives (the statement then reports the failure). */
const ATTEMPTS = 3;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A connection from Sequelize's pool that is still usable after pending socket events were processed. */
export async function acquireConnection(
  manager: ConnectionManager,
  options: GetConnectionOptions,
): Promise<object> {
  const validate = (manager as ValidatingConnectionManager).validate?.bind(manager);
  for (let attempt = 1; ; attempt += 1) {
    const connection = await manager.getConnection(options);
    await nextTurn();
    if (!validate || validate(connection) || attempt === ATTEMPTS) return connection;
    await manager.destroyConnection(connection);
  }
}
