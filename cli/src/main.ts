/**
 * The rdtax command (docs/design.md §7): a Node host over study files. It reads files, calls core
 * (validator, compute, templates) and prints; it computes no tax number itself. Every
 * expected problem is one clear line on stderr and an exit code — never a stack trace — and
 * with --json stdout carries exactly one document, the envelope of envelope.ts, whatever
 * happens. Nothing here touches the network (IRC §7216: return information stays on this computer).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { WorkbookGrids } from '@core/study/types';
import type { FirmTemplate, Host } from '@core/templates';
import { clipText } from '@core/cells';
import type { ProfileId } from '@core/law/roles';
import { commandOf, commandSpec, parseArgs, UsageError, wantsJson, type ParsedArgs } from './args';
import type { FileReport, ReportOptions } from './check';
import {
  CommandError,
  debug,
  envelope,
  internalFailure,
  readFailure,
  type ErrorInfo,
  type FileEntry,
} from './envelope';
import { progressFor, type Progress, type ProgressTerminal } from './progress';

// Each command loads only what it needs, when it runs (`await import`): `rdtax check` on one
// small study starts in a fraction of a second and never loads compute, the catalogue, the
// templates or exceljs; the help text (which lists the catalogue) is loaded only for --help.

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  readonly cwd: string;
  /**
   * The terminal stderr is, when it is one (the launcher passes process.stderr then): a progress
   * bar is drawn on it for long work. Absent (a pipe, a file, a test): nothing extra is written.
   */
  readonly stderrTty?: ProgressTerminal | undefined;
  /** The clock the progress bar reads, in ms (Date.now; a test passes its own). */
  readonly now?: () => number;
}

export const VERSION = '0.1.0';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_UNUSABLE = 2;

/** What a command did: its exit code and, for --json, one entry per input or output file. */
interface Outcome {
  readonly exitCode: number;
  readonly files: readonly FileEntry[];
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const json = wantsJson(argv);
  const command = commandOf(argv);
  let outcome: Outcome;
  let failure: ErrorInfo | undefined;
  try {
    const args = parseArgs(argv);
    outcome = await run(args, io, json);
  } catch (e) {
    failure = e instanceof CommandError ? e.info : internalFailure(e, io.stderr);
    const hint = e instanceof UsageError ? `; see rdtax ${command ? `${command} ` : ''}--help` : '';
    io.stderr(`rdtax: ${failure.message}${hint}\n`);
    outcome = { exitCode: EXIT_UNUSABLE, files: [] };
  }
  if (json)
    io.stdout(`${JSON.stringify(envelope(VERSION, command, outcome.exitCode, outcome.files, failure), null, 2)}\n`);
  return outcome.exitCode;
}

async function run(args: ParsedArgs, io: Io, json: boolean): Promise<Outcome> {
  if (args.version) {
    if (!json) io.stdout(`rdtax ${VERSION}\n`);
    return { exitCode: EXIT_OK, files: [] };
  }
  if (args.help || args.command === 'help') {
    const { commandHelpText, helpText } = await import('./help');
    // `rdtax check --help` and `rdtax help check`: that command's help; otherwise all of it.
    const cmd = commandSpec(args.command === 'help' ? args.positional[0] : args.command);
    // With --json stdout holds only the envelope; the help text is for a person, on stderr.
    (json ? io.stderr : io.stdout)(cmd ? commandHelpText(VERSION, cmd) : helpText(VERSION));
    return { exitCode: EXIT_OK, files: [] };
  }
  switch (args.command) {
    case 'check':
      return check(args, io, json);
    case 'compute':
      return compute(args, io, json);
    case 'template':
      if (args.positional[0] === 'upgrade') return templateUpgrade(args, io, json);
      return template(args, io, json);
    case 'rollforward':
      return (await import('./rollforward')).rollForwardCommand(
        { positional: args.positional, output: args.output, force: args.force, keepAmounts: args.keepAmounts },
        io,
        json,
      );
    case undefined:
      if (!json) io.stderr((await import('./help')).helpText(VERSION));
      throw new UsageError('usage/no-command', 'no command given; use check, compute, template or rollforward');
    default:
      throw new UsageError(
        'usage/unknown-command',
        `unknown command "${clipText(args.command)}"; use check, compute, template or rollforward`,
      );
  }
}

async function profileOf(p: string): Promise<ProfileId> {
  const { PROFILE_IDS } = await import('@core/law/roles');
  if ((PROFILE_IDS as readonly string[]).includes(p)) return p as ProfileId;
  throw new UsageError(
    'usage/unknown-profile',
    `--profile ${clipText(p)} is not a profile; use ${PROFILE_IDS.join(' or ')}`,
  );
}

