/** The readable table `rdtax compute` prints (the JSON form is the computation itself). */
import type { Amount, StudyComputation } from '@core/compute';
import { describeCounts, type FindingCounts } from './check';

/** 1234.5 → "1,234.50" (amounts arrive rounded to the cent by the catalogue). */
export function money(n: number): string {
  const neg = n < 0;
  const [whole, frac] = Math.abs(n).toFixed(2).split('.');
  return `${neg ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

function cell(a: Amount | { amount: number | null; error?: string; notApplicable?: string }, width = 16): string {
  if (a.amount !== null) return money(a.amount).padStart(width);
  return 'not computed'.padStart(width);
}

const wrap = (text: string, indent: string, width = 100): string => {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (indent + line + ' ' + w).length > width) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
};

export function formatComputation(file: string, c: StudyComputation, counts: FindingCounts): string {
  const out: string[] = [];
  const source = c.taxYearSource === 'option' ? '--tax-year' : c.taxYearSource;
  out.push(`${file} — tax year beginning in ${c.taxYear} (${source})`);
  out.push('');
  out.push('Form 6765 (Rev. December 2024), Section F — qualified research expenses');
  for (const l of c.sectionF) {
    out.push(`  ${l.line.padEnd(4)}  ${l.label.padEnd(46)}${cell(l)}`);
    if (l.error) out.push(wrap(l.error, '        '));
  }
  out.push('');
  out.push(
    `Credit${c.reduced280c ? ' (reduced credit, §280C(c) election made)' : ' (full credit, no §280C(c) election)'}`,
  );
  for (const cr of [c.credits.asc, c.credits.regular]) {
    const section = cr.method === 'asc' ? 'Section B' : 'Section A';
    out.push(
      `  ${`${cr.label} (${section})`.padEnd(52)}${cr.amount !== null ? cell(cr) : cr.notApplicable ? 'n/a'.padStart(16) : cell(cr)}`,
    );
    if (cr.notApplicable) out.push(wrap(cr.notApplicable, '        '));
    if (cr.error) out.push(wrap(cr.error, '        '));
  }
  out.push('');
  const s = c.sec174;
  out.push(`§174 / §174A deduction for tax year ${c.taxYear} (method: ${s.method})`);
  out.push(
    `  ${''.padEnd(24)}${'R&E incurred'.padStart(16)}${'Deducted now'.padStart(16)}${'Earlier years'.padStart(16)}`,
  );
  out.push(
    `  ${'Domestic (§174A / §174)'.padEnd(24)}${cell(s.domestic.incurred)}${cell(s.domestic.deduction)}${cell(s.domestic.priorVintages)}`,
  );
  out.push(
    `  ${'Foreign (§174, 15 yrs)'.padEnd(24)}${cell(s.foreign.incurred)}${cell(s.foreign.deduction)}${cell(s.foreign.priorVintages)}`,
  );
  out.push(`  ${'Total deduction'.padEnd(56)}${cell(s.total)}`);
  for (const part of [
    s.domestic.incurred,
    s.domestic.deduction,
    s.domestic.priorVintages,
    s.foreign.incurred,
    s.foreign.deduction,
    s.foreign.priorVintages,
  ]) {
    if (part.error) out.push(wrap(part.error, '        '));
  }
  out.push('');
  const p = c.payroll;
  out.push('Payroll tax election, Form 6765 Section D (qualified small business, §41(h))');
  if (p.amount !== null) {
    out.push(
      p.eligible
        ? `  Available: ${money(p.amount)} against the ${p.creditUsed === 'asc' ? 'ASC' : 'regular credit'} (employer OASDI ${money(p.oasdi ?? 0)}, Medicare ${money(p.medicare ?? 0)})`
        : '  Not available: the business is not a qualified small business for this year (or has used its 5 elections).',
    );
  } else out.push(wrap(p.notApplicable ?? p.error ?? 'not computed', '  '));
  if (c.excluded.length > 0) {
    out.push('');
    out.push(`Rows left out (${c.excluded.length})`);
    const shown = c.excluded.slice(0, 50);
    for (const e of shown) out.push(wrap(`${e.cell}: ${e.reason} (${e.citation})`, '  '));
    if (c.excluded.length > shown.length)
      out.push(`  … and ${c.excluded.length - shown.length} more (use --json for all)`);
  }
  if (c.notes.length > 0) {
    out.push('');
    out.push('Notes');
    for (const n of c.notes) out.push(wrap(`- ${n}`, '  '));
  }
  out.push('');
  out.push(
    counts.errors > 0
      ? `Findings: ${describeCounts(counts)}. The study has errors: fix them before relying on these numbers (rdtax check ${file}).`
      : `Findings: ${describeCounts(counts)}${counts.warnings + counts.info > 0 ? ` (rdtax check ${file} lists them)` : ''}.`,
  );
  return `${out.join('\n')}\n`;
}
