/**
 * Command-line arguments: ONE description of rdtax's commands and options (OPTIONS, COMMAND_SPECS)
 * from which the parser (node's util.parseArgs does the tokenizing), the per-command option
 * checks and `--help` (help.ts renders it) are all derived. A new option is one entry in OPTIONS
 * and its name in the commands that take it; ParsedArgs gains the field by itself.
 */
import { parseArgs as tokenize } from 'util';
import { clipText } from '@core/cells';
import { CommandError } from './envelope';

/** A command line rdtax cannot run; `code` is a stable `usage/…` id for `--json`. */
export class UsageError extends CommandError {
  constructor(code: `usage/${string}`, message: string) {
    super(code, message);
    this.name = 'UsageError';
  }
}

/** One option: a flag (no `value`) or an option that takes a value, the placeholder `value` names. */
export interface OptionSpec {
  /** The long name, without `--`. */
  readonly long: string;
  readonly short?: string;
  /** The value's placeholder in help (`N`, `firm.json`); absent for a flag. */
  readonly value?: string;
  /** The only words the value may be (compared trimmed and lower-cased). */
  readonly words?: {
    readonly list: readonly string[];
    /** What a value is, for the message: `--host numbers is not a host`. */
    readonly noun: string;
    readonly code: `usage/${string}`;
    /** Said after the list of words, in brackets. */
    readonly why?: string;
  };
  /** A calendar year (1994–2100): the value is a number. */
  readonly year?: true;
  /** What the option does when absent, for help. */
  readonly default?: string;
  /** What the option does; a command can say it its own way (CommandSpec.options). */
  readonly help: string;
}

