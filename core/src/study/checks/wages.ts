/**
 * The Employees table: wages for qualified services (IRC §41(b)(2)(A)(i), (B), (D)).
 */
import type { RoleEntry, RoleMatch, RoleTable } from '../../calc/roles';
import { matchRole } from '../../calc/roles';
import { resolve } from '../../law/types';
import { WAGE_SUBSTANTIALLY_ALL_THRESHOLD } from '../../law/rules';
import { cellRef } from '../a1';
import { finding } from '../findings';
import { fieldRef, type StudyRow, type StudyTable } from '../model';
import type { EmployeeField } from '../schema';
import { isBlank } from '../../cells';
import { Dec } from '../../money';
import { isDomestic, isUnknownStateCode, type WageIndividual } from '../classify';
import {
  compare,
  formatPct,
  formatUsd,
  nameKey,
  ONE,
  readNumber,
  readText,
  threshold,
  ZERO,
  type Threshold,
} from '../values';
import {
  amountField,
  ComponentRefs,
  REFS_LISTED,
  refsOf,
  report,
  rowLabel,
  shareField,
  textField,
  UnassignedQre,
  where,
  type CheckContext,
} from './context';

/**
 * Headers that name pay which is not §3401(a) wages: employer payroll taxes, benefits,
 * retirement plans, stock compensation, severance. Bonuses and commissions are Box 1 wages
 * and are deliberately not here.
 */
const NOT_BOX1_HEADER =
  /\b(fica|futa|suta|social security|medicare|payroll tax(es)?|employer tax(es)?|401\s*\(?k\)?|403\s*\(?b\)?|retirement|pension|health|medical|dental|insurance|benefits?|hsa|fsa|stock|equity|rsus?|espp|severance)\b/i;

function checkNotBox1Columns(ctx: CheckContext, t: StudyTable<EmployeeField>): void {
  for (const x of t.extraColumns) {
    if (!NOT_BOX1_HEADER.test(x.header)) continue;
    ctx.out.push(
      finding(
        'wages/not-box1',
        { sheet: t.sheet, sheetIndex: t.sheetIndex, row: 1, col: x.col },
        `Column "${x.header}" (${cellRef(t.sheet, 1, x.col)}) is not §3401(a) wages — QRE wages are W-2 Box 1 only — so make sure it is not added into the wages claimed, and keep it for the §174 cost schedule instead.`,
      ),
    );
  }
}

interface Range {
  readonly low: Threshold;
  readonly high: Threshold;
}

/** A share as a reviewer reads it: exact when it has at most 2 decimals as a %, else "about 78.33%". */
function shareText(d: Dec): string {
  const p = d.times(100);
  return p.decimalPlaces() <= 2 ? `${p.toString()}%` : `about ${p.toDecimalPlaces(2, Dec.ROUND_DOWN).toString()}%`;
}

/**
 * The same employee twice for the same business component (or both for none): split rows across
 * components are the normal way to split a person's time, so only a repeat of the pair is flagged,
 * at the repeat, naming the row that listed it first.
 */
function checkDuplicates(ctx: CheckContext, t: StudyTable<EmployeeField>): void {
  for (const group of ctx.classifier.sameNameRows(t)) {
    const firstOf = new Map<string, StudyRow<EmployeeField>>();
    for (const r of group) {
      // Rows in different places split the person's year by where the work was done (§41(d)(4)(F)).
      const place = t.columns.location === undefined ? undefined : readText(r.cells.location);
      const at = place?.kind !== 'value' ? '' : isDomestic(place.value) ? 'us' : nameKey(place.value);
      let component = '';
      if (t.columns.component !== undefined && !isBlank(r.cells.component)) {
        const c = readText(r.cells.component);
        if (c.kind !== 'value') continue; // an error value: reported by its reader
        component = c.value;
      }
      const key = `${nameKey(component)}\u0000${at}`;
      const first = firstOf.get(key);
      if (!first) {
        firstOf.set(key, r);
        continue;
      }
      const forWhat = component
        ? `for the same business component, ${JSON.stringify(component)}`
        : 'with no business component on either';
      report(
        ctx,
        'wages/duplicate-employee',
        t,
        r,
        'employee',
        `${rowLabel(t, r)} is listed on rows ${first.row} and ${r.row} of ${t.sheet} ${forWhat} (${fieldRef(t, r.row, 'employee')}); delete the duplicate row, or if the rows split the person's time, name each row's business component (if they are two people, tell their names apart).`,
      );
    }
  }
}

/**
 * How a title that is not the role's own name was read, for the role-range message:
 * ` ("Sr. Software Engineer II" read as Software Developer)`; nothing for the role's name.
 */
