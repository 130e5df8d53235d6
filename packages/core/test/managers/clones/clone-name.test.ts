import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/errors/errors.js';
import {
  MAX_CLONE_PREFIX_LENGTH,
  cloneCreatedAt,
  cloneName,
  defaultClonePrefix,
  validateClonePrefix,
} from '../../../src/managers/clones/clone-name.js';

describe('clone names', () => {
  const at = new Date('2026-12-02T10:15:30.456Z');

  it('encode the UTC creation time to the second and a random part', () => {
    const name = cloneName('shop_clone', at);
    expect(name).toMatch(/^shop_clone_20261202101530_[0-9a-f]{8}$/);
    expect(cloneName('shop_clone', at)).not.toBe(name);
    expect(cloneCreatedAt(name, 'shop_clone')?.toISOString()).toBe('2026-12-02T10:15:30.000Z');
  });

  it('fit in 64 characters with the longest prefix', () => {
    const prefix = 'p'.repeat(MAX_CLONE_PREFIX_LENGTH);
    expect(cloneName(prefix, at)).toHaveLength(64);
    expect(() => cloneName(`${prefix}p`, at)).toThrow(InvalidInputError);
  });

  it('are read back only for the exact prefix', () => {
    const name = cloneName('shop_clone', at);
    expect(cloneCreatedAt(name, 'shop')).toBeUndefined();
    expect(cloneCreatedAt(name, 'shop_clon')).toBeUndefined();
    expect(cloneCreatedAt('shop_clone_2026120210153_1a2b3c4d', 'shop_clone')).toBeUndefined();
    expect(cloneCreatedAt('shop_clone_20261202101530_1A2B3C4D', 'shop_clone')).toBeUndefined();
    expect(cloneCreatedAt('shop_clone_20261399101530_1a2b3c4d', 'shop_clone')).toBeDefined();
    expect(cloneCreatedAt('shop', 'shop_clone')).toBeUndefined();
  });

  it('refuse prefixes a server could change or that need quoting', () => {
    for (const prefix of ['', 'Shop', 'shop-clone', 'shop clone', 'a`b']) {
      expect(() => validateClonePrefix(prefix)).toThrow(InvalidInputError);
    }
    expect(validateClonePrefix('shop_2')).toBe('shop_2');
  });

  it('default to the source name, made safe and cut to fit', () => {
    expect(defaultClonePrefix('Shop-EU')).toBe('shop_eu_clone');
    const long = defaultClonePrefix('x'.repeat(64));
    expect(long).toHaveLength(MAX_CLONE_PREFIX_LENGTH);
    expect(validateClonePrefix(long)).toBe(long);
  });
});
