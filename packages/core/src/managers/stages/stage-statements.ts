/**
 * Pure builders for the stage statements (docs/matrixone-facts.md#stages-and-export), as MatrixOne's cases and
 * the live recordings write them. Stage names go through `sql/identifier.ts`; URLs, comments and credentials
 * through `sql/literal.ts`. Credentials are secrets: every statement that carries them lists them in `secrets`,
 * so errors are cleaned of them, and `redactSql` removes a `CREDENTIALS = {…}` block from query events.
 */
import type { Statement } from '../../connection/executor.js';
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName, quoteIdentifier } from '../../sql/identifier.js';
import { likeClause, quoteString } from '../../sql/literal.js';
import { stageFileUrl } from './stage-url.js';

/** Credentials of an S3-style stage, written as MatrixOne's `CREDENTIALS = {'AWS_KEY_ID'=…, …}`. */
export interface StageCredentials {
  /** `AWS_KEY_ID`; treated as a secret. */
  readonly awsKeyId: string;
  /** `AWS_SECRET_KEY`; a secret. */
  readonly awsSecretKey: string;
  /** `AWS_REGION`, such as `us-east-2`. */
  readonly awsRegion?: string;
  /** `PROVIDER`, such as `minio` (recorded) or `amazon`. */
  readonly provider?: string;
}

/** Options of `stages.create()`. */
export interface CreateStageOptions {
  /** The stage's name (letters, digits, `_`); sent lower-cased. */
  readonly name: string;
  /**
   * Where its files live: `file:///absolute/dir/` on the server host, `s3://bucket/path/`, or
   * `stage://parent/sub/` (a folder of another stage). MatrixOne takes no other scheme.
   */
  readonly url: string;
  /** For `s3://` URLs: the access keys (never reported in events, logs or errors). */
  readonly credentials?: StageCredentials;
  /**
   * `ENABLE = TRUE | FALSE`. Observed on MatrixOne 4.2.0: SHOW STAGES says `in_use` after CREATE either way, and a
   * disabled stage still accepts exports.
   */
  readonly enabled?: boolean;
  /** A comment shown by SHOW STAGES. */
  readonly comment?: string;
  /** Succeed without changes when a stage of that name exists (default `false`: that is an error). */
  readonly ifNotExists?: boolean;
}

/** One change for `stages.alter()`: MatrixOne changes **one option per statement** (`at most one option at a time`). */
export type AlterStageChange =
  | { readonly url: string }
  | { readonly credentials: StageCredentials }
  | { readonly enabled: boolean }
  | { readonly comment: string };

const SCHEMES = ['file:///', 's3://', 'stage://'] as const;

/**
 * `CREATE STAGE [IF NOT EXISTS] name URL = '…' [CREDENTIALS = {…}] [ENABLE = TRUE|FALSE] [COMMENT = '…']`.
 *
 * @example
 * createStageStatement({ name: 'exports', url: 'file:///data/exports/' }).sql;
 * // "CREATE STAGE `exports` URL = 'file:///data/exports/'"
 */
export function createStageStatement(options: CreateStageOptions): Statement {
  const parts = [
    `CREATE STAGE ${options.ifNotExists === true ? 'IF NOT EXISTS ' : ''}${stageName(options.name)}`,
    `URL = ${stageUrlLiteral(options.url)}`,
  ];
  const secrets: string[] = [];
  if (options.credentials !== undefined) {
    parts.push(`CREDENTIALS = ${credentialsBlock(options.credentials)}`);
    secrets.push(...secretsOf(options.credentials));
  }
  if (options.enabled !== undefined) parts.push(`ENABLE = ${booleanWord(options.enabled, 'enabled')}`);
  if (options.comment !== undefined) parts.push(`COMMENT = ${quoteString(options.comment, 'comment')}`);
  const sql = parts.join(' ');
  return secrets.length === 0 ? { sql } : { sql, secrets };
}

/**
 * `ALTER STAGE [IF EXISTS] name SET <one option>`.
 *
 * @example
 * alterStageStatement('exports', { comment: 'nightly' }).sql; // "ALTER STAGE `exports` SET COMMENT = 'nightly'"
 */
export function alterStageStatement(
  name: string,
  change: AlterStageChange,
  options: { readonly ifExists?: boolean } = {},
): Statement {
  const keys = typeof change === 'object' && change !== null ? Object.keys(change) : [];
  if (keys.length !== 1) {
    throw new InvalidInputError(
      'change',
      'stages.alter() takes exactly one of "url", "credentials", "enabled" or "comment": MatrixOne changes one option per statement.',
    );
  }
  const head = `ALTER STAGE ${options.ifExists === true ? 'IF EXISTS ' : ''}${stageName(name)} SET`;
  const given = change as Partial<Record<'url' | 'credentials' | 'enabled' | 'comment', unknown>>;
  switch (keys[0]) {
    case 'url':
      return { sql: `${head} URL = ${stageUrlLiteral(given.url)}` };
    case 'credentials': {
      const credentials = given.credentials as StageCredentials;
      return {
        sql: `${head} CREDENTIALS = ${credentialsBlock(credentials)}`,
        secrets: secretsOf(credentials),
      };
    }
    case 'enabled':
      return { sql: `${head} ENABLE = ${booleanWord(given.enabled, 'enabled')}` };
    case 'comment':
      return { sql: `${head} COMMENT = ${quoteString(given.comment, 'comment')}` };
    default:
      throw new InvalidInputError('change', `Unknown stage option "${String(keys[0])}".`);
  }
}

