/**
 * Renders the "On MatrixOne" table of each adapter guide (docs/adapters/<orm>.md) from the compatibility suite's
 * committed results (docs/adapters/compat/<orm>.json), without running anything: after a change to how the tables
 * are drawn, or to check them. `--check` changes nothing and exits 1 when a guide differs from its results.
 *
 *   pnpm compat:tables            # rewrite the tables
 *   pnpm compat:tables --check    # fail on a stale table
 *
 * The results themselves are written by the suite's run: `pnpm compat:write` (docs/testing.md).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { guideTexts, writeGuideTable } from '../packages/adapter-test-suite/src/compat/compat-guide.js';
import { REPOSITORY_ROOT, readResults } from '../packages/adapter-test-suite/src/compat/compat-results.js';

const check = process.argv.includes('--check');
const orms = readdirSync(join(REPOSITORY_ROOT, 'docs', 'adapters', 'compat'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length));
let stale = 0;
for (const orm of orms) {
  const results = readResults(orm);
  if (!results) continue;
  if (check) {
    const { current, rendered } = guideTexts(results);
    if (current !== rendered) {
      stale += 1;
      console.error(
        `docs/adapters/${orm}.md: the "On MatrixOne" table differs from docs/adapters/compat/${orm}.json`,
      );
    }
  } else if (writeGuideTable(results)) {
    console.log(`docs/adapters/${orm}.md: table rewritten`);
  }
}
if (stale > 0) process.exit(1);
