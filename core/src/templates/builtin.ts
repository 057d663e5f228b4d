/**
 * The built-in templates, one per role profile (docs/law.md#role-profiles). They are also
 * written to templates/<id>.json (scripts/emit-templates.ts) for firms to copy and edit;
 * a test keeps the files equal to these constants.
 */
import { ROLE_PROFILES, type ProfileId } from '../law/roles';
import { sheetRef } from '../study/a1';
import { DOMESTIC_LOCATIONS, PRODUCTION_ENVIRONMENTS, SUPPLY_CATEGORY_WORDS } from '../study/classify';
import { YES_WORDS } from '../study/values';
import { aboutCell, DEFAULT_ROWS, STANDARD_SHEETS } from './layout';
import type { FirmTemplate, SummaryLine } from './types';

/** The study year the built-ins are written for: tax years beginning in 2025 (§174A in force). */
export const BUILTIN_TAX_YEAR = 2025;

const last = DEFAULT_ROWS;
const col = (sheet: string, c: string) => `${sheetRef(sheet)}!${c}2:${c}${last}`;

/**
 * 1 on each row whose cell holds one of `words`, else 0 (a spreadsheet's "=" ignores case).
 * The words are the row classifier's own (study/classify.ts), so a Summary line leaves out
 * exactly the rows `rdtax compute` and the validator leave out.
 */
const oneOf = (cells: string, words: readonly string[]) => `(${words.map((w) => `(${cells}="${w}")`).join('+')})`;
/** A Yes/No cell that reads Yes: the words, or a logical TRUE. */
const isYes = (cells: string) => `(${oneOf(cells, YES_WORDS).slice(1, -1)}+(${cells}=TRUE))`;
/** Production environments, also as typed with a hyphen ("customer-facing"). */
const PRODUCTION_WORDS = [
  ...new Set(PRODUCTION_ENVIRONMENTS.flatMap((w) => (w.includes(' ') ? [w, w.replace(/ /g, '-')] : [w]))),
];
const SUPPLY_WORDS = [...SUPPLY_CATEGORY_WORDS]
  .filter(([, c]) => c === 'supply')
  .map(([w]) => w.charAt(0).toUpperCase() + w.slice(1));

/**
 * Summary rows, Form 6765 (Rev. December 2024) Section F lines 42–48 and the credits.
 * Column C of the Summary sheet holds the formulas, so line 48 is C2:C5. Each line passes
 * only the amounts of the rows that feed it (IF over the range, element-wise): research in
 * the US (§41(d)(4)(F)); contract research with rights retained and the taxpayer at risk
 * (§41(d)(4)(H); Treas. Reg. §1.41-2(e)); supplies by Category, never in production.
 */
export const STANDARD_SUMMARY: readonly SummaryLine[] = [
  {
    line: '42',
    label: 'Qualified wages (W-2 Box 1 × R&D %, 80% rule; research in the US)',
    formula: `=RD_WAGE_QRE(IF(${oneOf(col('Employees', 'C'), DOMESTIC_LOCATIONS)}, ${col('Employees', 'D')}, 0), ${col('Employees', 'E')})`,
    array: true,
  },
  {
    line: '43',
    label: 'Supplies (Category = Supply, not in production)',
    formula: `=RD_SUPPLY_QRE(IF(${oneOf(col('Supplies', 'B'), SUPPLY_WORDS)}*(1-${oneOf(col('Supplies', 'C'), PRODUCTION_WORDS)}), ${col('Supplies', 'D')}, 0), ${col('Supplies', 'E')})`,
    array: true,
  },
  {
    line: '44',
    label: 'Rental or lease of computers (Category = Cloud)',
    formula: `=RD_CLOUD_QRE(IF(${col('Supplies', 'B')}="Cloud", ${col('Supplies', 'D')}, 0), ${col('Supplies', 'C')}, ${col('Supplies', 'E')})`,
    array: true,
  },
  {
    line: '45',
    label: 'Contract research (after 65% / 75% / 100%; in the US, rights retained, at risk)',
    formula: `=RD_CONTRACT_QRE(IF(${oneOf(col('Contractors', 'B'), DOMESTIC_LOCATIONS)}*${isYes(col('Contractors', 'F'))}*${isYes(col('Contractors', 'G'))}, ${col('Contractors', 'C')}, 0), ${col('Contractors', 'D')}, ${col('Contractors', 'E')})`,
    array: true,
  },
  { line: '48', label: 'Total qualified research expenses', formula: '=SUM(C2:C5)' },
  {
    line: 'ASC',
    label: 'Alternative simplified credit (Section B)',
    formula: `=RD_ASC(C6, ${sheetRef('Prior Years')}!B2:B4, ${aboutCell('reduced280c')}, ${aboutCell('taxYear')})`,
  },
  {
    line: 'Regular',
    label: 'Regular credit (Section A)',
    formula: `=IF(OR(${aboutCell('fixedBasePct')}="", ${aboutCell('avgGrossReceipts')}=""), "Enter Fixed-Base % and Avg Gross Receipts on About", RD_REGULAR(C6, ${aboutCell('fixedBasePct')}, ${aboutCell('avgGrossReceipts')}, ${aboutCell('reduced280c')}, ${aboutCell('taxYear')}))`,
  },
  {
    line: 'Payroll',
    label: 'Payroll tax election available (Section D)',
    formula: `=IF(OR(${aboutCell('grossReceipts')}="", ${aboutCell('firstReceiptsYear')}=""), "Enter Gross Receipts and First Receipts Year on About", RD_PAYROLL_OFFSET(MAX(C7, C8), ${aboutCell('grossReceipts')}, ${aboutCell('firstReceiptsYear')}, ${aboutCell('taxYear')}, ${aboutCell('priorPayrollElections')}))`,
  },
];

function builtin(profile: ProfileId, name: string): FirmTemplate {
  return {
    id: profile,
    name,
    version: '1',
    firm: 'RD Credit Studio (built-in)',
    profile,
    taxYear: BUILTIN_TAX_YEAR,
    roles: ROLE_PROFILES[profile].roles.map((r) => ({ role: r.role, low: Number(r.low), high: Number(r.high) })),
    sheets: STANDARD_SHEETS,
    summary: STANDARD_SUMMARY,
  };
}

export const BUILTIN_TEMPLATES: Readonly<Record<ProfileId, FirmTemplate>> = {
  software: builtin('software', 'Software company R&D credit study'),
  'ai-ml': builtin('ai-ml', 'AI / machine-learning company R&D credit study'),
};
