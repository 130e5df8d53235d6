/**
 * `client.stages`: create, alter, drop and list stages, and list and remove their files
 * (docs/matrixone-facts.md#stages-and-export, docs/guides/stages-export.md). Stages belong to the account, not to
 * a database. Every statement but the file listing is refused inside a transaction before any SQL is sent
 * (MatrixOne refuses them there, SHOW STAGES included). Credentials never appear in events, logs or errors.
 */
import { NotFoundError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName } from '../../sql/identifier.js';
import type { ManagerContext } from '../manager-context.js';
import { prepareOperation } from '../prepare-operation.js';
import { type Stage, parseStageFiles, parseStageRow } from './stage-rows.js';
import {
  type AlterStageChange,
  type CreateStageOptions,
  alterStageStatement,
  createStageStatement,
  dropStageStatement,
  listStageFilesStatement,
  removeStageFilesStatement,
  showStagesStatement,
} from './stage-statements.js';

/** Options of `stages.drop()` and `stages.alter()`. */
export interface StageIfExistsOptions {
  /** Succeed when no stage has that name (default `false`: MatrixOne fails with `the stage X not exists`). */
  readonly ifExists?: boolean;
}

/** Options of `stages.removeFiles()`. */
export interface RemoveStageFilesOptions {
  /** Succeed when nothing matches (default `false`: MatrixOne fails with `20405 … is not found`). */
  readonly ifExists?: boolean;
}

/** Manages stages: named locations (server folders, S3 buckets, folders of other stages) for loads and exports. */
export class StageManager {
  readonly #context: ManagerContext;

  /**
   * Managers are reached through a client or a transaction (`client.stages`), not built.
   *
   * @internal
   */
  constructor(context: ManagerContext) {
    this.#context = context;
  }

  /**
   * Creates a stage and returns it as listed. With `ifNotExists` an existing stage is returned unchanged.
   *
   * @example
   * await client.stages.create({ name: 'exports', url: 'file:///var/lib/mo/exports/' });
   * await client.stages.create({
   *   name: 'lake', url: 's3://bucket/files/',
   *   credentials: { awsKeyId, awsSecretKey, awsRegion: 'us-east-2', provider: 'minio' },
   * });
   */
  async create(options: CreateStageOptions): Promise<Stage> {
    await prepareOperation(this.#context, 'stages.create');
    await this.#context.executor.run(createStageStatement(options));
    return this.#require(options.name);
  }

  /**
   * Changes one option of a stage (MatrixOne takes one per statement): its URL, credentials, `enabled` or comment.
   *
   * @example
   * await client.stages.alter('exports', { comment: 'nightly exports' });
   */
  async alter(name: string, change: AlterStageChange, options: StageIfExistsOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'stages.alter');
    await this.#context.executor.run(alterStageStatement(name, change, options));
  }

  /**
   * Drops a stage (its files stay where they are). Stages defined as `stage://<this>/…` are not dropped and fail
   * afterwards with `Stage <this> not found`.
   *
   * @example
   * await client.stages.drop('exports', { ifExists: true });
   */
  async drop(name: string, options: StageIfExistsOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'stages.drop');
    await this.#context.executor.run(dropStageStatement(name, options));
  }

  /**
   * Lists the account's stages (never their credentials), optionally filtered by a LIKE pattern.
   *
   * @example
   * const stages = await client.stages.list({ like: 'exp%' });
   */
  async list(options: { readonly like?: string } = {}): Promise<Stage[]> {
    await prepareOperation(this.#context, 'stages.list');
    const { rows } = await this.#context.executor.run(showStagesStatement(options.like));
    return rows.map(parseStageRow);
  }

  /**
   * Returns one stage by name; throws {@link NotFoundError} when there is none.
   *
   * @example
   * const { url, status } = await client.stages.get('exports');
   */
  async get(name: string): Promise<Stage> {
    await prepareOperation(this.#context, 'stages.get');
    return this.#require(name);
  }

  /**
   * Lists the files of a stage whose path matches `pattern` (a glob relative to the stage, such as `*.csv`; the
   * whole stage when omitted), as **server paths**, folders included.
   *
   * @example
   * const files = await client.stages.listFiles('exports', '*.csv');
   */
  async listFiles(stage: string, pattern = ''): Promise<string[]> {
    await prepareOperation(this.#context, 'stages.listFiles');
    const { rows } = await this.#context.executor.run(listStageFilesStatement(stage, pattern));
    return parseStageFiles(rows);
  }

  /**
   * Deletes the files of a stage that match `pattern` (a glob relative to the stage).
   *
   * @example
   * await client.stages.removeFiles('exports', 'split_*.csv', { ifExists: true });
   */
  async removeFiles(stage: string, pattern: string, options: RemoveStageFilesOptions = {}): Promise<void> {
    await prepareOperation(this.#context, 'stages.removeFiles');
    await this.#context.executor.run(removeStageFilesStatement(stage, pattern, options));
  }

  async #require(name: string): Promise<Stage> {
    const wanted = normalizeCatalogName(name, IdentifierKind.Stage);
    // LIKE treats "_" as a wildcard, so the exact name is picked from its matches.
    const { rows } = await this.#context.executor.run(showStagesStatement(wanted));
    const stage = rows.map(parseStageRow).find((candidate) => candidate.name.toLowerCase() === wanted);
    if (stage === undefined) {
      throw new NotFoundError(
        `No stage named "${wanted}" is visible to this account; list them with stages.list().`,
      );
    }
    return stage;
  }
}
