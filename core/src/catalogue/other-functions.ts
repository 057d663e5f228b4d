/** Catalogue: §174/§174A schedules and role ranges. */
import {
  ArgumentError,
  cellsOf,
  describePosition,
  isBlank,
  isOmitted,
  listWords,
  normalizeWord,
  positionOf,
  quoteText,
  readFraction,
  readMonth,
  readText,
  readWord,
  readYear,
  rejectErrorValue,
  scalarOf,
  type CellArg,
  type CellValue,
} from '../cells';
import {
  checkRole,
  matchRole,
  profileRoleTable,
  roleTable,
  splitAliases,
  type RoleEntry,
  type RoleTable,
} from '../calc/roles';
import {
  sec174Deduction,
  sec174Schedule,
  Sec174InputError,
  SEC174_METHODS,
  type ResearchLocation,
  type Sec174Method,
  type Vintage,
} from '../calc/sec174';
import { roleCheckFast } from '../calc/fast-roles';
import { sec174Fast } from '../calc/fast-sec174';
import { PROFILE_IDS, type ProfileId } from '../law/roles';
import { isDomestic } from '../study/classify';
import { SEC174_FOREIGN } from '../law/rules';
import { DEFAULT_TAX_YEAR, resolve } from '../law/types';
import { rateToNumber, toCents, type Rate } from '../money';
import { alignedCells, readAmounts, readOptionalWord, required, words } from './read';
import type { ArgList, FunctionSpec } from './types';

const LOCATION_WORDS = words<ResearchLocation>([
  ['domestic', 'domestic'],
  ['foreign', 'foreign'],
  ['US', 'domestic'],
  ['USA', 'domestic'],
  ['U.S.', 'domestic'],
  ['United States', 'domestic'],
]);
const METHOD_WORDS = words<Sec174Method>(SEC174_METHODS.map((m) => [m, m] as const));
/** The foreign amortization period in years, as the help states it (180 months → 15). */
const foreign174 = resolve(SEC174_FOREIGN, DEFAULT_TAX_YEAR).value;
const FOREIGN_174_YEARS = foreign174.kind === 'deduct' ? undefined : foreign174.months / 12;

const PROFILE_WORDS = words<ProfileId>([
  ['software', 'software'],
  ['ai-ml', 'ai-ml'],
  ['ai/ml', 'ai-ml'],
  ['aiml', 'ai-ml'],
]);

function vintages(args: ArgList): Vintage[] {
  const { cells, values } = readAmounts(required(args, 'amount'), 'amount');
  const yearAt = alignedCells(args, 'year_incurred', cells);
  if (!yearAt)
    throw new ArgumentError(
      'invalid-value',
      'year_incurred is required: the tax year in which the amount was paid or incurred.',
      { arg: 'year_incurred' },
    );
  const locAt = alignedCells(args, 'location', cells);
  const benefitAt = alignedCells(args, 'benefit_start', cells);
  const out: Vintage[] = [];
  values.forEach((amount, i) => {
    const y = yearAt(i);
    if (isBlank(y.v)) {
      if (amount.isZero()) return; // an empty row
      throw new ArgumentError(
        'invalid-value',
        `${describePosition(y.at)}: blank next to an amount of ${amount.toString()}; enter the tax year incurred.`,
        y.at,
      );
    }
    const yearIncurred = readYear(y.v, y.at, 'the tax year in which the amount was paid or incurred (e.g. 2023)');
    let location: ResearchLocation = 'domestic';
    if (locAt) {
      const l = locAt(i);
      if (!isBlank(l.v)) location = readWord(l.v, l.at, LOCATION_WORDS, 'location');
    }
    let benefitStart: Vintage['benefitStart'];
    if (benefitAt) {
      const b = benefitAt(i);
      if (!isBlank(b.v)) benefitStart = readMonth(b.v, b.at);
    }
    out.push({ amount, yearIncurred, location, ...(benefitStart ? { benefitStart } : {}) });
  });
  return out;
}

