/**
 * Runs the BUILT `matrixone` bin in a child process, as a user's shell would: stdin is a pipe (not a terminal),
 * the environment holds only PATH, HOME and what the test passes.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built executable. */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** What a run printed and how it ended. */
export interface BinRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `matrixone …args`; resolves when it exits.
 *
 * @example
 * const { status, stdout } = await runBin(['status', '--json'], { MATRIXONE_URL: url });
 */
export function runBin(args: readonly string[], env: Record<string, string> = {}): Promise<BinRun> {
  if (!existsSync(BIN)) {
    throw new Error(
      `${BIN} is missing: build the CLI first (pnpm exec turbo run build --filter @matrixone/cli).`,
    );
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
