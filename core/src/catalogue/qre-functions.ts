/** Catalogue: QRE functions, IRC §41(b). */
import {
  ArgumentError,
  cellsOf,
  describePosition,
  describeValue,
  isBlank,
  isOmitted,
  isRange,
  listWords,
  normalizeWord,
  positionOf,
  quoteText,
  rejectErrorValue,
  type CellArg,
  type CellGrid,
  type Position,
} from '../cells';
import {
  CLOUD_ENVIRONMENTS,
  contractQre,
  contractResearchRate,
  individualOf,
  supplyQre,
  wageIndividuals,
  wageQre,
  wageQreCentsFast,
  wageQreCentsFastNamed,
  substantiallyAllThreshold,
  type CloudEnvironmentClass,
  type ContractRow,
  type SupplyRow,
  type WageRow,
} from '../calc/qre';
import {
  centsOf,
  cloudUnits,
  contractUnits,
  gridOf,
  pctOf,
  sumCentsTimesUnits,
  wordReader,
  wordsOf,
  CLOUD_PRODUCTION,
  CLOUD_RESEARCH,
  CLOUD_STAGING,
  NO_THRESHOLD,
  WORD_DECLINE,
  type Grid,
} from '../calc/fast';
import { lawText } from '../law/format';
import { CONTRACT_RESEARCH_RATE, WAGE_SUBSTANTIALLY_ALL_THRESHOLD, type ContractType } from '../law/rules';
import { DEFAULT_TAX_YEAR } from '../law/types';
import { plus, rate, toCents, ZERO_USD, type Rate, type Usd } from '../money';
import {
  readAlignedFractions,
  readAlignedWords,
  readAmounts,
  readOptionalBoolean,
  required,
  words,
  alignedCells,
} from './read';
import type { ArgList, FunctionSpec } from './types';

const ONE = rate(1);

export const CONTRACT_TYPE_WORDS = words<ContractType>([
  ['standard', 'standard'],
  ['consortium', 'consortium'],
  ['energy', 'energy'],
]);
const CONTRACT_TYPES = ['standard', 'consortium', 'energy'];
const ENVIRONMENT_WORDS = [...CLOUD_ENVIRONMENTS.keys()];

// The law as the help states it, for the default tax year.
const SUBSTANTIALLY_ALL = lawText(WAGE_SUBSTANTIALLY_ALL_THRESHOLD, DEFAULT_TAX_YEAR);
const CONTRACT_RATE = {
  standard: lawText(CONTRACT_RESEARCH_RATE.standard, DEFAULT_TAX_YEAR),
  consortium: lawText(CONTRACT_RESEARCH_RATE.consortium, DEFAULT_TAX_YEAR),
  energy: lawText(CONTRACT_RESEARCH_RATE.energy, DEFAULT_TAX_YEAR),
};
const CONTRACT_TYPE_HELP = `standard (${CONTRACT_RATE.standard}), consortium (${CONTRACT_RATE.consortium}) or energy (${CONTRACT_RATE.energy})`;

function wageRows(args: ArgList, wagesName: string, pctName: string): WageRow[] {
  const { cells, values } = readAmounts(required(args, wagesName), wagesName);
  const pct = readAlignedFractions(args, pctName, cells, undefined);
  return values.map((wages, i) => ({ wages, rdPct: pct(i) }));
}

function supplyRows(args: ArgList, amountsName: string, pctName: string): SupplyRow[] {
  const { cells, values } = readAmounts(required(args, amountsName), amountsName);
  const pct = readAlignedFractions(args, pctName, cells, ONE);
  return values.map((amount, i) => ({ amount, rdPct: pct(i) }));
}

function contractRows(args: ArgList, amountsName: string, pctName: string, typeName: string): ContractRow[] {
  const { cells, values } = readAmounts(required(args, amountsName), amountsName);
  const pct = readAlignedFractions(args, pctName, cells, ONE);
  const type = readAlignedWords(args, typeName, cells, CONTRACT_TYPE_WORDS, 'standard', 'contract type');
  return values.map((amount, i) => ({ amount, rdPct: pct(i), type: type(i)! }));
}

/**
 * RD_WAGE_QRE: the integer fast path when every cell is a plain number, else the exact decimal
 * path. With `employees`, rows naming the same individual are tested together (the substantially-all rule is
 * per individual, §41(b)(2)(B) last sentence).
 */
