import { readFileSync } from 'node:fs';
import { TRANSACTION_RULES, type TransactionRule } from '@matrixone/core';
import { describe, expect, it } from 'vitest';

const DOC = new URL('../../../docs/transactions.md', import.meta.url);
const START = '<!-- transaction-rules:start -->';
const END = '<!-- transaction-rules:end -->';

/** The table docs/transactions.md must show, one row per TRANSACTION_RULES entry. */
function renderRulesTable(): string {
  const rows = Object.entries(TRANSACTION_RULES as Record<string, TransactionRule>).map(
    ([operation, rule]) =>
      rule.allowed
        ? `| \`${operation}\` | runs on the transaction | ${rule.note} |`
        : `| \`${operation}\` | refused (MatrixOne refuses \`${rule.statement}\`) | \`${rule.serverMessage}\` |`,
  );
  return ['| Operation | On `tx` | Why |', '|---|---|---|', ...rows].join('\n');
}

describe('docs/transactions.md', () => {
  it('shows exactly the rules of TRANSACTION_RULES', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(text.slice(start + START.length, end).trim()).toBe(renderRulesTable());
  });
});
