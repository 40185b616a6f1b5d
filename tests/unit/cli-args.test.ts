import { describe, expect, it } from 'vitest';
import { CliError, HelpRequested, numberOption, parseArgs, requireOption } from '../../src/cli/args';

describe('parseArgs', () => {
  it('reads options, repeated options and flags', () => {
    const args = parseArgs(['--csv', 'a.csv', '--csv', 'b.csv', '--whole-shares', '--capital', '5000'], {
      options: ['csv', 'capital'],
      flags: ['whole-shares'],
    });
    expect(args.all.csv).toEqual(['a.csv', 'b.csv']);
    expect(args.flags.has('whole-shares')).toBe(true);
    expect(numberOption(args, 'capital', 100000)).toBe(5000);
    expect(numberOption(args, 'missing', 7)).toBe(7);
  });

  it('rejects unknown options, missing values and bad numbers with a clear message', () => {
    expect(() => parseArgs(['--nope', '1'], { options: ['csv'] })).toThrow(/unknown option --nope/);
    expect(() => parseArgs(['--csv'], { options: ['csv'] })).toThrow(/--csv needs a value/);
    const args = parseArgs(['--capital', 'lots'], { options: ['capital'] });
    expect(() => numberOption(args, 'capital', 1)).toThrow(CliError);
    expect(() => requireOption(args, 'out')).toThrow(/missing required option --out/);
  });

  it('answers --help with the command\'s usage, or the list of its options', () => {
    expect(() => parseArgs(['--csv', 'a.csv', '--help'], { options: ['csv'], usage: 'usage: x --csv F' })).toThrow(new HelpRequested('usage: x --csv F'));
    expect(() => parseArgs(['--help'], { options: ['csv', 'out'], flags: ['whole-shares'] })).toThrow(new HelpRequested('options: --csv VALUE --out VALUE --whole-shares'));
  });
});
