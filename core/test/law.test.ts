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

  test('folders: federal first, then the states of issue 12 in the order states/index.ts lists them', () => {
    expect(LAW_FOLDERS.map((f) => [f.jurisdiction, f.name])).toEqual([
      ['US', 'Federal'],
      ['US-CA', 'California'],
      ['US-TX', 'Texas'],
      ['US-IL', 'Illinois'],
      ['US-AZ', 'Arizona'],
      ['US-MA', 'Massachusetts'],
    ]);
    // 30 federal; CA 6, TX 6, IL 3, AZ 3, MA 6 (the regular base's 50% floor is the federal §41(c)(2) rule).
    expect(ALL_RULES.length).toBe(54);
  });

  test('Texas rules count report years (the year a franchise-tax report is due); every other rule, tax years by begin year', () => {
    const byBasis = (b: string) =>
      ALL_RULES.filter((r) => r.basis === b)
        .map((r) => r.jurisdiction)
        .filter((j, i, a) => a.indexOf(j) === i);
    expect(byBasis('reports due')).toEqual(['US-TX']);
    expect(byBasis('tax years beginning')).toEqual(['US', 'US-CA', 'US-IL', 'US-AZ', 'US-MA']);
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
    // States: each code's own site, at the section cited.
    const rtc = /^R&TC §(\d+(?:\.\d+)?)/.exec(citation);
    if (rtc)
      return `https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=RTC&sectionNum=${rtc[1]}.`;
    // Texas subchapter M was repealed from 2026: its text is the bill that enacted it, HB 800 (83rd Leg.).
    if (citation.startsWith('Tex. Tax Code §171.659'))
      return 'https://capitol.texas.gov/tlodocs/83R/billtext/html/HB00800F.htm';
    if (citation.startsWith('Tex. Tax Code §171.')) return 'https://statutes.capitol.texas.gov/Docs/TX/htm/TX.171.htm';
    if (citation.startsWith('35 ILCS 5/201'))
      return 'https://www.ilga.gov/legislation/ilcs/fulltext.asp?DocName=003500050K201';
    if (citation.startsWith('A.R.S. §43-1168')) return 'https://www.azleg.gov/ars/43/01168.htm';
    if (citation.startsWith('M.G.L. c. 63 §38M'))
      return 'https://malegislature.gov/Laws/GeneralLaws/PartI/TitleIX/Chapter63/Section38M';
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
  // States (issue 12; LAW.md "State credits"). California, R&TC §23609.
  ['ca.credit.regular.rate', 1999, NIF, 'CA rates before 2000 (8%–12%) are not encoded'],
  ['ca.credit.regular.rate', 2000, '0.15', 'R&TC §23609(a)(1)(A): 15% from tax years beginning 2000'],
  ['ca.credit.regular.rate', 2025, '0.15', 'R&TC §23609(a)(1)(A)'],
  ['ca.credit.basic-research.rate', 2025, '0.24', 'R&TC §23609(a)(1)(B)'],
  ['ca.credit.asc.rate', 2024, null, 'SB 711: the CA ASC begins with tax years beginning 2025'],
  ['ca.credit.asc.rate', 2025, '0.03', 'R&TC §23609 as amended by SB 711'],
  ['ca.credit.asc.no-prior-qre-rate', 2024, null, 'SB 711'],
  ['ca.credit.asc.no-prior-qre-rate', 2025, '0.013', 'R&TC §23609 as amended by SB 711: 1.3%'],
  ['ca.credit.asc.base-share', 2024, null, 'SB 711'],
  ['ca.credit.asc.base-share', 2025, '0.5', 'SB 711: 50% of the 3-year average'],
  ['ca.credit.asc.prior-years', 2024, null, 'SB 711'],
  ['ca.credit.asc.prior-years', 2025, 3, 'SB 711: 3 preceding years'],
  // Texas: these years are REPORT years (the year the report is due), not tax years.
  ['tx.credit.rate', 2013, NIF, 'subch. M applies to reports due from January 1, 2014 (HB 800)'],
  ['tx.credit.rate', 2014, '0.05', 'Tax Code §171.659(a), subch. M'],
  ['tx.credit.rate', 2025, '0.05', 'last report year of subch. M'],
  ['tx.credit.rate', 2026, '0.08722', 'Tax Code §171.9204(a), subch. T (SB 2206)'],
  ['tx.credit.no-prior-qre-rate', 2025, '0.025', 'Tax Code §171.659(c)'],
  ['tx.credit.no-prior-qre-rate', 2026, '0.04361', 'Tax Code §171.9204(c)'],
  ['tx.credit.higher-education.rate', 2025, '0.0625', 'Tax Code §171.659(b)'],
  ['tx.credit.higher-education.rate', 2026, '0.10903', 'Tax Code §171.9204(b)'],
  ['tx.credit.higher-education.no-prior-qre-rate', 2025, '0.03125', 'Tax Code §171.659(d)'],
  ['tx.credit.higher-education.no-prior-qre-rate', 2026, '0.05451', 'Tax Code §171.9204(d)'],
  ['tx.credit.base-share', 2025, '0.5', 'Tax Code §171.659(a)(2)'],
  ['tx.credit.base-share', 2026, '0.5', 'Tax Code §171.9204(a)(2)'],
  ['tx.credit.prior-periods', 2025, 3, 'three tax periods preceding, subch. M'],
  ['tx.credit.prior-periods', 2026, 3, 'three tax periods preceding, subch. T'],
  // Illinois, 35 ILCS 5/201(k): by tax years ending, here calendar years.
  ['il.credit.rate', 1994, '0.065', '35 ILCS 5/201(k): tax years ending after July 1, 1990'],
  ['il.credit.rate', 2002, '0.065', 'tax years ending before December 31, 2003'],
  ['il.credit.rate', 2003, null, '86 Ill. Adm. Code 100.2160(a): no credit for calendar 2003'],
  ['il.credit.rate', 2004, '0.065', 'tax years ending on or after December 31, 2004'],
  ['il.credit.rate', 2016, '0.065', 'the 2016 lapse validated by P.A. 100-22'],
  ['il.credit.rate', 2025, '0.065', 'tax years ending before January 1, 2027'],
  ['il.credit.rate', 2026, '0.065', 'P.A. 103-0595 extension (interpretation)'],
  ['il.credit.rate', 2031, '0.065', 'calendar 2031 ends before January 1, 2032'],
  ['il.credit.rate', 2032, null, 'expired: tax years ending on or after January 1, 2032'],
  ['il.credit.base-period-years', 2025, 3, '35 ILCS 5/201(k): the 3 taxable years immediately preceding'],
  [
    'il.credit.base-period-missing-year',
    2025,
    'counts as zero; the average divides by the 3 base-period years',
    'the average of each year in the base period (interpretation)',
  ],
  // Arizona, A.R.S. §43-1168.
  ['az.credit.first-tier-rate', 2010, NIF, 'pre-2011 rates are not encoded'],
  ['az.credit.first-tier-rate', 2011, '0.24', 'A.R.S. §43-1168(A)(1)(b)(i)'],
  ['az.credit.first-tier-rate', 2030, '0.24', 'taxable years beginning before December 31, 2030'],
  ['az.credit.first-tier-rate', 2031, '0.2', 'A.R.S. §43-1168(A)(1)(b)(ii): from and after December 31, 2030'],
  ['az.credit.second-tier-rate', 2030, '0.15', 'A.R.S. §43-1168(A)(1)(c)(i)'],
  ['az.credit.second-tier-rate', 2031, '0.11', 'A.R.S. §43-1168(A)(1)(c)(ii)'],
  ['az.credit.tier-threshold', 2031, '2500000', 'A.R.S. §43-1168(A)(1)(b)–(c): $2,500,000'],
  // Massachusetts, M.G.L. c. 63 §38M.
  ['ma.credit.regular.rate', 1994, '0.1', 'M.G.L. c. 63 §38M: 10%'],
  ['ma.credit.regular.rate', 2025, '0.1', 'M.G.L. c. 63 §38M'],
  ['ma.credit.basic-research.rate', 2025, '0.15', '830 CMR 63.38M.1(6)'],
  ['ma.credit.asc.rate', 2014, null, 'the MA ASC begins in 2015'],
  ['ma.credit.asc.rate', 2015, '0.05', '5% for 2015–2017'],
  ['ma.credit.asc.rate', 2017, '0.05', 'last year at 5%'],
  ['ma.credit.asc.rate', 2018, '0.075', '7.5% for 2018–2020'],
  ['ma.credit.asc.rate', 2020, '0.075', 'last year at 7.5%'],
  ['ma.credit.asc.rate', 2021, '0.1', '10% from 2021'],
  ['ma.credit.asc.base-share', 2014, null, 'no ASC before 2015'],
  ['ma.credit.asc.base-share', 2015, '0.5', '50% of the 3-year average'],
  ['ma.credit.asc.prior-years', 2014, null, 'no ASC before 2015'],
  ['ma.credit.asc.prior-years', 2015, 3, '3 preceding years'],
  ['ma.credit.asc.no-prior-qre-rate', 2014, null, 'no ASC before 2015'],
  ['ma.credit.asc.no-prior-qre-rate', 2015, null, 'not settled: no value, the engine declines to guess'],
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
      'il.credit.base-period-missing-year from 1994', // fewer than 3 base years: the missing ones count as zero
      'il.credit.rate from 2026', // the P.A. 103-0595 extension (LAW.md [verify])
      'il.credit.rate from 2032',
      'ma.credit.asc.no-prior-qre-rate from 2015', // not settled: no value
      'qre.contract.energy-rate from 2005', // enacted for amounts after August 8, 2005
      'sec174.transition.accelerate-remainder from 2025', // §70302(f)(2) read from summaries
      'sec174.transition.small-business-retroactive from 2025', // §70302(f)(1), Rev. Proc. 2025-28
      // Texas subchapter M rates (LAW.md [verify]), report years 2014–2025.
      'tx.credit.base-share from 2014',
      'tx.credit.higher-education.no-prior-qre-rate from 2014',
      'tx.credit.higher-education.rate from 2014',
      'tx.credit.no-prior-qre-rate from 2014',
      'tx.credit.prior-periods from 2014',
      'tx.credit.rate from 2014',
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
