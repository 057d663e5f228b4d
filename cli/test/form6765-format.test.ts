/**
 * How `rdtax compute` renders Form 6765 — the text report, the --json `form6765` and the --csv
 * rows — from hand-built results (core computes them; the CLI only lays them out). The worked
 * return below is a 2026 study with the LAW.md examples' numbers:
 *   Section A: QREs 2,000,000.00, fixed-base 3% × average receipts 10,000,000.00 = 300,000.00;
 *     line 9 = 1,700,000.00, line 10 = 50% × 2,000,000.00 = 1,000,000.00, line 11 = 1,000,000.00,
 *     line 13 = 20% × 1,000,000.00 = 200,000.00 (IRC §41(a)(1), (c)(1)–(2)).
 *   Section B: 3-year total 2,250,000.00 ÷ 6 = 375,000.00; 2,000,000.00 − 375,000.00 = 1,625,000.00;
 *     × 14% = 227,500.00 (IRC §41(c)(4)(A)). The ASC is larger: line 28 = 227,500.00.
 *   Section G: components 1,200,000.00 + 500,000.00 + 300,000.00 = 2,000,000.00 (line 48);
 *     listed until ≥ 80%: 1,200,000 (60%) + 500,000 (85%) → 2 listed, 0.85 of line 48.
 */
import type { StudyComputation } from '@core/compute';
import {
  FORM_6765_G_LINES,
  FORM_6765_LINES,
  type Form6765Result,
  type FormLineResult,
  type LineValue,
  type SectionGComponent,
  type SectionGLine,
} from '@core/form6765';
import { formatComputation } from '../src/compute-format';
import { parseCsv } from '../src/csv';
import { CSV_HEADER, csvAmount, csvField, form6765Csv } from '../src/form6765-csv';
import { formatForm6765, formatValue, money, percent, WIDTH } from '../src/form6765-format';
import { form6765Json, linesNamedBy, notesWithLines } from '../src/form6765-json';

// ------------------------------------------------------------------ a hand-built result

const VALUES: Readonly<Record<string, LineValue>> = {
  A: false,
  B: false,
  '1': 0,
  '2': 0,
  '3': 0,
  '4': 0,
  '5': 2000000,
  '6': 0.03,
  '7': 10000000,
  '8': 300000,
  '9': 1700000,
  '10': 1000000,
  '11': 1000000,
  '12': 1000000,
  '13': 200000,
  '14': 0,
  '15': 0,
  '16': 0,
  '17': 0,
  '18': 0,
  '19': 0,
  '20': 2000000,
  '21': 2250000,
  '22': 375000,
  '23': 1625000,
  '24': 227500,
  '25': 227500,
  '26': 227500,
  '27': 0,
  '28': 227500,
  '29': 0,
  '30': 227500,
  '31': 0,
  '32': 227500,
  '33a': false,
  '33b': null,
  '34': null,
  '35': null,
  '36': null,
  '37': 3,
  '38': 150000,
  '39': false,
  '40': false,
  '41': false,
  '42': 1600000,
  '43': 100000,
  '44': 50000,
  '45': 250000,
  '46': 0,
  '47': 250000,
  '48': 2000000,
};

type Extra = Partial<Pick<FormLineResult, 'note' | 'cell' | 'detail' | 'skipped'>>;
const EXTRAS: Readonly<Record<string, Extra>> = {
  '8': { detail: '3.00% × 10,000,000.00' },
  '22': { detail: '3-year total 2,250,000.00 ÷ 6' },
  '33b': { skipped: true, note: 'no payroll election (About!B14), so lines 33b–36 are skipped' },
  '34': { skipped: true, note: 'no payroll election (About!B14), so lines 33b–36 are skipped' },
  '35': { skipped: true, note: 'no payroll election (About!B14), so lines 33b–36 are skipped' },
  '36': { skipped: true, note: 'no payroll election (About!B14), so lines 33b–36 are skipped' },
};

function component(
  name: string,
  qre: number,
  amounts: readonly number[],
  text: Partial<Record<SectionGLine, string>> = {},
  cell?: string,
): SectionGComponent {
  const lines = {} as Record<SectionGLine, string | number | null>;
  for (const l of ['49a', '49b', '49c', '49d', '49e', '49f'] as const) lines[l] = text[l] ?? null;
  lines['49c'] = text['49c'] ?? name;
  (['50', '51', '52', '53', '54', '55', '56'] as const).forEach((l, i) => (lines[l] = amounts[i] ?? 0));
  return { name, qre, lines, ...(cell ? { cell } : {}) };
}