/**
 * `DROP STAGE [IF EXISTS] name`.
 *
 * @example
 * dropStageStatement('exports', { ifExists: true }).sql; // 'DROP STAGE IF EXISTS `exports`'
 */
export function dropStageStatement(name: string, options: { readonly ifExists?: boolean } = {}): Statement {
  return { sql: `DROP STAGE ${options.ifExists === true ? 'IF EXISTS ' : ''}${stageName(name)}` };
}

/**
 * `SHOW STAGES [LIKE '…']`: name, URL, status and comment, never the credentials (the catalog table
 * `mo_catalog.mo_stages` holds them in clear text, so the SDK never reads it).
 *
 * @example
 * showStagesStatement('exp%').sql; // "SHOW STAGES LIKE 'exp%'"
 */
export function showStagesStatement(like?: string): Statement {
  return { sql: `SHOW STAGES${likeClause(like)}` };
}

/**
 * `SELECT * FROM stage_list('stage://name/[glob]') AS f`: one `file` column of server paths (folders included).
 *
 * @example
 * listStageFilesStatement('exports', '*.csv').sql; // "SELECT * FROM stage_list('stage://exports/*.csv') AS f"
 */
export function listStageFilesStatement(stage: string, pattern = ''): Statement {
  const url = stageFileUrl(stage, pattern, { allowEmptyPath: true });
  return { sql: `SELECT * FROM stage_list(${quoteString(url, 'stage URL')}) AS f` };
}

/**
 * `REMOVE FILES FROM STAGE [IF EXISTS] 'stage://name/glob'`; without IF EXISTS a glob that matches nothing fails
 * (`20405 … is not found`).
 *
 * @example
 * removeStageFilesStatement('exports', 'split_*.csv').sql; // "REMOVE FILES FROM STAGE 'stage://exports/split_*.csv'"
 */
export function removeStageFilesStatement(
  stage: string,
  pattern: string,
  options: { readonly ifExists?: boolean } = {},
): Statement {
  const url = stageFileUrl(stage, pattern);
  return {
    sql: `REMOVE FILES FROM STAGE ${options.ifExists === true ? 'IF EXISTS ' : ''}${quoteString(url, 'stage URL')}`,
  };
}

/** A stage name, lower-cased as MatrixOne stores it, back-quoted. */
function stageName(name: unknown): string {
  return quoteIdentifier(normalizeCatalogName(name, IdentifierKind.Stage), IdentifierKind.Stage);
}

function stageUrlLiteral(url: unknown): string {
  if (
    typeof url !== 'string' ||
    !SCHEMES.some((scheme) => url.startsWith(scheme) && url.length > scheme.length)
  ) {
    throw new InvalidInputError(
      'url',
      `A stage URL must start with file:/// (an absolute server path), s3:// or stage:// (MatrixOne takes no other), got ${JSON.stringify(url)}.`,
    );
  }
  return quoteString(url, 'url');
}

function credentialsBlock(credentials: StageCredentials): string {
  if (typeof credentials !== 'object' || credentials === null) {
    throw new InvalidInputError(
      'credentials',
      'Stage credentials must be an object with awsKeyId and awsSecretKey.',
    );
  }
  const entries: [string, unknown][] = [
    ['AWS_KEY_ID', credentials.awsKeyId],
    ['AWS_SECRET_KEY', credentials.awsSecretKey],
  ];
  if (credentials.awsRegion !== undefined) entries.push(['AWS_REGION', credentials.awsRegion]);
  if (credentials.provider !== undefined) entries.push(['PROVIDER', credentials.provider]);
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || value === '') {
      // The value is never echoed: it may be a secret.
      throw new InvalidInputError('credentials', `Stage credential ${key} must be a non-empty string.`);
    }
  }
  return `{${entries.map(([key, value]) => `'${key}'=${quoteString(value, 'credential')}`).join(', ')}}`;
}

function secretsOf(credentials: StageCredentials): string[] {
  return [credentials.awsKeyId, credentials.awsSecretKey];
}

function booleanWord(value: unknown, argument: string): 'TRUE' | 'FALSE' {
  if (typeof value !== 'boolean') {
    throw new InvalidInputError(argument, `"${argument}" must be a boolean, got ${typeof value}.`);
  }
  return value ? 'TRUE' : 'FALSE';
}
