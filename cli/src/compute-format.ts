/**
 * The readable report `rdtax compute` prints: Form 6765 section by section (form6765-format.ts),
 * the states' QREs and credits when a row names a state (state-format.ts), then the §174/§174A deduction with its §280C(c)(1) reduction, the payroll election, the rows
 * left out, the notes and the findings line. The JSON form is the computation itself (main.ts).
 */
import type { Amount, Sec174Part, StudyComputation } from '@core/compute';
import { describeCounts, type FindingCounts } from './check';
import { formatForm6765, money, plain, wrap as wrapLines } from './form6765-format';
import { formatStates } from './state-format';

export { money };

function cell(a: Amount | { amount: number | null; error?: string; notApplicable?: string }, width = 16): string {
  if (a.amount !== null) return money(a.amount).padStart(width);
  return 'not computed'.padStart(width);
}

const wrap = (text: string, indent: string): string => wrapLines(plain(text), indent).join('\n');

/** Section F and the two credits as totals: what compute printed before the whole form (no `form6765`). */
function sectionFAndCredits(c: StudyComputation): string[] {
  const out: string[] = [];
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
  return out;
}

/** §280C(c)(1) without the election: what the credit takes off this part's deduction, as its own line. */
function reductionLines(name: string, part: Sec174Part): string[] {
  const r = part.reduction280c;
  if (!r) return [];
  const out = [`  ${`§280C(c)(1) reduction, ${name}`.padEnd(56)}${cell(r)}`];
  const before = r.before !== null ? `; the deduction before it: ${money(r.before)}` : '';
  out.push(wrap(`${r.applies}${before} (${r.citation})`, '        '));
  if (r.error) out.push(wrap(r.error, '        '));
  return out;
}

export function formatComputation(file: string, c: StudyComputation, counts: FindingCounts): string {
  const out: string[] = [];
  const source = c.taxYearSource === 'option' ? '--tax-year' : c.taxYearSource;
  out.push(`${file} — tax year beginning in ${c.taxYear} (${source})`);
  out.push('');
  out.push(...(c.form6765 ? formatForm6765(c.form6765) : sectionFAndCredits(c)));
  out.push('');
  // Only when a row names a state (the JSON always carries `states`).
  const states = formatStates(c.states);
  if (states.length > 0) out.push(...states, '');
  const s = c.sec174;
  out.push(`§174 / §174A deduction for tax year ${c.taxYear} (method: ${s.method})`);
  out.push(
    `  ${''.padEnd(24)}${'R&E incurred'.padStart(16)}${'Deducted now'.padStart(16)}${'Earlier years'.padStart(16)}`,
  );
  out.push(
    `  ${'Domestic (§174A / §174)'.padEnd(24)}${cell(s.domestic.incurred)}${cell(s.domestic.deduction)}${cell(s.domestic.priorVintages)}`,
  );
  out.push(...reductionLines('domestic', s.domestic));
  out.push(
    `  ${'Foreign (§174, 15 yrs)'.padEnd(24)}${cell(s.foreign.incurred)}${cell(s.foreign.deduction)}${cell(s.foreign.priorVintages)}`,
  );
  out.push(...reductionLines('foreign', s.foreign));
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
  const creditName = p.creditUsed === 'asc' ? 'ASC' : 'regular credit';
  const offered = p.creditUsed ? c.credits[p.creditUsed].amount : null;
  if (p.amount !== null && p.eligible) {
    out.push(
      `  Available: ${money(p.amount)} against the ${creditName} (employer OASDI ${money(p.oasdi ?? 0)}, Medicare ${money(p.medicare ?? 0)})`,
    );
  } else if (p.amount !== null && offered === 0) {
    // A credit of 0 leaves nothing to elect, whether or not the business qualifies.
    out.push(`  Nothing to elect: the ${creditName} is 0.00.`);
  } else if (p.amount !== null) {
    out.push(
      wrap(
        p.notApplicable ??
          'Not available: the business is not a qualified small business for this year (or has used its 5 elections).',
        '  ',
      ),
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
  out.push(findingsLine(file, counts));
  return `${out.join('\n')}\n`;
}

/** The last line of the report: how many findings, and whether the numbers can be relied on. */
export function findingsLine(file: string, counts: FindingCounts): string {
  return counts.errors > 0
    ? `Findings: ${describeCounts(counts)}. The study has errors: fix them before relying on these numbers (rdtax check ${file}).`
    : `Findings: ${describeCounts(counts)}${counts.warnings + counts.info > 0 ? ` (rdtax check ${file} lists them)` : ''}.`;
}
