import { runAdapterFaultSuite } from '@matrixone/adapter-test-suite';
import { matrixone } from '@matrixone/adapter-typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { checkedOutConnections } from './pool-usage.js';

runAdapterFaultSuite<EntityManager>({
  name: 'typeorm',
  async open(url, { poolSize, connectTimeoutMs }) {
    const dataSource = new DataSource({ type: 'mysql', url, poolSize, connectTimeout: connectTimeoutMs });
    await dataSource.initialize();
    const client = matrixone(dataSource);
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