function locationCode(text: string): number {
  const l = LOCATION_WORDS.get(normalizeWord(text));
  return l === undefined ? -1 : l === 'domestic' ? 0 : 1;
}

/** The exact integer path (../calc/fast-sec174), or undefined for the decimal path. */
function sec174FastCell(args: ArgList, method: Sec174Method): number | (number | string)[][] | undefined {
  if (!isOmitted(args.get('benefit_start'))) return undefined;
  const taxYearArg = args.get('tax_year');
  let taxYear: number | undefined;
  if (!isOmitted(taxYearArg)) {
    try {
      taxYear = readYear(scalarOf(taxYearArg as CellArg, 'tax_year'), { arg: 'tax_year' });
    } catch {
      return undefined; // the decimal path words it, after any error in the vintages
    }
  }
  return sec174Fast({
    amount: required(args, 'amount'),
    yearIncurred: args.get('year_incurred'),
    location: args.get('location'),
    locationCode,
    method,
    taxYear,
  });
}

function sec174Cell(args: ArgList): number | (number | string)[][] {
  const method = readOptionalWord(args, 'method', METHOD_WORDS, 'auto', 'method');
  const fast = sec174FastCell(args, method);
  if (fast !== undefined) return fast;
  const list = vintages(args);
  if (method === 'elect_60' && isOmitted(args.get('benefit_start'))) {
    throw new ArgumentError(
      'invalid-value',
      'benefit_start is required with method "elect_60": the month benefits are first realized (e.g. "2025-07").',
      { arg: 'benefit_start' },
    );
  }
  const taxYearArg = args.get('tax_year');
  try {
    if (!isOmitted(taxYearArg)) {
      const taxYear = readYear(scalarOf(taxYearArg as CellArg, 'tax_year'), { arg: 'tax_year' });
      return toCents(sec174Deduction(list, method, taxYear));
    }
    const schedule = sec174Schedule(list, method);
    return schedule.length === 0 ? 0 : schedule.map((e) => [e.year, toCents(e.deduction)]);
  } catch (e) {
    if (e instanceof Sec174InputError) throw new ArgumentError('invalid-value', e.message, { arg: 'benefit_start' });
    throw e;
  }
}

/**
 * The firm's role table (3 columns: role, low, high; a 4th of aliases, comma or semicolon
 * separated, if given), or the profile's. A text header row is skipped.
 */
function roleTableArg(args: ArgList): RoleTable {
  const a = args.get('role_table');
  if (!isOmitted(a)) {
    const cells = cellsOf(a as CellArg, 'role_table');
    const w = cells.cols;
    if (w !== 3 && w !== 4) {
      throw new ArgumentError(
        'invalid-value',
        `role_table must have 3 columns (role, low, high), or 4 with aliases; it has ${w}.`,
        { arg: 'role_table' },
      );
    }
    const entries: RoleEntry[] = [];
    for (let r = 0; r < cells.rows; r++) {
      const [role, low, high] = [0, 1, 2].map((c) => cells.values[r * w + c]) as [CellValue, CellValue, CellValue];
      if (isBlank(role)) continue;
      rejectErrorValue(role, positionOf(cells, r * w));
      if (r === 0 && typeof low === 'string' && Number.isNaN(Number.parseFloat(low))) continue; // header row
      const lo = readFraction(low, positionOf(cells, r * w + 1), 'low %');
      const hi = readFraction(high, positionOf(cells, r * w + 2), 'high %');
      if (lo.gt(hi)) {
        throw new ArgumentError(
          'invalid-number',
          `${describePosition(positionOf(cells, r * w + 1))}: low ${lo.toString()} is above high ${hi.toString()}.`,
          positionOf(cells, r * w + 1),
        );
      }
      const aliasCell = w === 4 ? cells.values[r * w + 3] : undefined;
      let aliases: string[] | undefined;
      if (aliasCell !== undefined && !isBlank(aliasCell)) {
        rejectErrorValue(aliasCell, positionOf(cells, r * w + 3));
        const text =
          typeof aliasCell === 'string'
            ? aliasCell
            : readText(aliasCell, positionOf(cells, r * w + 3), 'aliases as text, e.g. "SDET; Test Engineer"');
        aliases = splitAliases(text);
      }
      entries.push({
        role: typeof role === 'string' ? role.trim() : readText(role, positionOf(cells, r * w), 'the text of a role'),
        low: lo,
        high: hi,
        ...(aliases && aliases.length > 0 ? { aliases } : {}),
      });
    }
    return roleTable('firm role table', entries);
  }
  return profileRoleTable(readOptionalWord(args, 'profile', PROFILE_WORDS, 'software', 'profile'));
}

