import type { Row, Statement } from '../../connection/executor.js';
import { MatrixOneError } from '../../errors/errors.js';
import { redactSecrets } from '../../redaction/redact-secrets.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import type { ManagedOperation } from '../transaction-rules.js';
import {
  type ListGrantedRolesOptions,
  type ListPrivilegesOptions,
  type ListRolesOptions,
  type ListUsersOptions,
  listGrantedRolesStatement,
  listPrivilegesStatement,
  listRolesStatement,
  listUsersStatement,
} from './access-list-statements.js';
import {
  type PrivilegeGrant,
  type Role,
  type RoleGrant,
  type User,
  parsePrivilegeGrantRow,
  parseRoleGrantRow,
  parseRoleRow,
  parseUserRow,
} from './access-rows.js';
import { type Account, parseAccountRow } from './account-rows.js';
import {
  type AlterAccountOptions,
  type AlterUserOptions,
  type CreateAccountOptions,
  type CreateRoleOptions,
  type CreateUserOptions,
  type DropAccountOptions,
  type DropRoleOptions,
  type DropUserOptions,
  type GrantOptions,
  type ListAccountsOptions,
  type RevokeOptions,
  alterAccountStatement,
  alterUserStatement,
  createAccountStatement,
  createRoleStatement,
  createUserStatement,
  dropAccountStatement,
  dropRoleStatement,
  dropUserStatement,
  grantStatement,
  listAccountsStatement,
  revokeStatement,
} from './account-statements.js';

/**
 * MatrixOne accounts (tenants), users, roles and grants. Available as `client.accounts`.
 *
 * MatrixOne refuses every one of these statements inside a transaction except SHOW ACCOUNTS and the catalog
 * reads behind `listUsers`, `listPrivileges` and `listGrantedRoles`; on `tx` the SDK throws `TransactionRuleError`
 * for the others without sending anything. Passwords are sent as escaped literals (MatrixOne's
 * grammar takes no placeholder there) and never appear in query events, logs or thrown errors.
 */
