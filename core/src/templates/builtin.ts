/**
 * The built-in templates, one per role profile (docs/law.md#role-profiles). They are also
 * written to templates/<id>.json (scripts/emit-templates.ts) for firms to copy and edit;
 * a test keeps the files equal to these constants.
 */
import { ROLE_PROFILES, type ProfileId } from '../law/roles';
import { sheetRef } from '../study/a1';
import { aboutCell, STANDARD_SHEETS } from './layout';
import { sectionFFormula, studyColumns, type SectionFLine } from './study-formulas';
import type { FirmTemplate, SummaryLine } from './types';

/** The study year the built-ins are written for: tax years beginning in 2025 (§174A in force). */
export const BUILTIN_TAX_YEAR = 2025;

/** The standard layout's Section F formulas (study-formulas.ts: the one place the Form 6765 sheet also reads). */
const STANDARD_COLUMNS = studyColumns(STANDARD_SHEETS);
function standard(line: SectionFLine): string {
  const f = sectionFFormula(STANDARD_COLUMNS, line);
  if ('missing' in f) throw new Error(`the standard sheets lack ${f.missing.join(', ')}`);
  return `=${f.body}`;
}

/**
 * Summary rows, Form 6765 (Rev. December 2024) Section F lines 42–48 and the credits.
 * Column C of the Summary sheet holds the formulas, so line 48 is C2:C5. Lines 42–45 are the
 * Form 6765 sheet's own (sectionFFormula: only the amounts of the rows that feed each line).
 */
export const STANDARD_SUMMARY: readonly SummaryLine[] = [
  {
    line: '42',
    label: 'Qualified wages (W-2 Box 1 × R&D %, 80% rule; research in the US)',
    formula: standard('wages'),
    array: true,
  },
  {
    line: '43',
    label: 'Supplies (Category = Supply, not in production)',
    formula: standard('supplies'),
    array: true,
  },
  {
    line: '44',
    label: 'Rental or lease of computers (Category = Cloud)',
    formula: standard('computers'),
    array: true,
  },
  {
    line: '45',
    label: 'Contract research (after 65% / 75% / 100%; in the US, rights retained, at risk)',
    formula: standard('contractResearch'),
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
    // Written out so a firm copying this file sees the switch ("form6765": false leaves the sheet out).
    form6765: true,
  };
}

export const BUILTIN_TEMPLATES: Readonly<Record<ProfileId, FirmTemplate>> = {
  software: builtin('software', 'Software company R&D credit study'),
  'ai-ml': builtin('ai-ml', 'AI / machine-learning company R&D credit study'),
};