async function firmTemplate(args: ParsedArgs, io: Io): Promise<FirmTemplate | undefined> {
  if (!args.template) return undefined;
  const { loadTemplateFile } = await import('./check');
  return loadTemplateFile(path.resolve(io.cwd, args.template), args.template);
}

async function check(args: ParsedArgs, io: Io, json: boolean): Promise<Outcome> {
  if (args.force && args.report === undefined)
    throw new UsageError('usage/option-not-allowed', 'check takes --force only with --report file.html');
  // The report's file is settled (kind, folder, not replacing a file without --force) before any reading.
  let reportTarget: { readonly target: string; readonly kind: 'html' | 'csv' } | undefined;
  if (args.report !== undefined) {
    const ext = path.extname(args.report).toLowerCase();
    const kind = ext === '.html' || ext === '.htm' ? 'html' : ext === '.csv' ? 'csv' : undefined;
    if (!kind)
      throw new UsageError(
        'usage/bad-report',
        `--report ${clipText(args.report)}: name an .html file (a printable page) or a .csv file (one row per finding)`,
      );
    reportTarget = { target: outputTarget(args.report, args.force, io, '--report'), kind };
  }
  if (args.positional.length === 0)
    throw new UsageError('usage/no-files', 'check needs at least one file or folder: rdtax check study.xlsx');
  if (args.quiet && (args.all || json))
    throw new UsageError(
      'usage/conflicting-options',
      `--quiet prints the counts only, so it does not go with ${args.all ? '--all' : '--json'}`,
    );
  const shown: ReportOptions = {
    all: args.all,
    quiet: args.quiet,
    ...(args.severity !== undefined ? { minSeverity: args.severity } : {}),
  };
  const { checkExitCode, checkFile, formatReport, shownFindings, validateOptionsFor } = await import('./check');
  // Options are settled before any file is read: a bad --profile is one usage error, not one per file.
  const profile = args.profile ? await profileOf(args.profile) : undefined;
  const firm = await firmTemplate(args, io);
  const options = { ...validateOptionsFor(firm), ...(profile ? { profile } : {}) };
  // The drift report: with --template, or a template per study from --template-dir (drift.ts).
  const select = await driftSelectorFor(args, io, firm, options);
  const reports: FileReport[] = [];
  const { studyInputs } = await import('./inputs');
  const inputs = studyInputs(args.positional, io.cwd, args.recursive);
  const many = inputs.length > 1;
  const progress = progressFor(io.stderrTty, 'check', inputs.length, io.now);
  // Anything else written to stderr first erases the bar (it is drawn again on the next step).
  const stderr = (s: string) => {
    progress.clear();
    io.stderr(s);
  };
  let rows = 0;
  try {
    for (const [i, file] of inputs.entries()) {
      // On a terminal the bar names the file; elsewhere (a pipe, a log) one line per file.
      if (many && !io.stderrTty) io.stderr(`[${i + 1}/${inputs.length}] ${file}\n`);
      progress.startFile(file);
      const report = await checkFile(path.resolve(io.cwd, file), file, options, stderr, progress, rows, select);
      rows += report.rows;
      progress.fileDone();
      const { rows: _rows, ...kept } = report;
      reports.push(kept);
      // An unusable file is one line on stderr (in --json mode it is also in the document).
      if (report.error !== undefined) stderr(`rdtax: ${file}: ${report.error.message}\n`);
      else if (!json) {
        progress.clear();
        io.stdout(formatReport(report, shown));
      }
    }
  } finally {
    progress.finish();
  }
  if (!json && many) {
    const withErrors = reports.filter((r) => (r.summary?.errors ?? 0) > 0).length;
    const unusable = reports.filter((r) => r.error !== undefined).length;
    io.stdout(
      `\n${reports.length} files: ${withErrors} with errors, ${unusable} unusable, ${reports.length - withErrors - unusable} without errors\n`,
    );
  }
  if (reportTarget && args.report !== undefined) {
    const { findingsReportCsv, findingsReportHtml } = await import('@core/study/report');
    const input = {
      files: reports.map((r) => ({
        file: r.file,
        findings: shownFindings(r.findings, shown),
        waived: r.waived ?? [],
        ...(r.error !== undefined ? { error: r.error } : {}),
      })),
      generated: io.now ? new Date(io.now()) : new Date(),
      tool: `rdtax ${VERSION}`,
    };
    writeOutput(
      reportTarget.target,
      args.report,
      reportTarget.kind === 'html' ? findingsReportHtml(input) : findingsReportCsv(input),
      io,
    );
    (json ? io.stderr : io.stdout)(
      `Wrote ${args.report}: the findings report of ${reports.length === 1 ? '1 file' : `${reports.length} files`} (${reportTarget.kind === 'html' ? 'a printable page' : 'CSV, one row per finding'}).\n`,
    );
  }
  const files = reports.map((r): FileEntry =>
    r.error !== undefined
      ? { file: r.file, error: r.error }
      : {
          file: r.file,
          findings: shownFindings(r.findings, shown),
          summary: r.summary,
          waived: r.waived ?? [],
          ...(r.drift ? { template: r.drift } : {}),
        },
  );
  return { exitCode: checkExitCode(reports), files };
}

