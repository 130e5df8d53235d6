import type { Row } from '../../connection/executor.js';
import { NotFoundError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName } from '../../sql/identifier.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import {
  type Publication,
  type PublicationDefinition,
  type Subscription,
  parsePublicationDefinitionRow,
  parsePublicationRow,
  parseSubscriptionRow,
} from './publication-rows.js';
import {
  type AlterPublicationOptions,
  type CreatePublicationOptions,
  type DropPublicationOptions,
  type ListPublicationsOptions,
  type ListSubscriptionsOptions,
  type SubscribeOptions,
  alterPublicationStatement,
  createPublicationStatement,
  dropPublicationStatement,
  listPublicationsStatement,
  listSubscriptionsStatement,
  showCreatePublicationStatement,
  subscribeStatement,
} from './publication-statements.js';

/**
 * MatrixOne publications (share a database or some of its tables with other accounts) and subscriptions
 * (see a publication as a local read-only database). Available as `client.publications` and `tx.publications`.
 *
 * Inside a transaction MatrixOne refuses CREATE/ALTER/DROP PUBLICATION (the SDK throws
 * `TransactionRuleError` without sending anything); listing and subscribing are allowed there.
 */
export class PublicationManager {
  readonly #context: ManagerContext;

  /**
   * Managers are reached through a client or a transaction (`client.snapshots`, `tx.clones`, …), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /**
   * Publishes a database, or some of its tables, to the listed accounts or to all accounts.
   * With `ifNotExists`, an existing publication of that name is left as it is.
   *
   * @example
   * await client.publications.create({ name: 'orders_pub', database: 'shop', accounts: ['analytics'] });
   * await client.publications.create({ name: 'all_pub', database: 'shop', tables: ['orders'], accounts: 'all' });
   */
  async create(options: CreatePublicationOptions): Promise<void> {
    await prepareOperation(this.#context, 'publications.create');
    const statement = createPublicationStatement(options);
    if (options.ifNotExists && (await this.#exists(options.name))) return;
    await this.#context.executor.run(statement);
  }

  /**
   * Changes a publication's accounts, database, tables or comment.
   *
   * @example
   * await client.publications.alter({ name: 'orders_pub', accounts: { add: ['finance'] } });
   * await client.publications.alter({ name: 'orders_pub', comment: 'orders for analytics' });
   */
  async alter(options: AlterPublicationOptions): Promise<void> {
    await prepareOperation(this.#context, 'publications.alter');
    await this.#context.executor.run(alterPublicationStatement(options));
  }

  /**
   * Drops a publication; subscribers' databases then report it as deleted.
   *
   * @example
   * await client.publications.drop({ name: 'orders_pub', ifExists: true });
   */
  async drop(options: DropPublicationOptions): Promise<void> {
    await prepareOperation(this.#context, 'publications.drop');
    await this.#context.executor.run(dropPublicationStatement(options));
  }

  /**
   * Lists the current account's publications (newest change first), optionally filtered by a LIKE pattern.
   *
   * @example
   * const publications = await client.publications.list();
   * const mine = await client.publications.list({ like: 'orders%' });
   */
  async list(options: ListPublicationsOptions = {}): Promise<Publication[]> {
    await prepareOperation(this.#context, 'publications.list');
    const result = await this.#context.executor.run<Row>(listPublicationsStatement(options));
    return result.rows.map(parsePublicationRow);
  }

  /**
   * Returns the CREATE PUBLICATION text the server rebuilds for a publication.
   * Throws `NotFoundError` when the publication does not exist.
   *
   * @example
   * const { createStatement } = await client.publications.showCreate('orders_pub');
   */
  async showCreate(name: string): Promise<PublicationDefinition> {
    await prepareOperation(this.#context, 'publications.showCreate');
    const result = await this.#context.executor.run<Row>(showCreatePublicationStatement(name));
    const [row] = result.rows;
    if (row === undefined) {
      throw new NotFoundError(`Publication "${name}" does not exist.`);
    }
    return parsePublicationDefinitionRow(row);
  }

  /**
   * Subscribes to another account's publication: creates `database` showing the published data
   * (`CREATE DATABASE database FROM fromAccount PUBLICATION publication`).
   *
   * @example
   * await client.publications.subscribe({ database: 'shop_feed', fromAccount: 'sys', publication: 'orders_pub' });
   */
  async subscribe(options: SubscribeOptions): Promise<void> {
    await prepareOperation(this.#context, 'publications.subscribe');
    await this.#context.executor.run(subscribeStatement(options));
  }

  /**
   * Lists this account's subscriptions; with `all: true` also publications offered to it but not subscribed
   * yet (their `database` is `undefined`).
   *
   * @example
   * const subscribed = await client.publications.listSubscriptions();
   * const offered = (await client.publications.listSubscriptions({ all: true })).filter((s) => !s.database);
   */
  async listSubscriptions(options: ListSubscriptionsOptions = {}): Promise<Subscription[]> {
    await prepareOperation(this.#context, 'publications.listSubscriptions');
    const result = await this.#context.executor.run<Row>(listSubscriptionsStatement(options));
    return result.rows.map(parseSubscriptionRow);
  }

  async #exists(name: string): Promise<boolean> {
    const wanted = normalizeCatalogName(name, IdentifierKind.Publication);
    const result = await this.#context.executor.run<Row>(listPublicationsStatement());
    return result.rows.some((row) => parsePublicationRow(row).name === wanted);
  }
}
