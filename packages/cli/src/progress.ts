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
  const finish = (outcome: string) => {
    clearInterval(ticker);
    output.noteRaw(`${live ? '\r' : ''}${label}: ${outcome} ${seconds()} s\n`);
  };
  try {
    const value = await operation();
    const elapsedMs = Math.round(performance.now() - started);
    finish('done in');
    return { value, elapsedMs };
  } catch (error) {
    finish('failed after');
    throw error;
  }
}
