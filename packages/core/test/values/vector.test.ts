import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import { FLOAT32_MAX, decodeVector, encodeVector } from '../../src/values/vector.js';
import { findStep, loadRecordedCase, recordedRows } from '../support/recorded-cases.js';

function refusal(call: () => unknown): InvalidInputError {
  try {
    call();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

/** Finite doubles a vecf32 column takes (magnitude at most FLOAT32_MAX); -0 written as 0 by MatrixOne's text too. */
const float32Range = fc.double({ min: -FLOAT32_MAX, max: FLOAT32_MAX, noNaN: true, noDefaultInfinity: true });
const vectors = fc.array(float32Range, { minLength: 1, maxLength: 64 });

describe('encodeVector', () => {
  it('writes the text MatrixOne takes: brackets, commas, shortest number text', () => {
    expect(encodeVector([1, 2, 3])).toBe('[1,2,3]');
    expect(encodeVector([0.25, -2.5, 3e-7, 1e21])).toBe('[0.25,-2.5,3e-7,1e+21]');
    expect(encodeVector(new Float32Array([0.5, 1.5]))).toBe('[0.5,1.5]');
    expect(encodeVector(new Float64Array([0.1]))).toBe('[0.1]');
  });

  it('round-trips every finite double exactly through decodeVector', () => {
    fc.assert(
      fc.property(vectors, (vector) => {
        const decoded = decodeVector(encodeVector(vector));
        expect(decoded).toEqual(vector.map((value) => (Object.is(value, -0) ? 0 : value)));
      }),
    );
  });

  it('float32 rounding: reading back as float32 gives Math.fround of what was written', () => {
    fc.assert(
      fc.property(vectors, (vector) => {
        const decoded = decodeVector(encodeVector(vector), { as: 'float32' });
        expect(decoded).toBeInstanceOf(Float32Array);
        // -0 is written as "0", so it reads back as +0; every other value as its float32 rounding.
        expect(decoded).toEqual(Float32Array.from(vector, (value) => (Object.is(value, -0) ? 0 : value)));
      }),
    );
  });

  it('refuses NaN and ±Infinity wherever they are, naming the element', () => {
    fc.assert(
      fc.property(
        vectors,
        fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        fc.nat(),
        (vector, bad, at) => {
          const index = at % (vector.length + 1);
          const poisoned = [...vector.slice(0, index), bad, ...vector.slice(index)];
          expect(refusal(() => encodeVector(poisoned)).argument).toBe(`vector[${index}]`);
        },
      ),
    );
  });

  it('refuses a length other than the dimension, and accepts exactly the dimension', () => {
    fc.assert(
      fc.property(vectors, fc.integer({ min: 1, max: 70 }), (vector, dimension) => {
        if (vector.length === dimension) {
          expect(encodeVector(vector, { dimension })).toMatch(/^\[.*\]$/);
        } else {
          expect(refusal(() => encodeVector(vector, { dimension })).message).toContain(
            `dimension ${dimension}`,
          );
        }
      }),
    );
  });

  it('refuses what MatrixOne refuses: an empty vector, values beyond float32 in vecf32, non-numbers', () => {
    expect(refusal(() => encodeVector([])).message).toContain('at least one element');
    expect(refusal(() => encodeVector([1, 2, 1e39])).argument).toBe('vector[2]');
    expect(encodeVector([1, 2, 1e39], { precision: 'vecf64' })).toBe('[1,2,1e+39]');
    expect(refusal(() => encodeVector(['1'] as unknown as number[])).argument).toBe('vector[0]');
    expect(refusal(() => encodeVector('[1,2]' as unknown as number[])).argument).toBe('vector');
    expect(refusal(() => encodeVector(new Array(65536).fill(0))).message).toContain('at most 65535');
    expect(refusal(() => encodeVector([1], { dimension: 0 })).argument).toBe('dimension');
  });
});

describe('decodeVector', () => {
  it('reads the text MatrixOne returns, NaN included (observed on MatrixOne 4.2.0)', () => {
    expect(decodeVector('[1, 2, 3]')).toEqual([1, 2, 3]);
    expect(decodeVector('[0.1, -2.5, 300]')).toEqual([0.1, -2.5, 300]);
    expect(decodeVector('[1, 2, NaN]')).toEqual([1, 2, Number.NaN]);
    expect(decodeVector('[0.10000000149011612, -2.5, 300]')).toEqual([0.10000000149011612, -2.5, 300]);
    expect(decodeVector('[-1, 0, 127]')).toEqual([-1, 0, 127]);
    expect(decodeVector('[+Inf, -Inf, 1e+06]')).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1e6,
    ]);
    expect(decodeVector(Buffer.from('[0.25, 0.5]'))).toEqual([0.25, 0.5]);
    expect(decodeVector(null)).toBeNull();
  });

  it('reads the vectors recorded in vector/vector_type, and float32 reading matches the inserted text', () => {
    const steps = loadRecordedCase('vector/vector_type');
    const rows = recordedRows(findStep(steps, (sql) => sql === 'select * from vtab32;'));
    const cells = rows
      .map((row) => row.vecf32_3)
      .filter((cell): cell is string => cell?.startsWith('[') === true);
    expect(cells.length).toBeGreaterThan(1);
    for (const cell of cells) expect(decodeVector(cell, { dimension: 3 })).toHaveLength(3);
    // Inserted as "[0.1726299,3.29088557,30.4330937]", printed by MatrixOne as its float32 values.
    const printed = cells.find((cell) => cell.startsWith('[0.1726299'));
    expect(printed).toBe('[0.1726299, 3.2908857, 30.433094]');
    expect(decodeVector(printed ?? '', { as: 'float32' })).toEqual(
      Float32Array.from([0.1726299, 3.29088557, 30.4330937]),
    );
  });

  it('checks the dimension against the column', () => {
    expect(refusal(() => decodeVector('[1, 2]', { dimension: 3 })).message).toContain('dimension 3');
  });

  it('refuses text that is not a vector', () => {
    for (const text of ['1,2,3', '[a, b]', '[]', '(1,2,3)', '[1,,2]', '[1 2]', '[0x10]', '[Infinity]', '']) {
      expect(refusal(() => decodeVector(text)).argument, text).toBe('vector text');
    }
  });

  it('either refuses arbitrary text or returns numbers', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let decoded: number[] | undefined;
        try {
          decoded = decodeVector(`[${text}]`);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError);
          return;
        }
        for (const value of decoded) expect(typeof value).toBe('number');
      }),
    );
  });
});
