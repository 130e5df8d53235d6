/** Turning measurements into the report's figures and ratios. */
import type { Figure, Ratio, Target } from '../report/results.js';
import type { Measurement } from './compare.js';

/** A measurement (milliseconds per operation) as a figure in `unit`, scaled by `factor`. */
export function figureOf(
  suite: string,
  metric: string,
  measurement: Measurement,
  unit = 'ms/op',
  factor = 1,
): Figure {
  return {
    suite,
    contender: measurement.name,
    metric,
    unit,
    median: measurement.median * factor,
    min: measurement.min * factor,
    max: measurement.max * factor,
    rounds: measurement.samples.length,
  };
}

/** The client CPU time of a measurement (milliseconds per operation) as a figure in `unit`, scaled by `factor`. */
export function cpuFigureOf(
  suite: string,
  metric: string,
  measurement: Measurement,
  unit: string,
  factor = 1,
): Figure {
  return {
    suite,
    contender: measurement.name,
    metric: `${metric}, client CPU`,
    unit,
    median: measurement.cpu.median * factor,
    min: measurement.cpu.min * factor,
    max: measurement.cpu.max * factor,
    rounds: measurement.samples.length,
  };
}

/** The ratio of two medians; for times, below 1 means the subject is faster. */
export function ratioOf(
  suite: string,
  metric: string,
  subject: Measurement,
  baseline: Measurement,
  target?: Target,
): Ratio {
  return {
    suite,
    metric,
    subject: subject.name,
    baseline: baseline.name,
    ratio: subject.median / baseline.median,
    ...(target && { target }),
  };
}

/** The ratio of two contenders' median client CPU time per operation. */
export function cpuRatioOf(
  suite: string,
  metric: string,
  subject: Measurement,
  baseline: Measurement,
): Ratio {
  return {
    suite,
    metric: `${metric}, client CPU`,
    subject: subject.name,
    baseline: baseline.name,
    ratio: subject.cpu.median / baseline.cpu.median,
  };
}

/** Finds a measurement by contender name (the suites name them, so a miss is a bug in the suite). */
export function byName(measurements: readonly Measurement[], name: string): Measurement {
  const found = measurements.find((measurement) => measurement.name === name);
  if (!found) throw new Error(`no measurement named ${name}`);
  return found;
}

/** Rows per second from a measurement of milliseconds per load of `rows` rows (its slowest round is its min). */
export function throughput(measurement: Measurement, rows: number): Measurement {
  return {
    ...measurement,
    median: (rows * 1000) / measurement.median,
    min: (rows * 1000) / measurement.max,
    max: (rows * 1000) / measurement.min,
  };
}
