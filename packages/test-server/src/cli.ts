/**
 * Runs a command with a test server: `tsx cli.ts <command> [args...]`.
 * When neither MATRIXONE_URL nor TEST_DATABASE_URL is set, starts a private MariaDB, passes its URL to the
 * command as TEST_DATABASE_URL, and stops it afterwards (also on failure, Ctrl-C or SIGTERM).
 */
import { spawn } from 'node:child_process';
import { acquireTestServer } from './resolve-server.js';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: cli.ts <command> [args...]');
  process.exit(2);
}

let server: Awaited<ReturnType<typeof acquireTestServer>>;
try {
  server = await acquireTestServer();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const env = { ...process.env };
if (server.origin === 'private-mariadb') env.TEST_DATABASE_URL = server.url;
console.error(
  `[test-server] using ${server.origin === 'matrixone' ? 'MatrixOne (MATRIXONE_URL)' : server.origin === 'given' ? 'TEST_DATABASE_URL' : 'a private MariaDB'}`,
);

const child = spawn(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
const forward = (signal: NodeJS.Signals) => {
  child.kill(signal);
};
process.on('SIGINT', forward);
process.on('SIGTERM', forward);

const code = await new Promise<number>((resolve) => {
  child.on('error', (error) => {
    console.error(`[test-server] could not run ${command}: ${error.message}`);
    resolve(127);
  });
  child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});
await server.release();
process.exit(code);
