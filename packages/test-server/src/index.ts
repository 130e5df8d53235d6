export { NO_SERVER_MESSAGE, startPrivateMariaDb, type PrivateMariaDb } from './mariadb-server.js';
export { acquireTestServer, type AcquiredServer, type TestServerOrigin } from './resolve-server.js';
export { describeServer, type TestServer, type TestServerFlavor } from './server-flavor.js';
export { testServer, urlWithDatabase, useTestDatabase, type TestDatabase } from './test-database.js';
export { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy.js';
