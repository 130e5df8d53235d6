/** The conformance suite's view of this adapter: TypeORM's DataSource and transactional EntityManager. */
import type { AdapterConformanceDriver, AdapterUnderTest } from '@matrixone/adapter-test-suite';
import { matrixone } from '@matrixone/adapter-typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { checkedOutConnections } from './pool-usage.js';

export const typeOrmConformanceDriver: AdapterConformanceDriver<EntityManager> = {
  name: 'typeorm',
  async open(url, { poolSize }): Promise<AdapterUnderTest<EntityManager>> {
    const dataSource = new DataSource({ type: 'mysql', url, poolSize });
    await dataSource.initialize();
    const client = matrixone(dataSource);
    return {
      client,
      transaction: (fn) => client.transaction(({ manager, mo }) => fn({ orm: manager, mo })),
      ormTransaction: (fn) => dataSource.transaction(fn),
      bind: (manager) => matrixone(manager),
      async ormConnectionId(manager) {
        const rows: { id: number | string }[] = await manager.query('SELECT CONNECTION_ID() AS id');
        return Number(rows[0]?.id);
      },
      async ormInsert(manager, table, rows) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(table, ['id', 'name'])
          .values(rows.map((row) => ({ id: row.id, name: row.name })))
          .execute();
      },
      ormNested: (manager, fn) => manager.transaction(fn),
      checkedOutConnections: () => checkedOutConnections(dataSource),
      async close() {
        await client.close();
        await dataSource.destroy();
      },
    };
  },
};