const CHECKOUT = component(
  'Checkout service',
  1200000,
  [900000, 60000, 40000, 1000000, 50000, 50000, 100000],
  { '49d': 'product', '49e': 'non-internal use', '49f': 'Whether one ledger can settle 10k payments a second' },
  'Components!A2',
);
const FRAUD = component('Fraud model', 500000, [300000, 50000, 0, 350000, 50000, 0, 100000], {
  '49d': 'computer software',
  '49e': 'internal use',
});
const LABELER = component('Labeler', 300000, [200000, 0, 0, 200000, 0, 0, 100000], { '49d': 'process' });

interface Build {
  readonly values?: Readonly<Record<string, LineValue>>;
  readonly extras?: Readonly<Record<string, Extra>>;
  readonly taxYear?: number;
  readonly method?: Form6765Result['method'];
  readonly g?: Partial<Form6765Result['sectionG']>;
}

function form(b: Build = {}): Form6765Result {
  const values = { ...VALUES, ...b.values };
  const extras = { ...EXTRAS, ...b.extras };
  return {
    revision: '2024-12',
    taxYear: b.taxYear ?? 2026,
    itemA: values.A === true,
    itemB: values.B === null ? null : values.B === true,
    method: b.method === undefined ? 'asc' : b.method,
    methodReason:
      'About!B9 (Credit Method) is blank: the larger credit is used — the ASC 227,500.00 over the regular credit 200,000.00',
    lines: FORM_6765_LINES.map((spec): FormLineResult => ({
      line: spec.line,
      section: spec.section,
      label: spec.label,
      citation: spec.citation,
      kind: spec.kind,
      value: values[spec.line] ?? null,
      ...extras[spec.line],
    })),
    sectionG: {
      required: true,
      reason:
        'tax years beginning after 2025: line 48 (2,000,000.00) is over $1,500,000, so the small-filer exemption does not apply (Form 6765 (Rev. Dec. 2024) Section G)',
      components: [CHECKOUT, FRAUD],
      all: [CHECKOUT, FRAUD, LABELER],
      unassigned: null,
      listedShare: 0.85,
      ...b.g,
    },
  };
}

const text = (f: Form6765Result) => formatForm6765(f).join('\n');
/** The printed row of a line: "  <n>  <label…>  <value>". */
const rowOf = (f: Form6765Result, line: string) => formatForm6765(f).find((r) => r.startsWith(`  ${line.padEnd(4)}  `));

// ------------------------------------------------------------------ values

describe('a value as printed', () => {
  it.each([
    ['an amount with cents: 1234.5 → 1,234.50', 'amount', 1234.5, '1,234.50'],
    ['a whole amount keeps its cents: 2,000,000 → 2,000,000.00', 'amount', 2000000, '2,000,000.00'],
    ['an amount under 1,000 has no separator', 'amount', 999.99, '999.99'],
    ['a negative amount (line 32 when line 31 exceeds line 30)', 'amount', -1234.56, '-1,234.56'],
    ['zero', 'amount', 0, '0.00'],
    ['the start-up fixed-base rate 0.03 → 3.00% (IRC §41(c)(3)(B))', 'rate', 0.03, '3.00%'],
    ['a fixed-base rate at 1/100 of 1%: 0.0333 → 3.33% (§41(c)(3)(D))', 'rate', 0.0333, '3.33%'],
    ['a rate with more digits keeps them all: 0.016667 → 1.6667%', 'rate', 0.016667, '1.6667%'],
    ['the 16% cap: 0.16 → 16.00% (§41(c)(3)(C))', 'rate', 0.16, '16.00%'],
    ['a count (line 37 business components)', 'count', 3, '3'],
    ['a count over 999 reads with a separator', 'count', 1200, '1,200'],
    ['yes', 'yes-no', true, 'Yes'],
    ['no', 'yes-no', false, 'No'],
    ['an amount on a yes-no line (line 41 ASC 730 directive QREs)', 'yes-no', 5000, '5,000.00'],
    ['text', 'text', 'product', 'product'],
    ['a number on a text line (49(b) activity code 541511) is not money', 'text', 541511, '541511'],
    ['not computed', 'amount', null, 'not computed'],
  ] as const)('%s', (_n, kind, value, shown) => {
    expect(formatValue(kind, value)).toBe(shown);
  });
  it('a skipped line reads "skipped", not "not computed"', () => {
    expect(formatValue('amount', null, true)).toBe('skipped');
  });
  it.each([
    ['0.1 + 0.2 in floating point (0.30000000000000004) → 0.30', 0.1 + 0.2, '0.30'],
    ['1,000,000.005 rounds half up once, at the edge → 1,000,000.01', 1000000.005, '1,000,000.01'],
  ])('money: %s', (_n, v, shown) => expect(money(v)).toBe(shown));
  it('percent keeps exact decimals: 0.07 → 7.00% (not 7.000000000000001%)', () => expect(percent(0.07)).toBe('7.00%'));
});

