/**
 * The same `mysql://` URL with another database selected. Works on the raw text, because a MatrixOne login may
 * hold a raw `#` (`acc#user`) that a URL parser would read as the start of a fragment.
 */

/**
 * Replaces the database (the path) of a `mysql://` URL, keeping login, address and query.
 *
 * @example
 * urlWithDatabase('mysql://sys#root:111@127.0.0.1:6001/shop?poolSize=2', 'shop_copy');
 * // 'mysql://sys#root:111@127.0.0.1:6001/shop_copy?poolSize=2'
 */
export function urlWithDatabase(url: string, database: string): string {
  const scheme = url.indexOf('://');
  const afterScheme = scheme === -1 ? 0 : scheme + 3;
  const queryStart = url.indexOf('?', afterScheme);
  const end = queryStart === -1 ? url.length : queryStart;
  const userInfoEnd = url.lastIndexOf('@', end);
  const slash = url.indexOf('/', Math.max(afterScheme, userInfoEnd + 1));
  const authorityEnd = slash === -1 || slash > end ? end : slash;
  return `${url.slice(0, authorityEnd)}/${encodeURIComponent(database)}${url.slice(end)}`;
}
