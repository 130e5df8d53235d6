/** `--help` on every command of the built bin: exit 0, the command's own usage line, no server needed. */
import { describe, expect, it } from 'vitest';
import { runBin } from './run-bin.js';

const COMMANDS = [
  [],
  ['status'],
  ['snapshot'],
  ['snapshot', 'ls'],
  ['snapshot', 'create'],
  ['snapshot', 'drop'],
  ['clone'],
  ['clone', 'db'],
  ['clone', 'table'],
  ['clone', 'run'],
  ['restore'],
  ['restore', 'cluster'],
  ['restore', 'account'],
  ['restore', 'db'],
  ['restore', 'table'],
  ['pitr'],
  ['pitr', 'ls'],
  ['pitr', 'create'],
  ['pitr', 'drop'],
  ['pitr', 'restore'],
  ['branch'],
  ['branch', 'create'],
  ['branch', 'create', 'db'],
  ['branch', 'create', 'table'],
  ['branch', 'diff'],
  ['branch', 'merge'],
];

describe('matrixone --help', () => {
  it.each(COMMANDS.map((path) => [path.join(' ') || '(root)', path] as const))('%s', async (_name, path) => {
    const { status, stdout, stderr } = await runBin([...path, '--help']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: matrixone${path.map((part) => ` ${part}`).join('')} `));
    expect(stdout).toContain('--help');
  });

  it('lists every command group at the top level', async () => {
    const { stdout } = await runBin(['--help']);
    for (const group of ['status', 'snapshot', 'clone', 'restore', 'pitr', 'branch']) {
      expect(stdout).toMatch(new RegExp(`^  ${group}\\b`, 'm'));
    }
  });

  it('prints the package version with --version', async () => {
    const { status, stdout } = await runBin(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['snapshot', 'ls', '--bogus'], /unknown option '--bogus'/],
    [['snapshot', 'create'], /missing required argument 'name'/],
    [['pitr', 'create', 'p1', '--database', 'shop'], /required option '--range <range>' not specified/],
    [['snapshot'], /Usage: matrixone snapshot/],
  ])('exits 2 (usage) for %j', async (args, message) => {
    const { status, stderr } = await runBin(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 and names the variables when no server is given', async () => {
    const { status, stderr } = await runBin(['status']);
    expect(status).toBe(2);
    expect(stderr).toContain('MATRIXONE_URL');
  });
});
