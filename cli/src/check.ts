/** `rdtax check`: validate study files and report findings, one file at a time. */
import * as fs from 'fs';
import { reviewWorkbook, type ValidateOptions, type WaivedFinding } from '@core/study';
import type { Finding, Severity } from '@core/study/types';
// The part of @core/templates every check needs (its index also loads the renderer and the
// built-ins; the template parser, which loads the catalogue, is loaded only for --template).
import { validateOptionsFor } from '@core/templates/options';
import type { FirmTemplate } from '@core/templates/types';
import type { Drift, DriftSelector } from './drift';
import { CommandError, readFailure, type ErrorInfo } from './envelope';
import type { Progress } from './progress';
import { readWorkbookFile, UnusableInput } from './read-workbook';

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly Finding[];
  /** The findings reviewers waived on the study's Waivers sheet (not in `findings` or the counts). */
  readonly waived?: readonly WaivedFinding[];
  /** null when the file could not be read (see `error`). */
  readonly summary: FindingCounts | null;
  /** Why the file is unusable (exit code 2). */
  readonly error?: ErrorInfo;
  /** With --template or --template-dir: the template version the study was made from, against the one given (drift.ts). */
  readonly drift?: Drift;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let info = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else info++;
  }
  return { errors, warnings, info };
}

/** The validator options a firm template brings (one function for the CLI and the panel). */
export { validateOptionsFor };

/** A firm template is JSON text: a few hundred KB at most; a larger file is not one. */
const MAX_TEMPLATE_BYTES = 4 * 1024 * 1024;

/**
 * Read and check a firm template file. An unreadable file is `template/unreadable`, an invalid
 * one `template/invalid` with every located problem as a detail.
 */
