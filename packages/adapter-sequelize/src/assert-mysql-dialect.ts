import { ConfigurationError } from '@matrixone/core';
import type { Sequelize } from 'sequelize';

/**
 * Refuses a Sequelize instance that does not use the `mysql` dialect: the adapter runs statements on mysql2
 * connections, and MatrixOne speaks the MySQL protocol.
 */
export function assertMysqlDialect(sequelize: Sequelize): void {
  const dialect = sequelize.getDialect();
  if (dialect !== 'mysql') {
    throw new ConfigurationError(
      'dialect',
      `the Sequelize instance uses the "${dialect}" dialect; MatrixOne speaks the MySQL protocol: use ` +
        '`dialect: "mysql"` (with the mysql2 driver).',
    );
  }
}
