/**
 * The Supplies table: supplies and amounts paid for the right to use computers (cloud) in
 * qualified research (IRC §41(b)(2)(A)(ii)–(iii)), never depreciable property (§41(b)(2)(C)).
 */
import { CLOUD_ENVIRONMENTS } from '../../calc/qre';
import { isBlank, normalizeWord } from '../../cells';
import { fieldRef, type StudyRow, type StudyTable } from '../model';
import type { SupplyField } from '../schema';
import { supplyCategory, type SupplyCategory } from '../classify';
import {
  amountField,
  ComponentRefs,
  report,
  rowLabel,
  shareField,
  textField,
  UnassignedQre,
  type CheckContext,
} from './context';

const CATEGORY_WORDS = 'Supply, Cloud, Equipment or Utilities';

/**
 * The environment words are RD_CLOUD_QRE's own (one list, so the validator never accepts a
 * word the Summary formula rejects): research environments may be claimed, production ones
 * never, and staging needs an explicit R&D % (which a Supplies row always has).
 */
const wordsOf = (production: boolean) =>
  [...CLOUD_ENVIRONMENTS]
    .filter(([, c]) => (c === 'production') === production)
    .map(([w]) => w)
    .join(', ');
const ENVIRONMENT_WORDS = `${wordsOf(false)} — or ${wordsOf(true)}, which are never claimed`;

const DEPRECIABLE: Readonly<Record<'equipment' | 'utilities', { readonly why: string; readonly citation: string }>> = {
  equipment: {
    why: 'equipment is depreciable property, never a supply',
    citation: 'IRC §41(b)(2)(C)',
  },
  utilities: {
    why: 'ordinary utilities are general and administrative costs, not supplies',
    citation: 'IRC §41(b)(2)(C); Treas. Reg. §1.41-2(b)',
  },
};

function category(ctx: CheckContext, t: StudyTable<SupplyField>, r: StudyRow<SupplyField>): SupplyCategory | undefined {
  const text = textField(ctx, t, r, 'category');
  if (text === undefined) return undefined;
  const c = supplyCategory(text);
  if (c === undefined) {
    report(
      ctx,
      'supplies/unknown-category',
      t,
      r,
      'category',
      `Category of ${rowLabel(t, r)} (${fieldRef(t, r.row, 'category')}) is ${JSON.stringify(text)}; use ${CATEGORY_WORDS}.`,
    );
  }
  return c;
}

export function checkSupplies(ctx: CheckContext, t: StudyTable<SupplyField>): void {
  const components = new ComponentRefs(ctx, t, 'component');
  const unassigned = new UnassignedQre(ctx, t);
  for (const r of t.rows) {
    textField(ctx, t, r, 'description');
    amountField(ctx, t, r, 'amount');
    shareField(ctx, t, r, 'rdPct', 'cell/pct-out-of-bounds');
    const cat = category(ctx, t, r);
    const envText = textField(ctx, t, r, 'environment');
    const env = envText === undefined ? undefined : CLOUD_ENVIRONMENTS.get(normalizeWord(envText));
    const cls = ctx.classifier.supply(t, r);
    const excluded = cls.excluded;
    if ((cat === 'equipment' || cat === 'utilities') && excluded.some((e) => e.rule === 'supplies/depreciable')) {
      const d = DEPRECIABLE[cat];
      report(
        ctx,
        'supplies/depreciable',
        t,
        r,
        'category',
        `${rowLabel(t, r)} (${fieldRef(t, r.row, 'category')}) is claimed with an R&D % above 0, but ${d.why}; set its R&D % to 0 (it belongs in depreciation or overhead), or correct the category.`,
        d.citation,
      );
    }
    if (excluded.some((e) => e.rule === 'supplies/production-cloud')) {
      report(
        ctx,
        'supplies/production-cloud',
        t,
        r,
        'environment',
        `${rowLabel(t, r)} runs in ${JSON.stringify(envText)} (${fieldRef(t, r.row, 'environment')}) with an R&D % above 0, but hosting production, inference or customer-facing systems is not qualified research; set its R&D % to 0 or split the research environments onto their own row.`,
      );
    } else if (
      cat === 'cloud' &&
      env === undefined &&
      t.columns.environment !== undefined &&
      (envText !== undefined || isBlank(r.cells.environment))
    ) {
      const what = envText === undefined ? 'has no Environment' : `has the Environment ${JSON.stringify(envText)}`;
      report(
        ctx,
        'supplies/unknown-environment',
        t,
        r,
        'environment',
        `Cloud row ${rowLabel(t, r)} (${fieldRef(t, r.row, 'environment')}) ${what}; enter where it runs: ${ENVIRONMENT_WORDS}.`,
      );
    }
    components.note(r);
    unassigned.note(r, cls, () => cls.amount?.gt(0) ?? false);
  }
  components.flush();
  unassigned.flush();
}
