/**
 * A clean, well-formed study (docs/design.md §4) and small edits to plant one problem at a time.
 * Every number here was worked by hand: contractor QREs are amount × R&D % × 65/75/100%.
 */
import type { CellValue } from '../src/cells';
import type { Finding, WorkbookGrids } from '../src/study/types';

type Row = CellValue[];

export const EMPLOYEE_HEADER = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];
export const CONTRACTOR_HEADER = [
  'Vendor',
  'Location',
  'Amount Paid',
  'R&D %',
  'Contract Type',
  'Rights Retained',
  'Financial Risk',
  'Business Component',
  'QRE',
];
export const SUPPLY_HEADER = ['Description', 'Category', 'Environment', 'Amount', 'R&D %', 'Business Component'];
export const COMPONENT_HEADER = [
  'Business Component',
  'Type',
  'Permitted Purpose',
  'Technical Uncertainty',
  'Process of Experimentation',
  'Technological in Nature',
  'Internal-Use Software',
];

function cleanSheets(): { name: string; values: Row[] }[] {
  return [
    {
      name: 'About',
      values: [
        ['Template', 'Version', 'Tax Year', 'Profile'],
        ['acme-rd', '3', 2025, 'software'],
      ],
    },
    {
      name: 'Employees',
      values: [
        EMPLOYEE_HEADER,
        // Each R&D % sits inside its role's software-profile range and below 80% unless 100%.
        ['Ada Lovelace', 'Software Developer', 'US', 150000, 1, 'Payments API'],
        ['Grace Hopper', 'QA Engineer', 'USA', 90000, 0.7, 'Payments API'],
        ['Linus Torvalds', 'DevOps Engineer', 'United States', 120000, 0.5, 'Fraud Model'],
        ['Margaret Hamilton', 'Product Manager', 'U.S.', 130000, 0.3, 'Fraud Model'],
        ['Ken Thompson', 'IT Support', 'US', 60000, 0.05, 'Payments API'],
        ['Barbara Liskov', 'Data Scientist', 'us', 140000, 0.75, 'Fraud Model'],
      ],
    },
    {
      name: 'Contractors',
      values: [
        CONTRACTOR_HEADER,
        ['Acme Labs', 'US', 100000, 1, 'standard', 'Yes', 'Yes', 'Payments API', 65000], // 100,000 × 1 × 65%
        ['Research Consortium', 'US', 40000, 0.5, 'consortium', 'Y', true, 'Fraud Model', 15000], // 40,000 × 0.5 × 75%
        ['State University', 'US', 20000, 1, 'energy', 'yes', 'TRUE', 'Fraud Model', 20000], // 20,000 × 1 × 100%
        ['Quick Tests LLC', 'US', 1000.01, 1, '', 'Yes', 'Yes', 'Payments API', 650.01], // 650.0065 → 650.01
      ],
    },
    {
      name: 'Supplies',
      values: [
        SUPPLY_HEADER,
        ['GPU training cluster', 'Cloud', 'training', 50000, 1, 'Fraud Model'],
        ['Prototype parts', 'Supply', '', 12000, 1, 'Payments API'],
        ['Staging environment', 'Cloud', 'staging', 8000, 0.5, 'Payments API'],
      ],
    },
    {
      name: 'Components',
      values: [
        COMPONENT_HEADER,
        [
          'Payments API',
          'Software',
          'Real-time settlement',
          'Design of the ledger',
          'Prototypes and load tests',
          'Computer science',
          'No',
        ],
        ['Fraud Model', 'Software', 'Better detection', 'Model architecture', 'Systematic trials', 'Statistics', 'No'],
      ],
    },
    {
      name: 'Prior Years',
      values: [
        ['Tax Year', 'QRE', 'Gross Receipts'],
        [2022, 900000, 20000000],
        [2023, 1000000, 25000000],
        [2024, 1100000, 30000000],
      ],
    },
    {
      name: 'Summary',
      values: [
        ['Line', 'Amount'],
        ['Total QRE', '=RD_QRE(Employees!D2:D7,Employees!E2:E7)'],
      ],
    },
  ];
}

/** A study workbook being edited; every edit copies nothing shared with other cases. */
export class StudyBook {
  // Rows are copied so no edit reaches the shared header constants or another case.
  readonly sheets = cleanSheets().map((s) => ({ name: s.name, values: s.values.map((r) => [...r]) }));

  private sheet(name: string): { name: string; values: Row[] } {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`fixture has no sheet ${name}`);
    return s;
  }
  private col(sheet: string, header: string): number {
    const c = this.sheet(sheet).values[0].indexOf(header);
    if (c < 0) throw new Error(`fixture sheet ${sheet} has no column ${header}`);
    return c;
  }
  /** Set the cell of 1-based sheet `row` under `header`. */
  set(sheet: string, row: number, header: string, value: CellValue): this {
    const s = this.sheet(sheet);
    while (s.values.length < row) s.values.push([]);
    s.values[row - 1][this.col(sheet, header)] = value;
    return this;
  }
  /** Add a column at the right with a header and (optionally) values for the data rows. */
  addColumn(sheet: string, header: string, values: CellValue[] = []): this {
    const s = this.sheet(sheet);
    const c = s.values[0].length;
    s.values[0][c] = header;
    values.forEach((v, i) => {
      if (s.values[i + 1]) s.values[i + 1][c] = v;
    });
    return this;
  }
  renameHeader(sheet: string, from: string, to: CellValue): this {
    this.sheet(sheet).values[0][this.col(sheet, from)] = to;
    return this;
  }
  /** Remove a column entirely (header and cells). */
  removeColumn(sheet: string, header: string): this {
    const c = this.col(sheet, header);
    for (const r of this.sheet(sheet).values) r.splice(c, 1);
    return this;
  }
  appendRow(sheet: string, row: Row): this {
    this.sheet(sheet).values.push(row);
    return this;
  }
  removeRow(sheet: string, row: number): this {
    this.sheet(sheet).values.splice(row - 1, 1);
    return this;
  }
  removeSheet(name: string): this {
    this.sheets.splice(this.sheets.indexOf(this.sheet(name)), 1);
    return this;
  }
  renameSheet(from: string, to: string): this {
    this.sheet(from).name = to;
    return this;
  }
  setValues(name: string, values: Row[]): this {
    this.sheet(name).values = values;
    return this;
  }
  grids(): WorkbookGrids {
    return { sheets: this.sheets };
  }
}

export const book = (): StudyBook => new StudyBook();

/** Findings of a rule, for readable assertions. */
export function ofRule(findings: readonly Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** An A1 reference as Excel and Sheets accept it: a sheet (plain or quoted) and a cell. */
export const A1_PATTERN = /^(?:[A-Za-z_][A-Za-z0-9_]*|'(?:[^']|'')+')![A-Z]{1,3}[1-9][0-9]*$/;
