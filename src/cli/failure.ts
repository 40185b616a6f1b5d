/**
 * How a failed command is reported: `error: <message>` on stderr, plus the stack only for errors that are
 * not the user's input (a bug to report). A user's strategy file that throws shows where in that file
 * (its own error's stack), not the engine's frames. Exit code 2 for bad input (CliError), 1 for anything else.
 * Shared by src/cli.ts and the tests that run many commands in one process.
 */
import { CliError } from './args';
import { StrategyFileError } from '../core/strategy/user-strategy';

function stackOf(error: unknown): string {
  if (error instanceof CliError || !(error instanceof Error)) return '';
  if (error instanceof StrategyFileError) return error.cause instanceof Error && error.cause.stack ? `${error.cause.stack}\n` : '';
  return error.stack ? `${error.stack}\n` : '';
}

export function failureReport(error: unknown): { text: string; exitCode: number } {
  const message = error instanceof Error ? error.message : String(error);
  return { text: `error: ${message}\n${stackOf(error)}`, exitCode: error instanceof CliError ? 2 : 1 };
}
