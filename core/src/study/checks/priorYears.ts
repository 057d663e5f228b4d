/**
 * The Prior Years sheet: the QREs of the 3 tax years before the study year that the
 * alternative simplified credit averages (IRC §41(c)(4)).
 */
import { ASC_BASE_SHARE, ASC_PRIOR_YEARS, ASC_RATE, ASC_STARTUP_RATE } from '../../law/rules';
import { Dec } from '../../money';
import { inForce, resolve, TAX_YEAR_MAX, TAX_YEAR_MIN } from '../../law/types';
import { AMOUNT_LIMIT, AMOUNT_LIMIT_TEXT, describeValue } from '../../cells';
import { cellRef } from '../a1';
import { US_STATES } from '../classify';
import { fieldAt, fieldRef, type StudyRow, type StudyTable } from '../model';
import { finding } from '../findings';
import type { PriorYearField } from '../schema';
import { compare, formatPct, readNumber, threshold, toDec, ZERO, type Num, type Read } from '../values';
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

const AMOUNT_MAX = threshold(AMOUNT_LIMIT);

/**
 * The `<ST> QRE` columns (`CA QRE`): each names a state, DC or territory by its code, and each
 * cell is an amount ≥ 0 or blank (no QREs in that state that year), as the QRE column's cells.
 */
function checkStateColumns(ctx: CheckContext, t: StudyTable<PriorYearField>): void {
  t.patterned.forEach((p, i) => {
    const at = { sheet: t.sheet, sheetIndex: t.sheetIndex, row: 1, col: p.col };
    if (!US_STATES.has(p.key)) {
      ctx.out.push(
        finding(
          'prior-years/unknown-state',
          at,
          `${t.sheet} column "${p.header}" (${cellRef(t.sheet, 1, p.col)}) names no US state, DC or territory (${p.key}), so it is not read; head it with the state's two-letter code, e.g. "CA QRE".`,
        ),
      );
      return;
    }
    for (const r of t.rows) {
      const v = r.more?.[i];
      const read = readNumber(v ?? null);
      const ref = cellRef(t.sheet, r.row, p.col);
      const what = `${p.header} of row ${r.row} (${ref})`;
      const cell = { ...at, row: r.row };
      if (read.kind === 'invalid')
        ctx.out.push(
          finding(
            'cell/not-a-number',
            cell,
            `${what} ${read.why}; enter the amount in dollars (0 if none).`,
            p.pattern.citation,
          ),
        );
      else if (read.kind === 'value' && compare(read.value, ZERO) < 0)
        ctx.out.push(
          finding(
            'cell/negative-amount',
            cell,
            `${what} is negative (${String(read.value)}); enter that year's QREs in ${p.key} as 0 or more.`,
            p.pattern.citation,
          ),
        );
      else if (read.kind === 'value' && compare(read.value, AMOUNT_MAX) > 0)
        ctx.out.push(
          finding(
            'cell/amount-too-large',
            cell,
            `${what} is ${describeValue(v ?? null)}, more than ${AMOUNT_LIMIT_TEXT}, the largest amount computed exactly to the cent; check the cell for a misplaced decimal point or a stray digit.`,
            p.pattern.citation,
          ),
        );
    }
  });
}

export function checkPriorYears(ctx: CheckContext, t: StudyTable<PriorYearField>): void {
  checkStateColumns(ctx, t);
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
