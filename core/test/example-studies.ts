/**
 * The example studies as in-memory workbooks (pure data, no files): the clean study and one
 * variant per validator rule with its problem planted. scripts/make-examples.ts writes them to
 * templates/examples/ as .xlsx and .csv with the CLI's writer; core tests read them here, so
 * testing the engine never loads the CLI.
 *
 * Clean study, tax year 2025 (the arithmetic the tests and README rely on):
 *   line 42 wages   185,000 + 172,000 + 120,000×70% + 140,000×50% + 150,000×30% + 160,000×75% + 70,000×5%
 *                   = 679,500
 *   line 43 supplies 8,000; line 44 cloud 50,000 (training; production at 0%)
 *   line 45 contract 100,000×65% + 40,000×75% = 95,000;  line 48 = 832,500
 *   ASC 14% × (832,500 − 50% × (700,000+600,000+500,000)/3) = 74,550
 *   regular 20% × (832,500 − max(3% × 2,500,000, 50% × 832,500)) = 83,250
 *   §174A 2025 domestic R&E 877,500 deducted; 2022–2024 vintages 650,000/720,000/800,000 → 130,000+144,000+160,000
 *   payroll election: gross receipts 4,200,000, first receipts 2021 → min(83,250, 500,000) = 83,250
 */
import type { CellValue } from '../src/cells';
import { WAIVER_HEADERS } from '../src/study/waivers';
import { BUILTIN_TEMPLATES, renderTemplate, type RenderedSheet } from '../src/templates';

/** A sheet as the study writers take it, its values editable so a variant can plant a problem. */
type ExampleSheet = RenderedSheet & { values: CellValue[][] };
/** A workbook: its sheets in order. */
export type ExampleBook = ExampleSheet[];

const EMPLOYEES: CellValue[][] = [
  ['Alice Nguyen', 'Software Developer', 'US', 185000, 1, 'Checkout Engine'],
  ['Bob Martinez', 'Software Developer', 'US', 172000, 1, 'Fraud Model'],
  ['Carol Smith', 'QA Engineer', 'US', 120000, 0.7, 'Checkout Engine'],
  ['Dan Lee', 'DevOps Engineer', 'US', 140000, 0.5, 'Checkout Engine'],
  ['Erin Patel', 'Product Manager', 'US', 150000, 0.3, 'Fraud Model'],
  ['Frank Ito', 'Data Scientist', 'US', 160000, 0.75, 'Fraud Model'],
  ['Grace Kim', 'IT Support', 'US', 70000, 0.05, 'Checkout Engine'],
];
const CONTRACTORS: CellValue[][] = [
  ['Acme Labs LLC', 'US', 100000, 1, 'standard', 'Yes', 'Yes', 'Checkout Engine', 65000],
  ['Open Research Consortium', 'US', 40000, 1, 'consortium', 'Yes', 'Yes', 'Fraud Model', 30000],
];
const SUPPLIES: CellValue[][] = [
  ['Test phones and tablets', 'Supply', null, 8000, 1, 'Checkout Engine'],
  ['Model training cluster', 'Cloud', 'training', 50000, 1, 'Fraud Model'],
  ['Production hosting', 'Cloud', 'production', 120000, 0, 'Checkout Engine'],
];
const COMPONENTS: CellValue[][] = [
  [
    'Checkout Engine',
    'Computer software',
    'A checkout service that settles a payment in under 50 ms',
    'Whether a lock-free ledger could keep exactly-once settlement at that latency',
    'Built and load-tested three ledger designs, measured latency and error rates',
    'Relies on principles of computer science',
    'No',
  ],
  [
    'Fraud Model',
    'Computer software',
    'A fraud-scoring model that flags card testing within one transaction',
    'Whether sequence models could detect card testing without raising false declines',
    'Trained and evaluated four model families against held-out fraud cases',
    'Relies on principles of computer science and statistics',
    'No',
  ],
];
const PRIOR_YEARS: CellValue[][] = [
  [2024, 700000, 3500000, 800000],
  [2023, 600000, 2500000, 720000],
  [2022, 500000, 1500000, 650000],
];
const ABOUT_INPUTS: Record<string, CellValue> = {
  'Fixed-Base %': 0.03,
  'Avg Gross Receipts': 2500000,
  'Gross Receipts': 4200000,
  'First Receipts Year': 2021,
  'Prior Payroll Elections': 0,
  '280C Election': 'No',
  '174 Method': 'auto',
};

