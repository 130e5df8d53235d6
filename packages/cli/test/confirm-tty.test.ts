/**
 * The confirmation prompt on a real terminal: the built bin runs under `script`, which gives it a pseudo-terminal,
 * and the test types the answer once the question is shown. "n" cancels (exit 10) before anything is sent; "y" goes
 * ahead (here to a closed port, so it then fails to connect: exit 3).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { closedPort } from './closed-port.js';
import { BIN } from './run-bin.js';

const SCRIPT = '/usr/bin/script';

/** Runs `matrixone snapshot drop nightly` on a terminal and answers `answer` when asked. */
async function answerPrompt(answer: string): Promise<{ status: number | null; screen: string }> {
  const url = `mysql://root:pw@127.0.0.1:${await closedPort()}/`;
  const command = [process.execPath, BIN, '--url', url, 'snapshot', 'drop', 'nightly']
    .map((part) => `'${part}'`)
    .join(' ');
  const child = spawn(SCRIPT, ['-qec', command, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let answered = false;
  const onOutput = (chunk: Buffer) => {
    screen += chunk.toString();
    if (!answered && screen.includes('Drop snapshot nightly?')) {
      answered = true;
      child.stdin.write(`${answer}\r`);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { status, screen };
}

describe.skipIf(!existsSync(SCRIPT))('the confirmation prompt on a terminal', () => {
  it('"n" cancels before connecting: exit 10', async () => {
    const { status, screen } = await answerPrompt('n');
    expect(screen).toContain('Drop snapshot nightly?');
    expect(screen).toContain('Cancelled: nothing was changed.');
    expect(status).toBe(ExitCode.Aborted);
  });

  it('"y" goes ahead: the command then tries the server (closed here: exit 3)', async () => {
    const { status, screen } = await answerPrompt('y');
    expect(screen).toContain('Drop snapshot nightly?');
    expect(screen).toContain('ECONNREFUSED');
    expect(status).toBe(ExitCode.Connection);
  });
});
