import { describe, expect, it } from 'vitest';
import { commandTokens } from '../../../src/connection/matrixone/command-tokens.js';
import { sqlTokens } from '../../../src/connection/matrixone/sql-tokens.js';

describe('the tokens of a command’s statement, cut once per command', () => {
  it('shares one cut between the callers of a command while its text stays the same', () => {
    const command = {};
    const first = commandTokens(command, 'select `a` from `t`');
    expect(first).toEqual(sqlTokens('select `a` from `t`'));
    expect(commandTokens(command, 'select `a` from `t`')).toBe(first);
  });

  it('cuts a rewritten text anew, and never shares between commands', () => {
    const command = {};
    const original = commandTokens(command, 'ROLLBACK TO SAVEPOINT sp1');
    const rewritten = commandTokens(command, 'ROLLBACK');
    expect(rewritten.map((token) => token.value)).toEqual(['ROLLBACK']);
    expect(rewritten).not.toBe(original);
    expect(commandTokens({}, 'ROLLBACK')).not.toBe(rewritten);
  });
});