function wageQreCell(args: ArgList): number {
  const substantiallyAll = readOptionalBoolean(args, 'substantially_all', true);
  const wagesArg = required(args, 'wages');
  const pctArg = required(args, 'rd_pct');
  const employeesArg = args.get('employees');
  const named = !isOmitted(employeesArg);
  const threshold = substantiallyAllThreshold(DEFAULT_TAX_YEAR).value;
  const thresholdUnits = threshold.times(10000).toNumber();
  const pctFast = pctOf(pctArg);
  if (pctFast !== undefined && pctFast !== 'omitted') {
    const wagesGrid = gridOf(wagesArg);
    const fast = named
      ? isRange(employeesArg as CellArg) && isRange(wagesArg)
        ? wageQreCentsFastNamed(wagesArg, pctFast, employeesArg as CellGrid, substantiallyAll, thresholdUnits)
        : undefined
      : wagesGrid && wageQreCentsFast(wagesGrid, pctFast, substantiallyAll, thresholdUnits);
    if (fast !== undefined) return fast;
  }
  if (!named) return toCents(wageQre(wageRows(args, 'wages', 'rd_pct'), substantiallyAll, DEFAULT_TAX_YEAR));
  return toCents(namedWageQre(args, substantiallyAll, threshold));
}

/** The decimal path with `employees`: one individual per name; a total share above 1 is an error. */
function namedWageQre(args: ArgList, substantiallyAll: boolean, threshold: Rate): Usd {
  const { cells, values } = readAmounts(required(args, 'wages'), 'wages');
  const pct = readAlignedFractions(args, 'rd_pct', cells, undefined);
  const rows: WageRow[] = values.map((wages, i) => ({ wages, rdPct: pct(i) }));
  const nameAt = alignedCells(args, 'employees', cells)!;
  const names: (string | undefined)[] = [];
  const shown: string[] = [];
  const at: Position[] = [];
  values.forEach((_, i) => {
    const { v, at: pos } = nameAt(i);
    rejectErrorValue(v, pos);
    names.push(individualOf(v));
    shown.push(typeof v === 'string' ? v.trim() : describeValue(v));
    at.push(positionOf(cells, i));
  });
  const { individuals } = wageIndividuals(rows, names, substantiallyAll, threshold);
  let total = ZERO_USD;
  for (const p of individuals) {
    if (p.overFull) {
      const [i0 = 0] = p.rows;
      const first = nameAt(i0).at;
      // Each row named by its R&D % cell (a host or compute turns "rd_pct (row 5, column 1)" into its cell).
      const pctRange = isRange(required(args, 'rd_pct'));
      const where = listWords(
        p.rows.map((i) => {
          const a = at[i] as Position;
          return a.row === undefined ? 'the one cell' : describePosition(pctRange ? { ...a, arg: 'rd_pct' } : a);
        }),
        false,
      );
      throw new ArgumentError(
        'invalid-number',
        `${describePosition(first)}: ${quoteText(shown[i0] ?? '')} is on ${p.rows.length} rows (${where}) that repeat one wage of ${p.wages.toString()}, and their R&D % total ${pct100(p.share)}, more than all of one individual's time; correct the R&D % on those rows so that together they are at most the whole year (1).`,
        first,
      );
    }
    total = plus(total, p.qualified);
  }
  return total;
}

/** A fraction as a percentage, exact (1.2 reads as 120 per cent). */
function pct100(r: Rate): string {
  return `${r.times(100).toString()}%`;
}

function cloudQre(args: ArgList): Usd {
  const { cells, values } = readAmounts(required(args, 'amounts'), 'amounts');
  const envAt = alignedCells(args, 'environments', cells);
  if (!envAt)
    throw new ArgumentError(
      'invalid-value',
      'environments is required: one environment per amount (e.g. "training", "production").',
      { arg: 'environments' },
    );
  const pctGiven = args.get('rd_pct');
  const explicit =
    pctGiven === undefined || pctGiven === null ? undefined : readAlignedFractions(args, 'rd_pct', cells, undefined);
  const rows: SupplyRow[] = [];
  values.forEach((amount, i) => {
    const { v, at } = envAt(i);
    rejectErrorValue(v, at);
    if (isBlank(v)) {
      if (amount.isZero()) return;
      throw new ArgumentError(
        'invalid-value',
        `${describePosition(at)}: blank next to an amount of ${amount.toString()}; name the environment (e.g. "training", "production").`,
        at,
      );
    }
    const cls: CloudEnvironmentClass | undefined =
      typeof v === 'string' ? CLOUD_ENVIRONMENTS.get(normalizeWord(v)) : undefined;
    if (cls === undefined) {
      throw new ArgumentError(
        'invalid-value',
        `${describePosition(at)}: ${describeValue(v)} is not a known environment; use one of ${listWords(ENVIRONMENT_WORDS)}.`,
        at,
      );
    }
    if (cls === 'production') return; // production, inference, monitoring, customer-facing: never research
    if (cls === 'needs-allocation' && !explicit) {
      throw new ArgumentError(
        'invalid-value',
        `${describePosition(at)}: "staging" has no default research share; give rd_pct for it.`,
        { arg: 'rd_pct' },
      );
    }
    rows.push({ amount, rdPct: explicit ? explicit(i) : ONE });
  });
  return supplyQre(rows);
}