export const OPTIONS = {
  json: {
    long: 'json',
    help: 'print exactly one JSON document on stdout, whatever happens (a usage error too); see "--json" below.',
  },
  help: { long: 'help', short: 'h', help: 'this help (rdtax <command> --help: one command).' },
  version: { long: 'version', help: 'the version of rdtax.' },
  force: { long: 'force', help: 'replace an existing output file.' },
  csv: { long: 'csv', help: 'CSV output.' },
  all: { long: 'all', help: 'list every finding.' },
  quiet: { long: 'quiet', short: 'q', help: 'the counts only.' },
  recursive: {
    long: 'recursive',
    short: 'r',
    help:
      'a folder argument is searched in its sub-folders too (in name order; links to folders are not ' +
      'followed, so a loop is never entered).',
  },
  severity: {
    long: 'severity',
    value: 'error|warning|info',
    words: {
      list: ['error', 'warning', 'info'],
      noun: 'a severity',
      code: 'usage/bad-severity',
      why: 'the least severe findings to list',
    },
    default: 'info',
    help: 'the least severe findings to list.',
  },
  report: { long: 'report', value: 'out.html|out.csv', help: 'also write the findings report.' },
  taxYear: {
    long: 'tax-year',
    value: 'N',
    year: true,
    help: 'the calendar year in which the tax year begins.',
  },
  profile: {
    long: 'profile',
    // help.ts spells the profiles out from core's list.
    value: 'profile',
    default: 'software',
    help: 'the role profile.',
  },
  template: { long: 'template', value: 'firm.json', help: 'a firm template (a .json file).' },
  host: {
    long: 'host',
    value: 'excel|sheets',
    words: { list: ['excel', 'sheets'], noun: 'a host', code: 'usage/unknown-host' },
    default: 'excel',
    help: 'the spreadsheet the formulas are spelled for.',
  },
  output: { long: 'output', short: 'o', value: 'file', help: 'the file to write.' },
  keepAmounts: {
    long: 'keep-amounts',
    help: "keep this year's amounts and R&D % instead of clearing them; About is marked Rolled Forward for review.",
  },
  templateDir: {
    long: 'template-dir',
    value: 'folder',
    help:
      "a folder of the firm's templates (.json): each study is checked against the template its About names, " +
      'the newest version unless --template-version names one, and its drift is reported.',
  },
  templateVersion: {
    long: 'template-version',
    value: 'version',
    help: 'with --template-dir: compare each study with this version of its template instead of the newest.',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof OPTIONS;
type ValueKey = { [K in OptionKey]: (typeof OPTIONS)[K] extends { value: string } ? K : never }[OptionKey];
type FlagKey = Exclude<OptionKey, ValueKey>;

/** A command: how to call it, what it does and, for each option it takes, how that option reads here. */
export interface CommandSpec {
  readonly name: string;
  /** The positional arguments, for the usage line (`<file|folder>…`); empty when none. */
  readonly args: string;
  /** Paragraphs of help, before the options. */
  readonly summary: string;
  /** The options the command takes, in help order: `true` keeps OPTIONS' text, a string says it for this command. */
  readonly options: Partial<Record<OptionKey, true | string>>;
  /** Paragraphs after the options (exit codes, output formats). */
  readonly notes?: string;
}

const STUDY_SHEETS =
  'Employees.csv, Contractors.csv, Supplies.csv, Components.csv, "Prior Years.csv", Roles.csv, About.csv';

export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: 'check',
    args: '<file|folder>…',
    summary:
      'Validate study workbooks (.xlsx, or a folder of .csv files named after the sheets: ' +
      `${STUDY_SHEETS}; comma, semicolon or tab separated, with or without a byte-order mark). ` +
      'Many files, or a folder of .xlsx studies, are checked in one run, each with its result line, ' +
      'then a total; on a terminal a progress bar shows the files done, the rows read and the time left. ' +
      "Findings a reviewer waived on the study's Waivers sheet are listed apart and not counted.",
    options: {
      recursive: true,
      template:
        'a firm template: its role table and rule severities apply, and each study gets a template line: ' +
        'the version it was made from (About) and whether it is behind, with the upgrade command ' +
        '(template/version-drift).',
      templateDir: true,
      templateVersion: true,
      profile: "the role profile when the study's About sheet names none.",
      severity:
        'the least severe findings to list: error, warning or info; the counts still count every ' +
        'finding, and the exit code is the same.',
      all:
        'list every finding: without it a rule that fires on more than 5 cells of a file is listed ' +
        'once, with its count, the first cells and the first message.',
      quiet: 'the counts line of each file only (not with --json or --all).',
      report:
        "also write the findings report — the panel's Export — to an .html file (one printable page, " +
        'no script) or a .csv file (one row per finding, waived ones marked).',
      force: 'replace an existing --report file.',
      json: 'one JSON document on stdout: files[i] is { file, findings, summary, waived } or { file, error }.',
    },
    notes:
      'Exit code: 0 no error findings, 1 error findings (a file with no study table is one: ' +
      'table/no-study), 2 a file could not be read — the worst over all the files.',
  },
  {
    name: 'compute',
    args: '<file|folder>…',
    summary:
      'Form 6765 (Rev. December 2024), section by section with line numbers: Items A and B; ' +
      'Section A regular credit (lines 1–13), B alternative simplified credit (14–26), C current ' +
      'year credit (27–32, and which credit line 28 uses and why), D payroll election (33a–36), ' +
      'E other information (37–41), F QREs (42–48), G business components (49–56: required or not ' +
      'and why, the components listed, unassigned QREs). Each line shows its inputs (line 22: ' +
      '3-year total ÷ 6) or, when it cannot be computed, why and which cell blocks it. Amounts in ' +
      "dollars and cents, never rounded to whole dollars. When a row's Location names a state " +
      "(CA, US-CA): each state's QREs on lines 42–45 and its credit with the arithmetic and " +
      'citations (Prior Years "<ST> QRE" columns; About "<ST> Credit Method", "<ST> Fixed-Base %", ' +
      '"<ST> Avg Gross Receipts", "<ST> Basic Research Payments"). Then the §174/§174A deduction ' +
      'with its §280C(c)(1) reduction, the payroll election, the rows left out and why.\n' +
      'Inputs come from the About sheet (Credit Method, Fixed-Base %, Avg Gross Receipts, Gross ' +
      'Receipts, Payroll Election, …), Prior Years and the study tables. Many files (or a folder of ' +
      '.xlsx studies) are computed one after another, one section per file.',
    options: {
      recursive: true,
      json:
        'one JSON document on stdout, one entry per file in files: its form6765 { revision, taxYear, ' +
        'itemA, itemB, method, methodReason, lines: { "1": …, "48": … }, notes, sectionG } and states.',
      csv:
        'Form 6765 as CSV for tax software: header line,label,amount,citation; one row per line ' +
        '(A, B, 1 … 48), then Section G per listed component n as 49a[n] … 56[n]. Amounts as 1234.50 ' +
        '(no separators), rates as fractions (0.03), Yes/No; an empty amount is a line not computed ' +
        '(its reason goes to stderr) or one the form skips. UTF-8, CRLF, RFC 4180 quoting; text ' +
        "starting with = + - @ gets a leading '. To stdout, or to -o file.csv. Not with --json. One file only.",
      output: 'with --csv: the .csv file to write (not replaced without --force).',
      force: 'replace an existing -o file.',
      taxYear: "the calendar year in which the tax year begins; overrides About's Tax Year.",
      template: "a firm template: its role table and rule severities apply to the study's findings.",
    },
    notes:
      'Exit code: 0 computed from a study without errors, 1 the study has error findings (or is not ' +
      'a study), 2 unusable input or no tax year — the worst over all the files.',
  },
  {
    name: 'template',
    args: '[upgrade <study>]',
    summary:
      'Write a study workbook from a built-in profile or a firm template. An existing file is not ' +
      'replaced without --force.\n' +
      'template upgrade --template firm-v4.json study.xlsx -o upgraded.xlsx: bring a study made from an ' +
      "earlier version of the firm template to this one — new sheets and columns added at the template's " +
      "place, renamed columns (the template's renames) moved under their new names, lists, formats, the " +
      'Summary and Form 6765 from the new version, About Version bumped. Every data cell is kept; a column ' +
      'the new version drops stays, after the template’s columns, and is reported. The study is never ' +
      'modified; a folder of .csv sheets is written as a folder.',
    options: {
      profile: 'the built-in profile to write (not with --template).',
      template: 'a firm template to write (its own profile, roles and settings).',
      host: 'sheets spells formulas for Google Sheets (RD_QRE), excel for the add-in (RDTAX.RD_QRE).',
      taxYear: "the tax year written on the About sheet (default: the template's).",
      output: 'the .xlsx file to write (required).',
      force: 'replace an existing -o file.',
      json:
        'one JSON document on stdout: files[0] is { file, template: { id, version, profile, taxYear, host } } ' +
        '(template upgrade: { file, upgrade: { fromVersion, toVersion, columnsAdded, renamed, moved, kept, … } }).',
    },
  },
  {
    name: 'rollforward',
    args: '<study>',
    summary:
      "Start next year's study from this year's: the roster, contractors, components, roles and the " +
      "firm's settings carry over; amounts and R&D % are cleared (or kept with --keep-amounts); this " +
      "year's QRE, gross receipts and §174 domestic/foreign R&E (as rdtax compute gives them) join Prior " +
      'Years, most recent first; a prior year is kept while a credit needs it (the ASC 3 years, §41(c)(4); ' +
      "the regular base 4 years' gross receipts, §41(c)(1)(B); a §174 vintage still being deducted) and " +
      'dropped otherwise, each with the reason; About Tax Year + 1, template id and version kept. The study ' +
      'is never modified; a folder of .csv sheets is written as a folder.',
    options: {
      output: "next year's study: an .xlsx file (or a folder, for a folder of .csv sheets); required.",
      keepAmounts: true,
      force: 'replace an existing -o.',
      json: 'one JSON document on stdout: files[0] is { file, rollforward: { fromYear, toYear, cleared, priorYears, added, notes, … } }.',
    },
    notes: 'Exit code: 0 written, 2 the study could not be read or rolled (no tax year, an unreadable Prior Years).',
  },
];

