/** What every example exports, and how one runs on its own (`tsx examples/src/knex/simple.ts`). */
import { pathToFileURL } from 'node:url';
import { Outcome, Reporter } from './report.js';
import { serverUrl } from './server.js';

/** One runnable example: it prints its steps through `report` and throws when something is wrong. */
export interface Example {
  readonly title: string;
  run(report: Reporter, url: string): Promise<void>;
}

/** Runs `example` when its module is the program's entry point; the exit code tells how it ended. */
export async function runIfMain(moduleUrl: string, example: Example): Promise<void> {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(entry).href !== moduleUrl) return;
  const outcome = await new Reporter(example.title).run((report) => example.run(report, serverUrl()));
  process.exitCode = outcome === Outcome.Failed ? 1 : 0;
}
