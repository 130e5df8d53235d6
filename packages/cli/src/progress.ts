/**
 * Progress and elapsed time for operations that may take a while (clones, restores, merges): a line on stderr
 * when one starts and when it ends with its duration; on a terminal the line also counts the seconds meanwhile.
 */
import type { Output } from './output.js';

/** What {@link timed} returns: the operation's value and how long it took. */
export interface Timed<T> {
  readonly value: T;
  readonly elapsedMs: number;
}

const TICK_MS = 500;

/** A running operation's progress line; {@link startProgress} makes one. */
export interface Progress {
  /** Ends the line with `outcome` and the elapsed time, under `label` when given (say, once a name is known). */
  end(outcome: 'done in' | 'failed after', label?: string): void;
  /** Milliseconds since the operation started. */
  elapsedMs(): number;
}

/**
 * Starts a progress line on stderr for an operation whose end is not one promise (`clone run`: the clone is made
 * when withClone's callback starts, dropped after it returns). Prefer {@link timed}.
 *
 * @example
 * const dropping = startProgress(output, `Dropping clone ${name}`);
 * dropping.end('done in');
 */
export function startProgress(output: Output, label: string): Progress {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const live = output.stderr.isTTY === true;
  let ticker: NodeJS.Timeout | undefined;
  if (live) {
    output.noteRaw(`${label}… 0.0 s`);
    ticker = setInterval(() => output.noteRaw(`\r${label}… ${seconds()} s`), TICK_MS);
  } else {
    output.note(`${label}…`);
  }
  return {
    end(outcome, finalLabel = label) {
      clearInterval(ticker);
      output.noteRaw(`${live ? '\r' : ''}${finalLabel}: ${outcome} ${seconds()} s\n`);
    },
    elapsedMs: () => Math.round(performance.now() - started),
  };
}

/**
 * Runs `operation`, reporting `label` with the elapsed time on stderr.
 *
 * @example
 * const { elapsedMs } = await timed(output, 'Cloning database shop as shop_copy', () => client.clones.database('shop_copy', 'shop'));
 */
export async function timed<T>(
  output: Output,
  label: string,
  operation: () => Promise<T>,
): Promise<Timed<T>> {
  const progress = startProgress(output, label);
  try {
    const value = await operation();
    const elapsedMs = progress.elapsedMs();
    progress.end('done in');
    return { value, elapsedMs };
  } catch (error) {
    progress.end('failed after');
    throw error;
  }
}
