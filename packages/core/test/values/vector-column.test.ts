import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/errors/errors.js';
import { distanceCall } from '../../src/managers/vectors/vector-statements.js';
import { vectorColumnType, vectorTransformer } from '../../src/values/vector-column.js';

describe('vectorColumnType', () => {
  it('writes the type MatrixOne declares, vecf32 by default', () => {
    expect(vectorColumnType(768)).toBe('vecf32(768)');
    expect(vectorColumnType(3, 'vecf64')).toBe('vecf64(3)');
  });

  it('refuses a dimension outside 1…65535 and an unknown precision', () => {
    for (const dimension of [0, -1, 1.5, 65536, Number.NaN]) {
      expect(() => vectorColumnType(dimension)).toThrow(InvalidInputError);
    }
    expect(() => vectorColumnType(3, 'vecf16' as never)).toThrow(/vecf32 or vecf64/);
  });
});

describe('vectorTransformer', () => {
  const embedding = vectorTransformer({ dimension: 3 });

  it('round-trips arrays through the text MatrixOne takes and returns', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), {
          minLength: 3,
          maxLength: 3,
        }),
        (vector) => {
          const text = embedding.to(vector) as string;
          expect(embedding.from(text)).toEqual(vector.map((value) => (Object.is(value, -0) ? 0 : value)));
        },
      ),
    );
    expect(embedding.from('[1, 2, 3]')).toEqual([1, 2, 3]);
    expect(embedding.from(Buffer.from('[1, 2, 3]'))).toEqual([1, 2, 3]);
  });

  it('passes null and undefined through both ways', () => {
    expect(embedding.to(null)).toBeNull();
    expect(embedding.to(undefined)).toBeUndefined();
    expect(embedding.from(null)).toBeNull();
    expect(embedding.from(undefined)).toBeUndefined();
  });

  it('checks the dimension and refuses NaN both ways', () => {
    expect(() => embedding.to([1, 2])).toThrow(/dimension 3/);
    expect(() => embedding.to([1, Number.NaN, 3])).toThrow(InvalidInputError);
    expect(() => embedding.from('[1, 2]')).toThrow(/dimension 3/);
    expect(() => vectorTransformer({ dimension: 0 })).toThrow(InvalidInputError);
  });

  it('reads Float32Array with as: float32', () => {
    const float32 = vectorTransformer({ dimension: 2, as: 'float32' });
    expect(float32.from('[0.1, 0.2]')).toEqual(Float32Array.from([0.1, 0.2]));
  });
});

describe('distanceCall', () => {
  it('gives the checked function name and the encoded vector', () => {
    expect(distanceCall('cosine', [1, 0])).toEqual({ functionName: 'cosine_distance', vector: '[1,0]' });
    expect(distanceCall('inner_product', [1], { dimension: 1 }).functionName).toBe('inner_product');
    expect(() => distanceCall('l2); DROP TABLE t; --' as never, [1])).toThrow(InvalidInputError);
    expect(() => distanceCall('l2', [Number.POSITIVE_INFINITY])).toThrow(InvalidInputError);
  });
});