function sheet(book: ExampleBook, name: string): ExampleSheet {
  const s = book.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
function colOf(s: ExampleSheet, header: string): number {
  const c = s.values[0].indexOf(header);
  if (c < 0) throw new Error(`${s.name} has no column ${header}`);
  return c;
}
/** Set the cell of `header` in data row `n` (1-based: row n+1 of the sheet). */
function set(book: ExampleBook, name: string, n: number, header: string, value: CellValue): void {
  const s = sheet(book, name);
  while (s.values.length <= n) s.values.push([]);
  s.values[n][colOf(s, header)] = value;
}
function addRow(book: ExampleBook, name: string, row: CellValue[]): void {
  sheet(book, name).values.push(row);
}
/** Structural edits drop the sheet's drop-downs and formats (their columns would shift). */
function plain(s: ExampleSheet): void {
  (s as { validations: unknown }).validations = [];
  (s as { formats: unknown }).formats = [];
}
function removeColumn(book: ExampleBook, name: string, header: string): void {
  const s = sheet(book, name);
  const c = colOf(s, header);
  for (const r of s.values) r.splice(c, 1);
  plain(s);
}
function addColumn(book: ExampleBook, name: string, header: string, values: CellValue[]): void {
  const s = sheet(book, name);
  s.values[0].push(header);
  values.forEach((v, i) => {
    const r = s.values[i + 1];
    while (r.length < s.values[0].length - 1) r.push(null);
    r.push(v);
  });
}
function removeSheet(book: ExampleBook, name: string): void {
  book.splice(book.indexOf(sheet(book, name)), 1);
}

/** A Waivers sheet (core/src/study/waivers.ts) with these rows, every cell text as a host writes it. */
function waiversSheet(rows: CellValue[][]): ExampleSheet {
  return { name: 'Waivers', values: [[...WAIVER_HEADERS], ...rows], formulas: [], validations: [], formats: [] };
}

/** The clean study: the built-in software template with data filled in. */
export function cleanStudy(): ExampleBook {
  const book = renderTemplate(BUILTIN_TEMPLATES.software, 'excel') as ExampleBook;
  sheet(book, 'Employees').values.push(...EMPLOYEES.map((r) => [...r]));
  sheet(book, 'Contractors').values.push(...CONTRACTORS.map((r) => [...r]));
  sheet(book, 'Supplies').values.push(...SUPPLIES.map((r) => [...r]));
  sheet(book, 'Components').values.push(...COMPONENTS.map((r) => [...r]));
  const prior = sheet(book, 'Prior Years');
  prior.values = [[...prior.values[0]!], ...PRIOR_YEARS.map((r) => [...r])];
  const about = sheet(book, 'About');
  about.values[0].forEach((h, c) => {
    if (typeof h === 'string' && h in ABOUT_INPUTS) about.values[1][c] = ABOUT_INPUTS[h];
  });
  return book;
}

/** Fill a table from rows keyed by header (the template's column order need not be repeated here). */
function fill(book: ExampleBook, name: string, rows: readonly Readonly<Record<string, CellValue>>[]): void {
  const s = sheet(book, name);
  const headers = s.values[0];
  s.values = [[...headers]];
  for (const r of rows) {
    for (const h of Object.keys(r)) colOf(s, h);
    s.values.push(headers.map((h) => (typeof h === 'string' && h in r ? (r[h] ?? null) : null)));
  }
}
/** Set About's inputs by header. */
function about(book: ExampleBook, inputs: Readonly<Record<string, CellValue>>): void {
  const s = sheet(book, 'About');
  for (const [h, v] of Object.entries(inputs)) s.values[1][colOf(s, h)] = v;
}

/**
 * A worked study for tax year 2025, software profile, every Form 6765 input used (the arithmetic
 * the Form 6765 sheet and `rdtax compute` must both show, line by line):
 *   line 42 wages  200,000 (90% ≥ 80%: all) + 160,000 (85%: all) + 110,000×70% + 180,000×30% + 150,000×75%
 *                  = 200,000 + 160,000 + 77,000 + 54,000 + 112,500 = 603,500   (line 38 officer: 54,000)
 *   line 43 12,000; line 44 36,000 (training) + 10,000×50% (testing) = 41,000 (production at 0%)
 *   line 45 80,000×65% + 40,000×50%×75% = 52,000 + 15,000 = 67,000
 *   basic research 50,000 over a base of 30,000: line 4 = 20,000; line 46 = 65% × (50,000 − 20,000) = 19,500
 *   line 47 = 86,500; line 48 = 603,500 + 12,000 + 41,000 + 86,500 = 743,000
 *   Section A: 8 = 3% × 4,500,000 = 135,000; 9 = 608,000; 10 = 371,500; 11 = 371,500;
 *              12 = 10,000 + 20,000 + 371,500 = 401,500; 13 = 401,500 × 20% × 79% (280C) = 63,437.00
 *   Section B: 18 = 30,000; 19 = 6,000; 21 = 600,000 + 540,000 + 480,000 = 1,620,000; 22 = 270,000;
 *              23 = 473,000; 24 = 14% × 473,000 = 66,220; 25 = 72,220; 26 = 72,220 × 79% = 57,053.80
 *   line 28: the larger, regular: 63,437 − 1,500 (Form 8932) = 61,937; 30 = 32 = 61,937
 *   Section D: no payroll election (gross receipts 7,000,000); 37: 2 components
 */
export function workedStudy2025(): ExampleBook {
  const book = renderTemplate(BUILTIN_TEMPLATES.software, 'excel') as ExampleBook;
  fill(book, 'Employees', [
    {
      Employee: 'Maya Chen',
      Role: 'Software Developer',
      Location: 'US',
      'W-2 Box 1 Wages': 200000,
      'R&D %': 0.9,
      'Qualified Service': 'Direct research',
      Officer: 'No',
    },
    {
      Employee: 'Omar Haddad',
      Role: 'Software Developer',
      Location: 'US',
      'W-2 Box 1 Wages': 160000,
      'R&D %': 0.85,
      'Business Component': 'Ledger Service',
      'Qualified Service': 'Direct research',
      Officer: 'No',
    },
    {
      Employee: 'Priya Rao',
      Role: 'QA Engineer',
      Location: 'US',
      'W-2 Box 1 Wages': 110000,
      'R&D %': 0.7,
      'Business Component': 'Ledger Service',
      'Qualified Service': 'Direct support',
      Officer: 'No',
    },
    {
      Employee: 'Liam Walsh',
      Role: 'Product Manager',
      Location: 'US',
      'W-2 Box 1 Wages': 180000,
      'R&D %': 0.3,
      'Business Component': 'Risk Engine',
      'Qualified Service': 'Direct supervision',
      Officer: 'Yes',
    },
    {
      Employee: 'Sofia Rossi',
      Role: 'Data Scientist',
      Location: 'US',
      'W-2 Box 1 Wages': 150000,
      'R&D %': 0.75,
      'Business Component': 'Risk Engine',
      Officer: 'No',
    },
  ]);
  fill(book, 'Allocations', [
    { Employee: 'Maya Chen', 'Business Component': 'Ledger Service', Share: 0.6 },
    { Employee: 'Maya Chen', 'Business Component': 'Risk Engine', Share: 0.4 },
  ]);
  fill(book, 'Contractors', [
    {
      Vendor: 'Northwind Labs',
      Location: 'US',
      'Amount Paid': 80000,
      'R&D %': 1,
      'Contract Type': 'standard',
      'Rights Retained': 'Yes',
      'Financial Risk': 'Yes',
      'Business Component': 'Ledger Service',
      QRE: 52000,
    },
    {
      Vendor: 'State University Consortium',
      Location: 'US',
      'Amount Paid': 40000,
      'R&D %': 0.5,
      'Contract Type': 'consortium',
      'Rights Retained': 'Yes',
      'Financial Risk': 'Yes',
      'Business Component': 'Risk Engine',
      QRE: 15000,
    },
  ]);
  fill(book, 'Supplies', [
    {
      Description: 'Prototype hardware kits',
      Category: 'Supply',
      Amount: 12000,
      'R&D %': 1,
      'Business Component': 'Ledger Service',
    },
    {
      Description: 'Model training GPUs',
      Category: 'Cloud',
      Environment: 'training',
      Amount: 36000,
      'R&D %': 1,
      'Business Component': 'Risk Engine',
    },
    {
      Description: 'Load-test environment',
      Category: 'Cloud',
      Environment: 'testing',
      Amount: 10000,
      'R&D %': 0.5,
      'Business Component': 'Ledger Service',
    },
    {
      Description: 'Production hosting',
      Category: 'Cloud',
      Environment: 'production',
      Amount: 90000,
      'R&D %': 0,
      'Business Component': 'Ledger Service',
    },
  ]);
  fill(book, 'Components', [
    {
      'Business Component': 'Ledger Service',
      Type: 'Computer software',
      'Permitted Purpose': 'A double-entry ledger that posts 10,000 transfers a second',
      'Technical Uncertainty': 'Whether optimistic concurrency could keep balances exact at that rate',
      'Process of Experimentation': 'Built and benchmarked three concurrency designs against a fault-injection suite',
      'Technological in Nature': 'Relies on principles of computer science',
      'Internal-Use Software': 'No',
      'Software Type': 'Non-internal use',
      'Information Sought': 'A concurrency design that keeps balances exact at 10,000 transfers a second',
    },
    {
      'Business Component': 'Risk Engine',
      Type: 'Computer software',
      'Permitted Purpose': 'A model that scores a transfer for fraud before it posts',
      'Technical Uncertainty': 'Whether graph features could be computed within the posting latency',
      'Process of Experimentation': 'Trained and evaluated three feature pipelines on held-out fraud cases',
      'Technological in Nature': 'Relies on principles of computer science and statistics',
      'Internal-Use Software': 'No',
      'Software Type': 'Non-internal use',
      'Information Sought': 'Which graph features detect fraud within 20 ms',
    },
  ]);
  fill(book, 'Prior Years', [
    { 'Tax Year': 2024, QRE: 600000, 'Gross Receipts': 6000000, 'Domestic R&E': 650000 },
    { 'Tax Year': 2023, QRE: 540000, 'Gross Receipts': 5000000, 'Domestic R&E': 600000 },
    { 'Tax Year': 2022, QRE: 480000, 'Gross Receipts': 4000000, 'Domestic R&E': 520000 },
  ]);
  about(book, {
    'Fixed-Base %': 0.03,
    'Avg Gross Receipts': 4500000,
    'Gross Receipts': 7000000,
    'First Receipts Year': 2015,
    'Prior Payroll Elections': 0,
    '280C Election': 'Yes',
    '174 Method': 'auto',
    'Controlled Group': 'No',
    'Energy Consortia': 10000,
    'Basic Research Payments': 50000,
    'Qualified Org Base': 30000,
    'Form 8932 Credit': 1500,
    'Acquisition or Disposition': 'No',
    'New QRE Categories': 'No',
    EIN: '12-3456789',
    'Business Activity Code': '541511',
  });
  return book;
}

/**
 * A worked study for tax year 2026 (Section G required unless exempt), ai-ml profile: a start-up on
 * the ASC's 6% path with the payroll election and a carryforward limit:
 *   line 42 240,000 (95%: all) + 210,000 (90%: all) + 190,000×20% + 130,000×50% (in WA: a state is the US)
 *           + 170,000 (80%, the boundary: all)
 *           = 240,000 + 210,000 + 38,000 + 65,000 + 170,000 = 723,000   (line 38 officer: 38,000)
 *   line 43 6,000; line 44 150,000 (training) + 20,000×50% (experimentation) = 160,000 (inference at 0%)
 *   line 45 120,000×65% + 30,000×100% (energy) = 108,000; line 48 = 997,000
 *   Section A: no Fixed-Base % → lines 6, 8, 9, 11–13 not computed; 7 = (3,500,000 + 2,000,000 +
 *              500,000 + 100,000) ÷ 4 = 1,525,000 from Prior Years; 10 = 498,500
 *   Section B: 2023 had no QREs → lines 22–23 skipped; 21 = 900,000 + 500,000 + 0 = 1,400,000;
 *              24 = 6% × 997,000 = 59,820 = 25 = 26 (no 280C election)
 *   line 28 = 59,820 (the ASC: the regular credit is not computed); 29 = 5,000; 30 = 32 = 64,820
 *   Section D: a qualified small business (4,200,000 < 5,000,000; first receipts 2022) electing:
 *              34 = min(59,820, 500,000) = 59,820; 35 = 40,000; 36 = 40,000
 *   Section E: 37 = 3 components; 40 Yes
 *   Section G: Vision Model 525,000; Inference Optimizer 258,000; Labeling Pipeline 214,000 (Ben Okafor split 50/50)
 */
export function workedStudy2026(): ExampleBook {
  const book = renderTemplate(BUILTIN_TEMPLATES['ai-ml'], 'excel') as ExampleBook;
  fill(book, 'Employees', [
    {
      Employee: 'Ana Souza',
      Role: 'Research Scientist',
      Location: 'US',
      'W-2 Box 1 Wages': 240000,
      'R&D %': 0.95,
      'Business Component': 'Vision Model',
      'Qualified Service': 'Direct research',
      Officer: 'No',
    },
    {
      Employee: 'Ben Okafor',
      Role: 'ML Engineer',
      Location: 'US',
      'W-2 Box 1 Wages': 210000,
      'R&D %': 0.9,
      'Qualified Service': 'Direct research',
      Officer: 'No',
    },
    {
      Employee: 'Chloe Martin',
      Role: 'AI Product Manager',
      Location: 'US',
      'W-2 Box 1 Wages': 190000,
      'R&D %': 0.2,
      'Business Component': 'Labeling Pipeline',
      'Qualified Service': 'Direct supervision',
      Officer: 'Yes',
    },
    {
      Employee: 'Dev Patel',
      Role: 'MLOps Engineer',
      Location: 'WA',
      'W-2 Box 1 Wages': 130000,
      'R&D %': 0.5,
      'Business Component': 'Labeling Pipeline',
      'Qualified Service': 'Direct support',
      Officer: 'No',
    },
    {
      Employee: 'Eva Novak',
      Role: 'Data Scientist',
      Location: 'US',
      'W-2 Box 1 Wages': 170000,
      'R&D %': 0.8,
      'Business Component': 'Inference Optimizer',
      Officer: 'No',
    },
  ]);
  fill(book, 'Allocations', [
    { Employee: 'Ben Okafor', 'Business Component': 'Vision Model', Share: 0.5 },
    { Employee: 'Ben Okafor', 'Business Component': 'Labeling Pipeline', Share: 0.5 },
  ]);
  fill(book, 'Contractors', [
    {
      Vendor: 'Lumen Research',
      Location: 'US',
      'Amount Paid': 120000,
      'R&D %': 1,
      'Contract Type': 'standard',
      'Rights Retained': 'Yes',
      'Financial Risk': 'Yes',
      'Business Component': 'Inference Optimizer',
      QRE: 78000,
    },
    {
      Vendor: 'Grid Energy Lab',
      Location: 'US',
      'Amount Paid': 30000,
      'R&D %': 1,
      'Contract Type': 'energy',
      'Rights Retained': 'Yes',
      'Financial Risk': 'Yes',
      'Business Component': 'Vision Model',
      QRE: 30000,
    },
  ]);
  fill(book, 'Supplies', [
    {
      Description: 'GPU training cluster',
      Category: 'Cloud',
      Environment: 'training',
      Amount: 150000,
      'R&D %': 1,
      'Business Component': 'Vision Model',
    },
    {
      Description: 'Inference serving',
      Category: 'Cloud',
      Environment: 'inference',
      Amount: 80000,
      'R&D %': 0,
      'Business Component': 'Inference Optimizer',
    },
    {
      Description: 'Labeling tablets',
      Category: 'Supply',
      Amount: 6000,
      'R&D %': 1,
      'Business Component': 'Labeling Pipeline',
    },
    {
      Description: 'Experiment tracking',
      Category: 'Cloud',
      Environment: 'experimentation',
      Amount: 20000,
      'R&D %': 0.5,
      'Business Component': 'Inference Optimizer',
    },
  ]);
  fill(book, 'Components', [
    {
      'Business Component': 'Vision Model',
      Type: 'Computer software',
      'Permitted Purpose': 'A model that reads damaged shipping labels',
      'Technical Uncertainty': 'Whether a small vision model could reach 99% accuracy on torn labels',
      'Process of Experimentation': 'Trained and compared four architectures on a held-out set of torn labels',
      'Technological in Nature': 'Relies on principles of computer science',
      'Internal-Use Software': 'No',
      'Software Type': 'Non-internal use',
      'Information Sought': 'An architecture reaching 99% accuracy on torn labels',
    },
    {
      'Business Component': 'Labeling Pipeline',
      Type: 'Process',
      'Permitted Purpose': 'A process that labels 1 million images a week',
      'Technical Uncertainty': 'Whether active learning could cut labeling by half without losing accuracy',
      'Process of Experimentation': 'Ran three sampling strategies against a fully labeled control',
      'Technological in Nature': 'Relies on principles of computer science and statistics',
      'Internal-Use Software': 'No',
      'Software Type': 'Dual function',
      'Information Sought': 'A sampling strategy that halves labeling',
    },
    {
      'Business Component': 'Inference Optimizer',
      Type: 'Computer software',
      'Permitted Purpose': 'Serving the model within 30 ms on a CPU',
      'Technical Uncertainty': 'Whether quantization keeps accuracy within 0.5 points',
      'Process of Experimentation': 'Quantized and benchmarked the model at three precisions',
      'Technological in Nature': 'Relies on principles of computer science',
      'Internal-Use Software': 'No',
      'Software Type': 'Non-internal use',
      'Information Sought': 'A precision that serves within 30 ms and keeps accuracy',
    },
  ]);
  fill(book, 'Prior Years', [
    { 'Tax Year': 2025, QRE: 900000, 'Gross Receipts': 3500000, 'Domestic R&E': 950000 },
    { 'Tax Year': 2024, QRE: 500000, 'Gross Receipts': 2000000, 'Domestic R&E': 520000 },
    { 'Tax Year': 2023, 'Gross Receipts': 500000 },
    { 'Tax Year': 2022, 'Gross Receipts': 100000 },
  ]);
  about(book, {
    'Tax Year': 2026,
    'Gross Receipts': 4200000,
    'First Receipts Year': 2022,
    'Prior Payroll Elections': 1,
    '280C Election': 'No',
    '174 Method': 'auto',
    'Pass-through Credit': 5000,
    'Acquisition or Disposition': 'No',
    'New QRE Categories': 'Yes',
    'Business Credit Carryforward': 40000,
    'Payroll Election': 'Yes',
    EIN: '98-7654321',
    'Business Activity Code': '541715',
  });
  return book;
}

/** The worked studies: file name (templates/examples/) → the study. */
export const WORKED_STUDIES: readonly {
  readonly file: string;
  readonly planted: string;
  readonly study: () => ExampleBook;
}[] = [
  {
    file: 'worked-2025.xlsx',
    planted: 'nothing: a worked 2025 study using every Form 6765 input (regular credit with §280C)',
    study: workedStudy2025,
  },
  {
    file: 'worked-2026.xlsx',
    planted: 'nothing: a worked 2026 start-up study (ASC 6%, payroll election, Section G with Allocations)',
    study: workedStudy2026,
  },
];

/** A planted problem: the rule it fires, the cell its finding points at, and how it is planted. */
export interface ExampleVariant {
  /** The rule the planted problem fires. */
  readonly rule: string;
  /** The cell the finding points at. */
  readonly cell: string;
  /** What was planted. */
  readonly planted: string;
  /** Extra `rdtax check` arguments the example needs. */
  readonly checkArgs?: readonly string[];
  readonly plant: (book: ExampleBook) => void;
}

/** One example per validator rule: the clean study with that rule's problem planted. */
export const EXAMPLE_VARIANTS: readonly ExampleVariant[] = [
  {
    rule: 'table/no-study',
    cell: 'Sheet1!A1',
    planted: 'a workbook that is not a study: one sheet "Sheet1" with Name and Salary columns',
    plant: (b) => {
      const s = sheet(b, 'Employees');
      b.splice(0, b.length, {
        ...s,
        name: 'Sheet1',
        values: [
          ['Name', 'Salary'],
          ['Ann Lee', 98000],
        ],
        formulas: [],
        validations: [],
        formats: [],
      });
    },
  },
  {
    rule: 'table/missing-column',
    cell: 'Employees!H1',
    planted: 'the Employees sheet has no R&D % column',
    plant: (b) => removeColumn(b, 'Employees', 'R&D %'),
  },
  {
    rule: 'table/missing-header',
    cell: 'Employees!A1',
    planted: 'the header row of Employees is blank',
    plant: (b) => {
      const s = sheet(b, 'Employees');
      s.values[0] = s.values[0].map(() => null);
      plain(s);
    },
  },
  {
    rule: 'table/duplicate-column',
    cell: 'Employees!I1',
    planted: 'Employees has a second "Role" column',
    plant: (b) =>
      addColumn(
        b,
        'Employees',
        'Role',
        EMPLOYEES.map(() => 'Engineer'),
      ),
  },
  {
    rule: 'table/duplicate-sheet',
    cell: "'Business Components'!A1",
    planted: 'a second sheet, "Business Components", also matches the Components table',
    plant: (b) => {
      const copy = sheet(b, 'Components');
      b.push({
        ...copy,
        name: 'Business Components',
        values: copy.values.map((r) => [...r]),
        validations: [],
        formats: [],
      });
    },
  },
  {
    rule: 'table/missing',
    cell: 'Contractors!A1',
    planted: 'the study has no Contractors sheet',
    plant: (b) => removeSheet(b, 'Contractors'),
  },
  {
    rule: 'table/empty',
    cell: 'Contractors!A1',
    planted: 'the Contractors sheet is completely empty',
    plant: (b) => {
      const s = sheet(b, 'Contractors');
      s.values = [];
      plain(s);
    },
  },
  {
    rule: 'table/missing-optional-column',
    cell: 'Contractors!I1',
    planted: 'Contractors has no QRE column, so the 65% rule is not checked',
    plant: (b) => removeColumn(b, 'Contractors', 'QRE'),
  },
  {
    rule: 'cell/not-a-number',
    cell: 'Employees!D3',
    planted: 'a wage reads "n/a"',
    plant: (b) => set(b, 'Employees', 2, 'W-2 Box 1 Wages', 'n/a'),
  },
  {
    rule: 'cell/amount-too-large',
    cell: 'Employees!D3',
    planted: 'a wage of 1e308, beyond any amount computed exactly to the cent',
    plant: (b) => set(b, 'Employees', 2, 'W-2 Box 1 Wages', 1e308),
  },
  {
    rule: 'cell/negative-amount',
    cell: 'Supplies!D2',
    planted: 'a supply amount is −500',
    plant: (b) => set(b, 'Supplies', 1, 'Amount', -500),
  },
  {
    rule: 'cell/pct-out-of-bounds',
    cell: 'Contractors!D2',
    planted: 'a contractor’s R&D % is 150%',
    plant: (b) => set(b, 'Contractors', 1, 'R&D %', 1.5),
  },
  {
    rule: 'cell/not-yes-no',
    cell: 'Contractors!F2',
    planted: 'Rights Retained reads "Maybe"',
    plant: (b) => set(b, 'Contractors', 1, 'Rights Retained', 'Maybe'),
  },
  {
    rule: 'cell/not-a-year',
    cell: "'Prior Years'!A3",
    planted: 'a prior tax year reads 2023.5',
    plant: (b) => set(b, 'Prior Years', 2, 'Tax Year', 2023.5),
  },
  {
    rule: 'cell/error-value',
    cell: 'Employees!A2',
    planted: 'an employee name holds #REF!',
    plant: (b) => set(b, 'Employees', 1, 'Employee', '#REF!'),
  },
  {
    rule: 'cell/blank-required',
    cell: 'Employees!C4',
    planted: 'an employee’s Location is blank',
    plant: (b) => set(b, 'Employees', 3, 'Location', null),
  },
  {
    rule: 'wages/pct-out-of-bounds',
    cell: 'Employees!E2',
    planted: 'an R&D % of 120%',
    plant: (b) => set(b, 'Employees', 1, 'R&D %', 1.2),
  },
  {
    rule: 'wages/role-range',
    cell: 'Employees!E4',
    planted: 'a QA Engineer at 95% (typical 60–80%)',
    plant: (b) => set(b, 'Employees', 3, 'R&D %', 0.95),
  },
  {
    rule: 'wages/unknown-role',
    cell: 'Employees!B8',
    planted: 'a role the software profile does not list',
    plant: (b) => set(b, 'Employees', 7, 'Role', 'Chief Vibes Officer'),
  },
  {
    rule: 'wages/substantially-all',
    cell: 'Employees!E2',
    planted: 'a developer at 85% (the whole wage counts)',
    plant: (b) => set(b, 'Employees', 1, 'R&D %', 0.85),
  },
  {
    rule: 'wages/foreign',
    cell: 'Employees!C3',
    planted: 'a developer working in India',
    plant: (b) => set(b, 'Employees', 2, 'Location', 'India'),
  },
  {
    rule: 'wages/not-box1',
    cell: 'Employees!I1',
    planted: 'Employees carries a "401(k) Match" column',
    plant: (b) =>
      addColumn(
        b,
        'Employees',
        '401(k) Match',
        EMPLOYEES.map(() => 5000),
      ),
  },
  {
    rule: 'wages/duplicate-employee',
    cell: 'Employees!A9',
    planted:
      'Alice Nguyen is listed twice for the same component and place (the repeat at 0%, so her total stays 100%)',
    plant: (b) => addRow(b, 'Employees', ['Alice Nguyen', 'Software Developer', 'US', 185000, 0, 'Checkout Engine']),
  },
  {
    rule: 'wages/individual-over-100',
    cell: 'Employees!E2',
    planted: 'Alice Nguyen on a second row for Fraud Model with the same W-2 at 100%: 200% of one person’s time',
    plant: (b) => addRow(b, 'Employees', ['Alice Nguyen', 'Software Developer', 'US', 185000, 1, 'Fraud Model']),
  },
  {
    rule: 'wages/split-rows',
    cell: 'Employees!A2',
    planted: 'Alice Nguyen’s one W-2 split over two rows: 60% Checkout Engine, 40% Fraud Model',
    plant: (b) => {
      set(b, 'Employees', 1, 'R&D %', 0.6);
      addRow(b, 'Employees', ['Alice Nguyen', 'Software Developer', 'US', 185000, 0.4, 'Fraud Model']);
    },
  },
  {
    rule: 'allocations/not-100',
    cell: 'Allocations!C2',
    planted:
      'Alice Nguyen split on Allocations 60% Checkout Engine + 30% Fraud Model = 90% (her row names no component)',
    plant: (b) => {
      set(b, 'Employees', 1, 'Business Component', null);
      addRow(b, 'Allocations', ['Alice Nguyen', 'Checkout Engine', 0.6]);
      addRow(b, 'Allocations', ['Alice Nguyen', 'Fraud Model', 0.3]);
    },
  },
  {
    rule: 'allocations/unknown-employee',
    cell: 'Allocations!A2',
    planted: 'Allocations splits "Zoe Unlisted", whom the Employees sheet does not list',
    plant: (b) => addRow(b, 'Allocations', ['Zoe Unlisted', 'Checkout Engine', 1]),
  },
  {
    rule: 'allocations/unknown-component',
    cell: 'Allocations!B2',
    planted: 'Allocations puts Alice Nguyen on "Project X", which Components lacks (her row names no component)',
    plant: (b) => {
      set(b, 'Employees', 1, 'Business Component', null);
      addRow(b, 'Allocations', ['Alice Nguyen', 'Project X', 1]);
    },
  },
  {
    rule: 'allocations/overrides-component',
    cell: 'Employees!F2',
    planted: 'Alice Nguyen’s row names Checkout Engine, but Allocations puts her 100% on Fraud Model',
    plant: (b) => addRow(b, 'Allocations', ['Alice Nguyen', 'Fraud Model', 1]),
  },
  {
    rule: 'component/unassigned-qre',
    cell: 'Employees!F5',
    planted: 'Dan Lee’s wages name no business component (info for 2025; a warning from 2026)',
    plant: (b) => set(b, 'Employees', 4, 'Business Component', null),
  },
  {
    rule: 'contract/rate',
    cell: 'Contractors!I2',
    planted: 'a contract QRE of 100% of the amount (not 65%)',
    plant: (b) => set(b, 'Contractors', 1, 'QRE', 100000),
  },
  {
    rule: 'contract/unknown-type',
    cell: 'Contractors!E2',
    planted: 'a contract type of "university"',
    plant: (b) => set(b, 'Contractors', 1, 'Contract Type', 'university'),
  },
  {
    rule: 'contract/foreign',
    cell: 'Contractors!B2',
    planted: 'contract research performed in Canada',
    plant: (b) => set(b, 'Contractors', 1, 'Location', 'Canada'),
  },
  {
    rule: 'contract/no-rights',
    cell: 'Contractors!F2',
    planted: 'rights to the results not retained',
    plant: (b) => set(b, 'Contractors', 1, 'Rights Retained', 'No'),
  },
  {
    rule: 'contract/no-risk',
    cell: 'Contractors!G2',
    planted: 'payment contingent on success',
    plant: (b) => set(b, 'Contractors', 1, 'Financial Risk', 'No'),
  },
  {
    rule: 'supplies/production-cloud',
    cell: 'Supplies!C4',
    planted: 'production hosting claimed at 50%',
    plant: (b) => set(b, 'Supplies', 3, 'R&D %', 0.5),
  },
  {
    rule: 'supplies/depreciable',
    cell: 'Supplies!B5',
    planted: 'a server bought as equipment claimed as a supply',
    plant: (b) => addRow(b, 'Supplies', ['GPU server', 'Equipment', null, 30000, 1, 'Fraud Model']),
  },
  {
    rule: 'supplies/unknown-category',
    cell: 'Supplies!B2',
    planted: 'a category of "Software licence"',
    plant: (b) => set(b, 'Supplies', 1, 'Category', 'Software licence'),
  },
  {
    rule: 'supplies/unknown-environment',
    cell: 'Supplies!C3',
    planted: 'a cloud environment of "lab"',
    plant: (b) => set(b, 'Supplies', 2, 'Environment', 'lab'),
  },
  {
    rule: 'component/four-part-missing',
    cell: 'Components!D2',
    planted: 'no technical uncertainty recorded for Checkout Engine',
    plant: (b) => set(b, 'Components', 1, 'Technical Uncertainty', null),
  },
  {
    rule: 'component/unknown',
    cell: 'Employees!F3',
    planted: 'a row names "Project X", which Components lacks',
    plant: (b) => set(b, 'Employees', 2, 'Business Component', 'Project X'),
  },
  {
    rule: 'component/internal-use',
    cell: 'Components!G3',
    planted: 'Fraud Model marked internal-use software',
    plant: (b) => set(b, 'Components', 2, 'Internal-Use Software', 'Yes'),
  },
  {
    rule: 'component/duplicate',
    cell: 'Components!A4',
    planted: 'Checkout Engine listed twice',
    plant: (b) => addRow(b, 'Components', [...COMPONENTS[0]]),
  },
  {
    rule: 'prior-years/six-percent',
    cell: "'Prior Years'!B3",
    planted: 'no QREs in 2023',
    plant: (b) => set(b, 'Prior Years', 2, 'QRE', 0),
  },
  {
    rule: 'prior-years/duplicate-year',
    cell: "'Prior Years'!A4",
    planted: '2023 listed twice',
    plant: (b) => set(b, 'Prior Years', 3, 'Tax Year', 2023),
  },
  {
    rule: 'prior-years/unknown-state',
    cell: "'Prior Years'!F1",
    planted: 'a "ZZ QRE" column: ZZ is no US state code',
    plant: (b) => addColumn(b, 'Prior Years', 'ZZ QRE', [100000, 110000, 120000]),
  },
  {
    rule: 'waiver/invalid',
    cell: 'Waivers!A2',
    planted: 'a waiver naming "wages/role-rnage", a misspelt rule',
    plant: (b) =>
      b.push(
        waiversSheet([
          ['wages/role-rnage', 'Employees!E4', '0.7', 'Time records support 70%', 'J. Reviewer', '2026-11-30'],
        ]),
      ),
  },
  {
    rule: 'waiver/lapsed',
    cell: 'Waivers!C2',
    planted: 'Alice Nguyen’s 80% note waived at 85%; her R&D % is now 90%',
    plant: (b) => {
      set(b, 'Employees', 1, 'R&D %', 0.9);
      b.push(
        waiversSheet([
          ['wages/substantially-all', 'Employees!E2', '0.85', 'Time records support 85%', 'J. Reviewer', '2026-11-30'],
        ]),
      );
    },
  },
  {
    rule: 'roles/invalid-range',
    cell: 'Roles!B3',
    planted: 'QA Engineer’s Low % (90%) above its High % (80%)',
    plant: (b) => set(b, 'Roles', 2, 'Low %', 0.9),
  },
  {
    rule: 'roles/duplicate-role',
    cell: 'Roles!A8',
    planted: 'Software Developer listed twice on Roles',
    plant: (b) => addRow(b, 'Roles', ['Software Developer', 0.7, 1]),
  },
  {
    rule: 'about/invalid-value',
    cell: 'About!C2',
    planted: 'About’s Tax Year reads "next year"',
    plant: (b) => set(b, 'About', 1, 'Tax Year', 'next year'),
  },
  {
    rule: 'about/assumed',
    cell: 'About!C2',
    planted: 'About records no Tax Year',
    plant: (b) => set(b, 'About', 1, 'Tax Year', null),
  },
  {
    rule: 'about/rolled-forward',
    cell: 'About!AC2',
    planted: 'rolled forward from 2024 with its amounts kept (rdtax rollforward --keep-amounts), not yet reviewed',
    plant: (b) =>
      addColumn(b, 'About', 'Rolled Forward', [
        'from 2024 with its amounts kept: review every amount and R&D %, then clear this cell',
      ]),
  },
  {
    rule: 'template/version-drift',
    cell: 'About!B2',
    planted: 'made from version 0 of the software template; check it against templates/software.json (version 1)',
    checkArgs: ['--template', 'templates/software.json'],
    plant: (b) => set(b, 'About', 1, 'Version', '0'),
  },
];
