/**
 * Benchmark (docs/design.md §9): validating a generated 50,000-employee study in core must take
 * under 1 s on this machine. Prints rows per second; not a timed test.
 */
import { performance } from 'perf_hooks';
import type { CellValue } from '@core/cells';
import { validateWorkbook } from '@core/study/validator';
import type { WorkbookGrids } from '@core/study/types';

const BUDGET_MS = 1000;
const EMPLOYEES = 50_000;
const CONTRACTORS = 2_000;
const SUPPLIES = 2_000;
const COMPONENTS = 200;
const RUNS = 5;

/** Roles of the software profile with a spread of allocations, some outside their ranges. */
const ROLES: readonly { readonly role: string; readonly pcts: readonly CellValue[] }[] = [
  { role: 'Software Developer', pcts: [0.85, 0.9, 1, 0.8, 0.95] },
  { role: 'QA Engineer', pcts: [0.6, 0.7, 0.75, '70%', 0.9] },
  { role: 'DevOps Engineer', pcts: [0.4, 0.5, 0.55, 0.6, 0.45] },
  { role: 'Product Manager', pcts: [0.2, 0.3, 0.35, 0.25, 0.4] },
  { role: 'Data Scientist', pcts: [0.7, 0.8, 0.75, 0.85, 0.9] },
  { role: 'IT Support', pcts: [0, 0.05, 0.1, 0, 0.02] },
];

/** A deterministic study: mostly clean, with the mix of findings a real study has. */
export function generateStudy(employees = EMPLOYEES): WorkbookGrids {
  const component = (i: number) => `Component ${i % COMPONENTS}`;
  const emp: CellValue[][] = [
    ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component', 'Notes'],
  ];
  for (let i = 0; i < employees; i++) {
    const r = ROLES[i % ROLES.length];
    const wages = 60_000 + ((i * 7919) % 140_000) + (i % 100) / 100;
    emp.push([
      `Employee ${i}`,
      r.role,
      i % 997 === 0 ? 'Canada' : 'US',
      wages,
      r.pcts[(i >> 3) % r.pcts.length],
      component(i),
      i % 50 === 0 ? 'see memo' : '',
    ]);
  }
  const con: CellValue[][] = [
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
  ];
  for (let i = 0; i < CONTRACTORS; i++) {
    const amount = 1_000 + i * 13.37;
    const consortium = i % 10 === 0;
    // QRE = amount × 100% × 65% (75% for a consortium), rounded to the cent in integer cents.
    const qreCents = Math.round((Math.round(amount * 100) * (consortium ? 75 : 65)) / 100);
    con.push([
      `Vendor ${i}`,
      'US',
      amount,
      1,
      consortium ? 'consortium' : '',
      'Yes',
      'Yes',
      component(i),
      qreCents / 100,
    ]);
  }
  const sup: CellValue[][] = [['Description', 'Category', 'Environment', 'Amount', 'R&D %', 'Business Component']];
  for (let i = 0; i < SUPPLIES; i++) {
    const cloud = i % 2 === 0;
    sup.push([
      `Item ${i}`,
      cloud ? 'Cloud' : 'Supply',
      cloud ? (i % 4 === 0 ? 'training' : 'development') : '',
      250 + i,
      1,
      component(i),
    ]);
  }
  const comp: CellValue[][] = [
    [
      'Business Component',
      'Type',
      'Permitted Purpose',
      'Technical Uncertainty',
      'Process of Experimentation',
      'Technological in Nature',
      'Internal-Use Software',
    ],
  ];
  for (let i = 0; i < COMPONENTS; i++)
    comp.push([component(i), 'Product', 'Performance', 'Design', 'Prototyping', 'Computer science', 'No']);
  return {
    sheets: [
      {
        name: 'About',
        values: [
          ['Template', 'Version', 'Tax Year', 'Profile'],
          ['bench', '1', 2025, 'software'],
        ],
      },
      { name: 'Employees', values: emp },
      { name: 'Contractors', values: con },
      { name: 'Supplies', values: sup },
      { name: 'Components', values: comp },
      {
        name: 'Prior Years',
        values: [
          ['Tax Year', 'QRE', 'Gross Receipts'],
          [2022, 9e6, 5e7],
          [2023, 1e7, 6e7],
          [2024, 1.1e7, 7e7],
        ],
      },
    ],
  };
}

export function benchValidator(): string[] {
  const wb = generateStudy();
  const rows = EMPLOYEES + CONTRACTORS + SUPPLIES + COMPONENTS;
  validateWorkbook(wb); // warm-up: JIT and lazily built tables
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    findings = validateWorkbook(wb).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const best = times[0];
  const perSecond = Math.round(rows / (median / 1000));
  return [
    `validator: ${EMPLOYEES.toLocaleString('en-US')} employees + ${CONTRACTORS + SUPPLIES + COMPONENTS} other rows, ${findings.toLocaleString('en-US')} findings`,
    `validator: median ${median.toFixed(1)} ms, best ${best.toFixed(1)} ms over ${RUNS} runs — ${perSecond.toLocaleString('en-US')} rows/s`,
    `validator: budget ${BUDGET_MS} ms — ${median < BUDGET_MS ? 'UNDER' : 'OVER'} (median is ${(median / BUDGET_MS).toFixed(2)}× the budget)`,
  ];
}
