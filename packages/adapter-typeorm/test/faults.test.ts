import { runAdapterFaultSuite } from '@matrixone/adapter-test-suite';
import { matrixone } from '@matrixone/adapter-typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { checkedOutConnections } from './pool-usage.js';

runAdapterFaultSuite<EntityManager>({
  name: 'typeorm',
  passesQueryTimeout: true,
  async open(url, { poolSize, connectTimeoutMs, queryTimeoutMs }) {
    const dataSource = new DataSource({ type: 'mysql', url, poolSize, connectTimeout: connectTimeoutMs });
    await dataSource.initialize();
    const client = matrixone(dataSource, { ...(queryTimeoutMs !== undefined && { queryTimeoutMs }) });
    return {
      client,
      transaction: (fn) => client.transaction(({ manager, mo }) => fn({ orm: manager, mo })),
      checkedOutConnections: () => checkedOutConnections(dataSource),
      async close() {
        await client.close();
        await dataSource.destroy();
      },
    };
  },
});
