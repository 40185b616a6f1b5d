/**
 * How a failed command is reported: `error: <message>` on stderr, plus the stack only for errors that are
 * not the user's input (a bug to report). Exit code 2 for bad input (CliError), 1 for anything else.
 * Shared by src/cli.ts and the tests that run many commands in one process.
 */
import { CliError } from './args';

export function failureReport(error: unknown): { text: string; exitCode: number } {
  const message = error instanceof Error ? error.message : String(error);
  const stack = !(error instanceof CliError) && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return { text: `error: ${message}\n${stack}`, exitCode: error instanceof CliError ? 2 : 1 };
}