// ------------------------------------------------------------------ the text report

describe('the form as text', () => {
  const f = form();

  it('sections in the form order, each with its title', () => {
    const titles = [
      'Items A and B',
      'Section A — Regular Credit',
      'Section B — Alternative Simplified Credit',
      'Section C — Current Year Credit',
      'Section D — Qualified Small Business Payroll Tax Election and Payroll Tax Credit',
      'Section E — Other Information',
      'Section F — Qualified Research Expenses Summary',
      'Section G — Business Component Information',
    ];
    const out = formatForm6765(f);
    const at = titles.map((t) => out.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('every line of the description is printed once, in order, with its number and label', () => {
    const out = formatForm6765(f);
    let last = -1;
    for (const spec of FORM_6765_LINES) {
      const i = out.findIndex((r) => r.startsWith(`  ${spec.line.padEnd(4)}  `));
      expect([spec.line, i > last]).toEqual([spec.line, true]);
      last = i;
    }
  });

  it.each([
    ['Item A: the §280C(c)(2) election, yes/no', 'A', /Are you electing the reduced credit under section 280C\? +No$/],
    ['line 6: the fixed-base rate as a percentage', '6', /Fixed-base percentage \(not more than 16%\) +3\.00%$/],
    ['line 8: 3% × 10,000,000.00 = 300,000.00', '8', /Base amount before the 50% minimum +300,000\.00$/],
    ['line 13: 20% × 1,000,000.00 = 200,000.00', '13', / +200,000\.00$/],
    ['line 22: 2,250,000.00 ÷ 6 = 375,000.00', '22', /Line 21 ÷ 6 +375,000\.00$/],
    ['line 24: 14% × 1,625,000.00 = 227,500.00', '24', / +227,500\.00$/],
    ['line 33a: no payroll election', '33a', / +No$/],
    ['line 34 skipped without the election', '34', / +skipped$/],
    ['line 37: 3 business components (a count, no cents)', '37', / +3$/],
    [
      'line 48: 1,600,000 + 100,000 + 50,000 + 250,000 = 2,000,000.00',
      '48',
      /Total qualified research expenses +2,000,000\.00$/,
    ],
  ])('%s', (_n, line, row) => {
    expect(rowOf(f, line)).toMatch(row);
  });

  it.each([
    ['line 8 shows its inputs (fixed-base % × average gross receipts)', '8', '3.00% × 10,000,000.00'],
    ['line 22 shows its inputs (3-year total ÷ 6)', '22', '3-year total 2,250,000.00 ÷ 6'],
  ])('%s', (_n, line, detail) => {
    const out = formatForm6765(f);
    const i = out.findIndex((r) => r.startsWith(`  ${line.padEnd(4)}  `));
    expect(out[i + 1]).toBe(`        ${detail}`);
  });

  it('line 28 says which credit is used and why', () => {
    const out = formatForm6765(f);
    const i = out.findIndex((r) => r.startsWith('  28    '));
    expect(
      out
        .slice(i + 1, i + 3)
        .join(' ')
        .replace(/\s+/g, ' '),
    ).toMatch(
      /^ Credit used: the alternative simplified credit \(line 26\) — About!B9 \(Credit Method\) is blank: the larger credit is used/,
    );
    expect(text(form({ method: 'regular' }))).toContain('Credit used: the regular credit (line 13) —');
    expect(text(form({ method: null }))).toContain('Credit used: none (neither credit is computed) —');
  });

  it('a null line says "not computed", why, and the cell that blocks it', () => {
    const missing = form({
      values: { '42': null, '48': null, '5': null },
      extras: {
        '42': {
          note: 'the Location column is missing, so no wage row can be tested for foreign research (IRC §41(d)(4)(F))',
          cell: 'Employees!1:1',
        },
        '48': { note: 'line 42 is not computed', cell: 'Employees!1:1' },
        '5': { note: 'line 48 is not computed' },
      },
    });
    const out = formatForm6765(missing);
    const i = out.findIndex((r) => r.startsWith('  42    '));
    expect(out[i]).toMatch(/ +not computed$/);
    expect(out.slice(i + 1, i + 3).join(' ')).toMatch(
      /not computed: the Location column is missing, .* \(IRC §41\(d\)\(4\)\(F\)\) \(Employees!1:1\)/,
    );
    // a note that names its cell already is not given it twice
    expect(out.join('\n')).not.toContain('(Employees!1:1) (Employees!1:1)');
    expect(rowOf(missing, '5')).toMatch(/ +not computed$/);
  });

  it('a skipped line says "skipped" and the form’s reason', () => {
    const out = formatForm6765(f);
    const i = out.findIndex((r) => r.startsWith('  34    '));
    expect(out[i + 1]).toBe('        skipped: no payroll election (About!B14), so lines 33b–36 are skipped');
  });

  it('a null line without a note still says so (never a bare blank), with its cell when there is one', () => {
    const out = formatForm6765(form({ values: { '27': null, '29': null }, extras: { '29': { cell: 'About!M2' } } }));
    const i = out.findIndex((r) => r.startsWith('  27    '));
    expect(out[i + 1]).toBe('        not computed: no reason given');
    const j = out.findIndex((r) => r.startsWith('  29    '));
    expect(out[j + 1]).toBe('        not computed: blocked by About!M2');
  });

  it('a computed line read from a cell says where from', () => {
    const out = formatForm6765(form({ extras: { '7': { cell: 'About!H2' } } }));
    const i = out.findIndex((r) => r.startsWith('  7     '));
    expect(out[i + 1]).toBe('        from About!H2');
  });

  it('"amounts in dollars and cents" is said once', () => {
    expect(text(f).match(/dollars and cents/g)).toHaveLength(1);
  });

  it('no printed line is wider than 100 columns, even with long workbook text', () => {
    const long = 'Whether a single ledger service can settle ten thousand card payments a second '.repeat(4);
    const wide = form({
      g: {
        components: [component(`${'Very long component name '.repeat(8)}end`, 1, [1], { '49f': long })],
        unassigned: component('Unassigned', 12000.5, [12000.5, 0, 0, 12000.5, 0, 0, 0]),
      },
      values: { '42': null },
      extras: { '42': { note: `${'x'.repeat(150)} and more words after it`, cell: 'Employees!C1' } },
    });
    const tooWide = formatForm6765(wide).filter((r) => [...r].length > WIDTH);
    expect(tooWide).toEqual([]);
  });
});

describe('Section G as text', () => {
  it('required: says so and why', () => {
    expect(text(form()).replace(/\s+/g, ' ')).toContain(
      'Required: yes — tax years beginning after 2025: line 48 (2,000,000.00) is over $1,500,000',
    );
  });

  it.each([
    [
      'core’s reason says "Required:" itself: not said twice',
      true,
      'Required: line 48 is over 1,500,000.00.',
      'Required: line 48 is over 1,500,000.00.',
    ],
    [
      'core’s reason says "Optional:" and "computed anyway"',
      false,
      'Optional: Section G is required from 2026; computed anyway.',
      'Optional: Section G is required from 2026; computed anyway.',
    ],
    [
      'an exemption without "computed anyway" gets it',
      false,
      'Not required: the payroll election (line 33a).',
      'Not required: the payroll election (line 33a). Computed anyway.',
    ],
  ])('%s', (_n, required, reason, shown) => {
    const out = formatForm6765(form({ g: { required, reason } }));
    expect(out[out.indexOf('Section G — Business Component Information') + 1]).toBe(`  ${shown}`);
  });

  it('not required (a 2025 return): says so, why, and that it is computed anyway', () => {
    const g = text(
      form({
        taxYear: 2025,
        g: {
          required: false,
          reason: 'optional for tax years beginning before 2026 (Form 6765 (Rev. Dec. 2024) Section G)',
        },
      }),
    );
    expect(g.replace(/\s+/g, ' ')).toContain(
      'Required: no — optional for tax years beginning before 2026 (Form 6765 (Rev. Dec. 2024) Section G) Computed anyway.',
    );
  });

  it('the listed components and their share of line 48: 2 of 3, (1,200,000 + 500,000) ÷ 2,000,000 = 85.00%', () => {
    expect(text(form())).toContain('Listed: 2 of 3 components, 85.00% of line 48');
  });

  it('a component: 49(c) name — 49(d) type — 49(e) software type, its cell and QREs; then lines 50–56', () => {
    const out = formatForm6765(form());
    const i = out.findIndex((r) => r.startsWith('  1  Checkout service'));
    expect(out[i]).toBe('  1  Checkout service — product — non-internal use (Components!A2); QREs 1,200,000.00');
    expect(out[i + 1]).toBe('     49f information sought: Whether one ledger can settle 10k payments a second');
    // 900,000 + 60,000 + 40,000 = 1,000,000 (line 53); 54 supplies, 55 computers, 56 contract
    expect(out[i + 2].trim().split(/ +/)).toEqual([
      '900,000.00',
      '60,000.00',
      '40,000.00',
      '1,000,000.00',
      '50,000.00',
      '50,000.00',
      '100,000.00',
    ]);
    expect(out).toContain('  2  Fraud model — computer software — internal use; QREs 500,000.00');
  });

  it('the components not listed (below the 80% cut) are counted with their QREs', () => {
    expect(text(form())).toContain('Not listed: 1 more component with QREs 300,000.00 (Labeler).');
  });

  it('unassigned QREs are shown with their amount and what to do', () => {
    const g = text(form({ g: { unassigned: component('Unassigned', 12000.5, [12000.5, 0, 0, 12000.5, 0, 0, 0]) } }));
    expect(g).toContain('Unassigned QREs (rows naming no business component; component/unassigned-qre): 12,000.50.');
  });

  it('no component with QREs', () => {
    expect(text(form({ g: { components: [], all: [], listedShare: null } }))).toContain(
      'No business component has QREs.',
    );
  });

  it('control characters in a component name cannot move the terminal cursor', () => {
    const hostile = component('Evil\u001b[2J\u001b[1;1Hname\nforged line', 10, [10]);
    const g = text(form({ g: { components: [hostile], all: [hostile] } }));
    expect(g.includes(String.fromCharCode(27))).toBe(false);
    expect(g).toContain('Evil [2J [1;1Hname forged line');
  });
});

// ------------------------------------------------------------------ --json

describe('form6765 in --json (issue 10 §4)', () => {
  const j = form6765Json(form());

  it('revision, tax year, Items A and B as fields, the method and why', () => {
    expect(j).toMatchObject({
      revision: '2024-12',
      taxYear: 2026,
      itemA: false,
      itemB: false,
      method: 'asc',
      methodReason: expect.stringContaining('Credit Method'),
    });
  });

  it('lines: every line 1–48 (33a and 33b too), not Items A and B', () => {
    const want = FORM_6765_LINES.map((s) => s.line).filter((l) => l !== 'A' && l !== 'B');
    expect(Object.keys(j.lines).sort()).toEqual([...want].sort());
  });

  it.each([
    ['an amount in dollars, exact to the cent: line 13 = 200,000', '13', 200000],
    ['a rate as a fraction: line 6 = 0.03', '6', 0.03],
    ['yes/no as a boolean: line 33a', '33a', false],
    ['a count: line 37', '37', 3],
    ['a skipped line is null: line 34', '34', null],
    ['line 48 = 2,000,000', '48', 2000000],
  ])('%s', (_n, line, value) => expect(j.lines[line]).toBe(value));

  it('inputs, notes, cells and skipped lines by line', () => {
    expect(j.details['22']).toBe('3-year total 2,250,000.00 ÷ 6');
    expect(j.notes['34']).toBe('no payroll election (About!B14), so lines 33b–36 are skipped');
    expect(j.skipped).toEqual(['33b', '34', '35', '36']);
  });

  it('Section G: required and why, the listed components with lines 49(a)–56, all, unassigned, share', () => {
    expect(j.sectionG.required).toBe(true);
    expect(j.sectionG.reason).toContain('tax years beginning after 2025: line 48');
    expect(j.sectionG.listedShare).toBe(0.85);
    expect(j.sectionG.components.map((c) => c.name)).toEqual(['Checkout service', 'Fraud model']);
    expect(j.sectionG.all.map((c) => c.name)).toEqual(['Checkout service', 'Fraud model', 'Labeler']);
    expect(j.sectionG.unassigned).toBeNull();
    expect(j.sectionG.components[0]).toEqual({
      name: 'Checkout service',
      qre: 1200000,
      cell: 'Components!A2',
      lines: {
        '49a': null,
        '49b': null,
        '49c': 'Checkout service',
        '49d': 'product',
        '49e': 'non-internal use',
        '49f': 'Whether one ledger can settle 10k payments a second',
        '50': 900000,
        '51': 60000,
        '52': 40000,
        '53': 1000000,
        '54': 50000,
        '55': 50000,
        '56': 100000,
      },
    });
    // (a JSON object lists integer-like keys first: "50" … "56", then "49a" … "49f")
    expect(Object.keys(j.sectionG.components[1].lines).sort()).toEqual(FORM_6765_G_LINES.map((s) => s.line).sort());
  });

  it('survives JSON: numbers stay numbers, nulls stay null', () => {
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });

  it('every null line has a note in the file’s notes, saying why and where', () => {
    const f = form({
      values: { '42': null, B: null },
      extras: { '42': { note: 'the Location column is missing', cell: 'Employees!1:1' } },
    });
    const notes = notesWithLines(['an existing note'], f);
    expect(notes[0]).toBe('an existing note');
    expect(notes).toContain('Form 6765 line 42: the Location column is missing (Employees!1:1)');
    expect(notes).toContain(
      'Form 6765 line 34: skipped — no payroll election (About!B14), so lines 33b–36 are skipped',
    );
    expect(notes).toContain('Form 6765 Item B: not computed (no reason given)');
    for (const l of f.lines.filter((x) => x.value === null))
      expect([
        l.line,
        notes.some((n) => n.startsWith(`Form 6765 ${/^[AB]$/.test(l.line) ? 'Item' : 'line'} ${l.line}:`)),
      ]).toEqual([l.line, true]);
    expect(form6765Json(f).notes['42']).toBe('the Location column is missing (Employees!1:1)');
  });

  it('a note core already wrote into the file’s notes is not repeated', () => {
    const f = form();
    const once = notesWithLines([], f);
    expect(notesWithLines(once, f)).toEqual(once);
  });

  it('core’s own note for a null line is kept, given the blocking cell when it does not name it', () => {
    const f = form({ values: { '38': null }, extras: { '38': { note: 'no Officer column', cell: 'Employees!G1' } } });
    const notes = notesWithLines(['Form 6765 line 38: Employees has no Officer column.'], f);
    expect(notes.filter((n) => n.startsWith('Form 6765 line 38:'))).toEqual([
      'Form 6765 line 38: Employees has no Officer column. (Employees!G1)',
    ]);
  });

  it.each([
    ['one line', 'Form 6765 line 42: no Location column.', ['42']],
    ['a line with a letter', 'Form 6765 line 33b: x', ['33b']],
    [
      'several lines, one reason',
      'Form 6765 lines 9, 10, 11, 48: not computed for the same reason as line 5.',
      ['9', '10', '11', '48'],
    ],
    ['two lines with "and"', 'Form 6765 lines 30 and 32: x', ['30', '32']],
    ['an item', 'Form 6765 Item B: Controlled Group is not answered.', ['B']],
    ['another note', '§174 amounts here are the study’s qualified shares', []],
    ['a note that mentions a line later', 'Rows left out feed no Form 6765 line 42: x', []],
  ])('linesNamedBy: %s', (_n, note, lines) => expect(linesNamedBy(note)).toEqual(lines));

  it('a null line covered by core’s grouped note ("lines 9, 10, …: the same reason as line 5") gets no second note', () => {
    const f = form({ values: { '5': null, '9': null, '10': null }, extras: { '5': { note: 'no Location column' } } });
    const core = [
      'Form 6765 line 5: no Location column.',
      'Form 6765 lines 9, 10: not computed for the same reason as line 5.',
    ];
    expect(notesWithLines(core, f).filter((n) => /line[s]? (5|9|10)\b/.test(n))).toEqual(core);
  });

  it('the notes map holds real notes only; the cells map holds the cells', () => {
    const j = form6765Json(form({ extras: { '7': { cell: 'About!H2' } } }));
    expect(j.notes['7']).toBeUndefined();
    expect(j.cells['7']).toBe('About!H2');
  });
});

// ------------------------------------------------------------------ --csv

describe('--csv rows', () => {
  const hostile = component('=HYPERLINK("http://x")', 1200000, [900000, 60000, 40000, 1000000, 50000, 50000, 100000], {
    '49d': '-2+3',
    '49e': '@SUM(A1)',
    '49f': 'Can latency, "p99", drop below 10 ms?',
  });
  const f = form({ g: { components: [hostile, FRAUD], all: [hostile, FRAUD, LABELER] } });
  const csv = form6765Csv(f);
  const rows = parseCsv(csv);
  const byLine = new Map(rows.map((r) => [r[0], r]));

  it('header line,label,amount,citation; CRLF line ends; four fields in every row', () => {
    expect(csv.startsWith('line,label,amount,citation\r\n')).toBe(true);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n').filter((l) => l.includes('\n'))).toEqual([]);
    expect(rows.filter((r) => r.length !== 4)).toEqual([]);
  });

  it('one row per line (Items A, B, lines 1–48 with 33a/33b: 51) then 13 per listed component: 1 + 51 + 2 × 13 = 78 rows', () => {
    expect(FORM_6765_LINES).toHaveLength(51);
    expect(rows).toHaveLength(1 + 51 + 2 * 13);
    expect(rows.slice(1, 52).map((r) => r[0])).toEqual(FORM_6765_LINES.map((s) => s.line));
    expect(rows.slice(52, 65).map((r) => r[0])).toEqual(FORM_6765_G_LINES.map((s) => `${s.line}[1]`));
    expect(rows[77]?.[0]).toBe('56[2]');
  });

  it.each([
    ['Item A: Yes/No', 'A', 'No'],
    ['an amount: two decimals, no separators (line 13 = 200000.00)', '13', '200000.00'],
    ['a rate as a fraction (line 6)', '6', '0.03'],
    ['a count (line 37)', '37', '3'],
    ['a skipped line: empty', '34', ''],
    ['a Section G amount: line 53 of component 1 = 900,000 + 60,000 + 40,000', '53[1]', '1000000.00'],
    ['a Section G amount of component 2: line 56', '56[2]', '100000.00'],
    ['49(a) not given: empty', '49a[1]', ''],
  ])('%s', (_n, line, amount) => {
    expect(byLine.get(line)?.[2]).toBe(amount);
  });

  it('a label with commas is quoted and reads back whole (line 13)', () => {
    expect(csv).toContain('13,"Regular credit (line 12 × 20%, or × 15.8% with the §280C election)",200000.00,');
    expect(byLine.get('13')?.[1]).toBe('Regular credit (line 12 × 20%, or × 15.8% with the §280C election)');
    expect(byLine.get('13')?.[3]).toBe('IRC §41(a); IRC §280C(c)(2); Form 6765 (Rev. Dec. 2024) line 13');
  });

  it.each([
    [
      'a formula name =HYPERLINK("http://x"): apostrophe, quotes doubled',
      '49c[1]',
      '"\'=HYPERLINK(""http://x"")"',
      '\'=HYPERLINK("http://x")',
    ],
    ['text starting with -', '49d[1]', "'-2+3", "'-2+3"],
    ['text starting with @', '49e[1]', "'@SUM(A1)", "'@SUM(A1)"],
    [
      'a comma and quotes inside text',
      '49f[1]',
      '"Can latency, ""p99"", drop below 10 ms?"',
      'Can latency, "p99", drop below 10 ms?',
    ],
  ])('workbook text written safely: %s', (_n, line, raw, read) => {
    expect(csv).toContain(`${line},`);
    expect(csv.split('\r\n').find((r) => r.startsWith(`${line},`))).toContain(`,${raw},`);
    expect(byLine.get(line)?.[2]).toBe(read);
  });

  it('no field read back starts with a formula character unless it is a number', () => {
    for (const r of rows.slice(1))
      for (const field of r)
        expect([field, /^[=+@\t\r]/.test(field) || /^-(?!\d)/.test(field)]).toEqual([field, false]);
  });

  it.each([
    ['a negative amount stays a number (not apostrophe-prefixed)', 'amount', -1234.5, '-1234.50'],
    ['null is an empty cell', 'amount', null, ''],
    ['a rate keeps every digit: 0.016667', 'rate', 0.016667, '0.016667'],
    ['an amount on a yes-no line (line 41) has cents', 'yes-no', 5000, '5000.00'],
    ['a number on a text line (49(b) code) has no cents', 'text', 541511, '541511'],
    ['yes', 'yes-no', true, 'Yes'],
  ] as const)('csvAmount: %s', (_n, kind, value, out) => expect(csvAmount(kind, value)).toBe(out));

  it.each([
    ['plain', 'abc', 'abc'],
    ['a comma', 'a,b', '"a,b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'a\nb', '"a\nb"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
  ])('csvField: %s', (_n, raw, out) => expect(csvField(raw)).toBe(out));
});

// ------------------------------------------------------------------ the whole report

describe('the compute report around the form', () => {
  const amount = (n: number | null) => ({ amount: n });
  const computation = (over: Partial<StudyComputation> = {}): StudyComputation => ({
    taxYear: 2026,
    taxYearSource: 'About!B2',
    sectionF: [],
    reduced280c: false,
    credits: {
      asc: {
        method: 'asc',
        label: 'Alternative simplified credit',
        citation: 'IRC §41(c)(4)',
        inputs: {},
        amount: 227500,
      },
      regular: { method: 'regular', label: 'Regular credit', citation: 'IRC §41(a)(1)', inputs: {}, amount: 200000 },
    },
    sec174: {
      method: 'auto',
      domestic: {
        incurred: amount(2000000),
        deduction: amount(1772500),
        priorVintages: amount(0),
        reduction280c: {
          amount: 227500,
          before: 2000000,
          applies: '§174A deduction (or amount charged to capital account) reduced by the credit',
          citation: 'IRC §280C(c)(1) as amended by P.L. 119-21 §70302(b)',
        },
      },
      foreign: { incurred: amount(0), deduction: amount(0), priorVintages: amount(0) },
      total: amount(1772500),
      citation: 'IRC §174A',
    },
    payroll: {
      amount: 227500,
      oasdi: 227500,
      medicare: 0,
      creditUsed: 'asc',
      eligible: true,
      citation: 'IRC §41(h)',
    },
    form6765: form(),
    // No row names a state: the state section is empty (compute-format prints none).
    states: {
      byState: [],
      noState: { state: null, name: 'United States, no state named', lines: [], total: amount(2000000), rows: 0 },
      credits: [],
      supported: ['CA'],
      notes: [],
      citation: 'LAW.md "State credits"',
    },
    excluded: [],
    notes: [],
    ...over,
  });
  const counts = { errors: 0, warnings: 0, info: 0 };

  it('prints the form, then §174 with the §280C(c)(1) reduction as its own line with its citation', () => {
    const out = formatComputation('study.xlsx', computation(), counts);
    expect(out.indexOf('Section G — Business Component Information')).toBeLessThan(out.indexOf('§174 / §174A'));
    // 2,000,000 − 227,500 (the credit claimed, no §280C(c)(2) election) = 1,772,500
    expect(out).toMatch(/§280C\(c\)\(1\) reduction, domestic +227,500\.00\n/);
    expect(out.replace(/\s+/g, ' ')).toContain(
      '§174A deduction (or amount charged to capital account) reduced by the credit; the deduction before it: 2,000,000.00 (IRC §280C(c)(1) as amended by P.L. 119-21 §70302(b))',
    );
    expect(out).toMatch(/Total deduction +1,772,500\.00/);
    expect(out).not.toContain('Section F — qualified research expenses'); // the old short table is replaced
  });

  it('without the reduction (the §280C(c)(2) election made) there is no reduction line', () => {
    const c = computation();
    const out = formatComputation(
      'study.xlsx',
      { ...c, sec174: { ...c.sec174, domestic: { ...c.sec174.domestic, reduction280c: undefined } } },
      counts,
    );
    expect(out).not.toContain('§280C(c)(1) reduction');
  });

  it('a credit of 0 gives "nothing to elect", not "not a qualified small business"', () => {
    const c = computation({
      credits: {
        asc: { method: 'asc', label: 'Alternative simplified credit', citation: '', inputs: {}, amount: 0 },
        regular: { method: 'regular', label: 'Regular credit', citation: '', inputs: {}, amount: 0 },
      },
      payroll: { amount: 0, oasdi: 0, medicare: 0, creditUsed: 'asc', eligible: false, citation: '' },
    });
    const out = formatComputation('study.xlsx', c, counts);
    expect(out).toContain('  Nothing to elect: the ASC is 0.00.');
    expect(out).not.toContain('not a qualified small business');
  });

  it('no line of the report is wider than 100 columns', () => {
    const out = formatComputation('study.xlsx', computation(), counts);
    expect(out.split('\n').filter((l) => [...l].length > WIDTH)).toEqual([]);
  });
});
