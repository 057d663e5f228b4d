/**
 * The Prior Years sheet: the QREs of the 3 tax years before the study year that the
 * alternative simplified credit averages (IRC §41(c)(4)).
 */
import { ASC_BASE_SHARE, ASC_PRIOR_YEARS, ASC_RATE, ASC_STARTUP_RATE } from '../../law/rules';
import { Dec } from '../../money';
import { inForce, resolve, TAX_YEAR_MAX, TAX_YEAR_MIN } from '../../law/types';
import { fieldAt, fieldRef, type StudyRow, type StudyTable } from '../model';
import { finding } from '../findings';
import type { PriorYearField } from '../schema';
import { compare, formatPct, readNumber, toDec, ZERO, type Num, type Read } from '../values';
import { amountField, report, textField, columnSpec, type CheckContext } from './context';

/** A whole calendar year within the engine's range, or undefined (reported). */
export function readTaxYear(v: Num): number | undefined {
  const d = toDec(v);
  if (!d.isInteger()) return undefined;
  const y = d.toNumber();
  return y >= TAX_YEAR_MIN && y <= TAX_YEAR_MAX ? y : undefined;
}

function yearOf(ctx: CheckContext, t: StudyTable<PriorYearField>, r: StudyRow<PriorYearField>): number | undefined {
  if (t.columns.taxYear === undefined) return undefined;
  const read = readNumber(r.cells.taxYear);
  const year = read.kind === 'value' ? readTaxYear(read.value) : undefined;
  if (year !== undefined) return year;
  if (read.kind === 'blank') {
    textField(ctx, t, r, 'taxYear'); // reports the blank required cell
    return undefined;
  }
  const shown = read.kind === 'value' ? `is ${String(read.value)}` : read.why;
  report(
    ctx,
    'cell/not-a-year',
    t,
    r,
    'taxYear',
    `Tax Year on row ${r.row} of ${t.sheet} (${fieldRef(t, r.row, 'taxYear')}) ${shown}; enter the calendar year in which that tax year began, e.g. ${ctx.taxYear - 1}.`,
    columnSpec(t, 'taxYear').citation,
  );
  return undefined;
}

export function checkPriorYears(ctx: CheckContext, t: StudyTable<PriorYearField>): void {
  const byYear = new Map<number, { readonly row: StudyRow<PriorYearField>; readonly qre: Read<Num> }>();
  let lastRow = 1;
  for (const r of t.rows) {
    lastRow = r.row;
    const year = yearOf(ctx, t, r);
    const qre = amountField(ctx, t, r, 'qre');
    amountField(ctx, t, r, 'grossReceipts');
    if (year === undefined) continue;
    const first = byYear.get(year);
    if (first) {
      report(
        ctx,
        'prior-years/duplicate-year',
        t,
        r,
        'taxYear',
        `Tax year ${year} is listed on rows ${first.row.row} and ${r.row} of ${t.sheet} (${fieldRef(t, r.row, 'taxYear')}); keep one row per tax year with that year's total QREs.`,
      );
    } else byYear.set(year, { row: r, qre });
  }

  if (t.columns.taxYear === undefined || t.columns.qre === undefined || !inForce(ASC_STARTUP_RATE, ctx.taxYear)) return;
  const sixPercent = resolve(ASC_STARTUP_RATE, ctx.taxYear);
  const citation = sixPercent.citations.join('; ');
  const years = resolve(ASC_PRIOR_YEARS, ctx.taxYear).value;
  const ascRate = resolve(ASC_RATE, ctx.taxYear).value;
  const baseShare = resolve(ASC_BASE_SHARE, ctx.taxYear).value;
  const usual =
    ascRate === null
      ? ''
      : ` rather than ${formatPct(new Dec(ascRate))} of QREs over ${formatPct(new Dec(baseShare))} of the ${years}-year average`;
  const consequence = `so the ASC for ${ctx.taxYear} is ${formatPct(new Dec(sixPercent.value))} of QREs${usual}`;
  for (let y = ctx.taxYear - years; y < ctx.taxYear; y++) {
    const entry = byYear.get(y);
    if (!entry) {
      const at = fieldAt(t, lastRow + 1, 'taxYear');
      ctx.out.push(
        finding(
          'prior-years/six-percent',
          at,
          `${t.sheet} has no row for tax year ${y}, ${consequence}; add ${y} with its QREs (0 if the taxpayer had none) at ${fieldRef(t, lastRow + 1, 'taxYear')}.`,
          citation,
        ),
      );
    } else if (entry.qre.kind === 'blank' || (entry.qre.kind === 'value' && compare(entry.qre.value, ZERO) === 0)) {
      const what = entry.qre.kind === 'blank' ? 'is blank' : 'is 0';
      report(
        ctx,
        'prior-years/six-percent',
        t,
        entry.row,
        'qre',
        `The QRE for tax year ${y} (${fieldRef(t, entry.row.row, 'qre')}) ${what}, ${consequence}; enter that year's QREs if there were any.`,
        citation,
      );
    }
  }
}
