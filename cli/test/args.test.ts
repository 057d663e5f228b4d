/**
 * The argument parser (cli/src/args.ts, over node's util.parseArgs) and the help rendered from the
 * same description: each row is a command line and what it must give — the parsed value or the
 * one usage error (its code and sentence) — with the reason.
 */
import { COMMAND_SPECS, commandOf, OPTIONS, parseArgs, UsageError, wantsJson } from '../src/args';
import { commandHelpText, helpText } from '../src/help';

describe('parseArgs: what a command line means', () => {
  it.each([
    ['a command and a file', ['check', 'a.xlsx'], { command: 'check', positional: ['a.xlsx'], json: false }],
    ['options before the command', ['--json', 'check', 'a.xlsx'], { command: 'check', json: true }],
    ['--name=value', ['compute', 'a.xlsx', '--tax-year=2025'], { taxYear: 2025 }],
    [
      '--tax-year 1994, the first year the engine knows (boundary)',
      ['compute', '--tax-year', '1994'],
      { taxYear: 1994 },
    ],
    ['--tax-year 2100, the last (boundary)', ['compute', '--tax-year', '2100'], { taxYear: 2100 }],
    ['-o file (the short name)', ['template', '-o', 'x.xlsx'], { output: 'x.xlsx' }],
    ['--output file (the long name)', ['template', '--output', 'x.xlsx'], { output: 'x.xlsx' }],
    ['-q is --quiet', ['check', '-q', 'a.xlsx'], { quiet: true }],
    ['-r is --recursive', ['check', '-r', 'dir'], { recursive: true, positional: ['dir'] }],
    ['--severity is read trimmed and in any case', ['check', '--severity', ' Warning ', 'a'], { severity: 'warning' }],
    ['--host Sheets', ['template', '--host', 'Sheets', '-o', 'x.xlsx'], { host: 'sheets' }],
    ['a file named "-" is a file', ['check', '-'], { positional: ['-'] }],
    ['after --, a word starting with - is a file', ['check', '--', '--odd.xlsx'], { positional: ['--odd.xlsx'] }],
    ['the last of a repeated option wins', ['compute', '--tax-year', '2024', '--tax-year', '2025'], { taxYear: 2025 }],
    ['--help answers even with an option the command does not take', ['check', '--csv', '--help'], { help: true }],
  ])('%s', (_n, argv, expected) => expect(parseArgs(argv)).toMatchObject(expected));
});

describe('parseArgs: each problem is one sentence naming the option, with a stable code', () => {
  it.each([
    ['an unknown option', ['check', '--jsn', 'a'], 'usage/unknown-option', 'unknown option --jsn'],
    ['an unknown short option', ['check', '-x', 'a'], 'usage/unknown-option', 'unknown option -x'],
    ['a value option at the end', ['compute', 'a', '--tax-year'], 'usage/missing-value', '--tax-year needs a value'],
    [
      'a value option followed by another option',
      ['compute', '--tax-year', '--json', 'a'],
      'usage/missing-value',
      '--tax-year needs a value',
    ],
    ['a flag given a value', ['compute', '--csv=yes', 'a'], 'usage/unexpected-value', '--csv takes no value'],
    [
      '--tax-year 1993: the year before the first (boundary)',
      ['compute', '--tax-year', '1993'],
      'usage/bad-tax-year',
      '--tax-year 1993 is not a year',
    ],
    [
      '--tax-year 2101 (boundary)',
      ['compute', '--tax-year', '2101'],
      'usage/bad-tax-year',
      '--tax-year 2101 is not a year',
    ],
    ['--tax-year 25', ['compute', '--tax-year', '25'], 'usage/bad-tax-year', '--tax-year 25 is not a year'],
    [
      '--severity bogus: the accepted words are named',
      ['check', '--severity', 'bogus', 'a'],
      'usage/bad-severity',
      '--severity bogus is not a severity; use error, warning or info',
    ],
    [
      '--host numbers',
      ['template', '--host', 'numbers'],
      'usage/unknown-host',
      '--host numbers is not a host; use excel or sheets',
    ],
    [
      'check --tax-year: not a check option',
      ['check', '--tax-year', '2025', 'a'],
      'usage/option-not-allowed',
      'check does not take --tax-year',
    ],
    ['check -o: named as -o', ['check', '-o', 'x', 'a'], 'usage/option-not-allowed', 'check does not take -o'],
    ['template --recursive', ['template', '-r'], 'usage/option-not-allowed', 'template does not take --recursive'],
  ])('%s', (_n, argv, code, message) => {
    let error: unknown;
    try {
      parseArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).info.code).toBe(code);
    expect((error as UsageError).message).toContain(message);
  });
});

describe('commandOf and wantsJson: read even from a command line that does not parse', () => {
  it.each([
    ['the first word', ['check', 'a'], 'check'],
    ['after an option and its value', ['--tax-year', '2025', 'compute', 'a'], 'compute'],
    ['not a command', ['chekc', 'a'], null],
    ['after --', ['--', 'template'], 'template'],
    ['nothing', [], null],
  ])('commandOf: %s', (_n, argv, command) => expect(commandOf(argv)).toBe(command));
  it.each([
    ['--json given', ['check', '--json', '--jsn'], true],
    ['--json after -- is a file name', ['check', '--', '--json'], false],
  ])('wantsJson: %s', (_n, argv, json) => expect(wantsJson(argv)).toBe(json));
});

describe('help is rendered from the same description', () => {
  const all = helpText('0.0.0');
  it.each(COMMAND_SPECS.map((c) => [c.name, c] as const))('%s: its usage line and every option it takes', (_n, c) => {
    const own = commandHelpText('0.0.0', c);
    expect(all).toContain(`rdtax ${c.name}`);
    for (const key of Object.keys(c.options) as (keyof typeof OPTIONS)[]) {
      expect(own).toContain(`--${OPTIONS[key].long}`);
    }
    // Another command's section is not in this command's help.
    for (const other of COMMAND_SPECS.filter((o) => o !== c)) expect(own).not.toContain(`rdtax ${other.name} `);
  });
  it('no line of the help is wider than 120 columns (the JSON note quotes codes in one line)', () => {
    for (const line of all.split('\n').filter((l) => !l.startsWith('  RD_') && !l.startsWith('      ')))
      expect(line.length).toBeLessThanOrEqual(120);
  });
});