function readAs(title: string, m: RoleMatch): string {
  if (m.kind !== 'match' || m.how === 'name') return '';
  return ` (${JSON.stringify(title)} read as ${m.entry.role}${m.how === 'alias' ? ', its alias' : ''})`;
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function checkEmployees(ctx: CheckContext, t: StudyTable<EmployeeField>, roles: RoleTable): void {
  checkNotBox1Columns(ctx, t);
  const substantiallyAll = resolve(WAGE_SUBSTANTIALLY_ALL_THRESHOLD, ctx.taxYear);
  const eighty = threshold(substantiallyAll.value);
  const eightyCitation = substantiallyAll.citations.join('; ');
  const ranges = new Map<RoleEntry, Range>();
  const unknownRoles = new Map<
    string,
    {
      readonly role: string;
      readonly row: StudyRow<EmployeeField>;
      readonly match: RoleMatch;
      count: number;
    }
  >();
  const components = new ComponentRefs(ctx, t, 'component');
  const unassigned = new UnassignedQre(ctx, t, true);
  // 50,000 rows carry a handful of distinct titles: read each text once.
  const matchOf = new Map<string, RoleMatch>();
  const roleMatch = (role: string): RoleMatch => {
    let m = matchOf.get(role);
    if (m === undefined) matchOf.set(role, (m = matchRole(roles, role)));
    return m;
  };
  const rangeOf = (entry: RoleEntry): Range => {
    let range = ranges.get(entry);
    if (!range) ranges.set(entry, (range = { low: threshold(entry.low), high: threshold(entry.high) }));
    return range;
  };

  for (const r of t.rows) {
    textField(ctx, t, r, 'employee');
    const wages = amountField(ctx, t, r, 'wages');
    const pct = shareField(ctx, t, r, 'rdPct', 'wages/pct-out-of-bounds');
    const location = textField(ctx, t, r, 'location');
    const cls = ctx.classifier.employee(t, r);
    if (cls.excluded.some((e) => e.rule === 'wages/foreign')) {
      report(
        ctx,
        'wages/foreign',
        t,
        r,
        'location',
        location !== undefined && isUnknownStateCode(location)
          ? `${rowLabel(t, r)} works in ${JSON.stringify(location)} (${fieldRef(t, r.row, 'location')}), which is no US state, DC or territory code, so it reads as outside the United States and the R&D % above 0 is not qualified research; enter the state's code (e.g. US-CA or CA) or US.`
          : `${rowLabel(t, r)} works in ${JSON.stringify(location)} (${fieldRef(t, r.row, 'location')}) with an R&D % above 0, but research outside the United States is not qualified research; set R&D % to the share done in the US, or enter US if the location is wrong.`,
      );
    }

    // The 80% rule and the role range are about an individual's time: a row of its own is tested
    // here, an individual on several rows on its total, below.
    const shared = cls.line ? ctx.classifier.sharedIndividualOf(t, r) : undefined;
    const alone = cls.line !== undefined && (shared === undefined || shared.rows.length === 1);
    const role = textField(ctx, t, r, 'role');
    if (role !== undefined) {
      const match = roleMatch(role);
      const entry = match.kind === 'match' ? match.entry : null;
      if (!entry) {
        const key = nameKey(role);
        const seen = unknownRoles.get(key);
        if (seen) seen.count++;
        else unknownRoles.set(key, { role, row: r, match, count: 1 });
      } else if (pct?.inBounds && (alone || !cls.line)) {
        const range = rangeOf(entry);
        const below = compare(pct.value, range.low) < 0;
        if (below || compare(pct.value, range.high) > 0) {
          report(
            ctx,
            'wages/role-range',
            t,
            r,
            'rdPct',
            `${where(t, r, 'rdPct')} is ${formatPct(pct.value)}, ${below ? 'below' : 'above'} the ${formatPct(entry.low)}–${formatPct(entry.high)} typical for ${entry.role}${readAs(role, match)} in the ${roles.source}; document why (time records, project notes) or correct the allocation.`,
          );
        }
      }
    }
    if (alone && pct?.inBounds && compare(pct.value, eighty) >= 0 && compare(pct.value, ONE) < 0) {
      report(
        ctx,
        'wages/substantially-all',
        t,
        r,
        'rdPct',
        `${where(t, r, 'rdPct')} is ${formatPct(pct.value)}, at least ${formatPct(eighty.dec)}, so 100% of the wages count as qualified wages; keep the time records that support the ${formatPct(pct.value)}.`,
        eightyCitation,
      );
    }
    // An employee split on the Allocations sheet: its own Business Component is not used.
    if (isBlank(r.cells.component) || ctx.classifier.componentSource(t, r) === 'row') components.note(r);
    unassigned.note(r, cls, () =>
      alone
        ? wages.kind === 'value' && compare(wages.value, ZERO) > 0 && !!pct?.inBounds && compare(pct.value, ZERO) > 0
        : (cls.amount?.gt(0) ?? false),
    );
  }

  for (const u of unknownRoles.values()) {
    const more = u.count > 1 ? `, and ${u.count - 1} more row${u.count > 2 ? 's' : ''}` : '';
    report(
      ctx,
      'wages/unknown-role',
      t,
      u.row,
      'role',
      u.match.kind === 'ambiguous'
        ? `Role ${JSON.stringify(u.role)} (${fieldRef(t, u.row.row, 'role')}${more}) could be ${orList(u.match.entries.map((e) => e.role))} in the ${roles.source}, so its R&D % is not compared with a typical range; enter the role's exact name, or list the title in the Aliases column of its row on the Roles sheet.`
        : `Role ${JSON.stringify(u.role)} (${fieldRef(t, u.row.row, 'role')}${more}) is not in the ${roles.source}, even without seniority words or as a known job title, so its R&D % is not compared with a typical range; use a role from that table, or add a Roles sheet row for it (Role, Low %, High %) or list it in the Aliases column of the role it is.`,
    );
  }
  components.flush();
  unassigned.flush();
  checkDuplicates(ctx, t);
  for (const person of ctx.classifier.sharedIndividuals(t)) {
    if (person.rows.length < 2) continue;
    const total = checkIndividual(ctx, t, person, eighty, eightyCitation);
    const [first] = person.rows;
    const role = first && t.columns.role !== undefined ? readText(first.cells.role) : undefined;
    const match = role?.kind === 'value' ? roleMatch(role.value) : undefined;
    const entry = match?.kind === 'match' ? match.entry : null;
    if (!first || !entry || total === undefined) continue;
    const range = rangeOf(entry);
    const below = compare(total, range.low) < 0;
    if (below || compare(total, range.high) > 0) {
      report(
        ctx,
        'wages/role-range',
        t,
        first,
        'rdPct',
        `R&D % of ${rowLabel(t, first)} totals ${shareText(total)} over ${person.rows.length} rows (${refsOf(t, person.rows, 'rdPct')}), ${below ? 'below' : 'above'} the ${formatPct(entry.low)}–${formatPct(entry.high)} typical for ${entry.role}${role?.kind === 'value' && match ? readAs(role.value, match) : ''} in the ${roles.source}; document why (time records, project notes) or correct the allocation.`,
      );
    }
  }
}

/**
 * An employee on several rows that feed line 42 is one individual (IRC §41(b)(2)(B) last sentence;
 * Treas. Reg. §1.41-2(d)(2)): say how the rows are read, and test the total — more than 100% is
 * an error, 80% up to 100% counts the whole wage.
 */
function checkIndividual(
  ctx: CheckContext,
  t: StudyTable<EmployeeField>,
  person: WageIndividual,
  eighty: Threshold,
  eightyCitation: string,
): Dec | undefined {
  const w = person.wages;
  const [first] = person.rows;
  if (!w || !first) return undefined; // a wage or R&D % that cannot be read: its reader reports it
  const label = rowLabel(t, first);
  const n = person.rows.length;
  const pcts = person.rows.slice(0, REFS_LISTED).map((r) => {
    const v = readNumber(r.cells.rdPct);
    return v.kind === 'value' ? formatPct(v.value) : '0%';
  });
  const sumText = `${pcts.join(' + ')}${n > REFS_LISTED ? ' + …' : ''}`;
  if (w.overFull) {
    report(
      ctx,
      'wages/individual-over-100',
      t,
      first,
      'rdPct',
      `R&D % of ${label} totals ${shareText(w.share)} over ${n} rows that repeat one W-2 of ${formatUsd(w.wages)} (${refsOf(t, person.rows, 'rdPct')}: ${sumText}), more than 100% of one person's time; correct the R&D % so they total 100% or less, or if the rows are parts of the year's wages, enter each part's own wages.`,
    );
    return undefined;
  }
  const left =
    person.leftOut.length === 0
      ? ''
      : `; ${person.leftOut.length === 1 ? 'its row' : 'its rows'} ${refsOf(t, person.leftOut, 'location')} ${person.leftOut.length === 1 ? 'is' : 'are'} left out of line 42 (outside the US or no location) and not part of the total`;
  const reading =
    w.reading === 'repeated'
      ? `with the same W-2 Box 1 Wages, ${formatUsd(w.wages)}, so they are read as one W-2 repeated, each row's R&D % the time on that row: ${sumText} = ${shareText(w.share)} in total${left}; if the rows are parts of the year's wages instead, enter each part's own wages`
      : `with different W-2 Box 1 Wages, so they are read as parts of the year's wages: ${formatUsd(w.wages)} in all, ${shareText(w.share)} of it for research (Σ wages × R&D % ÷ Σ wages)${left}; if the rows repeat one W-2 instead, enter the same wages on each row`;
  report(
    ctx,
    'wages/split-rows',
    t,
    first,
    'employee',
    `${label} is on ${n} rows of ${t.sheet} (${refsOf(t, person.rows, 'employee')}) ${reading}.`,
    eightyCitation,
  );
  if (w.substantiallyAll && w.share.lt(1)) {
    report(
      ctx,
      'wages/substantially-all',
      t,
      first,
      'rdPct',
      `R&D % of ${label} totals ${shareText(w.share)} over ${n} rows (${refsOf(t, person.rows, 'rdPct')}), at least ${formatPct(eighty.dec)}, so all ${formatUsd(w.wages)} of the wages count as qualified wages; keep the time records that support the ${shareText(w.share)}.`,
      eightyCitation,
    );
  }
  return w.share;
}
