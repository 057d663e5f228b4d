/**
 * Form 6765 Section G amounts: every QRE dollar the row classifier qualifies, grouped by business
 * component and qualified service — shared by `rdtax compute` (form6765.ts) and the catalogue's
 * RD_COMPONENT_QRE, so a Form 6765 sheet cell and compute group the rows one way.
 */
import { AMOUNT_LIMIT, AMOUNT_LIMIT_TEXT, isBlank } from '../cells';
import type { SectionGLine } from '../form6765/form';
import type { SectionGComponent } from '../form6765/result';
import { Dec, toCents, usd } from '../money';
import { cellRef } from '../study/a1';
import type { RowClass, RowClassifier } from '../study/classify';
import type { StudyRow, StudyTable } from '../study/model';
import { QUALIFIED_SERVICE_WORDS, type AboutField, type QualifiedServiceKind } from '../study/schema';
import { nameKey, readText } from '../study/values';

/** A row the classifier put on a Section F line, with its class. */
export interface ClassifiedRow {
  readonly table: StudyTable<string>;
  readonly row: StudyRow<string>;
  readonly cls: RowClass;
}

/** What Section G reads: the classified rows, the Components sheet, the classifier, About's EIN and activity code. */
export interface SectionGContext {
  readonly about: Partial<Record<AboutField, { readonly value: import('../cells').CellValue; readonly ref: string }>>;
  readonly employees: readonly ClassifiedRow[];
  readonly supplies: readonly ClassifiedRow[];
  readonly computers: readonly ClassifiedRow[];
  readonly contractors: readonly ClassifiedRow[];
  readonly componentsTable: StudyTable<string> | undefined;
  /** The one row classifier: each row's amount and the business components it is split across. */
  readonly classifier: RowClassifier;
}

interface ComponentAcc {
  name: string;
  key: string;
  order: number;
  cell?: string;
  described?: StudyRow<string>;
  exact: Record<'50' | '51' | '52' | '54' | '55' | '56', Dec>;
}

const AMOUNT_LINES = ['50', '51', '52', '54', '55', '56'] as const;

function serviceOf(t: StudyTable<string>, r: StudyRow<string>): QualifiedServiceKind {
  if (t.columns.qualifiedService === undefined) return 'research';
  const text = readText(r.cells.qualifiedService ?? null);
  if (text.kind !== 'value') return 'research';
  return QUALIFIED_SERVICE_WORDS.get(text.value.toLowerCase().replace(/\s+/g, ' ').trim()) ?? 'research';
}

const SERVICE_LINE: Record<QualifiedServiceKind, '50' | '51' | '52'> = {
  research: '50',
  supervision: '51',
  support: '52',
};

/**
 * Groups every QRE dollar by business component: employees through their Allocations (shares of
 * 100%) or their row's Business Component, other rows by their own. What names no component is
 * "Unassigned". Amounts are summed exactly and rounded once per line, cumulatively, so each
 * column of Section G adds up to its Section F line to the cent.
 */
