/** `matrixone status`: connects, and says which server answered and as whom (works on any MySQL-protocol server). */
import { describeServer, resolveClientConfig } from '@matrixone/core';
import type { Command } from 'commander';
import { type CommandRunner, withContext } from './command-runner.js';

/**
 * Registers `status`.
 *
 * @example
 * registerStatusCommand(program, runner);
 */
export function registerStatusCommand(program: Command, runner: CommandRunner): void {
  program
    .command('status')
    .description('Connect and show the server (product and version), the login and the database')
    .action(
      withContext<[]>(runner, async (context) => {
        const config = resolveClientConfig(context.target().config);
        const info = await context.withClient((client) => client.serverInfo());
        const status = {
          server: { flavor: info.flavor, version: info.version ?? null, versionString: info.versionString },
          host: config.host,
          port: config.port,
          user: config.loginUser,
          database: config.database ?? null,
        };
        context.output.result(status, () => ({
          head: ['server', 'host', 'port', 'user', 'database'],
          rows: [
            [describeServer(info), status.host, String(status.port), status.user, status.database ?? ''],
          ],
        }));
      }),
    );
}
