import { describe, expect, it } from 'vitest';
import { declaredNames } from '../../src/adapter/declared-names.js';

describe('declaredNames', () => {
  it('gives the declared spelling of a name reported in another case, and the reported name otherwise', () => {
    const declared = declaredNames(['IDX_97672ac88f789774dd47f7c8be', 'userId', 'USERID']);
    expect(declared('idx_97672ac88f789774dd47f7c8be')).toBe('IDX_97672ac88f789774dd47f7c8be');
    // The first of several declared names that differ only in case.
    expect(declared('userid')).toBe('userId');
    expect(declared('other_name')).toBe('other_name');
    expect(declaredNames([])('Kept')).toBe('Kept');
  });
});
