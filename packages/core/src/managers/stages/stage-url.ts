/**
 * `stage://name/path` URLs, the way LOAD DATA, INTO OUTFILE, stage_list() and REMOVE FILES name a stage's files
 * (docs/matrixone-facts.md#stages-and-export). The stage name follows the stage name rules of `sql/identifier.ts`
 * (lower-cased, as MatrixOne stores it); the path is relative to the stage and may hold a glob (`*.csv`).
 */
import { InvalidInputError } from '../../errors/errors.js';
import { IdentifierKind, normalizeCatalogName } from '../../sql/identifier.js';

/**
 * Builds `stage://<stage>/<path>`; `path` may be empty only when `allowEmptyPath` is set (the stage's root).
 *
 * @example
 * stageFileUrl('Exports', 'day1/out.csv'); // 'stage://exports/day1/out.csv'
 */
export function stageFileUrl(
  stage: string,
  path: string,
  options: { readonly allowEmptyPath?: boolean } = {},
): string {
  const name = normalizeCatalogName(stage, IdentifierKind.Stage);
  if (typeof path !== 'string' || (path === '' && options.allowEmptyPath !== true)) {
    throw new InvalidInputError(
      'stage path',
      `The path inside the stage must be a non-empty string, got ${JSON.stringify(path)}.`,
    );
  }
  if (path.startsWith('/') || path.split('/').includes('..')) {
    throw new InvalidInputError(
      'stage path',
      `The path inside the stage must be relative and without "..", got ${JSON.stringify(path)}.`,
    );
  }
  return `stage://${name}/${path}`;
}
