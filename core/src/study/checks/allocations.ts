/**
 * The Allocations sheet: an employee's qualified wages split across business components for
 * Form 6765 (Rev. Dec. 2024) Section G, lines 50–53. Each employee's shares sum to 100%, name an
 * employee of the Employees sheet and a component of the Components sheet, and are kept as the
 * records the split rests on (Treas. Reg. §1.41-4(d)).
 */
import { isBlank } from '../../cells';
import { Dec } from '../../money';
import { fieldRef, type StudyRow, type StudyTable } from '../model';
import type { AllocationField, EmployeeField } from '../schema';
import { formatPct, nameKey, readText } from '../values';
import { ComponentRefs, refsOf, report, shareField, textField, type CheckContext } from './context';

/** A sum of shares as a %, exact ("99.99%", "100.01%"). */
function pctOf(d: Dec): string {
  return `${d.times(100).toString()}%`;
}

export function checkAllocations(
  ctx: CheckContext,
  t: StudyTable<AllocationField>,
  employees: StudyTable<EmployeeField> | undefined,
): void {
  const components = new ComponentRefs(ctx, t, 'component', 'allocations/unknown-component');
  for (const r of t.rows) {
    textField(ctx, t, r, 'employee');
    textField(ctx, t, r, 'component');
    shareField(ctx, t, r, 'share', 'cell/pct-out-of-bounds');
    components.note(r);
  }
  components.flush();
  if (t.columns.employee === undefined) return;
  const allocations = ctx.classifier.allocationsBy();

  // ---- shares that do not sum to 100% (only when every share reads: an unreadable one is reported by its reader)
  for (const a of allocations.values()) {
    const [first] = a.rows;
    if (!first || !a.complete || a.sum.eq(1)) continue;
    report(
      ctx,
      'allocations/not-100',
      t,
      first,
      'share',
      `Shares of ${JSON.stringify(a.name)} on ${t.sheet} sum to ${pctOf(a.sum)} (${refsOf(t, a.rows, 'share')}), not 100%; correct them so each qualified wage dollar lands in exactly one business component (until then these wages are unassigned in Section G).`,
    );
  }

  // ---- employees the Employees sheet does not list
  if (employees && employees.columns.employee === undefined) return; // its missing column is reported
  // The classifier has keyed every Employees row's name once already.
  for (const [key, a] of allocations) {
    const [first] = a.rows;
    if (!first || (employees !== undefined && ctx.classifier.names(employees, key))) continue;
    const more = a.rows.length > 1 ? ` and ${a.rows.length - 1} more row${a.rows.length > 2 ? 's' : ''}` : '';
    report(
      ctx,
      'allocations/unknown-employee',
      t,
      first,
      'employee',
      `${JSON.stringify(a.name)} (${fieldRef(t, first.row, 'employee')}${more}) is not on the ${employees?.sheet ?? 'Employees'} sheet, so there are no wages to split; correct the name to match the Employees sheet, or add the employee there.`,
    );
  }

  // ---- an employee split here whose Employees row also names a different component
  if (!employees || employees.columns.component === undefined) return;
  for (const r of employees.rows) {
    if (!employees.columns.component || isBlank(r.cells.component)) continue;
    const alloc = ctx.classifier.allocationOfRow(employees, r);
    if (!alloc || !ctx.classifier.employee(employees, r).line) continue;
    const own = readText(r.cells.component);
    if (own.kind !== 'value') continue;
    const named = new Set<string>();
    for (const x of alloc.rows) {
      const c = readText(x.cells.component);
      if (c.kind === 'value') named.add(nameKey(c.value));
    }
    if (named.size === 1 && named.has(nameKey(own.value))) continue;
    report(
      ctx,
      'allocations/overrides-component',
      employees,
      r,
      'component',
      `Business Component of ${JSON.stringify(alloc.name)} (${fieldRef(employees, r.row, 'component')}) is ${JSON.stringify(own.value)}, but the employee is split across ${describeSplit(t, alloc.rows)} on ${t.sheet}, which is what Section G uses; clear the cell or make the two agree.`,
    );
  }
}

/** "Payments API (60%) and Fraud Model (40%) (Allocations!B2, Allocations!B3)". */
function describeSplit(t: StudyTable<AllocationField>, rows: readonly StudyRow<AllocationField>[]): string {
  const parts = rows.slice(0, 4).map((x) => {
    const c = readText(x.cells.component);
    const s = readText(x.cells.share);
    const share = typeof x.cells.share === 'number' ? formatPct(x.cells.share) : s.kind === 'value' ? s.value : '?';
    return `${c.kind === 'value' ? JSON.stringify(c.value) : 'a blank component'} (${share})`;
  });
  const list = rows.length > 4 ? `${parts.join(', ')} and ${rows.length - 4} more` : parts.join(' and ');
  return `${list} (${refsOf(t, rows, 'component')})`;
}
