/** Law as data: the registry is built from the jurisdiction folders, and every value is the law's. */
import * as fs from 'fs';
import * as path from 'path';
import { isRule, rulesIn, type LawFile } from '../src/law/define';
import { formatScalar, formatValue, latestChange } from '../src/law/format';
import { ROLE_PROFILES } from '../src/law/roles';
import { ALL_RULES, ASC_RATE, LAW_FOLDERS, PAYROLL_ELECTION_CAP } from '../src/law/rules';
import { NotInForce, resolve, TAX_YEAR_MAX, TAX_YEAR_MIN, type Jurisdiction, type Rule } from '../src/law/types';

const LAW_DIR = path.join(__dirname, '..', 'src', 'law');

/** Every .ts file under a folder, with the jurisdiction its place in the tree gives it. */
function lawFiles(): { file: string; jurisdiction: Jurisdiction }[] {
  const out: { file: string; jurisdiction: Jurisdiction }[] = [];
  const walk = (dir: string, jurisdiction: Jurisdiction | ((sub: string) => Jurisdiction)) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, typeof jurisdiction === 'function' ? jurisdiction(e.name) : jurisdiction);
      else if (e.name.endsWith('.ts') && typeof jurisdiction === 'string') out.push({ file: p, jurisdiction });
    }
  };
  walk(path.join(LAW_DIR, 'federal'), 'US');
  walk(path.join(LAW_DIR, 'states'), (st) => `US-${st.toUpperCase()}`);
  return out;
}

/** The rules some file exports that the registry does not hold (by identity). */
function unregistered(files: readonly LawFile[], registry: readonly Rule<unknown>[]): string[] {
  const known = new Set(registry);
  return files.flatMap((f) => rulesIn(f).filter((r) => !known.has(r))).map((r) => r.id);
}

