/**
 * The question asked before a destructive command (drop, restore, merge). `--yes` skips it; without a terminal
 * on stdin the CLI refuses to ask and refuses to go ahead, so a script never hangs on a hidden prompt.
 */
import confirm from '@inquirer/confirm';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';

/** How to ask: the answer from `--yes`, and the input stream to ask on. */
export interface ConfirmSettings {
  /** `--yes` was given: go ahead without asking. */
  readonly yes: boolean;
  /** The stream the answer would be read from. */
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  /** Where the question is written. */
  readonly stdout: NodeJS.WritableStream;
}

/**
 * Resolves when the user agreed (or `--yes` was given); throws a {@link CliError} otherwise: usage (exit 2) when
 * stdin is not a terminal, aborted (exit 10) when the answer was no or the prompt was interrupted.
 *
 * @example
 * await confirmDestructive(`Drop snapshot ${name}?`, settings);
 */
export async function confirmDestructive(question: string, settings: ConfirmSettings): Promise<void> {
  if (settings.yes) return;
  if (settings.stdin.isTTY !== true) {
    throw new CliError(
      `Not confirmed: "${question}" needs an answer, and stdin is not a terminal. Pass --yes to go ahead.`,
      ExitCode.Usage,
    );
  }
  let agreed: boolean;
  try {
    agreed = await confirm(
      { message: question, default: false },
      { input: settings.stdin, output: settings.stdout },
    );
  } catch (error) {
    throw new CliError('Cancelled: nothing was changed.', ExitCode.Aborted, { cause: error });
  }
  if (!agreed) throw new CliError('Cancelled: nothing was changed.', ExitCode.Aborted);
}
