/**
 * The client side of `LOAD DATA LOCAL INFILE`: the stream the SDK hands the driver when the server asks for the
 * file. It reads the caller's file or stream lazily (nothing is read before the server asks), cuts the data into
 * packets of at most 64 KiB (the driver sends each chunk as one protocol packet), counts bytes and lines for
 * progress reports, and remembers whether the source failed, so a half-sent load is never reported as done.
 *
 * The server only ever receives this one source, whatever name it asks for: a server cannot make the SDK open
 * another client file.
 */
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import { InvalidInputError } from '../../errors/errors.js';
import type { LoadProgress, LocalSource } from './load-statements.js';

/** Largest chunk handed to the driver; far below the protocol's 16 MiB packet limit. */
const MAX_CHUNK_BYTES = 64 * 1024;
const DEFAULT_PROGRESS_INTERVAL = 1024 * 1024;

/** A local source, opened and ready for the server's request. */
export interface OpenedLocalSource {
  /** What the driver calls when the server asks for the file (mysql2's `infileStreamFactory`). */
  readonly factory: (requestedName: string) => Readable;
  /** Bytes and lines sent so far. */
  readonly sent: () => { readonly bytes: number; readonly lines: number };
  /** The error the source (or the stream around it) failed with, if it did. */
  readonly failure: () => unknown;
  /** Releases the source if the server never asked for it (a failed statement); safe to call twice. */
  readonly dispose: () => void;
}

/**
 * Opens a local source. A client file is opened here, so a missing or unreadable file fails with
 * {@link InvalidInputError} before any SQL is sent.
 */
export async function openLocalSource(
  local: LocalSource,
  progress: { readonly onProgress?: (progress: LoadProgress) => void; readonly intervalBytes?: number },
): Promise<OpenedLocalSource> {
  const input = await openInput(local);
  const counter = new ChunkCounter(local.lineTerminator, progress.onProgress, progress.intervalBytes);
  let failure: unknown;
  let requested = false;
  counter.on('error', (error: unknown) => {
    failure ??= error;
  });
  return {
    factory: (requestedName: string) => {
      if (requested || requestedName !== local.name) {
        failure ??= new Error(
          `The server asked for the client file "${requestedName}", but this load sends only "${local.name}", once.`,
        );
        const refused = failure;
        return new Readable({
          read() {
            this.destroy(refused instanceof Error ? refused : new Error(String(refused)));
          },
        });
      }
      requested = true;
      // Piped only now: a source that fails before the driver listens would otherwise leave it waiting.
      pipeline(input, counter, (error) => {
        if (error) failure ??= error;
      });
      return counter;
    },
    sent: () => counter.sent(),
    failure: () => failure,
    dispose: () => {
      if (!requested) {
        requested = true;
        input.destroy();
        counter.destroy();
      }
    },
  };
}

async function openInput(local: LocalSource): Promise<Readable> {
  if ('localFile' in local.source) {
    const path = local.source.localFile;
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (error) {
      throw new InvalidInputError(
        'localFile',
        `Cannot read the client file "${path}": ${error instanceof Error ? error.message : String(error)}. Nothing was sent.`,
        { cause: error },
      );
    }
  }
  const stream = local.source.stream;
  return stream instanceof Readable ? stream : Readable.from(stream, { objectMode: false });
}

/** Passes chunks through as Buffers of at most {@link MAX_CHUNK_BYTES}, counting bytes and line terminators. */
class ChunkCounter extends Transform {
  readonly #lineByte: number;
  readonly #onProgress: ((progress: LoadProgress) => void) | undefined;
  readonly #interval: number;
  #bytes = 0;
  #lines = 0;
  #reportedAt = 0;

  constructor(lineTerminator: string, onProgress?: (progress: LoadProgress) => void, interval?: number) {
    super();
    // The terminator's last byte ('\n' of '\r\n') is counted; multi-byte terminators are rare.
    const bytes = Buffer.from(lineTerminator, 'utf8');
    this.#lineByte = bytes[bytes.length - 1] ?? 0x0a;
    this.#onProgress = onProgress;
    this.#interval = interval ?? DEFAULT_PROGRESS_INTERVAL;
  }

  sent(): { bytes: number; lines: number } {
    return { bytes: this.#bytes, lines: this.#lines };
  }

  override _transform(chunk: unknown, _encoding: BufferEncoding, callback: TransformCallback): void {
    let buffer: Buffer;
    if (Buffer.isBuffer(chunk)) buffer = chunk;
    else if (chunk instanceof Uint8Array)
      buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else if (typeof chunk === 'string') buffer = Buffer.from(chunk, 'utf8');
    else {
      callback(
        new InvalidInputError('stream', `A load stream must yield Buffers or strings, got ${typeof chunk}.`),
      );
      return;
    }
    for (let offset = 0; offset < buffer.length; offset += MAX_CHUNK_BYTES) {
      const piece = buffer.subarray(offset, offset + MAX_CHUNK_BYTES);
      this.#bytes += piece.length;
      for (let at = piece.indexOf(this.#lineByte); at !== -1; at = piece.indexOf(this.#lineByte, at + 1)) {
        this.#lines += 1;
      }
      this.push(piece);
    }
    callback(this.#bytes - this.#reportedAt >= this.#interval ? this.#report(false) : undefined);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.#report(true));
  }

  /** Calls the listener; what it throws fails the load like a failing source. */
  #report(done: boolean): Error | undefined {
    this.#reportedAt = this.#bytes;
    try {
      this.#onProgress?.({ bytes: this.#bytes, lines: this.#lines, done });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
