/**
 * Side-by-side measurement: contenders take turns within every round (the order rotating from round to
 * round), so drift in the server or the machine affects all of them alike. One warm-up round runs first and is
 * discarded.
 */
import { type Summary, summarize } from './stats.js';

/** One thing being measured: a round runs `operations` operations and the time per operation is recorded. */
export interface Contender<S = void> {
  readonly name: string;
  /** Runs one round inside the round's session; resolves when its operations are done. */
  readonly round: (session: S) => Promise<void>;
  /** Operations in one round (the sample is the round's time divided by this). */
  readonly operations: number;
  /** Runs before each of this contender's rounds, untimed (for example to empty a table). */
  readonly prepare?: () => Promise<void>;
  /** Runs after each of this contender's rounds, untimed: checks that the round did its work. */
  readonly verify?: () => Promise<void>;
}

/** A contender's samples (milliseconds per operation) and their summary. */
export interface Measurement extends Summary {
  readonly name: string;
  readonly samples: readonly number[];
  /**
   * CPU time this Node process spent per operation (user + system, milliseconds), over the same rounds. Unlike
   * wall time it does not include waiting for the server, so it shows the client-side cost on a busy machine.
   */
  readonly cpu: Summary;
}

/**
 * Opens what all contenders of one round share (such as one ORM transaction), runs `body` in it, and closes
 * it. Opening and closing are not timed.
 */
export type Session<S> = (body: (session: S) => Promise<void>) => Promise<void>;

/** Runs one warm-up round and `rounds` measured rounds of every contender, interleaved. */
export function compare(contenders: readonly Contender[], rounds: number): Promise<Measurement[]> {
  return compareInSessions(contenders, rounds, (body) => body());
}

/** Like {@link compare}, every round inside one session that all its contenders share. */
export async function compareInSessions<S>(
  contenders: readonly Contender<S>[],
  rounds: number,
  session: Session<S>,
): Promise<Measurement[]> {
  const samples = contenders.map(() => [] as number[]);
  const cpuSamples = contenders.map(() => [] as number[]);
  for (let round = 0; round <= rounds; round += 1) {
    await session(async (shared) => {
      for (let turn = 0; turn < contenders.length; turn += 1) {
        const index = (turn + round) % contenders.length;
        const contender = contenders[index];
        if (!contender) continue;
        await contender.prepare?.();
        const cpuStarted = process.cpuUsage();
        const started = performance.now();
        await contender.round(shared);
        const perOperation = (performance.now() - started) / contender.operations;
        const cpu = process.cpuUsage(cpuStarted);
        if (round > 0) {
          samples[index]?.push(perOperation);
          cpuSamples[index]?.push((cpu.user + cpu.system) / 1000 / contender.operations);
        }
        await contender.verify?.();
      }
    });
  }
  return contenders.map((contender, index) => {
    const own = samples[index] ?? [];
    return { name: contender.name, samples: own, ...summarize(own), cpu: summarize(cpuSamples[index] ?? []) };
  });
}

/** Runs `operation` `count` times, one after another. */
export async function repeat(count: number, operation: (index: number) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < count; index += 1) await operation(index);
}