describe('the registry is built from the jurisdiction folders', () => {
  const files = lawFiles();

  test('it reads the federal files (qre, credit, §280C, payroll, §174)', () => {
    expect(files.map((f) => path.relative(LAW_DIR, f.file)).filter((f) => f.startsWith('federal'))).toEqual(
      expect.arrayContaining([
        'federal/qre.ts',
        'federal/credit.ts',
        'federal/sec280c.ts',
        'federal/payroll.ts',
        'federal/sec174.ts',
      ]),
    );
  });

  test.each(files.map((f) => [path.relative(LAW_DIR, f.file), f] as const))(
    '%s: every rule it exports is in the registry, with the folder’s jurisdiction',
    (_name, { file, jurisdiction }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(file) as LawFile;
      expect(unregistered([exported], ALL_RULES)).toEqual([]);
      for (const r of rulesIn(exported)) expect([r.id, r.jurisdiction]).toEqual([r.id, jurisdiction]);
    },
  );

  test('the check finds a rule file the registry does not reach', () => {
    const stray = { ...ASC_RATE, id: 'planted.stray-rule' };
    expect(unregistered([{ STRAY: stray, RECORD: { a: stray } }], ALL_RULES)).toEqual([
      'planted.stray-rule',
      'planted.stray-rule',
    ]);
  });

  test('the registry holds each rule once, and ids are unique', () => {
    expect(new Set(ALL_RULES).size).toBe(ALL_RULES.length);
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('folders: federal first; no state encoded yet (issue 12 adds states/<st>/)', () => {
    expect(LAW_FOLDERS.map((f) => [f.jurisdiction, f.name])).toEqual([['US', 'Federal']]);
    expect(ALL_RULES.length).toBe(30);
  });

  test('isRule tells a rule from other exports', () => {
    expect([isRule(ASC_RATE), isRule({ id: 'x' }), isRule(null), isRule('credit.asc.rate')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('every rule record', () => {
  const rows = ALL_RULES.map((r) => [r.id, r] as const);

  test.each(rows)('%s: every version has at least one non-empty citation', (_id, rule) => {
    for (const v of rule.history) {
      expect(v.citations.length).toBeGreaterThan(0);
      for (const c of v.citations) expect(c.trim().length).toBeGreaterThan(3);
    }
  });

  test.each(rows)('%s: history sorted by start year, no overlaps, no gaps, open-ended', (_id, rule) => {
    for (let i = 1; i < rule.history.length; i++) {
      expect(rule.history[i]!.from).toBe(rule.history[i - 1]!.through! + 1);
    }
    expect(rule.history[rule.history.length - 1]!.through).toBeUndefined();
  });

  test.each(rows)('%s: a quantity carries its unit', (_id, rule) => {
    // Rates and amounts are decimal strings ('0.14', '500000'); a treatment in words is not a quantity.
    const quantity = rule.history.some(
      (v) => typeof v.value === 'number' || (typeof v.value === 'string' && /^\d+(\.\d+)?$/.test(v.value)),
    );
    if (quantity) expect(rule.unit).toBeDefined();
  });

  /** The address a citation's primary text must have: Title 26 at Cornell LII, P.L. 119-21 at congress.gov. */
  const expectedUrlStart = (citation: string): string | undefined => {
    const irc = /^IRC §(\w+)/.exec(citation);
    if (irc) return `https://www.law.cornell.edu/uscode/text/26/${irc[1]}`;
    if (citation.startsWith('P.L. 119-21')) return 'https://www.congress.gov/bill/119th-congress/house-bill/1';
    // Form 6765 rules the instructions set (Section G): the IRS's instructions page.
    if (citation.startsWith('Form 6765')) return 'https://www.irs.gov/instructions/i6765';
    return undefined;
  };
  test.each(rows)('%s: each version in force links the primary text of its first citation', (_id, rule) => {
    for (const v of rule.history) {
      if (v.value === null) continue; // "not yet enacted" versions may carry no address
      const start = expectedUrlStart(v.citations[0]);
      expect([v.citations[0], start]).not.toEqual([v.citations[0], undefined]);
      expect(v.url?.startsWith(start!) && /^[#/]|^$/.test(v.url.slice(start!.length))).toBe(true);
    }
  });

  test('every rule resolves or says NotInForce across the whole accepted range 1994–2100', () => {
    const other: string[] = [];
    for (const rule of ALL_RULES) {
      for (let y = TAX_YEAR_MIN; y <= TAX_YEAR_MAX; y++) {
        try {
          resolve(rule, y);
        } catch (e) {
          if (!(e instanceof NotInForce)) other.push(`${rule.id} ${y}`);
        }
      }
    }
    expect(other).toEqual([]);
  });
});

// The law's values written out: rule id, tax year (the year the tax year begins), expected
// value ('not in force' where the engine has no version), and where it comes from. Every
// change of every rule has a row for its last year before and its first year after.
const NIF = 'not in force';
const EXPECTED: readonly (readonly [string, number, unknown, string])[] = [
  ['qre.wages.substantially-all-threshold', 1994, '0.8', 'IRC §41(b)(2)(B)'],
  ['qre.wages.substantially-all-threshold', 2025, '0.8', 'IRC §41(b)(2)(B); Treas. Reg. §1.41-2(d)(2)'],
  ['qre.contract.standard-rate', 2025, '0.65', 'IRC §41(b)(3)(A)'],
  ['qre.contract.consortium-rate', 2025, '0.75', 'IRC §41(b)(3)(C)'],
  ['qre.contract.energy-rate', 2004, null, 'P.L. 109-58 §1351(c): after August 8, 2005'],
  ['qre.contract.energy-rate', 2005, '1', 'IRC §41(b)(3)(D)'],
  ['credit.regular.rate', 2025, '0.2', 'IRC §41(a)(1)'],
  ['credit.regular.minimum-base-share', 2025, '0.5', 'IRC §41(c)(2)'],
  ['credit.regular.gross-receipts-years', 2025, 4, 'IRC §41(c)(1)(B)'],
  ['credit.regular.fixed-base-cap', 2025, '0.16', 'IRC §41(c)(3)(C)'],
  ['credit.regular.fixed-base-rounding', 2025, 4, 'IRC §41(c)(3)(D): nearest 1/100 of 1 percent'],
  ['credit.asc.rate', 2006, null, 'P.L. 109-432 §104(c): tax years ending after 2006'],
  ['credit.asc.rate', 2007, '0.12', 'IRC §41(c)(5)(A) as added by P.L. 109-432'],
  ['credit.asc.rate', 2008, '0.12', 'IRC §41(c)(5)(A) (interpretation: keyed on the begin year)'],
  ['credit.asc.rate', 2009, '0.14', 'IRC §41(c)(4)(A); P.L. 110-343 §301(b)'],
  ['credit.asc.rate', 2025, '0.14', 'IRC §41(c)(4)(A)'],
  ['credit.asc.base-share', 2006, NIF, 'the ASC begins in 2007'],
  ['credit.asc.base-share', 2007, '0.5', 'IRC §41(c)(4)(A)'],
  ['credit.asc.no-prior-qre-rate', 2025, '0.06', 'IRC §41(c)(4)(B)'],
  ['credit.asc.prior-years', 2025, 3, 'IRC §41(c)(4)(A)'],
  ['credit.280c.reduced-credit-factor', 2017, '0.65', 'IRC §280C(c); §11(b) 35%'],
  ['credit.280c.reduced-credit-factor', 2018, '0.79', 'IRC §280C(c)(2)(B); §11(b) 21%, P.L. 115-97 §13001'],
  ['credit.280c.without-election', 2021, 'deduction reduced by the credit', 'IRC §280C(c)(1) before TCJA'],
  [
    'credit.280c.without-election',
    2022,
    'capital account reduced by the excess of the credit over the §174 amortization deduction',
    'IRC §280C(c)(1) as amended by P.L. 115-97 §13206(d)',
  ],
  [
    'credit.280c.without-election',
    2024,
    'capital account reduced by the excess of the credit over the §174 amortization deduction',
    'last TCJA year',
  ],
  [
    'credit.280c.without-election',
    2025,
    '§174A deduction (or amount charged to capital account) reduced by the credit',
    'IRC §280C(c)(1) as amended by P.L. 119-21 §70302(b)',
  ],
  ['form6765.section-g.required', 2025, false, 'Form 6765 Section G: optional for tax years beginning before 2026'],
  ['form6765.section-g.required', 2026, true, 'Form 6765 Section G: required for tax years beginning after 2025'],
  ['form6765.section-g.exempt-qre', 2025, NIF, 'no exemption needed before Section G is required'],
  ['form6765.section-g.exempt-qre', 2026, '1500000', 'Instructions for Form 6765, Section G: QREs ≤ $1.5M'],
  ['form6765.section-g.exempt-gross-receipts', 2025, NIF, 'no exemption needed before Section G is required'],
  ['form6765.section-g.exempt-gross-receipts', 2026, '50000000', 'Instructions, Section G: gross receipts ≤ $50M'],
  ['form6765.section-g.listed-share', 2026, '0.8', 'Instructions, Section G: components making up 80% of QREs'],
  ['form6765.section-g.max-components', 2026, 50, 'Instructions, Section G: at most 50 components'],
  ['payroll.qsb.gross-receipts-limit', 2015, NIF, 'P.L. 114-113: tax years beginning after 2015'],
  ['payroll.qsb.gross-receipts-limit', 2016, '5000000', 'IRC §41(h)(3)(A)(i)(I)'],
  ['payroll.qsb.receipts-window-years', 2025, 5, 'IRC §41(h)(3)(A)(i)(II)'],
  ['payroll.election.max-prior-elections', 2025, 5, 'IRC §41(h)(4)(B)(ii)'],
  ['payroll.election.cap', 2015, null, 'P.L. 114-113 div. Q §121(d)'],
  ['payroll.election.cap', 2016, { total: '250000', oasdi: '250000', medicare: '0' }, 'IRC §41(h)(4)(B)(i)'],
  ['payroll.election.cap', 2022, { total: '250000', oasdi: '250000', medicare: '0' }, 'last year before the IRA'],
  [
    'payroll.election.cap',
    2023,
    { total: '500000', oasdi: '250000', medicare: '250000' },
    'IRC §41(h)(4)(B)(i)(II); P.L. 117-169 §13902',
  ],
  ['sec174.domestic', 2021, { kind: 'deduct' }, 'IRC §174(a) before TCJA'],
  ['sec174.domestic', 2022, { kind: 'midpoint', months: 60 }, 'IRC §174(a)(2)(B); P.L. 115-97 §13206'],
  ['sec174.domestic', 2024, { kind: 'midpoint', months: 60 }, 'a fiscal year beginning 7/1/2024 is TCJA'],
  ['sec174.domestic', 2025, { kind: 'deduct' }, 'IRC §174A(a): tax years beginning after 2024-12-31'],
  ['sec174.foreign', 2021, { kind: 'deduct' }, 'IRC §174(a) before TCJA'],
  ['sec174.foreign', 2022, { kind: 'midpoint', months: 180 }, 'IRC §174(a)(2)(B)'],
  ['sec174.foreign', 2025, { kind: 'midpoint', months: 180 }, 'P.L. 119-21 §70302: foreign stays under §174'],
  ['sec174a.elective-amortization', 2024, null, 'P.L. 119-21 §70302: after 2024-12-31'],
  ['sec174a.elective-amortization', 2025, { kind: 'benefit-months', months: 60 }, 'IRC §174A(c)'],
  ['sec174.transition.accelerate-remainder', 2024, null, 'P.L. 119-21 §70302'],
  ['sec174.transition.accelerate-remainder', 2025, { vintagesFrom: 2022, vintagesThrough: 2024 }, '§70302(f)(2)'],
  ['sec174.transition.small-business-retroactive', 2024, null, 'P.L. 119-21 §70302'],
  [
    'sec174.transition.small-business-retroactive',
    2025,
    { vintagesFrom: 2022, vintagesThrough: 2024, grossReceiptsLimit: '31000000' },
    '§70302(f)(1); IRC §448(c) $31M',
  ],
];

describe('the law’s values by tax year (written out)', () => {
  const byId = new Map(ALL_RULES.map((r) => [r.id, r]));
  test.each(EXPECTED.map(([id, year, value, why]) => [`${id} ${year}`, id, year, value, why] as const))(
    '%s',
    (_name, id, year, expected) => {
      const rule = byId.get(id);
      expect(rule).toBeDefined();
      if (expected === NIF) expect(() => resolve(rule!, year)).toThrow(NotInForce);
      else expect(resolve(rule!, year).value).toEqual(expected);
    },
  );

  test('start-up fixed base: 3% for years 1–5, then 1/6 of years 4–5 … 5/6 of years 5–9, any 5 of years 5–10', () => {
    const steps = resolve(
      ALL_RULES.find((r) => r.id === 'credit.regular.startup-fixed-base')!,
      2025,
    ).value;
    expect(formatValue(steps, { fixed: 'rate', multiplier: 'factor' })).toBe(
      [
        'year: 1, fixed: 3%',
        'year: 2, fixed: 3%',
        'year: 3, fixed: 3%',
        'year: 4, fixed: 3%',
        'year: 5, fixed: 3%',
        'year: 6, multiplier: 1/6, fromYear: 4, toYear: 5',
        'year: 7, multiplier: 1/3, fromYear: 5, toYear: 6',
        'year: 8, multiplier: 1/2, fromYear: 5, toYear: 7',
        'year: 9, multiplier: 2/3, fromYear: 5, toYear: 8',
        'year: 10, multiplier: 5/6, fromYear: 5, toYear: 9',
        'year: later, multiplier: 1/1, fromYear: 5, toYear: 10, selectFive: true',
      ].join('; '),
    );
  });

  test.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s: the table has a row for each version, and the year before and after each change',
    (id, rule) => {
      const years = EXPECTED.filter((e) => e[0] === id).map((e) => e[1]);
      if (id === 'credit.regular.startup-fixed-base') years.push(2025); // the test above
      const missing = rule.history.flatMap((v, i) => [
        ...(years.some((y) => y >= v.from && (v.through === undefined || y <= v.through))
          ? []
          : [`a row in ${v.from}–`]),
        ...(i > 0 && !years.includes(v.from - 1) ? [`${v.from - 1} (last year before)`] : []),
        ...(i > 0 && !years.includes(v.from) ? [`${v.from} (first year of)`] : []),
      ]);
      expect(missing).toEqual([]);
    },
  );

  test('values from practitioner readings are marked interpretation — exactly these', () => {
    const interp = ALL_RULES.flatMap((r) =>
      r.history.filter((v) => v.status === 'interpretation').map((v) => `${r.id} from ${v.from}`),
    );
    expect(interp.sort()).toEqual([
      'credit.asc.rate from 2007', // 12% keyed on the begin year; the statute keys on the year end
      // Section G rules come from the form's instructions (LAW.md [verify]).
      'form6765.section-g.exempt-gross-receipts from 2026',
      'form6765.section-g.exempt-qre from 2026',
      'form6765.section-g.listed-share from 1994',
      'form6765.section-g.max-components from 1994',
      'form6765.section-g.required from 1994',
      'form6765.section-g.required from 2026',
      'qre.contract.energy-rate from 2005', // enacted for amounts after August 8, 2005
      'sec174.transition.accelerate-remainder from 2025', // §70302(f)(2) read from summaries
      'sec174.transition.small-business-retroactive from 2025', // §70302(f)(1), Rev. Proc. 2025-28
    ]);
  });

  test('the latest change of the payroll cap: $250,000 before 2023, $500,000 from 2023', () => {
    const c = latestChange(PAYROLL_ELECTION_CAP);
    expect([c.year, c.before?.total, c.after?.total]).toEqual([2023, '250000', '500000']);
    expect(() => latestChange(ALL_RULES.find((r) => r.id === 'credit.regular.rate')!)).toThrow(/never changed/);
  });
});

describe('values written in their unit', () => {
  test.each([
    ['ASC rate', '0.14', 'rate', '14%'],
    ['IL-style rate with a decimal', '0.065', 'rate', '6.5%'],
    ['energy contract rate', '1', 'rate', '100%'],
    ['zero', '0', 'rate', '0%'],
    ['payroll cap', '500000', 'USD', '$500,000'],
    ['gross receipts limit', '5000000', 'USD', '$5,000,000'],
    ['under a thousand', '250', 'USD', '$250'],
    ['§280C factor', '0.79', 'factor', '0.79'],
    ['§174A(c) months', 60, 'month', '60 months'],
    ['a count', 3, 'count', '3'],
  ] as const)('%s: %s (%s) → %s', (_name, v, unit, expected) => {
    expect(formatScalar(v, unit)).toBe(expected);
  });

  test.each([
    ['not in force', null, 'USD', 'not in force'],
    [
      'payroll cap record',
      { total: '500000', oasdi: '250000', medicare: '250000' },
      'USD',
      'total: $500,000, oasdi: $250,000, medicare: $250,000',
    ],
    ['§174 treatment', { kind: 'midpoint', months: 60 }, { months: 'month' }, 'kind: midpoint, months: 60 months'],
  ] as const)('%s', (_name, v, unit, expected) => {
    expect(formatValue(v, unit)).toBe(expected);
  });
});

describe('role profiles (docs/law.md#role-profiles)', () => {
  test.each([
    ['software', 'Software Developer', '0.8', '1'],
    ['software', 'IT Support', '0', '0.1'],
    ['ai-ml', 'Research Scientist', '0.9', '1'],
    ['ai-ml', 'AI Product Manager', '0.1', '0.3'],
  ] as const)('%s: %s is %s–%s', (profile, role, low, high) => {
    expect(ROLE_PROFILES[profile].roles.find((r) => r.role === role)).toEqual({ role, low, high });
  });
  test('every profile is cited and every range has low ≤ high within 0–1', () => {
    for (const p of Object.values(ROLE_PROFILES)) {
      expect(p.citations.length).toBeGreaterThan(0);
      for (const r of p.roles) {
        expect(Number(r.low)).toBeLessThanOrEqual(Number(r.high));
        expect(Number(r.low)).toBeGreaterThanOrEqual(0);
        expect(Number(r.high)).toBeLessThanOrEqual(1);
      }
    }
  });
});
