/** A user mistake on the command line: reported as one clear line, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** `--help` was given: the message is the command's usage, printed on stdout with exit code 0. */
export class HelpRequested extends Error {
  constructor(usage: string) {
    super(usage);
    this.name = 'HelpRequested';
  }
}

export interface ParsedArgs {
  /** Last value of each `--name value` option (repeatable options keep all values in `all`). */
  values: Record<string, string>;
  all: Record<string, string[]>;
  /** `--flag` options given without a value. */
  flags: Set<string>;
}

/**
 * Parses `--name value` and `--flag` options. `flagNames` lists the options that take no value.
 * Unknown options are rejected so that a typo never silently changes a result. `--help` anywhere throws
 * {@link HelpRequested} with `usage` (or, for commands without one, the list of their options).
 */
export function parseArgs(argv: string[], known: { options: string[]; flags?: string[]; usage?: string }): ParsedArgs {
  if (argv.includes('--help')) {
    const listed = [...known.options.map((o) => `--${o} VALUE`), ...(known.flags ?? []).map((f) => `--${f}`)];
    throw new HelpRequested(known.usage ?? `options: ${listed.join(' ')}`);
  }
  const flagNames = new Set(known.flags ?? []);
  const optionNames = new Set(known.options);
  const parsed: ParsedArgs = { values: {}, all: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) throw new CliError(`unexpected argument "${token}"`);
    const name = token.slice(2);
    if (flagNames.has(name)) {
      parsed.flags.add(name);
      continue;
    }
    if (!optionNames.has(name)) throw new CliError(`unknown option --${name}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new CliError(`option --${name} needs a value`);
    parsed.values[name] = value;
    (parsed.all[name] ??= []).push(value);
    i++;
  }
  return parsed;
}

export function requireOption(args: ParsedArgs, name: string): string {
  const value = args.values[name];
  if (value === undefined) throw new CliError(`missing required option --${name}`);
  return value;
}

export function numberOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new CliError(`option --${name} expects a number, got "${raw}"`);
  return value;
}
