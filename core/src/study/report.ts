/**
 * The findings report (issue 13 §2 "Export"): one printable HTML page, or a CSV, of the findings
 * of one or more studies and the findings reviewers waived — the same report from the panel's
 * Export and from `rdtax check --report`. Pure text out of plain data: every value from a
 * workbook is escaped (HTML) or quote-prefixed (CSV, `csvText`), so a cell holding markup or a
 * formula is shown as text and runs nothing. The page has no script and loads nothing: its
 * Content-Security-Policy allows only its own inline style.
 */
import { csvText } from '../templates/text';
import type { WaivedFinding } from './validator';
import type { Finding, Severity } from './types';

export interface ReportFile {
  /** The study as the user named it (a file path, or the workbook's title in a host). */
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly waived: readonly WaivedFinding[];
  /** Why the file could not be checked (then it has no findings). */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface ReportInput {
  readonly files: readonly ReportFile[];
  /** When the report was made. */
  readonly generated: Date;
  /** What made it: `rdtax 0.1.0`, `RD Credit Studio for Excel`. */
  readonly tool: string;
}

/** Severity as text and a mark, so it reads without colour (print, forced colours). */
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = { error: '✖', warning: '▲', info: '●' };
const SEVERITY_WORD: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', info: 'Info' };

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "2 errors, 1 warning, 0 info" (the CLI's counts line). */
export function countsText(findings: readonly Finding[]): string {
  let e = 0;
  let w = 0;
  let i = 0;
  for (const f of findings) {
    if (f.severity === 'error') e++;
    else if (f.severity === 'warning') w++;
    else i++;
  }
  return e + w + i === 0
    ? 'no findings'
    : `${plural(e, 'error')}, ${plural(w, 'warning')}, ${i.toLocaleString('en-US')} info`;
}

const STYLE = `
body{font:14px/1.45 "Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;color:#242424;margin:24px;}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 4px;overflow-wrap:anywhere}
p.meta{color:#616161;margin:0 0 16px}p.counts{margin:0 0 8px}
table{border-collapse:collapse;width:100%;margin:0 0 16px}
th,td{border:1px solid #d1d1d1;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.sev,td.cell,td.rule{white-space:nowrap}td.msg{overflow-wrap:anywhere}
.error td.sev{color:#b10e1c}.warning td.sev{color:#8a5a00}.info td.sev{color:#0f548c}
tr{break-inside:avoid}thead{display:table-header-group}
@media print{body{margin:0}a{color:inherit}}
@media (forced-colors:active){td.sev{color:CanvasText}}
`;

const findingRow = (f: Finding): string =>
  `<tr class="${f.severity}"><td class="sev">${SEVERITY_MARK[f.severity]} ${SEVERITY_WORD[f.severity]}</td>` +
  `<td class="cell">${escapeHtml(f.cell)}</td><td class="rule">${escapeHtml(f.rule)}</td>` +
  `<td class="msg">${escapeHtml(f.message)}</td><td>${escapeHtml(f.citation)}</td></tr>`;

const waivedRow = (w: WaivedFinding): string =>
  `<tr class="${w.severity}"><td class="sev">${SEVERITY_MARK[w.severity]} ${SEVERITY_WORD[w.severity]}</td>` +
  `<td class="cell">${escapeHtml(w.cell)}</td><td class="rule">${escapeHtml(w.rule)}</td>` +
  `<td class="msg">${escapeHtml(w.waiver.reason)}</td><td>${escapeHtml(w.waiver.value)}</td>` +
  `<td>${escapeHtml(w.waiver.reviewer ?? '')}</td><td>${escapeHtml(w.waiver.date ?? '')}</td></tr>`;

/** The report as one self-contained, printable HTML page. */
export function findingsReportHtml(r: ReportInput): string {
  const when = r.generated.toISOString().slice(0, 16).replace('T', ' ');
  const parts: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Study findings — ${escapeHtml(r.files.length === 1 ? (r.files[0]?.file ?? '') : `${r.files.length} studies`)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    '<h1>Study findings</h1>',
    `<p class="meta">${escapeHtml(r.tool)}, ${escapeHtml(when)} UTC. Made on this computer; nothing in it was sent anywhere.</p>`,
  ];
  for (const f of r.files) {
    parts.push(`<section><h2>${escapeHtml(f.file)}</h2>`);
    if (f.error) {
      parts.push(
        `<p class="counts">Could not be checked: ${escapeHtml(f.error.message)} (${escapeHtml(f.error.code)})</p></section>`,
      );
      continue;
    }
    const waived = f.waived.length > 0 ? `; ${plural(f.waived.length, 'finding')} waived by a reviewer` : '';
    parts.push(`<p class="counts">${escapeHtml(countsText(f.findings))}${waived}</p>`);
    if (f.findings.length > 0) {
      parts.push(
        '<table><thead><tr><th>Severity</th><th>Cell</th><th>Rule</th><th>Finding</th><th>Citation</th></tr></thead><tbody>',
      );
      for (const x of f.findings) parts.push(findingRow(x));
      parts.push('</tbody></table>');
    }
    if (f.waived.length > 0) {
      parts.push(
        '<h3>Waived by a reviewer</h3><table><thead><tr><th>Severity</th><th>Cell</th><th>Rule</th><th>Reason</th><th>Value waived</th><th>Reviewer</th><th>Date</th></tr></thead><tbody>',
      );
      for (const w of f.waived) parts.push(waivedRow(w));
      parts.push('</tbody></table>');
    }
    parts.push('</section>');
  }
  parts.push('</body></html>', '');
  return parts.join('\n');
}

/** The CSV header of `findingsReportCsv`. */
export const REPORT_CSV_HEADER = [
  'file',
  'severity',
  'rule',
  'sheet',
  'cell',
  'message',
  'citation',
  'waived',
  'waiver_reason',
  'waiver_value',
  'waiver_reviewer',
  'waiver_date',
] as const;

/**
 * The report as CSV (RFC 4180, CRLF, UTF-8): one row per finding, standing or waived (`waived`
 * Yes/No and the waiver's fields), and one row per file that could not be checked (severity
 * `unusable`, the reason as its message). Text is quote-prefixed where a spreadsheet would read
 * a formula.
 */
export function findingsReportCsv(r: ReportInput): string {
  const rows: string[] = [REPORT_CSV_HEADER.join(',')];
  const line = (cells: readonly string[]) => rows.push(cells.map(csvText).join(','));
  for (const f of r.files) {
    if (f.error) {
      line([f.file, 'unusable', f.error.code, '', '', f.error.message, '', 'No', '', '', '', '']);
      continue;
    }
    for (const x of f.findings)
      line([f.file, x.severity, x.rule, x.sheet, x.cell, x.message, x.citation, 'No', '', '', '', '']);
    for (const w of f.waived)
      line([
        f.file,
        w.severity,
        w.rule,
        w.sheet,
        w.cell,
        w.message,
        w.citation,
        'Yes',
        w.waiver.reason,
        w.waiver.value,
        w.waiver.reviewer ?? '',
        w.waiver.date ?? '',
      ]);
  }
  return `${rows.join('\r\n')}\r\n`;
}
