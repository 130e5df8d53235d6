/** What a scenario is given, and the list the example suite runs. */
import type { MatrixOneClient } from '@matrixone/core';
import type { Reporter } from '../support/report.js';
import type { OpenKit } from './orm-kit.js';

/** Everything one scenario run needs. */
export interface ScenarioContext {
  readonly report: Reporter;
  /** The server URL (no database selected). */
  readonly url: string;
  /** Opens the ORM under test on a database. */
  readonly openKit: OpenKit;
  /** A plain SDK client for set-up and clean-up (create and drop databases, drop snapshots). */
  readonly admin: MatrixOneClient;
  /** Unique to this run, used in every database and snapshot name. */
  readonly suffix: string;
}

/** A real-world flow, written once and run on every ORM. */
export interface Scenario {
  readonly name: string;
  run(context: ScenarioContext): Promise<void>;
}
