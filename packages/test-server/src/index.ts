export { NO_SERVER_MESSAGE, startPrivateMariaDb, type PrivateMariaDb } from './mariadb-server.js';
export {
  acquireTestServer,
  acquireTestServerIfAny,
  type AcquiredServer,
  type NoTestServer,
  type TestServerOrigin,
} from './resolve-server.js';
export { NoTestServerError } from './no-test-server-error.js';
export { startLocalMatrixOne, type LocalMatrixOne, type LocalMatrixOneOptions } from './matrixone-server.js';
export { describeServer, type TestServer, type TestServerFlavor } from './server-flavor.js';
export { testServer, urlWithDatabase, useTestDatabase, type TestDatabase } from './test-database.js';
export { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy.js';
export { answerOrmStatementsLikeMatrixOne } from './matrixone-orm-answers.js';
export { answerCatalogLikeMatrixOne } from './matrixone-catalog-answers.js';
export type { ResultColumn, ResultRule, RowRewrite } from './result-set-rewriter.js';
