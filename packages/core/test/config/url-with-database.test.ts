import { describe, expect, it } from 'vitest';
import { urlWithDatabase } from '../../src/config/url-with-database.js';

describe('urlWithDatabase', () => {
  it.each([
    ['mysql://root:pw@h:6001/', 'mysql://root:pw@h:6001/c1'],
    ['mysql://root:pw@h:6001', 'mysql://root:pw@h:6001/c1'],
    ['mysql://root:pw@h:6001/shop?poolSize=2', 'mysql://root:pw@h:6001/c1?poolSize=2'],
    ['mysql://sys#root:p/w@h:6001/shop', 'mysql://sys#root:p/w@h:6001/c1'],
    ['mysql://h:6001?account=a', 'mysql://h:6001/c1?account=a'],
  ])('%s → %s', (url, expected) => {
    expect(urlWithDatabase(url, 'c1')).toBe(expected);
  });
});
