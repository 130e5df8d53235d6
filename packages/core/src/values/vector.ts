/**
 * Vector values in and out of MatrixOne (docs/matrixone-facts.md#vectors). MatrixOne takes a vector as the text
 * `[1,2,3]` (a string value, bound like any other) and returns a vector column as text `[1, 2, 3]`, `NaN`
 * included, so `JSON.parse` cannot read every value it returns. This module is the one place that writes and
 * reads that text.
 *
 * Float32 rounding: a `vecf32` column keeps each element as a 32-bit float, so `0.1` is stored as
 * `Math.fround(0.1)` (0.10000000149011612). The server prints the shortest text of the float32 (`0.1`), which
 * {@link decodeVector} reads back as the double `0.1`: a value read back equals the value written only when
 * that value is exactly representable in float32, but it always equals `Math.fround(value)` once rounded to
 * float32 again (`decodeVector(text, { as: 'float32' })` does that). `vecf64` keeps doubles unchanged.
 */
import { InvalidInputError } from '../errors/errors.js';

/** The largest finite float32; a larger magnitude is refused by a `vecf32` column ("error while casting 1e39 to FLOAT"). */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The largest vector dimension MatrixOne accepts in `VECF32(n)` / `VECF64(n)`. */
export const MAX_VECTOR_DIMENSION = 65535;

/** Element precision of a vector column, as an `as const` object and a matching union. */
export const VectorPrecision = {
  /** `VECF32(n)`: 32-bit floats (the default). */
  Float32: 'vecf32',
  /** `VECF64(n)`: 64-bit floats. */
  Float64: 'vecf64',
} as const;
/** One of {@link VectorPrecision}'s values. */
export type VectorPrecision = (typeof VectorPrecision)[keyof typeof VectorPrecision];

/** A vector as the SDK takes it: a plain array of numbers or a typed float array. */
export type VectorInput = readonly number[] | Float32Array | Float64Array;

/** Options of {@link encodeVector}. */
export interface EncodeVectorOptions {
  /** The column's dimension; when given, a vector of another length is refused before any SQL is sent. */
  readonly dimension?: number;
  /**
   * The column's precision (default `vecf32`): with `vecf32`, magnitudes above {@link FLOAT32_MAX} are refused,
   * as MatrixOne refuses them.
   */
  readonly precision?: VectorPrecision;
}

/**
 * Writes a vector as the text MatrixOne takes for a vector value (`[1,2.5,-3e-7]`); bind the result as a `?`
 * value. Refuses an empty vector, a non-number, NaN, ±Infinity, a magnitude a `vecf32` cannot hold and a length
 * other than `dimension`, with {@link InvalidInputError}. MatrixOne itself accepts `NaN` in a vector, but no
 * distance is meaningful with it, so the SDK never writes one.
 *
 * @example
 * encodeVector([0.25, 0.5, 0.75]); // '[0.25,0.5,0.75]'
 * await client.execute('INSERT INTO docs (id, embedding) VALUES (?, ?)', [1, encodeVector(embedding, { dimension: 768 })]);
 */
export function encodeVector(vector: VectorInput, options: EncodeVectorOptions = {}): string {
  if (!(Array.isArray(vector) || vector instanceof Float32Array || vector instanceof Float64Array)) {
    throw new InvalidInputError(
      'vector',
      `A vector must be an array of numbers, a Float32Array or a Float64Array, got ${describe(vector)}.`,
    );
  }
  const length = vector.length;
  checkLength(length, options.dimension, 'vector');
  const limit =
    (options.precision ?? VectorPrecision.Float32) === VectorPrecision.Float64
      ? Number.MAX_VALUE
      : FLOAT32_MAX;
  let text = '[';
  for (let index = 0; index < length; index += 1) {
    const value = vector[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidInputError(
        `vector[${index}]`,
        `Vector element ${index} must be a finite number, got ${describe(value)} (NaN and Infinity are refused).`,
      );
    }
    if (Math.abs(value) > limit) {
      throw new InvalidInputError(
        `vector[${index}]`,
        `Vector element ${index} is ${value}, beyond the largest float32 (${FLOAT32_MAX}); a vecf32 column refuses it. Use a vecf64 column and { precision: 'vecf64' }.`,
      );
    }
    if (index > 0) text += ',';
    // String() gives the shortest text that reads back as the same double (exponents included), and '0' for -0.
    text += String(value);
  }
  return `${text}]`;
}

/** Options of {@link decodeVector}. */
export interface DecodeVectorOptions<A extends DecodedVectorKind = DecodedVectorKind> {
  /** `array` (default) for `number[]`, `float32` for a `Float32Array` (each element rounded to float32). */
  readonly as?: A;
  /** The column's dimension; a value of another length is refused with {@link InvalidInputError}. */
  readonly dimension?: number;
}

