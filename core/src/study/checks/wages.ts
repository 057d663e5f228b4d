/**
 * The Employees table: wages for qualified services (IRC §41(b)(2)(A)(i), (B), (D)).
 */
import type { RoleEntry, RoleTable } from '../../calc/roles';
import { lookupRole } from '../../calc/roles';
import { resolve } from '../../law/types';
import { WAGE_SUBSTANTIALLY_ALL_THRESHOLD } from '../../law/rules';
import { cellRef } from '../a1';
import { finding } from '../findings';
import { fieldRef, type StudyRow, type StudyTable } from '../model';
import type { EmployeeField } from '../schema';
import { compare, formatPct, nameKey, ONE, threshold, type Threshold } from '../values';
import {
  amountField,
  ComponentRefs,
  Duplicates,
  report,
  rowLabel,
  shareField,
  textField,
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

export function checkEmployees(ctx: CheckContext, t: StudyTable<EmployeeField>, roles: RoleTable): void {
  checkNotBox1Columns(ctx, t);
  const substantiallyAll = resolve(WAGE_SUBSTANTIALLY_ALL_THRESHOLD, ctx.taxYear);
  const eighty = threshold(substantiallyAll.value);
  const eightyCitation = substantiallyAll.citations.join('; ');
  const employees = new Duplicates(
    ctx,
    t,
    'employee',
    'wages/duplicate-employee',
    'delete the duplicate row, or if these are two people, tell their names apart',
  );
  const ranges = new Map<RoleEntry, Range>();
  const unknownRoles = new Map<
    string,
    { readonly role: string; readonly row: StudyRow<EmployeeField>; count: number }
  >();
  const components = new ComponentRefs(ctx, t, 'component');
  // 50,000 rows carry a handful of distinct roles: match each text once.
  const roleOf = new Map<string, RoleEntry | null>();

  for (const r of t.rows) {
    employees.note(r);
    amountField(ctx, t, r, 'wages');
    const pct = shareField(ctx, t, r, 'rdPct', 'wages/pct-out-of-bounds');
    const location = textField(ctx, t, r, 'location');
    if (ctx.classifier.employee(t, r).excluded.some((e) => e.rule === 'wages/foreign')) {
      report(
        ctx,
        'wages/foreign',
        t,
        r,
        'location',
        `${rowLabel(t, r)} works in ${JSON.stringify(location)} (${fieldRef(t, r.row, 'location')}) with an R&D % above 0, but research outside the United States is not qualified research; set R&D % to the share done in the US, or enter US if the location is wrong.`,
      );
    }

    const role = textField(ctx, t, r, 'role');
    if (role !== undefined) {
      let entry = roleOf.get(role);
      if (entry === undefined) roleOf.set(role, (entry = lookupRole(roles, role) ?? null));
      if (!entry) {
        const key = nameKey(role);
        const seen = unknownRoles.get(key);
        if (seen) seen.count++;
        else unknownRoles.set(key, { role, row: r, count: 1 });
      } else if (pct?.inBounds) {
        let range = ranges.get(entry);
        if (!range) ranges.set(entry, (range = { low: threshold(entry.low), high: threshold(entry.high) }));
        const below = compare(pct.value, range.low) < 0;
        if (below || compare(pct.value, range.high) > 0) {
          report(
            ctx,
            'wages/role-range',
            t,
            r,
            'rdPct',
            `${where(t, r, 'rdPct')} is ${formatPct(pct.value)}, ${below ? 'below' : 'above'} the ${formatPct(entry.low)}–${formatPct(entry.high)} typical for ${entry.role} in the ${roles.source}; document why (time records, project notes) or correct the allocation.`,
          );
        }
      }
    }

    if (pct?.inBounds && compare(pct.value, eighty) >= 0 && compare(pct.value, ONE) < 0) {
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
    components.note(r);
  }

  for (const u of unknownRoles.values()) {
    const more = u.count > 1 ? `, and ${u.count - 1} more row${u.count > 2 ? 's' : ''}` : '';
    report(
      ctx,
      'wages/unknown-role',
      t,
      u.row,
      'role',
      `Role ${JSON.stringify(u.role)} (${fieldRef(t, u.row.row, 'role')}${more}) is not in the ${roles.source}, so its R&D % is not compared with a typical range; use a role from that table or add it to a Roles sheet.`,
    );
  }
  components.flush();
}