export const COMMANDS: readonly string[] = COMMAND_SPECS.map((c) => c.name);

export function commandSpec(name: string | null | undefined): CommandSpec | undefined {
  return COMMAND_SPECS.find((c) => c.name === name);
}

/** How an option is written on a command line: `--tax-year`, or `-o` for output (as the messages always named it). */
export function flagName(key: OptionKey): string {
  return key === 'output' ? '-o' : `--${OPTIONS[key].long}`;
}

export type ParsedArgs = {
  readonly command: string | undefined;
  readonly positional: readonly string[];
} & { readonly [K in FlagKey]: boolean } & {
  readonly [K in Exclude<ValueKey, 'taxYear' | 'severity'>]?: string;
} & {
  readonly taxYear?: number;
  /** check: the least severe findings listed (`--severity warning`: warnings and errors). */
  readonly severity?: 'error' | 'warning' | 'info';
};

const KEY_OF_LONG: ReadonlyMap<string, OptionKey> = new Map(
  (Object.keys(OPTIONS) as OptionKey[]).map((k) => [OPTIONS[k].long, k]),
);

/** util.parseArgs's option table: every option of every command (a command's own checks come after). */
const TOKEN_OPTIONS = Object.fromEntries(
  (Object.keys(OPTIONS) as OptionKey[]).map((k) => {
    const o: OptionSpec = OPTIONS[k];
    return [o.long, { type: o.value !== undefined ? 'string' : 'boolean', ...(o.short ? { short: o.short } : {}) }];
  }),
) as Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * node's util.parseArgs splits the command line (long and short options, `--name=value`, `-o file`,
 * `--` ending the options); it runs with `strict: false` and `tokens: true` so that each problem is
 * said here, in our words and with a stable code, naming the option as the user wrote it.
 */