function knownRoles(t: RoleTable): string {
  return listWords(
    [...t.entries.values()].map((e) => e.role),
    false,
  );
}

export const OTHER_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'SEC174_AMORT',
    summary:
      'The §174/§174A deduction in tax_year for R&E paid or incurred in year_incurred; without tax_year, the whole schedule (year, deduction).',
    params: [
      {
        name: 'amount',
        kind: 'amounts',
        optional: false,
        help: 'Specified research or experimental expenditures; a range sums several vintages.',
      },
      {
        name: 'year_incurred',
        kind: 'years',
        optional: false,
        help: 'Tax year (begin year) each amount was paid or incurred; one cell or one per amount.',
      },
      {
        name: 'tax_year',
        kind: 'year',
        optional: true,
        help: 'The tax year whose deduction you want; omit it for the whole schedule as two columns.',
      },
      {
        name: 'location',
        kind: 'words',
        optional: true,
        default: 'domestic',
        words: ['domestic', 'foreign'],
        help: `domestic (US) or foreign research (${FOREIGN_174_YEARS === undefined ? 'deducted' : `${FOREIGN_174_YEARS}-year amortization`}).`,
      },
      {
        name: 'method',
        kind: 'word',
        optional: true,
        default: 'auto',
        words: SEC174_METHODS,
        help: 'auto, accelerate, accelerate_2yr, retroactive (eligible small business) or elect_60 (§174A(c)).',
      },
      {
        name: 'benefit_start',
        kind: 'months',
        optional: true,
        help: 'For elect_60: the month benefits are first realized, e.g. "2025-07" or a date.',
      },
    ],
    citations: ['IRC §174(a)', 'IRC §174A(a)', 'IRC §174A(c)', 'P.L. 119-21 §70302(f)'],
    returns: 'schedule-or-number',
    example: '=SEC174_AMORT(1000000, 2023, 2025, "domestic", "accelerate")',
    impl: sec174Cell,
  },
  {
    name: 'RD_ROLE_RANGE',
    summary:
      'The typical qualifying range for a role, as a row [low, high] — a prompt to document a reason, never a source of allocations.',
    params: [
      { name: 'role', kind: 'text', optional: false, help: 'The role or job title, e.g. "Sr. Software Engineer".' },
      {
        name: 'profile',
        kind: 'word',
        optional: true,
        default: 'software',
        words: PROFILE_IDS,
        help: 'software or ai-ml.',
      },
      {
        name: 'role_table',
        kind: 'table',
        optional: true,
        help: 'A firm’s own table: 3 columns (role, low, high), overriding the profile; a 4th lists aliases.',
      },
    ],
    citations: ['Treas. Reg. §1.41-2(d)(1)'],
    returns: 'row',
    example: '=RD_ROLE_RANGE("QA Engineer")',
    impl: (args) => {
      const role = readText(
        scalarOf(required(args, 'role'), 'role'),
        { arg: 'role' },
        'the text of a role, e.g. "Software Developer"',
      );
      const table = roleTableArg(args);
      const m = matchRole(table, role);
      if (m.kind === 'ambiguous') {
        throw new ArgumentError(
          'not-available',
          `role ${quoteText(role)} could be ${listWords(
            m.entries.map((e) => e.role),
            false,
          )} in the ${table.source}; name one of them exactly.`,
          { arg: 'role' },
        );
      }
      if (m.kind === 'none') {
        throw new ArgumentError(
          'not-available',
          `role ${quoteText(role)} is not in the ${table.source}; known roles: ${knownRoles(table)}.`,
          { arg: 'role' },
        );
      }
      return [[rateToNumber(m.entry.low), rateToNumber(m.entry.high)]];
    },
  },
  {
    name: 'RD_ROLE_CHECK',
    summary: 'OK, ABOVE RANGE, BELOW RANGE or UNKNOWN ROLE for each role and R&D %; spills a column for ranges.',
    params: [
      { name: 'role', kind: 'texts', optional: false, help: 'Role or job title, or a range of them.' },
      { name: 'rd_pct', kind: 'fractions', optional: false, help: 'R&D % for each role, 0–1.' },
      {
        name: 'profile',
        kind: 'word',
        optional: true,
        default: 'software',
        words: PROFILE_IDS,
        help: 'software or ai-ml.',
      },
      {
        name: 'role_table',
        kind: 'table',
        optional: true,
        help: 'A firm’s own table: 3 columns (role, low, high), overriding the profile; a 4th lists aliases.',
      },
    ],
    citations: ['Treas. Reg. §1.41-2(d)(1)'],
    returns: 'column-or-text',
    example: '=RD_ROLE_CHECK(B2:B50, E2:E50)',
    impl: (args) => {
      const fast = roleCheckFast(required(args, 'role'), args.get('rd_pct'), () => roleTableArg(args));
      if (fast !== undefined) return fast;
      const roles = cellsOf(required(args, 'role'), 'role');
      if (roles.values.length === 0)
        throw new ArgumentError('invalid-value', 'role is an empty range; give a role or a range of roles.', {
          arg: 'role',
        });
      const pctAt = alignedCells(args, 'rd_pct', roles);
      if (!pctAt) throw new ArgumentError('invalid-value', 'rd_pct is required.', { arg: 'rd_pct' });
      const table = roleTableArg(args);
      const out: string[] = roles.values.map((role, i) => {
        const p = pctAt(i);
        rejectErrorValue(role, positionOf(roles, i));
        if (isBlank(role) && isBlank(p.v)) return '';
        const pct: Rate = readFraction(p.v, p.at);
        if (typeof role !== 'string' || isBlank(role)) return 'UNKNOWN ROLE';
        return checkRole(table, role, pct);
      });
      const [only] = out;
      if (out.length === 1 && only !== undefined) return only;
      const grid: string[][] = [];
      for (let r = 0; r < roles.rows; r++) grid.push(out.slice(r * roles.cols, (r + 1) * roles.cols));
      return grid;
    },
  },
  {
    name: 'RD_IN_US',
    summary:
      'Research in the United States: 1 for each Location that is the US, a state or DC (CA, US-CA), Puerto Rico or a US possession; 0 for a foreign country or a blank cell.',
    params: [
      {
        name: 'locations',
        kind: 'texts',
        optional: false,
        help: 'A Location cell or range (US, CA, US-CA, Puerto Rico, Canada…).',
      },
    ],
    citations: ['IRC §41(d)(4)(F)'],
    returns: 'column-or-text',
    example: '=RD_IN_US(C2:C50)',
    impl: (args) => {
      const cells = cellsOf(required(args, 'locations'), 'locations');
      if (cells.values.length === 0)
        throw new ArgumentError('invalid-value', 'locations is an empty range; give a Location cell or range.', {
          arg: 'locations',
        });
      const out: number[] = cells.values.map((v, i) => {
        rejectErrorValue(v, positionOf(cells, i));
        if (isBlank(v)) return 0;
        return isDomestic(typeof v === 'string' ? v : String(v)) ? 1 : 0;
      });
      const [only] = out;
      if (out.length === 1 && only !== undefined) return only;
      const grid: number[][] = [];
      for (let r = 0; r < cells.rows; r++) grid.push(out.slice(r * cells.cols, (r + 1) * cells.cols));
      return grid;
    },
  },
];
