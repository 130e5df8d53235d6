import { type QueryEvent, TransactionRuleError, UnsupportedServerError, createClient } from '@matrixone/core';
import { testServer, useTestDatabase } from '@matrixone/test-server';
import { describe, expect, it } from 'vitest';

const db = useTestDatabase();

describe('managers on a transaction', () => {
  it('refuse an operation MatrixOne forbids in a transaction before any SQL is sent', async () => {
    const seen: QueryEvent[] = [];
    const client = createClient(db.url).on('query', (event) => seen.push(event));
    try {
      const thrown = await client
        .transaction(async (tx) => {
          await tx.snapshots.list();
        })
        .catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(TransactionRuleError);
      expect((thrown as TransactionRuleError).operation).toBe('snapshots.list');
      expect((thrown as TransactionRuleError).message).toContain('tx.afterCommit');
      expect(seen.map((event) => event.sql)).toEqual(['ROLLBACK']);
    } finally {
      await client.close();
    }
  });

  it('run on the pool outside a transaction, where only the server check applies', async () => {
    const client = createClient(db.url);
    try {
      const outcome = await client.snapshots.list().then(
        (snapshots) => snapshots,
        (error: unknown) => error,
      );
      if (testServer().flavor === 'matrixone') expect(Array.isArray(outcome)).toBe(true);
      else expect(outcome).toBeInstanceOf(UnsupportedServerError);
    } finally {
      await client.close();
    }
  });
});
