import { describe, expect, it } from 'vitest';
import { beginFromManaged } from '../../src/adapter/begin-from-managed.js';

interface FakeTx {
  readonly id: number;
}

/** A managed transaction that records how each transaction ended, with BEGIN/COMMIT/ROLLBACK failing on demand. */
function managed(failing: { begin?: Error; commit?: Error; rollback?: Error } = {}) {
  const log: string[] = [];
  let next = 0;
  const transaction = async (_orm: object, work: (tx: FakeTx) => Promise<unknown>) => {
    if (failing.begin) throw failing.begin;
    const tx = { id: ++next };
    log.push(`begin ${tx.id}`);
    try {
      const result = await work(tx);
      if (failing.commit) throw failing.commit;
      log.push(`commit ${tx.id}`);
      return result;
    } catch (error) {
      if (failing.rollback) throw failing.rollback;
      log.push(`rollback ${tx.id}`);
      throw error;
    }
  };
  return { log, members: beginFromManaged<object, FakeTx>(transaction) };
}

describe('beginFromManaged', () => {
  it('begin resolves with the transaction once the callback runs; end commits or rolls back', async () => {
    const { log, members } = managed();
    const first = await members.begin({});
    const second = await members.begin({});
    expect(log).toEqual(['begin 1', 'begin 2']);
    await members.end(second, 'rollback');
    await members.end(first, 'commit');
    expect(log).toEqual(['begin 1', 'begin 2', 'rollback 2', 'commit 1']);
  });

  it('begin rejects when BEGIN failed', async () => {
    const failure = new Error('BEGIN refused');
    await expect(managed({ begin: failure }).members.begin({})).rejects.toBe(failure);
  });

  it('end rejects with the failure of COMMIT or of ROLLBACK', async () => {
    const commitFailure = new Error('COMMIT refused');
    const committing = managed({ commit: commitFailure }).members;
    await expect(committing.end(await committing.begin({}), 'commit')).rejects.toBe(commitFailure);
    const rollbackFailure = new Error('ROLLBACK failed');
    const rollingBack = managed({ rollback: rollbackFailure }).members;
    await expect(rollingBack.end(await rollingBack.begin({}), 'rollback')).rejects.toBe(rollbackFailure);
  });
});
