/**
 * Prints the CI summary line `N passed, N failed, N skipped` from vitest's JSON report and exits non-zero when
 * anything failed. Usage: `tsx scripts/test-summary.ts <report.json> [<test command exit code>]`.
 *
 * A test file that failed without a failing test (an import error, a failing `beforeAll`) counts as one
 * failure; so does a non-zero exit of the test command when the report shows no failure (an unhandled error).
 * A missing or unreadable report (the test command died before writing it) prints `0 passed, 1 failed, 0 skipped`.
 */
import { readFile } from 'node:fs/promises';

/** The part of vitest's JSON report the summary reads. */
interface VitestJsonReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly numPendingTests: number;
  readonly numTodoTests: number;
  readonly testResults: ReadonlyArray<{
    readonly status: string;
    readonly assertionResults: ReadonlyArray<{ readonly status: string }>;
  }>;
}

/** Counts shown on the summary line. */
interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

function summarize(report: VitestJsonReport, commandExitCode: number): Summary {
  const filesFailedWithoutTest = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  const failed = report.numFailedTests + filesFailedWithoutTest;
  return {
    passed: report.numPassedTests,
    failed: failed === 0 && commandExitCode !== 0 ? 1 : failed,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

async function readReport(path: string): Promise<VitestJsonReport | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as VitestJsonReport;
  } catch {
    return undefined;
  }
}

const [reportPath = 'reports/vitest.json', exitCodeText = '0'] = process.argv.slice(2);
const report = await readReport(reportPath);
const summary = report ? summarize(report, Number(exitCodeText)) : { passed: 0, failed: 1, skipped: 0 };
console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exitCode = summary.failed > 0 ? 1 : 0;