/** check --template / --template-dir: what each study is compared with (drift.ts), or nothing. */
async function driftSelectorFor(
  args: ParsedArgs,
  io: Io,
  firm: FirmTemplate | undefined,
  options: import('@core/study').ValidateOptions,
): Promise<import('./drift').DriftSelector | undefined> {
  if (args.templateVersion !== undefined && args.templateDir === undefined)
    throw new UsageError(
      'usage/option-not-allowed',
      '--template-version goes with --template-dir (the folder to pick it from)',
    );
  if (args.templateDir !== undefined && firm)
    throw new UsageError('usage/conflicting-options', 'give --template or --template-dir, not both');
  if (!firm && args.templateDir === undefined) return undefined;
  const [{ driftSelector, loadTemplateDir }, { loadTemplateFile }] = await Promise.all([
    import('./drift'),
    import('./check'),
  ]);
  if (firm) return driftSelector(options, { template: firm, file: args.template ?? '' }, undefined);
  const dir = args.templateDir as string;
  const templates = loadTemplateDir(path.resolve(io.cwd, dir), dir, loadTemplateFile, io.stderr);
  return driftSelector(options, undefined, {
    templates,
    dir,
    ...(args.templateVersion !== undefined ? { version: args.templateVersion } : {}),
  });
}

async function compute(args: ParsedArgs, io: Io, json: boolean): Promise<Outcome> {
  if (args.csv && json) {
    throw new UsageError(
      'usage/conflicting-options',
      'give --csv or --json, not both (--csv writes Form 6765 line by line; --json the whole computation)',
    );
  }
  if (args.output !== undefined && !args.csv) {
    throw new UsageError(
      'usage/option-not-allowed',
      'compute takes -o only with --csv (the CSV file to write): rdtax compute study.xlsx --csv -o form6765.csv',
    );
  }
  if (args.force && args.output === undefined)
    throw new UsageError('usage/option-not-allowed', 'compute takes --force only with --csv -o file.csv');
  if (args.positional.length === 0)
    throw new UsageError('usage/no-files', 'compute needs a file or folder: rdtax compute study.xlsx');
  const { studyInputs } = await import('./inputs');
  const inputs = studyInputs(args.positional, io.cwd, args.recursive);
  // --csv is one study's Form 6765, to stdout or one file: many would run together.
  if (args.csv && inputs.length > 1)
    throw new UsageError(
      'usage/too-many-files',
      `compute --csv writes one study's Form 6765, and ${args.positional.length > 1 ? 'these arguments name' : `${clipText(args.positional[0])} holds`} ${inputs.length} studies; give one file (or use --json for many)`,
    );
  // The output is settled before the study is read: a wrong -o is one usage error, not work thrown away.
  if (args.output !== undefined && !/\.csv$/i.test(args.output))
    throw new UsageError('usage/bad-output', `-o ${clipText(args.output)}: the output must be a .csv file`);
  const csvTarget = args.output !== undefined ? outputTarget(args.output, args.force, io) : undefined;
  const firm = await firmTemplate(args, io);
  const [
    { computeStudy },
    { validateWorkbook },
    { countFindings, isUnusableInput, validateOptionsFor },
    { readWorkbookFile },
  ] = await Promise.all([import('@core/compute'), import('@core/study'), import('./check'), import('./read-workbook')]);
  const lib = { computeStudy, validateWorkbook, countFindings, isUnusableInput, validateOptionsFor, readWorkbookFile };
  const many = inputs.length > 1;
  const progress = progressFor(io.stderrTty, 'compute', inputs.length, io.now);
  const outcomes: Outcome[] = [];
  try {
    for (const [i, file] of inputs.entries()) {
      // As check does: on a terminal the bar names the file; elsewhere one line per file.
      if (many && !io.stderrTty) io.stderr(`[${i + 1}/${inputs.length}] ${file}\n`);
      // One section per file: a blank line and a rule between them.
      if (many && i > 0 && !json) io.stdout(`\n${'─'.repeat(72)}\n\n`);
      outcomes.push(await computeFile(args, io, json, file, csvTarget, firm, progress, lib));
    }
  } finally {
    progress.finish();
  }
  // The worst exit code over the files: 2 (unusable) over 1 (error findings) over 0.
  const exitCode = Math.max(...outcomes.map((o) => o.exitCode));
  if (many && !json) {
    const count = (code: number) => outcomes.filter((o) => o.exitCode === code).length;
    io.stdout(
      `\n${inputs.length} files: ${count(EXIT_OK)} computed from a study without errors, ${count(EXIT_FINDINGS)} with error findings, ${count(EXIT_UNUSABLE)} unusable\n`,
    );
  }
  return { exitCode, files: outcomes.flatMap((o) => o.files) };
}

