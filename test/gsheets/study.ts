/**
 * A small study workbook for the Sheets tests, with known problems at known cells:
 *  - Employees!E3: R&D % of 120% (wages/pct-out-of-bounds)
 *  - Employees row 4: an employee whose name is HTML (`<img src=x onerror=alert(1)>`) working in
 *    Canada (wages/foreign): the finding's message carries the name, which must show as text
 *  - Contractors!I2: QRE 70,000 ≠ 100,000 × 100% × 65% (contract/rate)
 *  - Supplies row 3: a production environment claimed at 50% (supplies/production-cloud)
 * and a Start Date column of real dates (an extra column the validator ignores, but the wire
 * must carry).
 */
import { FakeSpreadsheet, StoredDate, type StoredValue } from './fake-spreadsheet';

export const HTML_CELL = '<img src=x onerror=alert(1)>';

export type Rows = (StoredValue | null)[][];

export const STUDY: Readonly<Record<string, Rows>> = {
  Employees: [
    ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component', 'Start Date'],
    ['Ada Lovelace', 'Software Developer', 'US', 150000, 0.9, 'Search ranking', new StoredDate(2021, 3, 1)],
    ['Grace Hopper', 'QA Engineer', 'US', 120000, 1.2, 'Search ranking', new StoredDate(2019, 11, 15)],
    [HTML_CELL, 'Product Manager', 'Canada', 90000, 0.3, 'Search ranking', null],
  ],
  Contractors: [
    [
      'Vendor',
      'Location',
      'Amount Paid',
      'R&D %',
      'Contract Type',
      'Rights Retained',
      'Financial Risk',
      'Business Component',
      'QRE',
    ],
    ['Acme Labs', 'US', 100000, 1, 'standard', 'Yes', 'Yes', 'Search ranking', 70000],
  ],
  Supplies: [
    ['Description', 'Category', 'Environment', 'Amount', 'R&D %', 'Business Component'],
    ['GPU hours', 'Cloud', 'training', 20000, 1, 'Search ranking'],
    ['Serving cluster', 'Cloud', 'production', 5000, 0.5, 'Search ranking'],
  ],
  Components: [
    [
      'Business Component',
      'Type',
      'Permitted Purpose',
      'Technical Uncertainty',
      'Process of Experimentation',
      'Technological in Nature',
      'Internal-Use Software',
    ],
    [
      'Search ranking',
      'Computer software',
      'Faster, more relevant ranking',
      'Whether latency under 50 ms was achievable',
      'A/B experiments on ranking models',
      'Computer science',
      'No',
    ],
  ],
  'Prior Years': [
    ['Tax Year', 'QRE', 'Gross Receipts'],
    [2024, 500000, 9000000],
    [2023, 400000, 8000000],
    [2022, 300000, 7000000],
  ],
  Summary: [
    ['Line', 'Description', 'Amount'],
    ['42', 'Qualified wages', 331000],
  ],
  About: [
    ['Template', 'Version', 'Tax Year', 'Profile'],
    ['software', '1', 2025, 'software'],
  ],
  Notes: [['Reviewer notes'], ['Call the client about Grace Hopper']],
};

export function studyBook(sheets: Readonly<Record<string, Rows>> = STUDY): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  for (const [name, rows] of Object.entries(sheets)) book.addSheet(name, rows);
  return book;
}
