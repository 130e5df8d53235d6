/**
 * Runs a command with a test server: `tsx cli.ts <command> [args...]`.
 * When neither MATRIXONE_URL nor TEST_DATABASE_URL is set, starts a private MariaDB, passes its URL to the
 * command as TEST_DATABASE_URL, and stops it afterwards (also on failure, Ctrl-C or SIGTERM). When MariaDB is
 * not installed either, says so and runs the command without a server.
 *
 * `tsx cli.ts --swallow-quit <command> [args...]` also puts a fault proxy in front of a MariaDB (or
 * TEST_DATABASE_URL) server that keeps every socket open after COM_QUIT, as MatrixOne does (observed on MatrixOne
 * 4.2.0), and hands the proxy's URL to the command as TEST_DATABASE_URL: a command that leaves a socket behind
 * then hangs here as it would on MatrixOne. With MATRIXONE_URL the real server is used as it is.
 */
import { spawn } from 'node:child_process';
import { startFaultProxy } from './fault-proxy.js';
import { acquireTestServerIfAny } from './resolve-server.js';

const SWALLOW_QUIT = '--swallow-quit';
const argv = process.argv.slice(2);
const swallowQuit = argv[0] === SWALLOW_QUIT;
const [command, ...args] = swallowQuit ? argv.slice(1) : argv;
if (!command) {
  console.error(`usage: cli.ts [${SWALLOW_QUIT}] <command> [args...]`);
  process.exit(2);
}

const SERVER_NAMES = {
  matrixone: 'MatrixOne (MATRIXONE_URL)',
  'local-matrixone': 'a MatrixOne started here (MATRIXONE_BIN or MATRIXONE_DOCKER_IMAGE)',
  given: 'TEST_DATABASE_URL',
  'private-mariadb': 'a private MariaDB',
} as const;

let server: Awaited<ReturnType<typeof acquireTestServerIfAny>>;
try {
  server = await acquireTestServerIfAny();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const env = { ...process.env };
if (server.origin === 'private-mariadb') env.TEST_DATABASE_URL = server.url;
// A MatrixOne started here is handed on as MATRIXONE_URL: the command uses it as it would a given one.
if (server.origin === 'local-matrixone') env.MATRIXONE_URL = server.url;
if (server.origin === 'none') {
  // The command still runs: tests that need no server pass, the others are skipped (see global-setup.ts).
  console.error(`[test-server] no test server. ${server.reason}`);
} else {
  console.error(`[test-server] using ${SERVER_NAMES[server.origin]}`);
}

const quitProxy =
  swallowQuit && (server.origin === 'private-mariadb' || server.origin === 'given')
    ? await startFaultProxy(server.url, { swallowQuit: true })
    : undefined;
if (quitProxy) {
  env.TEST_DATABASE_URL = quitProxy.url;
  console.error('[test-server] through a proxy that keeps sockets open after COM_QUIT, as MatrixOne does');
}

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
await quitProxy?.close();
await server.release();
process.exit(code);