export class AccountManager {
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
   * Creates an account (tenant) with its administrator. Needs the sys account's administrator.
   *
   * @example
   * await client.accounts.createAccount({ name: 'analytics', adminName: 'admin', password: process.env.PW ?? '' });
   */
  async createAccount(options: CreateAccountOptions): Promise<void> {
    await this.#runWithPassword(
      'accounts.createAccount',
      () => createAccountStatement(options),
      options.password,
    );
  }

  /**
   * Changes one thing about an account: its administrator's password, its state, or its comment.
   *
   * @example
   * await client.accounts.alterAccount({ name: 'analytics', status: AccountStatus.Suspend });
   * await client.accounts.alterAccount({ name: 'analytics', adminName: 'admin', password: newPassword });
   */
  async alterAccount(options: AlterAccountOptions): Promise<void> {
    await this.#runWithPassword(
      'accounts.alterAccount',
      () => alterAccountStatement(options),
      options.password,
    );
  }

  /**
   * Drops an account and everything in it.
   *
   * @example
   * await client.accounts.dropAccount({ name: 'analytics', ifExists: true });
   */
  async dropAccount(options: DropAccountOptions): Promise<void> {
    await prepareOperation(this.#context, 'accounts.dropAccount');
    await this.#context.executor.run(dropAccountStatement(options));
  }

  /**
   * Lists accounts (the sys account sees all, a tenant only itself). A `like` pattern that matches no account
   * gives `[]` (MatrixOne answers that SHOW ACCOUNTS LIKE with an error instead of an empty result).
   *
   * @example
   * const suspended = (await client.accounts.listAccounts()).filter((a) => a.status === AccountStatus.Suspend);
   */
  async listAccounts(options: ListAccountsOptions = {}): Promise<Account[]> {
    await prepareOperation(this.#context, 'accounts.listAccounts');
    try {
      const result = await this.#context.executor.run<Row>(listAccountsStatement(options));
      return result.rows.map(parseAccountRow);
    } catch (error) {
      if (options.like !== undefined && isNoAccountInfo(error)) return [];
      throw error;
    }
  }

  /**
   * Creates a user in the current account.
   *
   * @example
   * await client.accounts.createUser({ name: 'alice', password: alicePassword, defaultRole: 'reader' });
   */
  async createUser(options: CreateUserOptions): Promise<void> {
    await this.#runWithPassword('accounts.createUser', () => createUserStatement(options), options.password);
  }

  /**
   * Sets a user's password, or locks or unlocks the user.
   *
   * @example
   * await client.accounts.alterUser({ name: 'alice', password: newPassword });
   * await client.accounts.alterUser({ name: 'alice', locked: true });
   */
  async alterUser(options: AlterUserOptions): Promise<void> {
    await this.#runWithPassword('accounts.alterUser', () => alterUserStatement(options), options.password);
  }

  /**
   * Drops a user.
   *
   * @example
   * await client.accounts.dropUser({ name: 'alice', ifExists: true });
   */
  async dropUser(options: DropUserOptions): Promise<void> {
    await prepareOperation(this.#context, 'accounts.dropUser');
    await this.#context.executor.run(dropUserStatement(options));
  }

  /**
   * Creates a role.
   *
   * @example
   * await client.accounts.createRole({ name: 'reader', ifNotExists: true });
   */
  async createRole(options: CreateRoleOptions): Promise<void> {
    await prepareOperation(this.#context, 'accounts.createRole');
    await this.#context.executor.run(createRoleStatement(options));
  }

  /**
   * Drops a role.
   *
   * @example
   * await client.accounts.dropRole({ name: 'reader', ifExists: true });
   */
  async dropRole(options: DropRoleOptions): Promise<void> {
    await prepareOperation(this.#context, 'accounts.dropRole');
    await this.#context.executor.run(dropRoleStatement(options));
  }

  /**
   * Lists the current account's roles (SHOW ROLES), built-in ones included.
   *
   * @example
   * const names = (await client.accounts.listRoles({ like: 'app_%' })).map((role) => role.name);
   */
  async listRoles(options: ListRolesOptions = {}): Promise<Role[]> {
    await prepareOperation(this.#context, 'accounts.listRoles');
    const result = await this.#context.executor.run<Row>(listRolesStatement(options));
    return result.rows.map(parseRoleRow);
  }

  /**
   * Lists the current account's users with their host, state and default role (read from `mo_catalog.mo_user`;
   * MatrixOne has no SHOW USERS). Needs read access to `mo_catalog`, which account administrators have.
   *
   * @example
   * const alice = (await client.accounts.listUsers({ like: 'alice' }))[0]; // User | undefined
   */
  async listUsers(options: ListUsersOptions = {}): Promise<User[]> {
    await prepareOperation(this.#context, 'accounts.listUsers');
    const result = await this.#context.executor.run<Row>(listUsersStatement(options));
    return result.rows.map(parseUserRow);
  }

  /**
   * Lists the privileges granted to a role (read from `mo_catalog.mo_role_privs`, database names from
   * `mo_catalog.mo_database`). `level` is the level's form (`d.*`, `d.t`, …); see {@link PrivilegeGrant}.
   *
   * @example
   * const canReadShop = (await client.accounts.listPrivileges({ role: 'reader' }))
   *   .some((grant) => grant.privilege === Privilege.Select && grant.level === 'd.*' && grant.database === 'shop');
   */
  async listPrivileges(options: ListPrivilegesOptions): Promise<PrivilegeGrant[]> {
    await prepareOperation(this.#context, 'accounts.listPrivileges');
    const result = await this.#context.executor.run<Row>(listPrivilegesStatement(options));
    return result.rows.map(parsePrivilegeGrantRow);
  }

  /**
   * Lists the roles granted to a user or to a role (read from `mo_catalog.mo_user_grant` / `mo_role_grant`).
   *
   * @example
   * const roles = (await client.accounts.listGrantedRoles({ user: 'alice' })).map((grant) => grant.role);
   */
  async listGrantedRoles(options: ListGrantedRolesOptions): Promise<RoleGrant[]> {
    await prepareOperation(this.#context, 'accounts.listGrantedRoles');
    const result = await this.#context.executor.run<Row>(listGrantedRolesStatement(options));
    return result.rows.map(parseRoleGrantRow);
  }

  /**
   * Grants privileges on an object to roles, or roles to users or roles.
   *
   * @example
   * await client.accounts.grant({ privileges: [Privilege.Select], on: { type: 'table', database: 'shop', table: 'orders' }, to: ['reader'] });
   * await client.accounts.grant({ roles: ['reader'], to: ['alice'] });
   */
  async grant(options: GrantOptions): Promise<void> {
    await prepareOperation(this.#context, 'accounts.grant');
    await this.#context.executor.run(grantStatement(options));
  }

  /**
   * Revokes privileges from roles, or roles from users or roles.
   *
   * @example
   * await client.accounts.revoke({ privileges: [Privilege.Select], on: { type: 'database', database: 'shop' }, from: ['reader'] });
   * await client.accounts.revoke({ roles: ['reader'], from: ['alice'], ifExists: true });
   */
  async revoke(options: RevokeOptions): Promise<void> {
    await prepareOperation(this.#context, 'accounts.revoke');
    await this.#context.executor.run(revokeStatement(options));
  }

  /** Builds and runs a statement that carries a password; any error is cleaned of it before it is thrown. */
  async #runWithPassword(
    operation: ManagedOperation,
    build: () => Statement,
    secret: string | undefined,
  ): Promise<void> {
    const secrets = typeof secret === 'string' ? [secret] : [];
    try {
      await prepareOperation(this.#context, operation);
      await this.#context.executor.run(build());
    } catch (error) {
      throw redactSecrets(error, secrets);
    }
  }
}

/**
 * MatrixOne's answer to `SHOW ACCOUNTS LIKE '…'` when no account matches: errno 20101 `internal error: no account
 * info` (observed on MatrixOne 4.2.0), where MySQL would return no rows.
 */
function isNoAccountInfo(error: unknown): boolean {
  return (
    error instanceof MatrixOneError &&
    error.errno === 20101 &&
    /^internal error: no account info$/i.test(error.serverMessage?.trim() ?? '')
  );
}
