/**
 * Command-line interface over the same core the app uses (DESIGN.md, "CLI contract").
 *   npm run -s cli -- <command> [options]
 * Every command reads and writes plain files, prints a one-line summary on stderr and exits
 * non-zero with a clear message on bad input.
 */
import { CliError, HelpRequested } from './cli/args';

type Command = (argv: string[]) => Promise<void>;

/** Each command lives in its own module under src/cli/ and is loaded only when used. */
const commands: Record<string, () => Promise<{ run: Command }>> = {
  backtest: () => import('./cli/backtest'),
  fetch: () => import('./cli/fetch'),
  forecast: () => import('./cli/forecast'),
  import: () => import('./cli/import'),
  indicators: () => import('./cli/indicators'),
  merge: () => import('./cli/merge'),
  train: () => import('./cli/train'),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === '--help') throw new HelpRequested(`usage: cli <command> [options]; cli <command> --help (commands: ${Object.keys(commands).join(', ')})`);
  const load = name ? commands[name] : undefined;
  if (!load) {
    const list = Object.keys(commands).join(', ');
    throw new CliError(name ? `unknown command "${name}" (commands: ${list})` : `usage: cli <command> [options] (commands: ${list})`);
  }
  const { run } = await load();
  await run(rest);
}

main(process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'))).catch((error: unknown) => {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${error.message}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (!(error instanceof CliError) && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  process.exit(error instanceof CliError ? 2 : 1);
});