// ------------------------------------------------------------------ the exact integer fast paths
// Each returns the exact total in units of a cent (see ../calc/fast), or undefined when any cell
// needs the decimal path — which then gives the same answer or words the error.

/** Σ amount × % in 1/10,000 of a cent; an omitted percentage counts the whole amount. */
function supplyUnitsFast(amountsArg: CellArg, pctArg: CellArg | undefined): bigint | undefined {
  const amounts = gridOf(amountsArg);
  const pct = pctOf(pctArg);
  if (amounts === undefined || pct === undefined) return undefined;
  return sumCentsTimesUnits(amounts, pct === 'omitted' ? 1 : pct, NO_THRESHOLD);
}

const CONTRACT_TYPE_CODES: readonly ContractType[] = ['standard', 'consortium', 'energy'];
function contractTypeCode(text: string): number {
  const t = CONTRACT_TYPE_WORDS.get(normalizeWord(text));
  return t === undefined ? WORD_DECLINE : CONTRACT_TYPE_CODES.indexOf(t);
}
/** Each type's applicable rate in whole hundredths (0.65 is 65), −1 when not in force or finer. */
function contractRateHundredths(): number[] {
  return CONTRACT_TYPE_CODES.map((t) => {
    const r = contractResearchRate(t, DEFAULT_TAX_YEAR)?.value.times(100);
    return r !== undefined && r.isInteger() ? r.toNumber() : -1;
  });
}

/** Σ amount × % × applicable rate in 1/1,000,000 of a cent. */
function contractUnitsFast(
  amountsArg: CellArg,
  pctArg: CellArg | undefined,
  typeArg: CellArg | undefined,
): bigint | undefined {
  const amounts = gridOf(amountsArg);
  const pct = pctOf(pctArg);
  if (amounts === undefined || pct === undefined) return undefined;
  const read = wordReader(contractTypeCode);
  const standard = CONTRACT_TYPE_CODES.indexOf('standard');
  const types = isOmitted(typeArg) ? { single: standard } : wordsOf(typeArg, read);
  if (types === undefined) return undefined;
  return contractUnits(amounts, pct === 'omitted' ? 1 : pct, types, read, contractRateHundredths(), standard);
}

function environmentCode(text: string): number {
  const cls = CLOUD_ENVIRONMENTS.get(normalizeWord(text));
  if (cls === undefined) return WORD_DECLINE;
  return cls === 'production' ? CLOUD_PRODUCTION : cls === 'research' ? CLOUD_RESEARCH : CLOUD_STAGING;
}

function cloudFast(args: ArgList): number | undefined {
  const amounts = gridOf(required(args, 'amounts'));
  const envArg = args.get('environments');
  if (amounts === undefined || isOmitted(envArg)) return undefined;
  const pctArg = args.get('rd_pct');
  const pct: Grid | number | 'omitted' | undefined =
    pctArg === undefined || pctArg === null ? 'omitted' : pctOf(pctArg);
  // A blank rd_pct cell given is not an omitted one: the decimal path asks for it.
  if (pct === undefined || (pct === 'omitted' && pctArg !== undefined && pctArg !== null)) return undefined;
  const read = wordReader(environmentCode);
  const envs = wordsOf(envArg, read);
  const total = envs && cloudUnits(amounts, envs, pct, read);
  return total === undefined ? undefined : centsOf(total, 10000);
}

function qreFast(args: ArgList, thresholdUnits: number): number | undefined {
  const wages = gridOf(required(args, 'wages'));
  const wagePct = pctOf(required(args, 'wage_pct'));
  if (wages === undefined || wagePct === undefined || wagePct === 'omitted') return undefined;
  const w = sumCentsTimesUnits(wages, wagePct, thresholdUnits);
  if (w === undefined) return undefined;
  let units = w;
  const supplies = args.get('supplies');
  if (!isOmittedArg(args, 'supplies')) {
    const s = supplyUnitsFast(supplies as CellArg, args.get('supply_pct'));
    if (s === undefined) return undefined;
    units += s;
  } else if (!isOmittedArg(args, 'supply_pct')) return undefined;
  units *= BigInt(100);
  if (!isOmittedArg(args, 'contracts')) {
    const c = contractUnitsFast(args.get('contracts') as CellArg, args.get('contract_pct'), args.get('contract_type'));
    if (c === undefined) return undefined;
    units += c;
  } else if (!isOmittedArg(args, 'contract_pct') || !isOmittedArg(args, 'contract_type')) return undefined;
  return centsOf(units, 1000000);
}

