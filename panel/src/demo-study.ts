/**
 * The example study the demo page (and the panel's browser tests) open: the built-in software
 * template rendered as Excel would write it, filled with a small company's 2026 tax year — so
 * Form 6765 Section G lists its business components, with one employee's wages split across two
 * of them on the Allocations sheet — and a handful of planted problems a reviewer should catch:
 * foreign wages, a contractor QRE at 100% instead of 65%, production cloud claimed, equipment as
 * a supply, one employee on two rows at 85% each (170% of one wage), text where a wage belongs
 * (so Form 6765 line 42 and the credits are not computed, and say which cell blocks them), a
 * component failing the four-part test, a zero prior-year QRE — and one cell holding HTML, to
 * show that the panel prints workbook text as text.
 *
 * Rows are written by header name, so the sheets follow whatever columns the template has.
 */
import type { CellValue } from '@core/cells';
import { BUILTIN_TEMPLATES, renderTemplate, sheetContents } from '@core/templates';
import type { MemoryWorkbook } from './memory-host';

/** The cell text that would run script if a panel ever used innerHTML. */
export const DEMO_HTML_CELL = '<img src=x onerror=alert(1)>';

type Row = Readonly<Record<string, CellValue>>;

const EMPLOYEES: readonly Row[] = [
  {
    Employee: 'Ada Park',
    Role: 'Software Developer',
    Location: 'US',
    'W-2 Box 1 Wages': 185000,
    'R&D %': 0.85,
    'Business Component': 'Recommendation engine',
  },
  {
    Employee: 'Ben Ortiz',
    Role: 'Software Developer',
    Location: 'Canada',
    'W-2 Box 1 Wages': 150000,
    'R&D %': 0.9,
    'Business Component': 'Recommendation engine',
  },
  {
    Employee: 'Cara Liu',
    Role: 'Product Manager',
    Location: 'US',
    'W-2 Box 1 Wages': 160000,
    'R&D %': 0.75,
    'Business Component': 'Recommendation engine',
    'Qualified Service': 'direct supervision',
    Officer: 'Yes',
  },
  {
    Employee: 'Dev Shah',
    Role: 'Data Scientist',
    Location: 'US',
    'W-2 Box 1 Wages': 'see payroll',
    'R&D %': 0.8,
    'Business Component': 'Ranking model',
  },
  {
    Employee: 'Eli Brooks',
    Role: 'QA Engineer',
    Location: 'US',
    'W-2 Box 1 Wages': 98000,
    'R&D %': 0.7,
    // The Allocations sheet splits his wages between two components.
    'Business Component': '',
    'Qualified Service': 'direct support',
  },
  {
    Employee: 'Ada Park',
    Role: 'Software Developer',
    Location: 'US',
    'W-2 Box 1 Wages': 185000,
    'R&D %': 0.85,
    'Business Component': 'Ranking model',
  },
  {
    Employee: 'Fay Moreno',
    Role: 'Growth Hacker',
    Location: 'US',
    'W-2 Box 1 Wages': 120000,
    'R&D %': 0.3,
    'Business Component': 'Billing portal',
  },
];

const CONTRACTORS: readonly Row[] = [
  {
    Vendor: 'Acme Labs',
    Location: 'US',
    'Amount Paid': 100000,
    'R&D %': 1,
    'Contract Type': 'standard',
    'Rights Retained': 'Yes',
    'Financial Risk': 'Yes',
    'Business Component': 'Ranking model',
    QRE: 65000,
  },
  {
    Vendor: 'Beta Dev LLC',
    Location: 'US',
    'Amount Paid': 50000,
    'R&D %': 1,
    'Contract Type': 'standard',
    'Rights Retained': 'Yes',
    'Financial Risk': 'Yes',
    'Business Component': 'Recommendation engine',
    QRE: 50000,
  },
  {
    Vendor: 'Gamma Offshore',
    Location: 'India',
    'Amount Paid': 40000,
    'R&D %': 1,
    'Contract Type': 'standard',
    'Rights Retained': 'Yes',
    'Financial Risk': 'Yes',
    'Business Component': 'Recommendation engine',
    QRE: 26000,
  },
  {
    Vendor: 'Delta University',
    Location: 'US',
    'Amount Paid': 30000,
    'R&D %': 1,
    'Contract Type': 'consortium',
    'Rights Retained': 'No',
    'Financial Risk': 'Yes',
    'Business Component': 'Ranking model',
    QRE: 22500,
  },
];

