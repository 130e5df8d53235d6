/**
 * Removes passwords from an error before it leaves the SDK (thrown, or carried by a query event). The driver's
 * own error (kept as `cause`) repeats parts of the SQL in its message: MySQL-family servers quote up to 80
 * characters "near" a syntax error, which may cut a password literal short, and MatrixOne quotes the rest of
 * the statement. `util.inspect(error)` prints the whole cause chain, so every string on it is cleaned here.
 * `toMatrixOneError` runs it on every error it maps, with the statement's `secrets`.
 */
import { REDACTED, redactSql } from './redact-sql.js';

/** An `IDENTIFIED BY '…` literal, closed or cut off at the end of the text. */
const OPEN_PASSWORD_LITERAL = /(\bIDENTIFIED\s+BY\s+)'(?:[^'\\]|\\[\s\S]|'')*(?:'|$)/gi;

/** How deep nested errors (`cause`, `original`, `errors[]`, …) are followed. */
const MAX_DEPTH = 8;

/**
 * Cleans `error` in place (and every error or plain object reachable from it) so that no string contains one
 * of `secrets`, raw or as the escaped literal the SDK sent, or any `IDENTIFIED BY '…'` literal. Returns it.
 *
 * @example
 * try { await executor.run(statement); } catch (error) { throw redactSecrets(error, [password]); }
 */
export function redactSecrets<E>(error: E, secrets: readonly string[]): E {
  const forms = secrets
    .filter((secret) => secret.length > 0)
    .flatMap((secret) => [
      secret,
      secret.replaceAll('\\', '\\\\').replaceAll("'", "''"),
      JSON.stringify(secret),
    ])
    .sort((a, b) => b.length - a.length);
  const clean = (text: string): string =>
    forms.reduce(
      (result, form) => result.replaceAll(form, REDACTED),
      redactSql(text).replace(OPEN_PASSWORD_LITERAL, `$1${REDACTED}`),
    );
  visit(error, clean, new Set(), 0);
  return error;
}

function visit(value: unknown, clean: (text: string) => string, seen: Set<object>, depth: number): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || depth > MAX_DEPTH) return;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    const current = 'value' in descriptor ? descriptor.value : safeGet(value, key);
    if (typeof current === 'string') {
      const cleaned = clean(current);
      if (cleaned !== current) {
        Reflect.defineProperty(value, key, {
          value: cleaned,
          writable: true,
          configurable: true,
          enumerable: descriptor.enumerable ?? false,
        });
      }
    } else if (isTraversable(current)) {
      visit(current, clean, seen, depth + 1);
    }
  }
}

/** Errors, arrays and plain objects: what error chains are made of (never sockets, pools or class instances). */
function isTraversable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Error || Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function safeGet(target: object, key: PropertyKey): unknown {
  try {
    return Reflect.get(target, key);
  } catch {
    return undefined;
  }
}