function thresholdUnitsOf(): number {
  return substantiallyAllThreshold(DEFAULT_TAX_YEAR).value.times(10000).toNumber();
}

export const QRE_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'RD_WAGE_QRE',
    summary: `Qualified wage QRE: Σ W-2 Box 1 wages × R&D %, where an individual at ${SUBSTANTIALLY_ALL} or more counts 100% (substantially all, on the individual's total); with employees, rows naming the same person are one individual.`,
    params: [
      { name: 'wages', kind: 'amounts', optional: false, help: 'W-2 Box 1 wages (§3401(a)), one cell per row.' },
      {
        name: 'rd_pct',
        kind: 'fractions',
        optional: false,
        help: 'Share of each row’s services that are qualified, 0–1 (80% is 0.8); one cell applies to every row.',
      },
      {
        name: 'substantially_all',
        kind: 'boolean',
        optional: true,
        default: 'TRUE',
        help: `Apply the ${SUBSTANTIALLY_ALL} rule: an individual at ${SUBSTANTIALLY_ALL} or more in total counts as 100%.`,
      },
      {
        name: 'employees',
        kind: 'texts',
        optional: true,
        help: 'Each row’s employee name, aligned with wages: rows with the same name (any case or spacing) are one individual, tested on their total R&D % — the same wage on every row is one W-2 repeated (total = Σ %), different wages are parts of the year (total = Σ wage × % ÷ Σ wages). Omitted: each row is its own individual.',
      },
    ],
    citations: ['IRC §41(b)(2)(B)', 'IRC §41(b)(2)(D)', 'Treas. Reg. §1.41-2(d)(2)'],
    returns: 'number',
    example: '=RD_WAGE_QRE(D2:D50, E2:E50, TRUE, A2:A50)',
    impl: wageQreCell,
  },
  {
    name: 'RD_SUPPLY_QRE',
    summary: 'Supply and computer-rental QRE: Σ amount × R&D %.',
    params: [
      {
        name: 'amounts',
        kind: 'amounts',
        optional: false,
        help: 'Supplies used in qualified research, or amounts paid for the right to use computers.',
      },
      {
        name: 'rd_pct',
        kind: 'fractions',
        optional: true,
        default: '1',
        help: 'Share used in qualified research, 0–1; one cell applies to every row.',
      },
    ],
    citations: ['IRC §41(b)(2)(A)(ii)–(iii)', 'IRC §41(b)(2)(C)'],
    returns: 'number',
    example: '=RD_SUPPLY_QRE(D2:D20, E2:E20)',
    impl: (args) => {
      const fast = supplyUnitsFast(required(args, 'amounts'), args.get('rd_pct'));
      const cents = fast === undefined ? undefined : centsOf(fast, 10000);
      return cents ?? toCents(supplyQre(supplyRows(args, 'amounts', 'rd_pct')));
    },
  },
  {
    name: 'RD_CLOUD_QRE',
    summary:
      'Cloud QRE by environment: research environments at rd_pct (default 100%), production/inference/monitoring/customer-facing at 0; staging needs rd_pct.',
    params: [
      { name: 'amounts', kind: 'amounts', optional: false, help: 'Cloud or hosting charges, one cell per line.' },
      {
        name: 'environments',
        kind: 'words',
        optional: false,
        words: ENVIRONMENT_WORDS,
        help: 'The environment of each line: training, development, experimentation, tuning, testing, a/b testing, data preparation for experiments, production, inference, monitoring, customer-facing, staging.',
      },
      {
        name: 'rd_pct',
        kind: 'fractions',
        optional: true,
        default: '1',
        help: 'Research share of research environments, 0–1; required for staging.',
      },
    ],
    citations: ['IRC §41(b)(2)(A)(iii)', 'Treas. Reg. §1.41-2(b)(4)'],
    returns: 'number',
    example: '=RD_CLOUD_QRE(D2:D30, C2:C30)',
    impl: (args) => cloudFast(args) ?? toCents(cloudQre(args)),
  },
  {
    name: 'RD_CONTRACT_QRE',
    summary: `Contract research QRE: Σ amount × R&D % × ${CONTRACT_RATE.standard} (standard), ${CONTRACT_RATE.consortium} (research consortium) or ${CONTRACT_RATE.energy} (energy research).`,
    params: [
      {
        name: 'amounts',
        kind: 'amounts',
        optional: false,
        help: 'Amounts paid to non-employees for qualified research.',
      },
      {
        name: 'rd_pct',
        kind: 'fractions',
        optional: true,
        default: '1',
        help: 'Share of each payment for qualified research, 0–1.',
      },
      {
        name: 'type',
        kind: 'words',
        optional: true,
        default: 'standard',
        words: CONTRACT_TYPES,
        help: `${CONTRACT_TYPE_HELP}; one cell or one per row.`,
      },
    ],
    citations: ['IRC §41(b)(3)(A)', 'IRC §41(b)(3)(C)', 'IRC §41(b)(3)(D)'],
    returns: 'number',
    example: '=RD_CONTRACT_QRE(C2:C10, D2:D10, E2:E10)',
    impl: (args) => {
      const fast = contractUnitsFast(required(args, 'amounts'), args.get('rd_pct'), args.get('type'));
      const cents = fast === undefined ? undefined : centsOf(fast, 1000000);
      return cents ?? toCents(contractQre(contractRows(args, 'amounts', 'rd_pct', 'type'), DEFAULT_TAX_YEAR));
    },
  },
  {
    name: 'RD_QRE',
    summary: 'Total QRE = wage QRE + supply QRE + contract research QRE, computed exactly and rounded once.',
    params: [
      { name: 'wages', kind: 'amounts', optional: false, help: 'W-2 Box 1 wages, one cell per employee.' },
      {
        name: 'wage_pct',
        kind: 'fractions',
        optional: false,
        help: `R&D % per employee, 0–1 (${SUBSTANTIALLY_ALL} or more counts 100%).`,
      },
      { name: 'supplies', kind: 'amounts', optional: true, help: 'Supplies and computer-rental amounts.' },
      {
        name: 'supply_pct',
        kind: 'fractions',
        optional: true,
        default: '1',
        help: 'R&D % of each supply amount, 0–1.',
      },
      { name: 'contracts', kind: 'amounts', optional: true, help: 'Contract research payments.' },
      {
        name: 'contract_pct',
        kind: 'fractions',
        optional: true,
        default: '1',
        help: 'R&D % of each contract payment, 0–1.',
      },
      {
        name: 'contract_type',
        kind: 'words',
        optional: true,
        default: 'standard',
        words: CONTRACT_TYPES,
        help: `${CONTRACT_TYPE_HELP}.`,
      },
    ],
    citations: ['IRC §41(b)(1)', 'IRC §41(b)(2)', 'IRC §41(b)(3)'],
    returns: 'number',
    example:
      '=RD_QRE(Employees!D2:D50, Employees!E2:E50, Supplies!D2:D20, Supplies!E2:E20, Contractors!C2:C10, Contractors!D2:D10, Contractors!E2:E10)',
    impl: (args) => {
      const fast = qreFast(args, thresholdUnitsOf());
      if (fast !== undefined) return fast;
      const wages = wageQre(wageRows(args, 'wages', 'wage_pct'), true, DEFAULT_TAX_YEAR);
      let total = wages;
      if (!isOmittedArg(args, 'supplies')) total = plus(total, supplyQre(supplyRows(args, 'supplies', 'supply_pct')));
      else rejectOrphan(args, 'supply_pct', 'supplies');
      if (!isOmittedArg(args, 'contracts')) {
        total = plus(
          total,
          contractQre(contractRows(args, 'contracts', 'contract_pct', 'contract_type'), DEFAULT_TAX_YEAR),
        );
      } else {
        rejectOrphan(args, 'contract_pct', 'contracts');
        rejectOrphan(args, 'contract_type', 'contracts');
      }
      return toCents(total);
    },
  },
];

function isOmittedArg(args: ArgList, name: string): boolean {
  const a = args.get(name);
  return a === undefined || a === null;
}
/** A percentage given for amounts that were not: almost always a shifted argument. */
function rejectOrphan(args: ArgList, name: string, owner: string): void {
  if (!isOmittedArg(args, name)) {
    const c = cellsOf(args.get(name)!, name);
    if (c.values.some((v) => !isBlank(v))) {
      throw new ArgumentError(
        'invalid-value',
        `${name} is given but ${owner} is not; give ${owner} too, or leave ${name} out.`,
        { arg: name },
      );
    }
  }
}