async function computeFile(
  args: ParsedArgs,
  io: Io,
  json: boolean,
  file: string,
  csvTarget: string | undefined,
  firm: FirmTemplate | undefined,
  progress: Progress,
  lib: {
    computeStudy: typeof import('@core/compute').computeStudy;
    validateWorkbook: typeof import('@core/study').validateWorkbook;
    countFindings: typeof import('./check').countFindings;
    isUnusableInput: typeof import('./check').isUnusableInput;
    validateOptionsFor: typeof import('./check').validateOptionsFor;
    readWorkbookFile: typeof import('./read-workbook').readWorkbookFile;
  },
): Promise<Outcome> {
  const { computeStudy, validateWorkbook, countFindings, isUnusableInput, validateOptionsFor, readWorkbookFile } = lib;
  const stderr = (s: string) => {
    progress.clear();
    io.stderr(s);
  };
  const fileError = (exitCode: number, error: ErrorInfo): Outcome => {
    stderr(`rdtax: ${file}: ${error.message}\n`);
    return { exitCode, files: [{ file, error }] };
  };
  let wb: WorkbookGrids;
  progress.startFile(file);
  try {
    wb = await readWorkbookFile(path.resolve(io.cwd, file), (rows, f) => progress.reading(rows, f));
  } catch (e) {
    return fileError(EXIT_UNUSABLE, readFailure(e, path.resolve(io.cwd, file), isUnusableInput, stderr));
  }
  progress.phase('checking');
  const findings = validateWorkbook(wb, validateOptionsFor(firm));
  const noStudy = findings.find((f) => f.rule === 'table/no-study');
  // Nothing to compute: no table of a study in it. An error finding, so exit 1 as `check` gives.
  if (noStudy) return fileError(EXIT_FINDINGS, { code: 'table/no-study', message: noStudy.message });
  const counts = countFindings(findings);
  let result: ReturnType<typeof computeStudy>;
  progress.phase('computing');
  try {
    result = computeStudy(wb, args.taxYear !== undefined ? { taxYear: args.taxYear } : {});
  } catch (e) {
    return fileError(EXIT_UNUSABLE, internalFailure(e, stderr)); // a defect: the file keeps its place in the document
  }
  progress.fileDone();
  progress.clear();
  const [{ findingsLine, formatComputation }, { form6765Csv }, { form6765Json, notesWithLines }] = await Promise.all([
    import('./compute-format'),
    import('./form6765-csv'),
    import('./form6765-json'),
  ]);
  if (!result.ok) {
    return fileError(EXIT_UNUSABLE, {
      code: 'compute/no-tax-year',
      message: `${result.message.replace(/\.$/, '')} (or pass --tax-year N)`,
    });
  }
  const c = result.computation;
  const exitCode = counts.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  if (args.csv) {
    const form = c.form6765;
    if (!form) {
      return fileError(EXIT_UNUSABLE, {
        code: 'compute/no-form6765',
        message: 'this version of rdtax does not compute the Form 6765 lines --csv writes',
      });
    }
    const csv = form6765Csv(form);
    if (csvTarget) {
      writeOutput(csvTarget, args.output ?? '', csv, io);
      const g = form.sectionG.components.length;
      io.stdout(
        `Wrote ${args.output}: Form 6765 (Rev. December 2024) for tax year ${form.taxYear}, ` +
          `Items A and B and lines 1–48${g > 0 ? `, Section G for ${g} component${g === 1 ? '' : 's'}` : ''}.\n`,
      );
    } else io.stdout(csv);
    // stdout holds only the CSV: why a line has no amount, and the findings, go to stderr.
    const unskipped = { ...form, lines: form.lines.filter((l) => !l.skipped) };
    for (const n of notesWithLines(c.notes, unskipped).filter((x) => x.startsWith('Form 6765 ')))
      io.stderr(`rdtax: ${file}: ${n}\n`);
    if (counts.errors + counts.warnings + counts.info > 0) io.stderr(`rdtax: ${file}: ${findingsLine(file, counts)}\n`);
    return { exitCode, files: [] };
  }
  if (!json) io.stdout(formatComputation(file, c, counts));
  const form = c.form6765 ? { form6765: form6765Json(c.form6765), notes: notesWithLines(c.notes, c.form6765) } : {};
  return { exitCode, files: [{ file, summary: counts, ...c, ...form }] };
}