export function sectionGComponents(ctx: SectionGContext): {
  components: SectionGComponent[];
  unassigned: SectionGComponent | null;
  notes: string[];
} {
  const notes: string[] = [];
  const byKey = new Map<string, ComponentAcc>();
  const zero = () => ({
    '50': new Dec(0),
    '51': new Dec(0),
    '52': new Dec(0),
    '54': new Dec(0),
    '55': new Dec(0),
    '56': new Dec(0),
  });
  const comps = ctx.componentsTable;
  if (comps && comps.columns.component !== undefined) {
    for (const r of comps.rows) {
      const t = readText(r.cells.component ?? null);
      if (t.kind !== 'value') continue;
      const key = nameKey(t.value);
      if (!byKey.has(key))
        byKey.set(key, {
          name: t.value,
          key,
          order: byKey.size,
          cell: cellRef(comps.sheet, r.row, comps.columns.component),
          described: r,
          exact: zero(),
        });
    }
  }
  const UNASSIGNED = '\u0000unassigned';
  const accFor = (name: string | undefined, key: string | undefined): ComponentAcc => {
    const k = name === undefined ? UNASSIGNED : (key ?? nameKey(name));
    let acc = byKey.get(k);
    if (!acc) {
      acc = { name: name ?? 'Unassigned', key: k, order: byKey.size + 1e6, exact: zero() };
      byKey.set(k, acc);
    }
    return acc;
  };
  // Each row's amount split by the classifier across its components (Allocations for employees);
  // Allocations that cannot be used leave the wages unassigned (allocations/not-100 says why).
  const invalid = new Set<string>();
  const spread = (rows: readonly ClassifiedRow[], lineOf: (r: ClassifiedRow) => (typeof AMOUNT_LINES)[number]) => {
    for (const cr of rows) {
      const line = lineOf(cr);
      for (const part of ctx.classifier.componentsOf(cr.table, cr.row)) {
        if (part.source === 'invalid-allocations')
          invalid.add(cellRef(cr.table.sheet, cr.row.row, cr.table.columns.employee ?? 0));
        if (part.amount === undefined || part.amount.isZero()) continue;
        const acc = accFor(part.component, part.key);
        acc.exact[line] = acc.exact[line].plus(part.amount);
      }
    }
  };
  spread(ctx.employees, (cr) => SERVICE_LINE[serviceOf(cr.table, cr.row)]);
  spread(ctx.supplies, () => '54');
  spread(ctx.computers, () => '55');
  spread(ctx.contractors, () => '56');
  if (invalid.size > 0)
    notes.push(
      `Section G: the Allocations of ${[...invalid].join(', ')} cannot be used (a share that cannot be read, or shares that do not sum to 100%), so those wages are unassigned until they are fixed (allocations/not-100).`,
    );

  // Round once per line, cumulatively in workbook order: each column sums to round(Σ exact).
  const all = [...byKey.values()].sort((a, b) => a.order - b.order);
  const rounded = new Map<ComponentAcc, Record<(typeof AMOUNT_LINES)[number], number>>();
  for (const acc of all) rounded.set(acc, { '50': 0, '51': 0, '52': 0, '54': 0, '55': 0, '56': 0 });
  let beyond = false;
  for (const l of AMOUNT_LINES) {
    let running = new Dec(0);
    let shown = new Dec(0);
    for (const acc of all) {
      running = running.plus(acc.exact[l]);
      // Beyond the range a double holds to the cent, no Section G amount is exact (the line is an error).
      if (running.abs().gt(AMOUNT_LIMIT)) beyond = true;
      const upTo = new Dec(toCents(usd(running)));
      const r = rounded.get(acc);
      if (r) r[l] = upTo.minus(shown).toNumber();
      shown = upTo;
    }
  }
  if (beyond)
    return {
      components: [],
      unassigned: null,
      notes: [
        ...notes,
        `Section G is not computed: an amount is more than ${AMOUNT_LIMIT_TEXT}, beyond what is exact to the cent.`,
      ],
    };
  const describe = (acc: ComponentAcc, field: string): string | null => {
    const r = acc.described;
    if (!r || !comps || comps.columns[field] === undefined) return null;
    const t = readText(r.cells[field] ?? null);
    return t.kind === 'value' && t.value !== '' ? t.value : null;
  };
  const ein = ctx.about.ein && !isBlank(ctx.about.ein.value) ? String(ctx.about.ein.value).trim() : null;
  const code =
    ctx.about.businessActivityCode && !isBlank(ctx.about.businessActivityCode.value)
      ? String(ctx.about.businessActivityCode.value).trim()
      : null;
  const toComponent = (acc: ComponentAcc): SectionGComponent => {
    const r = rounded.get(acc) ?? { '50': 0, '51': 0, '52': 0, '54': 0, '55': 0, '56': 0 };
    const wages = Math.round((r['50'] + r['51'] + r['52']) * 100) / 100;
    const lines: Record<SectionGLine, string | number | null> = {
      '49a': ein,
      '49b': code,
      '49c': acc.name,
      '49d': describe(acc, 'type'),
      '49e': describe(acc, 'softwareType'),
      '49f': describe(acc, 'informationSought'),
      '50': r['50'],
      '51': r['51'],
      '52': r['52'],
      '53': wages,
      '54': r['54'],
      '55': r['55'],
      '56': r['56'],
    };
    const qre = Math.round((wages + r['54'] + r['55'] + r['56']) * 100) / 100;
    return { name: acc.name, qre, lines, ...(acc.cell ? { cell: acc.cell } : {}) };
  };
  const unassignedAcc = byKey.get(UNASSIGNED);
  const components = all
    .filter((a) => a.key !== UNASSIGNED)
    .map(toComponent)
    .filter((c) => c.qre > 0);
  const unassigned = unassignedAcc ? toComponent(unassignedAcc) : null;
  return { components, unassigned: unassigned && unassigned.qre > 0 ? unassigned : null, notes };
}
