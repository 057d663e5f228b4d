/** Command-line arguments: a command, positional arguments and the few options rdtax knows. */
import { clipText } from '@core/cells';
import { CommandError } from './envelope';

/** A command line rdtax cannot run; `code` is a stable `usage/…` id for `--json`. */
export class UsageError extends CommandError {
  constructor(code: `usage/${string}`, message: string) {
    super(code, message);
    this.name = 'UsageError';
  }
}

export const COMMANDS = ['check', 'compute', 'template'] as const;

/**
 * The command a command line names, even one that does not parse (for the envelope's
 * `command`): the first word that is not an option or an option's value, if it is a command.
 */
export function commandOf(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return (COMMANDS as readonly string[]).includes(argv[i + 1]) ? argv[i + 1] : null;
    if (VALUE_OPTIONS[a]) i++;
    else if (!a.startsWith('-') || a === '-') return (COMMANDS as readonly string[]).includes(a) ? a : null;
  }
  return null;
}

/** Whether `--json` was asked for, even on a command line that does not parse (then the usage error is JSON too). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly force: boolean;
  /** compute: Form 6765 as CSV (`line,label,amount,citation`) instead of the readable report. */
  readonly csv: boolean;
  /** check: every finding listed, no rule folded into one entry. */
  readonly all: boolean;
  /** check: the counts only. */
  readonly quiet: boolean;
  /** check: the least severe findings listed (`--severity warning`: warnings and errors). */
  readonly severity?: 'error' | 'warning' | 'info';
  /** check: write the findings report (.html or .csv) to this file. */
  readonly report?: string;
  readonly taxYear?: number;
  readonly profile?: string;
  readonly template?: string;
  readonly host?: string;
  readonly output?: string;
}

const VALUE_OPTIONS: Readonly<
  Record<string, 'taxYear' | 'profile' | 'template' | 'host' | 'output' | 'severity' | 'report'>
> = {
  '--tax-year': 'taxYear',
  '--report': 'report',
  '--severity': 'severity',
  '--profile': 'profile',
  '--template': 'template',
  '--host': 'host',
  '-o': 'output',
  '--output': 'output',
};
const FLAGS: Readonly<Record<string, 'json' | 'help' | 'version' | 'force' | 'csv' | 'all' | 'quiet'>> = {
  '--json': 'json',
  '--all': 'all',
  '--quiet': 'quiet',
  '-q': 'quiet',
  '--csv': 'csv',
  '-h': 'help',
  '--help': 'help',
  '--version': 'version',
  '--force': 'force',
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = { json: false, help: false, version: false, force: false, csv: false, all: false, quiet: false };
  const values: {
    taxYear?: string;
    profile?: string;
    template?: string;
    host?: string;
    output?: string;
    severity?: string;
    report?: string;
  } = {};
  let command: string | undefined;
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPositional || !a.startsWith('-') || a === '-') {
      if (command === undefined) command = a;
      else positional.push(a);
      continue;
    }
    if (a === '--') {
      onlyPositional = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (FLAGS[name]) {
      if (eq > 0) throw new UsageError('usage/unexpected-value', `${name} takes no value`);
      flags[FLAGS[name]] = true;
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (!key) throw new UsageError('usage/unknown-option', `unknown option ${clipText(name)}`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('-') && value !== '-'))
      throw new UsageError('usage/missing-value', `${name} needs a value`);
    values[key] = value;
  }
  let taxYear: number | undefined;
  if (values.taxYear !== undefined) {
    if (!/^\d{4}$/.test(values.taxYear) || Number(values.taxYear) < 1994 || Number(values.taxYear) > 2100) {
      throw new UsageError(
        'usage/bad-tax-year',
        `--tax-year ${clipText(values.taxYear)} is not a year; give the calendar year in which the tax year begins, e.g. --tax-year 2025`,
      );
    }
    taxYear = Number(values.taxYear);
  }
  let severity: ParsedArgs['severity'];
  if (values.severity !== undefined) {
    const v = values.severity.trim().toLowerCase();
    if (v !== 'error' && v !== 'warning' && v !== 'info')
      throw new UsageError(
        'usage/bad-severity',
        `--severity ${clipText(values.severity)} is not a severity; use error, warning or info (the least severe findings to list)`,
      );
    severity = v;
  }
  return {
    command,
    positional,
    ...flags,
    ...(severity !== undefined ? { severity } : {}),
    ...(taxYear !== undefined ? { taxYear } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values.template !== undefined ? { template: values.template } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values.report !== undefined ? { report: values.report } : {}),
  };
}
