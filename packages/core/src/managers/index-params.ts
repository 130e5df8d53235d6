/**
 * Reads the options of a vector or full-text index (docs/matrixone-facts.md#vectors, #full-text-search) from
 * the SHOW INDEX rows `parseIndexes` groups: MatrixOne's SHOW INDEX has the MySQL columns plus `Index_params`, a
 * JSON object of the index's options as strings (`{"lists":"4","op_type":"vector_l2_ops"}`, `{"parser":"ngram"}`)
 * or empty.
 */
import { ServerError } from '../errors/errors.js';

/**
 * Reads the `Index_params` text of the index named `index`: `{}` when empty or `NULL`; throws
 * {@link ServerError} when it is not a JSON object.
 *
 * @example
 * parseIndexParams('{"parser":"ngram"}', 'ref_ftng').parser; // 'ngram'
 */
export function parseIndexParams(text: string, index: string): Readonly<Record<string, unknown>> {
  if (text === '' || text.toUpperCase() === 'NULL') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ServerError(`SHOW INDEX returned unreadable Index_params for "${index}": ${text}`, {
      cause: error,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServerError(`SHOW INDEX returned Index_params for "${index}" that is not an object: ${text}`);
  }
  return parsed as Record<string, unknown>;
}
