import { describe, expect, it } from 'vitest';
import { unopenableCitations } from './support/citations.js';

describe('unopenableCitations', () => {
  it('finds sections of the outside reference, with or without the word "reference"', () => {
    const text = [
      'MatrixOne cannot roll back to a savepoint (reference §4.3).',
      'ok line',
      "the reference's §2.1 table; always fails (§4.5)",
    ].join('\n');
    expect(unopenableCitations(text).map((citation) => citation.line)).toEqual([1, 3, 3]);
  });

  it('accepts sections of documents the repository holds, and text without sections', () => {
    const text = [
      "The quickstart's core flow (docs/quickstart.md §2–3).",
      'Issue 14 §1: MatrixOne does not close a connection after COM_QUIT.',
      'See docs/matrixone-facts.md#transactions.',
    ].join('\n');
    expect(unopenableCitations(text)).toEqual([]);
  });
});
