import { describe, expect, it } from 'vitest';
import type { StatementResult } from '../../../src/connection/executor.js';
import { ServerError } from '../../../src/errors/errors.js';
import {
  DiffFlag,
  parseBranchDiff,
  parseBranchDiffCount,
  parseBranchDiffSummary,
} from '../../../src/managers/branches/branch-rows.js';
import {
  type RecordedStep,
  findSteps,
  loadRecordedCase,
  recordedRows,
} from '../../support/recorded-cases.js';

const diff1 = loadRecordedCase('branch/diff_1');
const pick6 = loadRecordedCase('branch/pick_6');
const unhappy = loadRecordedCase('branch/branch_unhappy_path');

/** A recorded result as an executor would return it: the recorded columns and rows keyed by them. */
function asResult(step: RecordedStep): StatementResult<Record<string, unknown>> {
  if (step.outcome.kind !== 'rows') throw new Error('expected a recorded result set');
  return { columns: step.outcome.columns, rows: recordedRows(step), affectedRows: 0 };
}

describe('DATA BRANCH DIFF rows (diff_1)', () => {
  const diffSteps = findSteps(diff1, (sql) => sql.startsWith('data branch diff'));

  it('parses every recorded DIFF', () => {
    expect(diffSteps).toHaveLength(12);
    for (const step of diffSteps) {
      const parsed = parseBranchDiff(asResult(step));
      expect(parsed.columns).toEqual(['a', 'b']);
      expect(parsed.rows.length).toBeGreaterThan(0);
      for (const row of parsed.rows) {
        expect(row.flag).toBe(DiffFlag.Insert);
        expect(['t1', 't2']).toContain(row.table);
      }
    }
  });

  it('keeps which table each change came from and its values', () => {
    const [first] = diffSteps;
    if (!first) throw new Error('no recorded DIFF');
    expect(parseBranchDiff(asResult(first))).toEqual({
      columns: ['a', 'b'],
      rows: [
        { table: 't1', flag: 'INSERT', values: { a: '3', b: '3' } },
        { table: 't2', flag: 'INSERT', values: { a: '4', b: '4' } },
      ],
    });
  });

  it('parses an empty DIFF with its typed header (pick_6) and one with an added column (branch_unhappy_path)', () => {
    const [empty] = findSteps(pick6, (sql) => sql.startsWith('data branch diff'));
    if (!empty) throw new Error('no recorded empty DIFF');
    expect(parseBranchDiff(asResult(empty))).toEqual({ columns: ['a', 'b'], rows: [] });
    const [widened] = findSteps(unhappy, (sql) => sql === 'data branch diff br against base;');
    if (!widened) throw new Error('no recorded DIFF br against base');
    expect(parseBranchDiff(asResult(widened)).columns).toEqual(['a', 'b', 'c']);
  });

  it('reads the columns from the first row when the executor gives none, and driver-typed values', () => {
    const parsed = parseBranchDiff({
      columns: [],
      rows: [{ 'diff t2 against t1': 't2', flag: 'update', a: 4, b: null }],
      affectedRows: 0,
    });
    expect(parsed).toEqual({
      columns: ['a', 'b'],
      rows: [{ table: 't2', flag: 'UPDATE', values: { a: 4, b: null } }],
    });
    expect(parseBranchDiff({ columns: [], rows: [], affectedRows: 0 })).toEqual({ columns: [], rows: [] });
  });

  it('refuses output it does not understand', () => {
    expect(() => parseBranchDiff({ columns: ['a', 'b'], rows: [], affectedRows: 0 })).toThrow(ServerError);
    expect(() =>
      parseBranchDiff({
        columns: ['diff t2 against t1', 'flag', 'a'],
        rows: [{ 'diff t2 against t1': 't2', flag: 'MOVE', a: 1 }],
        affectedRows: 0,
      }),
    ).toThrow(ServerError);
  });
});

describe('DATA BRANCH DIFF OUTPUT COUNT and OUTPUT SUMMARY', () => {
  it('reads COUNT(*)', () => {
    expect(parseBranchDiffCount({ columns: ['COUNT(*)'], rows: [{ 'COUNT(*)': 3 }], affectedRows: 0 })).toBe(
      3,
    );
    expect(
      parseBranchDiffCount({ columns: ['COUNT(*)'], rows: [{ 'COUNT(*)': '12' }], affectedRows: 0 }),
    ).toBe(12);
    expect(() => parseBranchDiffCount({ columns: ['COUNT(*)'], rows: [], affectedRows: 0 })).toThrow(
      ServerError,
    );
  });

  it('reads the summary, target column first (columns named by the operand text)', () => {
    const target = "c1_tar{snapshot = 'sp_c1_tar'}";
    const base = "c1_base{snapshot = 'sp_c1_base'}";
    const summary = parseBranchDiffSummary({
      columns: ['metric', target, base],
      rows: [
        { metric: 'INSERTED', [target]: 2, [base]: '1' },
        { metric: 'DELETED', [target]: 0, [base]: 3 },
        { metric: 'UPDATED', [target]: 1, [base]: 0 },
      ],
      affectedRows: 0,
    });
    expect(summary).toEqual({
      target: { inserted: 2, deleted: 0, updated: 1 },
      base: { inserted: 1, deleted: 3, updated: 0 },
    });
    expect(() =>
      parseBranchDiffSummary({
        columns: ['metric', 'a', 'b'],
        rows: [{ metric: 'MOVED', a: 1, b: 1 }],
        affectedRows: 0,
      }),
    ).toThrow(ServerError);
  });
});
