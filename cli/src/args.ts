/** Command-line arguments: a command, positional arguments and the few options rdtax knows. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: readonly string[];
  readonly json: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly force: boolean;
  readonly taxYear?: number;
  readonly profile?: string;
  readonly template?: string;
  readonly host?: string;
  readonly output?: string;
}

const VALUE_OPTIONS: Readonly<Record<string, 'taxYear' | 'profile' | 'template' | 'host' | 'output'>> = {
  '--tax-year': 'taxYear',
  '--profile': 'profile',
  '--template': 'template',
  '--host': 'host',
  '-o': 'output',
  '--output': 'output',
};
const FLAGS: Readonly<Record<string, 'json' | 'help' | 'version' | 'force'>> = {
  '--json': 'json',
  '-h': 'help',
  '--help': 'help',
  '--version': 'version',
  '--force': 'force',
};

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = { json: false, help: false, version: false, force: false };
  const values: { taxYear?: string; profile?: string; template?: string; host?: string; output?: string } = {};
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
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags[FLAGS[name]] = true;
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (!key) throw new UsageError(`unknown option ${name}`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('-') && value !== '-')) throw new UsageError(`${name} needs a value`);
    values[key] = value;
  }
  let taxYear: number | undefined;
  if (values.taxYear !== undefined) {
    if (!/^\d{4}$/.test(values.taxYear) || Number(values.taxYear) < 1994 || Number(values.taxYear) > 2100) {
      throw new UsageError(`--tax-year ${values.taxYear} is not a year; give the calendar year in which the tax year begins, e.g. --tax-year 2025`);
    }
    taxYear = Number(values.taxYear);
  }
  return {
    command,
    positional,
    ...flags,
    ...(taxYear !== undefined ? { taxYear } : {}),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values.template !== undefined ? { template: values.template } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
  };
}
