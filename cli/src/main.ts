/**
 * The rdtax command (DESIGN.md §7): a Node host over study files. It reads files, calls core
 * (validator, compute, templates) and prints; it computes no tax number itself. Every
 * expected problem is one clear line on stderr and an exit code — never a stack trace.
 * Nothing here touches the network (IRC §7216: return information stays on this computer).
 */
import * as fs from 'fs';
import * as path from 'path';
import { computeStudy } from '../../core/src/compute';
import { validateWorkbook } from '../../core/src/study';
import type { WorkbookGrids } from '../../core/src/study/types';
import { BUILTIN_TEMPLATES, renderTemplate, type FirmTemplate, type Host } from '../../core/src/templates';
import { PROFILE_IDS, type ProfileId } from '../../core/src/law/roles';
import { parseArgs, UsageError, type ParsedArgs } from './args';
import { checkExitCode, checkFile, countFindings, formatReport, loadTemplateFile, validateOptionsFor, type FileReport } from './check';
import { formatComputation } from './compute-format';
import { helpText } from './help';
import { readWorkbookFile, UnusableInput } from './read-workbook';
import { writeWorkbook } from './xlsx-write';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  readonly cwd: string;
}

export const VERSION = '0.1.0';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_UNUSABLE = 2;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`rdtax: ${e.message} (rdtax --help lists the commands)\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
  if (args.version) {
    io.stdout(`rdtax ${VERSION}\n`);
    return EXIT_OK;
  }
  if (args.help || args.command === 'help') {
    io.stdout(helpText(VERSION));
    return EXIT_OK;
  }
  try {
    switch (args.command) {
      case 'check':
        return await check(args, io);
      case 'compute':
        return await compute(args, io);
      case 'template':
        return await template(args, io);
      case undefined:
        io.stderr(helpText(VERSION));
        return EXIT_UNUSABLE;
      default:
        io.stderr(`rdtax: unknown command "${args.command}"; use check, compute or template (rdtax --help)\n`);
        return EXIT_UNUSABLE;
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnusableInput) {
      io.stderr(`rdtax: ${e.message}\n`);
      return EXIT_UNUSABLE;
    }
    throw e;
  }
}

function rejectOptions(args: ParsedArgs, command: string, allowed: readonly (keyof ParsedArgs)[]): void {
  for (const k of ['taxYear', 'profile', 'template', 'host', 'output', 'force', 'json'] as const) {
    const given = k === 'force' || k === 'json' ? args[k] : args[k] !== undefined;
    if (given && !allowed.includes(k)) {
      const flag = { taxYear: '--tax-year', profile: '--profile', template: '--template', host: '--host', output: '-o', force: '--force', json: '--json' }[k];
      throw new UsageError(`${command} does not take ${flag}`);
    }
  }
}

async function check(args: ParsedArgs, io: Io): Promise<number> {
  rejectOptions(args, 'check', ['json', 'template', 'profile']);
  if (args.positional.length === 0) throw new UsageError('check needs at least one file or folder: rdtax check study.xlsx');
  const firm = args.template ? loadTemplateFile(path.resolve(io.cwd, args.template), args.template) : undefined;
  const options = { ...validateOptionsFor(firm), ...(args.profile ? { profile: profileOf(args.profile) } : {}) };
  const reports: FileReport[] = [];
  const many = args.positional.length > 1;
  for (const [i, file] of args.positional.entries()) {
    if (many) io.stderr(`[${i + 1}/${args.positional.length}] ${file}\n`);
    const report: FileReport = { ...(await checkFile(path.resolve(io.cwd, file), options)), file };
    reports.push(report);
    // An unusable file is one line on stderr (in --json mode it is also in the document).
    if (report.error !== undefined) io.stderr(`rdtax: ${file}: ${report.error}\n`);
    else if (!args.json) io.stdout(formatReport(report));
  }
  if (args.json) {
    io.stdout(`${JSON.stringify({ files: reports.map((r) => ({ file: r.file, ...(r.error !== undefined ? { error: r.error } : {}), findings: r.findings, summary: r.summary })) }, null, 2)}\n`);
  } else if (many) {
    const withErrors = reports.filter((r) => (r.summary?.errors ?? 0) > 0).length;
    const unusable = reports.filter((r) => r.error !== undefined).length;
    io.stdout(`\n${reports.length} files: ${withErrors} with errors, ${unusable} unusable, ${reports.length - withErrors - unusable} without errors\n`);
  }
  return checkExitCode(reports);
}

function profileOf(p: string): ProfileId {
  if ((PROFILE_IDS as readonly string[]).includes(p)) return p as ProfileId;
  throw new UsageError(`--profile ${p} is not a profile; use ${PROFILE_IDS.join(' or ')}`);
}

async function compute(args: ParsedArgs, io: Io): Promise<number> {
  rejectOptions(args, 'compute', ['json', 'taxYear', 'template']);
  if (args.positional.length !== 1) throw new UsageError('compute takes exactly one file or folder: rdtax compute study.xlsx');
  const file = args.positional[0];
  const firm = args.template ? loadTemplateFile(path.resolve(io.cwd, args.template), args.template) : undefined;
  let wb: WorkbookGrids;
  try {
    wb = await readWorkbookFile(path.resolve(io.cwd, file));
  } catch (e) {
    if (!(e instanceof UnusableInput)) throw e;
    if (args.json) io.stdout(`${JSON.stringify({ file, error: e.message }, null, 2)}\n`);
    throw new UnusableInput(`${file}: ${e.message}`);
  }
  const findings = validateWorkbook(wb, validateOptionsFor(firm));
  const counts = countFindings(findings);
  const result = computeStudy(wb, args.taxYear !== undefined ? { taxYear: args.taxYear } : {});
  if (!result.ok) {
    const message = `${file}: ${result.message.replace(/\.$/, '')} (or pass --tax-year N)`;
    if (args.json) io.stdout(`${JSON.stringify({ file, error: message, summary: counts }, null, 2)}\n`);
    io.stderr(`rdtax: ${message}\n`);
    return EXIT_UNUSABLE;
  }
  if (args.json) io.stdout(`${JSON.stringify({ file, summary: counts, ...result.computation }, null, 2)}\n`);
  else io.stdout(formatComputation(file, result.computation, counts));
  return counts.errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

async function template(args: ParsedArgs, io: Io): Promise<number> {
  rejectOptions(args, 'template', ['profile', 'template', 'host', 'output', 'force', 'taxYear']);
  if (args.positional.length > 0) throw new UsageError(`template takes no file names; write the output with -o ${args.positional[0]}`);
  if (args.profile && args.template) throw new UsageError('give --profile or --template, not both (a firm template names its own profile)');
  const host: Host = args.host === undefined ? 'excel' : args.host === 'excel' || args.host === 'sheets' ? args.host : hostError(args.host);
  if (!args.output) throw new UsageError('template needs an output file: rdtax template -o study.xlsx');
  const out = args.output;
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`-o ${out}: the output must be an .xlsx file`);
  let base: FirmTemplate = args.template ? loadTemplateFile(path.resolve(io.cwd, args.template), args.template) : BUILTIN_TEMPLATES[profileOf(args.profile ?? 'software')];
  if (args.taxYear !== undefined) base = { ...base, taxYear: args.taxYear };
  const dir = path.dirname(path.resolve(io.cwd, out));
  if (!fs.existsSync(dir)) throw new UnusableInput(`-o ${out}: the folder ${path.dirname(out)} does not exist`);
  if (fs.existsSync(path.resolve(io.cwd, out)) && !args.force) {
    throw new UnusableInput(`${out} already exists; choose another name or add --force to replace it`);
  }
  try {
    await writeWorkbook(renderTemplate(base, host), path.resolve(io.cwd, out));
  } catch (e) {
    throw new UnusableInput(`could not write ${out} (${(e as Error).message})`);
  }
  io.stdout(
    `Wrote ${out}: template ${base.id} version ${base.version} (${base.profile} profile, tax year ${base.taxYear}) for ${host === 'excel' ? 'Excel' : 'Google Sheets'}.\n`,
  );
  return EXIT_OK;
}

function hostError(h: string): never {
  throw new UsageError(`--host ${h} is not a host; use excel or sheets`);
}