/** What {@link decodeVector} returns, as an `as const` object and a matching union. */
export const DecodedVectorKind = {
  /** A `number[]`. */
  Array: 'array',
  /** A `Float32Array`. */
  Float32: 'float32',
} as const;
/** One of {@link DecodedVectorKind}'s values. */
export type DecodedVectorKind = (typeof DecodedVectorKind)[keyof typeof DecodedVectorKind];

/** The decoded type for each {@link DecodedVectorKind}. */
export type DecodedVector<A extends DecodedVectorKind> = A extends 'float32' ? Float32Array : number[];

/** One element as MatrixOne prints it: a decimal or exponent number, or Go's `NaN`, `+Inf`, `-Inf`. */
const ELEMENT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: ReadonlyMap<string, number> = new Map([
  ['NaN', Number.NaN],
  ['+Inf', Number.POSITIVE_INFINITY],
  ['Inf', Number.POSITIVE_INFINITY],
  ['-Inf', Number.NEGATIVE_INFINITY],
]);

/**
 * Reads a vector cell as MatrixOne returns it (`[1, 2, NaN]`, a `string`; a `Buffer` is read as UTF-8) into a
 * `number[]` or, with `{ as: 'float32' }`, a `Float32Array`. SQL NULL (`null`) gives `null`. `NaN` (which
 * MatrixOne accepts on INSERT) reads as `NaN`. Throws {@link InvalidInputError} for text that is not a vector
 * and for a length other than `dimension`.
 *
 * @example
 * decodeVector('[1, 2, NaN]'); // [1, 2, NaN]
 * decodeVector('[0.1, 0.2]', { as: 'float32', dimension: 2 }); // Float32Array [0.1, 0.2] (as float32)
 */
export function decodeVector<A extends DecodedVectorKind = 'array'>(
  cell: string | Uint8Array,
  options?: DecodeVectorOptions<A>,
): DecodedVector<A>;
export function decodeVector<A extends DecodedVectorKind = 'array'>(
  cell: string | Uint8Array | null,
  options?: DecodeVectorOptions<A>,
): DecodedVector<A> | null;
export function decodeVector<A extends DecodedVectorKind = 'array'>(
  cell: string | Uint8Array | null,
  options: DecodeVectorOptions<A> = {},
): DecodedVector<A> | null {
  if (cell === null) return null;
  const text =
    typeof cell === 'string'
      ? cell
      : cell instanceof Uint8Array
        ? Buffer.from(cell).toString('utf8')
        : undefined;
  if (text === undefined) {
    throw new InvalidInputError(
      'vector text',
      `A vector cell must be a string, bytes or null, got ${describe(cell)}.`,
    );
  }
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    throw new InvalidInputError('vector text', `Not a vector: ${preview(text)} (expected "[x, y, …]").`);
  }
  const inner = trimmed.slice(1, -1);
  const parts = inner.trim() === '' ? [] : inner.split(',');
  checkLength(parts.length, options.dimension, 'vector text');
  const values: number[] = new Array(parts.length);
  for (let index = 0; index < parts.length; index += 1) {
    const part = (parts[index] ?? '').trim();
    const special = SPECIAL.get(part);
    if (special !== undefined) {
      values[index] = special;
    } else if (ELEMENT.test(part)) {
      values[index] = Number(part);
    } else {
      throw new InvalidInputError(
        'vector text',
        `Element ${index} of ${preview(text)} is not a number: "${preview(part)}".`,
      );
    }
  }
  return (options.as === DecodedVectorKind.Float32 ? Float32Array.from(values) : values) as DecodedVector<A>;
}

function checkLength(length: number, dimension: number | undefined, argument: string): void {
  if (dimension !== undefined) {
    if (!Number.isSafeInteger(dimension) || dimension < 1 || dimension > MAX_VECTOR_DIMENSION) {
      throw new InvalidInputError(
        'dimension',
        `The dimension must be an integer from 1 to ${MAX_VECTOR_DIMENSION}, got ${String(dimension)}.`,
      );
    }
    if (length !== dimension) {
      throw new InvalidInputError(
        argument,
        `The vector has ${length} element(s); the column holds vectors of dimension ${dimension}.`,
      );
    }
  }
  if (length === 0) {
    throw new InvalidInputError(
      argument,
      'A vector must have at least one element (MatrixOne refuses "[]").',
    );
  }
  if (length > MAX_VECTOR_DIMENSION) {
    throw new InvalidInputError(
      argument,
      `The vector has ${length} elements; MatrixOne vectors have at most ${MAX_VECTOR_DIMENSION}.`,
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/** A short excerpt for messages: vectors can be tens of kilobytes. */
function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