/**
 * Where -o writes (resolved), after checking what can be checked before any work: that its
 * folder exists, and that an existing file is replaced only with --force.
 */
function outputTarget(out: string, force: boolean, io: Io, flag = '-o'): string {
  const target = path.resolve(io.cwd, out);
  if (!fs.existsSync(path.dirname(target)))
    throw new CommandError('output/no-folder', `${flag} ${out}: the folder ${path.dirname(out)} does not exist`);
  if (fs.existsSync(target) && !force)
    throw new CommandError('output/exists', `${out} already exists; choose another name or add --force to replace it`);
  return target;
}

/** Write -o's file, or say in one sentence why it could not be written. */
function writeOutput(target: string, out: string, text: string, io: Io): void {
  try {
    fs.writeFileSync(target, text, 'utf8');
  } catch (e) {
    throw unwritable(out, e, io);
  }
}

function unwritable(out: string, e: unknown, io: Io): CommandError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOSPC'
        ? 'the disk is full'
        : code === 'EISDIR'
          ? 'it is a folder'
          : undefined;
  if (why === undefined) debug(io.stderr, out, e);
  return new CommandError(
    'output/unwritable',
    `could not write ${out}${why ? ` (${why})` : ''}; check the folder and try again`,
  );
}

/** `rdtax template upgrade --template firm-v4.json study.xlsx -o upgraded.xlsx` (upgrade.ts). */
async function templateUpgrade(args: ParsedArgs, io: Io, json: boolean): Promise<Outcome> {
  if (args.profile || args.taxYear !== undefined)
    throw new UsageError(
      'usage/option-not-allowed',
      `template upgrade does not take ${args.profile ? '--profile' : '--tax-year'}: the study keeps its own`,
    );
  const { templateUpgradeCommand } = await import('./upgrade');
  return templateUpgradeCommand(
    {
      positional: args.positional.slice(1),
      template: await firmTemplate(args, io),
      output: args.output,
      force: args.force,
      host: args.host === 'sheets' ? 'sheets' : 'excel',
    },
    io,
    json,
  );
}

async function template(args: ParsedArgs, io: Io, json: boolean): Promise<Outcome> {
  if (args.positional.length > 0) {
    throw new UsageError(
      'usage/unexpected-argument',
      `template takes no file names; write the output with -o ${clipText(args.positional[0])}`,
    );
  }
  if (args.profile && args.template) {
    throw new UsageError(
      'usage/conflicting-options',
      'give --profile or --template, not both (a firm template names its own profile)',
    );
  }
  // parseArgs accepted only excel or sheets.
  const host: Host = args.host === 'sheets' ? 'sheets' : 'excel';
  if (!args.output)
    throw new UsageError('usage/no-output', 'template needs an output file: rdtax template -o study.xlsx');
  const out = args.output;
  if (!/\.xlsx$/i.test(out))
    throw new UsageError('usage/bad-output', `-o ${clipText(out)}: the output must be an .xlsx file`);
  const [{ BUILTIN_TEMPLATES, renderTemplate }, { writeWorkbook }] = await Promise.all([
    import('@core/templates'),
    import('./xlsx-write'),
  ]);
  let base: FirmTemplate =
    (await firmTemplate(args, io)) ?? BUILTIN_TEMPLATES[await profileOf(args.profile ?? 'software')];
  if (args.taxYear !== undefined) base = { ...base, taxYear: args.taxYear };
  const target = outputTarget(out, args.force, io);
  try {
    await writeWorkbook(renderTemplate(base, host), target);
  } catch (e) {
    throw unwritable(out, e, io);
  }
  const hostName = host === 'excel' ? 'Excel' : 'Google Sheets';
  if (!json) {
    io.stdout(
      `Wrote ${out}: template ${base.id} version ${base.version} (${base.profile} profile, tax year ${base.taxYear}) for ${hostName}.\n`,
    );
  }
  return {
    exitCode: EXIT_OK,
    files: [
      {
        file: out,
        template: { id: base.id, version: base.version, profile: base.profile, taxYear: base.taxYear, host },
      },
    ],
  };
}