function tokens(argv: readonly string[]) {
  return tokenize({
    args: [...argv],
    options: TOKEN_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  }).tokens;
}

/**
 * The command a command line names, even one that does not parse (for the envelope's
 * `command`): the first word that is not an option or an option's value, if it is a command.
 */
export function commandOf(argv: readonly string[]): string | null {
  const first = tokens(argv).find((t) => t.kind === 'positional');
  return first && COMMANDS.includes(first.value) ? first.value : null;
}

/** Whether `--json` was asked for, even on a command line that does not parse (then the usage error is JSON too). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let command: string | undefined;
  const positional: string[] = [];
  const given = new Map<OptionKey, string | true>();
  for (const t of tokens(argv)) {
    if (t.kind === 'positional') {
      if (command === undefined) command = t.value;
      else positional.push(t.value);
      continue;
    }
    if (t.kind !== 'option') continue; // the `--` that ends the options
    const key = KEY_OF_LONG.get(t.name);
    if (key === undefined) throw new UsageError('usage/unknown-option', `unknown option ${clipText(t.rawName)}`);
    const spec: OptionSpec = OPTIONS[key];
    if (spec.value === undefined) {
      if (t.inlineValue) throw new UsageError('usage/unexpected-value', `${t.rawName} takes no value`);
      given.set(key, true);
      continue;
    }
    // `--tax-year --json`: the next word is another option, not this one's value.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-'))
      throw new UsageError('usage/missing-value', `${t.rawName} needs a value`);
    given.set(key, t.value);
  }
  const cmd = commandSpec(command);
  // --help and --version answer whatever else the line holds.
  if (cmd && !given.has('help') && !given.has('version')) {
    for (const key of given.keys())
      if (!(key in cmd.options) && key !== 'help' && key !== 'version')
        throw new UsageError('usage/option-not-allowed', `${cmd.name} does not take ${flagName(key)}`);
  }
  const out: Record<string, unknown> = { command, positional };
  for (const key of Object.keys(OPTIONS) as OptionKey[]) {
    const spec: OptionSpec = OPTIONS[key];
    const v = given.get(key);
    if (spec.value === undefined) out[key] = v === true;
    else if (typeof v === 'string') out[key] = valueOf(key, spec, v);
  }
  return out as ParsedArgs;
}

/** An option's value as the command uses it, or the usage error that says why it is not one. */
function valueOf(key: OptionKey, spec: OptionSpec, v: string): string | number {
  const flag = flagName(key);
  if (spec.year) {
    if (!/^\d{4}$/.test(v) || Number(v) < 1994 || Number(v) > 2100)
      throw new UsageError(
        'usage/bad-tax-year',
        `${flag} ${clipText(v)} is not a year; give the calendar year in which the tax year begins, e.g. ${flag} 2025`,
      );
    return Number(v);
  }
  if (spec.words) {
    const w = v.trim().toLowerCase();
    if (!spec.words.list.includes(w)) {
      const list = spec.words.list;
      const words = list.length > 2 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list.join(' or ');
      throw new UsageError(
        spec.words.code,
        `${flag} ${clipText(v)} is not ${spec.words.noun}; use ${words}${spec.words.why ? ` (${spec.words.why})` : ''}`,
      );
    }
    return w;
  }
  return v;
}