export function loadTemplateFile(file: string, shownAs = file): FirmTemplate {
  let text: string | undefined;
  let why = 'cannot be read';
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) why = 'is a folder, not a .json file';
    else if (!stat.isFile()) why = 'is not a regular file';
    else if (stat.size > MAX_TEMPLATE_BYTES)
      why = `is larger than ${MAX_TEMPLATE_BYTES / 1048576} MB, far more than a firm template`;
    else text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') why = 'no such file';
    else if (code === 'EACCES' || code === 'EPERM') why = 'cannot be read (permission denied)';
  }
  if (text === undefined) throw new CommandError('template/unreadable', `template ${shownAs}: ${why}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseTemplate } = require('@core/templates/parse') as typeof import('@core/templates/parse');
  const parsed = parseTemplate(text);
  if (!parsed.ok) {
    throw new CommandError(
      'template/invalid',
      `template ${shownAs} is not a valid firm template:\n  ${parsed.errors.join('\n  ')}`,
      parsed.errors,
    );
  }
  return parsed.template;
}

/** Read and validate one file; a file that cannot be read is a report with `error` (exit 2), never a throw. */
export async function checkFile(
  file: string,
  shownAs: string,
  options: ValidateOptions,
  stderr: (s: string) => void,
  progress?: Progress,
  rowsBefore = 0,
  select?: DriftSelector,
): Promise<FileReport & { readonly rows: number }> {
  let wb;
  try {
    wb = await readWorkbookFile(file, progress && ((rows, f) => progress.reading(rowsBefore + rows, f)));
  } catch (e) {
    return {
      file: shownAs,
      findings: [],
      summary: null,
      error: readFailure(e, file, isUnusableInput, stderr),
      rows: 0,
    };
  }
  let rows = 0;
  for (const sh of wb.sheets) rows += sh.values.length;
  progress?.reading(rowsBefore + rows, 1);
  progress?.phase('checking');
  // Never throws: a defect is an internal/error finding. Waivers on the Waivers sheet applied.
  // --template-dir: the options of the template this study names; with --template: its drift too.
  const chosen = select?.(shownAs, wb);
  const { findings, waived } = reviewWorkbook(wb, chosen?.options ?? options);
  return {
    file: shownAs,
    findings,
    waived,
    summary: countFindings(findings),
    rows,
    ...(chosen ? { drift: chosen.drift } : {}),
  };
}

export const isUnusableInput = (e: unknown): boolean => e instanceof UnusableInput;

/** 2 if any file is unusable, else 1 if any has an error finding, else 0. */
export function checkExitCode(reports: readonly FileReport[]): number {
  if (reports.some((r) => r.error !== undefined)) return 2;
  if (reports.some((r) => (r.summary?.errors ?? 0) > 0)) return 1;
  return 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeCounts(c: FindingCounts): string {
  if (c.errors + c.warnings + c.info === 0) return 'no findings';
  return [plural(c.errors, 'error'), plural(c.warnings, 'warning'), `${c.info} info`].join(', ');
}

const LABEL: Readonly<Record<Severity, string>> = { error: 'error  ', warning: 'warning', info: 'info   ' };
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** How a report is shown: `rdtax check --all`, `--quiet`, `--severity`. */
export interface ReportOptions {
  /** Every finding listed (otherwise a rule on more than GROUP_AFTER cells is one entry). */
  readonly all?: boolean;
  /** The counts line only. */
  readonly quiet?: boolean;
  /** The least severe findings listed (the counts still count every finding). */
  readonly minSeverity?: Severity;
}

/**
 * A rule that fires on more than this many cells of one file is listed once — its count, the
 * first cells and the first finding's message — unless `--all`: a 50,000-row study where
 * every developer is at ≥ 80% is one entry, not 150,000 lines.
 */
export const GROUP_AFTER = 5;

/** The findings `--severity` lets through (all of them without it). */
export function shownFindings(findings: readonly Finding[], o: ReportOptions = {}): readonly Finding[] {
  const min = o.minSeverity;
  if (min === undefined || min === 'info') return findings;
  return findings.filter((f) => RANK[f.severity] <= RANK[min]);
}

const whole = (n: number) => n.toLocaleString('en-US');

/** The human-readable report of one file. */
export function formatReport(r: FileReport, o: ReportOptions = {}): string {
  if (r.error !== undefined) return `${r.file}: unusable — ${r.error.message}\n`;
  const shown = shownFindings(r.findings, o);
  const hidden = r.findings.length - shown.length;
  const waivedCount = r.waived?.length ?? 0;
  const notes = [
    ...(waivedCount > 0 ? [`${whole(waivedCount)} waived by a reviewer`] : []),
    ...(hidden > 0 && !o.quiet ? [`${whole(hidden)} below ${o.minSeverity} not listed`] : []),
  ];
  const lines = [`${r.file}: ${describeCounts(r.summary!)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`];
  if (r.drift) lines.push(`  template: ${r.drift.line}`);
  if (o.quiet) return `${lines.join('\n')}\n`;
  const perRule = new Map<string, number>();
  if (!o.all) for (const f of shown) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
  // (a loop, not Math.max(...spread): a study can have hundreds of thousands of findings)
  let cellWidth = 0;
  for (const f of shown) cellWidth = Math.min(28, Math.max(cellWidth, f.cell.length));
  const listed = new Set<string>();
  let folded = 0;
  for (const f of shown) {
    const n = o.all ? 1 : (perRule.get(f.rule) as number);
    if (n <= GROUP_AFTER) {
      lines.push(`  ${LABEL[f.severity]}  ${f.cell.padEnd(cellWidth)}  ${f.rule}`);
      lines.push(`           ${f.message}`);
      lines.push(`           (${f.citation})`);
      continue;
    }
    // The rule's first finding stands for all of them, where it falls in the report.
    if (listed.has(f.rule)) continue;
    listed.add(f.rule);
    folded++;
    const cells: string[] = [];
    for (const g of shown) {
      if (g.rule !== f.rule) continue;
      cells.push(g.cell);
      if (cells.length === GROUP_AFTER) break;
    }
    lines.push(`  ${LABEL[f.severity]}  ${f.cell.padEnd(cellWidth)}  ${f.rule} — ${whole(n)} cells`);
    lines.push(`           ${cells.join(', ')} and ${whole(n - cells.length)} more; the first:`);
    lines.push(`           ${f.message}`);
    lines.push(`           (${f.citation})`);
  }
  const waived = r.waived ?? [];
  if (waived.length > 0) {
    lines.push(`  waived by a reviewer (${whole(waived.length)}; not counted above):`);
    const listedWaived = o.all ? waived : waived.slice(0, GROUP_AFTER * 4);
    for (const w of listedWaived) {
      const by = [w.waiver.reviewer, w.waiver.date].filter((x) => x !== undefined).join(', ');
      lines.push(
        `  ${LABEL[w.severity]}  ${w.cell.padEnd(cellWidth)}  ${w.rule} — waived (${w.waiver.at}${by ? `, ${by}` : ''})`,
      );
      lines.push(`           ${w.waiver.reason}`);
    }
    if (listedWaived.length < waived.length)
      lines.push(
        `  (and ${whole(waived.length - listedWaived.length)} more waived; rdtax check --all lists every one)`,
      );
  }
  if (folded > 0)
    lines.push(
      `  (${folded === 1 ? 'a rule' : `${folded} rules`} on more than ${GROUP_AFTER} cells listed once; rdtax check --all lists every finding)`,
    );
  return `${lines.join('\n')}\n`;
}
