/**
 * Renders an ORM's "On MatrixOne" table from its compatibility results and puts it in the guide between two
 * markers, so the table is never edited by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CompatOutcome } from './compat-outcome.js';
import {
  COMPAT_TARGETS,
  type CompatResults,
  type CompatTarget,
  type CompatTargetResults,
  guidePath,
} from './compat-results.js';

/** The line before the generated table in a guide. */
export const TABLE_START =
  '<!-- compat-table:start — generated from docs/adapters/compat/*.json by the compatibility suite; run `pnpm compat:write` -->';
/** The line after it. */
export const TABLE_END = '<!-- compat-table:end -->';

const COLUMN_TITLES: Record<CompatTarget, string> = {
  mariadb: 'MariaDB',
  'matrixone-emulated': 'MatrixOne emulated in CI',
  matrixone: 'MatrixOne 4.2 live',
};

const TARGET_PROSE: Record<CompatTarget, string> = {
  mariadb: 'MariaDB',
  'matrixone-emulated': 'MatrixOne emulated in CI',
  matrixone: 'MatrixOne live',
};

/** Keeps a note inside its table cell. */
function cellText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** How one outcome reads in a cell. */
export function renderOutcome(outcome: CompatOutcome | undefined): string {
  if (!outcome) return 'not run yet';
  const note = outcome.note === undefined ? '' : cellText(outcome.note);
  switch (outcome.kind) {
    case 'works':
      return note ? `works: ${note}` : 'works';
    case 'differs':
      return `works, differs: ${note}`;
    case 'refused':
      return `**refused** before sending (\`UnsupportedServerError\`)${note ? `: ${note}` : ''}`;
    case 'fails':
      return `**fails**: ${note}`;
    case 'wrong':
      return `**WRONG**: ${note}`;
    case 'not-emulated':
      return `not emulated (recorded on MatrixOne 4.2.0: ${note})`;
  }
}

function describeRun(target: CompatTarget, ormName: string, run: CompatTargetResults | undefined): string {
  if (!run) return `${TARGET_PROSE[target]}: not run yet`;
  return `${TARGET_PROSE[target]}: ${run.server}, ${ormName} ${run.ormVersion}, ${run.date}`;
}

/** The markdown between the markers: the table, then which run wrote each column. */
export function renderTable(results: CompatResults): string {
  const lines = [
    `| feature | ${COMPAT_TARGETS.map((target) => COLUMN_TITLES[target]).join(' | ')} | what is patched and why |`,
    `|---|${COMPAT_TARGETS.map(() => '---|').join('')}---|`,
  ];
  for (const row of results.rows) {
    const cells = COMPAT_TARGETS.map((target) => renderOutcome(results.targets[target]?.outcomes[row.id]));
    lines.push(`| ${cellText(row.feature)} | ${cells.join(' | ')} | ${cellText(row.patched)} |`);
  }
  lines.push('');
  lines.push(
    `Runs that wrote the columns — ${COMPAT_TARGETS.map((target) =>
      describeRun(target, results.ormName, results.targets[target]),
    ).join('; ')}.`,
  );
  return lines.join('\n');
}

/** `guide` with the text between the markers replaced by the table of `results`; throws without the markers. */
export function withTable(guide: string, results: CompatResults): string {
  const start = guide.indexOf(TABLE_START);
  const end = guide.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`the guide of ${results.orm} has no "${TABLE_START}" … "${TABLE_END}" markers`);
  }
  return `${guide.slice(0, start + TABLE_START.length)}\n${renderTable(results)}\n${guide.slice(end)}`;
}

/** The guide of `results.orm` as it is and as the results render it. */
export function guideTexts(results: CompatResults): { readonly current: string; readonly rendered: string } {
  const current = readFileSync(guidePath(results.orm), 'utf8');
  return { current, rendered: withTable(current, results) };
}

/** Re-renders the table in the guide of `results.orm`; true when the file changed. */
export function writeGuideTable(results: CompatResults): boolean {
  const { current, rendered } = guideTexts(results);
  if (rendered === current) return false;
  writeFileSync(guidePath(results.orm), rendered);
  return true;
}