const SUPPLIES: readonly Row[] = [
  {
    Description: 'GPU training cluster',
    Category: 'Cloud',
    Environment: 'training',
    Amount: 84000,
    'R&D %': 1,
    'Business Component': 'Ranking model',
  },
  {
    Description: 'Production inference fleet',
    Category: 'Cloud',
    Environment: 'production',
    Amount: 62000,
    'R&D %': 0.5,
    'Business Component': 'Ranking model',
  },
  {
    Description: 'Developer workstations',
    Category: 'Equipment',
    Environment: '',
    Amount: 18000,
    'R&D %': 1,
    'Business Component': 'Recommendation engine',
  },
  {
    Description: 'Sensor prototypes',
    Category: 'Supply',
    Environment: '',
    Amount: 5400,
    'R&D %': 1,
    'Business Component': DEMO_HTML_CELL,
  },
];

const COMPONENTS: readonly Row[] = [
  {
    'Business Component': 'Recommendation engine',
    Type: 'Computer software',
    'Permitted Purpose': 'New function: real-time recommendations',
    'Technical Uncertainty': 'Whether latency under 50 ms was achievable at scale',
    'Process of Experimentation': 'Evaluated three caching designs with load tests',
    'Technological in Nature': 'Computer science',
    'Internal-Use Software': 'No',
    'Software Type': 'non-internal use',
    'Information Sought': 'A cache design that serves recommendations in under 50 ms',
  },
  {
    'Business Component': 'Ranking model',
    Type: 'Computer software',
    'Permitted Purpose': 'Improved relevance of search results',
    'Technical Uncertainty': 'Appropriate model architecture',
    'Process of Experimentation': '',
    'Technological in Nature': 'Computer science',
    'Internal-Use Software': 'No',
    'Software Type': 'non-internal use',
    'Information Sought': 'A model architecture that ranks results by relevance',
  },
  {
    'Business Component': 'Billing portal',
    Type: 'Computer software',
    'Permitted Purpose': 'Automate invoicing',
    'Technical Uncertainty': 'Integration with the general ledger',
    'Process of Experimentation': 'Prototyped two reconciliation approaches',
    'Technological in Nature': 'Computer science',
    'Internal-Use Software': 'Yes',
    'Software Type': 'internal use',
    'Information Sought': 'How to reconcile invoices with the general ledger automatically',
  },
];

/** Eli Brooks tests both products: his wages split 60/40 (Form 6765 Section G lines 50–52). */
const ALLOCATIONS: readonly Row[] = [
  { Employee: 'Eli Brooks', 'Business Component': 'Ranking model', Share: 0.6 },
  { Employee: 'Eli Brooks', 'Business Component': 'Recommendation engine', Share: 0.4 },
];

const PRIOR_YEARS: readonly Row[] = [
  { 'Tax Year': 2025, QRE: 980000, 'Gross Receipts': 16100000 },
  { 'Tax Year': 2024, QRE: 910000, 'Gross Receipts': 14200000 },
  { 'Tax Year': 2023, QRE: 0, 'Gross Receipts': 11800000 },
  { 'Tax Year': 2022, QRE: 640000, 'Gross Receipts': 9300000 },
];

/** The About row's answers (by header) over the template's own: the tax year and the form's questions. */
const ABOUT: Row = {
  'Tax Year': 2026,
  'Fixed-Base %': 0.03,
  'Gross Receipts': 17400000,
  'Controlled Group': 'No',
  'Acquisition or Disposition': 'No',
  'New QRE Categories': 'No',
};

const ROWS: Readonly<Record<string, readonly Row[]>> = {
  Employees: EMPLOYEES,
  Allocations: ALLOCATIONS,
  Contractors: CONTRACTORS,
  Supplies: SUPPLIES,
  Components: COMPONENTS,
  'Prior Years': PRIOR_YEARS,
};

/** A fresh copy of the example study, as Excel would hold it (formulas as `=RDTAX.…` text). */
export function demoWorkbook(): MemoryWorkbook {
  const rendered = renderTemplate(BUILTIN_TEMPLATES.software, 'excel');
  // A table the template does not (yet) have is added after its sheets, headed by the rows' keys.
  const extra = Object.entries(ROWS)
    .filter(([name]) => !rendered.some((s) => s.name === name))
    .map(([name, rows]) => {
      const header = Object.keys(rows[0] ?? {});
      return { name, values: [header, ...rows.map((r) => header.map((hdr) => r[hdr] ?? null))] };
    });
  return {
    sheets: [
      ...rendered.map((s) => {
        const header = (s.values[0] ?? []).map((v) => (typeof v === 'string' ? v : ''));
        const data = ROWS[s.name];
        if (s.name === 'About') {
          const [head = [], row = [], ...rest] = sheetContents(s);
          return {
            name: s.name,
            values: [head, header.map((hdr, i) => (hdr in ABOUT ? ABOUT[hdr] : (row[i] ?? null))), ...rest],
          };
        }
        if (!data) return { name: s.name, values: sheetContents(s) };
        const rows = data.map((r) => header.map((hdr) => (hdr in r ? r[hdr] : null)));
        return { name: s.name, values: [header, ...rows] };
      }),
      ...extra,
    ],
  };
}
