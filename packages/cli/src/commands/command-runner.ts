/**
 * How command files reach the run's context: `runner.run(command, fn)` builds the {@link CommandContext} from the
 * command's options (global ones included) and hands it to the action.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';

/** Builds the context of the command being run. */
export type CommandRunner = (command: Command) => CommandContext;

/**
 * Wraps an action so commander calls it with the context and its own parsed arguments and options.
 *
 * @example
 * command.action(withContext(runner, async (context, [name]) => { … }));
 */
export function withContext<A extends unknown[]>(
  runner: CommandRunner,
  action: (context: CommandContext, args: A, options: Record<string, unknown>) => Promise<void>,
): (...commanderArgs: unknown[]) => Promise<void> {
  return (...commanderArgs) => {
    // commander passes the arguments, then the options, then the command itself.
    const command = commanderArgs.at(-1) as Command;
    const args = commanderArgs.slice(0, -2) as A;
    return action(runner(command), args, command.opts());
  };
}
