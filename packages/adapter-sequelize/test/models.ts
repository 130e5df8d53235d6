import {
  DataTypes,
  type InferAttributes,
  type InferCreationAttributes,
  Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';

/** A model written as a class (`Model.init`). */
export class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: number;
  declare name: string;
}

/** The attributes of the `define`d order model. */
export interface OrderAttributes {
  id: number;
  customerId: number;
  total: number;
}

/** Tables the models map to; create them before use. */
export const MODEL_TABLES = [
  'CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL)',
  'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, total INT NOT NULL)',
] as const;

/** Defines both models on `sequelize`: `Customer` as a class, `Order` with `sequelize.define`. */
export function defineModels(sequelize: Sequelize): {
  Customer: typeof Customer;
  Order: ModelStatic<Model<OrderAttributes>>;
} {
  Customer.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
    },
    { sequelize, tableName: 'customers', timestamps: false },
  );
  const Order = sequelize.define<Model<OrderAttributes>>(
    'Order',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true },
      customerId: { type: DataTypes.INTEGER, allowNull: false, field: 'customer_id' },
      total: { type: DataTypes.INTEGER, allowNull: false },
    },
    { tableName: 'orders', timestamps: false },
  );
  return { Customer, Order };
}
