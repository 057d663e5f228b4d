/** Code health of the law-as-data tree: every record cited, ordered, resolving. */
import {
  ALL_RULES,
  ASC_RATE,
  PAYROLL_ELECTION_CAP,
  SEC174_DOMESTIC,
  SEC174_FOREIGN,
  SEC280C_REDUCED_CREDIT_FACTOR,
} from '../src/law/rules';
import { ROLE_PROFILES } from '../src/law/roles';
import { NotInForce, resolve, TAX_YEAR_MAX, TAX_YEAR_MIN } from '../src/law/types';

describe('every rule record', () => {
  test.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s: every version has at least one non-empty citation',
    (_id, rule) => {
      for (const v of rule.history) {
        expect(v.citations.length).toBeGreaterThan(0);
        for (const c of v.citations) expect(c.trim().length).toBeGreaterThan(3);
      }
    },
  );

  test.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s: history sorted by start year, no overlaps, no gaps',
    (_id, rule) => {
      for (let i = 1; i < rule.history.length; i++) {
        const prev = rule.history[i - 1];
        const cur = rule.history[i];
        expect(prev.through).toBeDefined();
        expect(cur.from).toBe((prev.through as number) + 1);
      }
      expect(rule.history[rule.history.length - 1].through).toBeUndefined();
    },
  );

  test.each(ALL_RULES.map((r) => [r.id, r] as const))(
    '%s: resolves for every tax year 2016–2030 with value and citation',
    (_id, rule) => {
      for (let y = 2016; y <= 2030; y++) {
        const r = resolve(rule, y);
        expect(r.citations.length).toBeGreaterThan(0);
        expect(r.taxYear).toBe(y);
      }
    },
  );

  test('rule ids are unique', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every rule resolves or says NotInForce across the whole accepted range 1994–2100', () => {
    for (const rule of ALL_RULES) {
      for (let y = TAX_YEAR_MIN; y <= TAX_YEAR_MAX; y++) {
        try {
          resolve(rule, y);
        } catch (e) {
          expect(e).toBeInstanceOf(NotInForce);
        }
      }
    }
  });
});

describe('versions keyed on the year the tax year begins', () => {
  // [name, rule, taxYear, expected value, citation]
  test.each([
    ['§280C factor 2017 = 1 − 35%', SEC280C_REDUCED_CREDIT_FACTOR, 2017, '0.65', 'IRC §280C(c); §11(b) 35%'],
    [
      '§280C factor 2018 = 1 − 21% (first TCJA year)',
      SEC280C_REDUCED_CREDIT_FACTOR,
      2018,
      '0.79',
      'P.L. 115-97 §13001',
    ],
    [
      'payroll cap 2022 = $250,000 (last year before IRA)',
      PAYROLL_ELECTION_CAP,
      2022,
      { total: '250000', oasdi: '250000', medicare: '0' },
      'IRC §41(h)(4)(B)(i)',
    ],
    [
      'payroll cap 2023 = $500,000 (first IRA year)',
      PAYROLL_ELECTION_CAP,
      2023,
      { total: '500000', oasdi: '250000', medicare: '250000' },
      'P.L. 117-169 §13902',
    ],
    ['payroll election before 2016 does not exist', PAYROLL_ELECTION_CAP, 2015, null, 'P.L. 114-113 div. Q §121(d)'],
    ['ASC rate 2009+ = 14%', ASC_RATE, 2009, '0.14', 'IRC §41(c)(4)(A)'],
    [
      'domestic §174 2021 = deducted (last pre-TCJA year)',
      SEC174_DOMESTIC,
      2021,
      { kind: 'deduct' },
      'IRC §174(a) pre-2022',
    ],
    [
      'domestic §174 2022 = 60-month midpoint',
      SEC174_DOMESTIC,
      2022,
      { kind: 'midpoint', months: 60 },
      'P.L. 115-97 §13206',
    ],
    [
      'domestic §174 2024 = 60-month midpoint (fiscal year beginning 2024-07-01 too)',
      SEC174_DOMESTIC,
      2024,
      { kind: 'midpoint', months: 60 },
      'LAW.md: FY beginning 7/1/2024 is TCJA',
    ],
    ['domestic §174A 2025 = deducted', SEC174_DOMESTIC, 2025, { kind: 'deduct' }, 'IRC §174A(a)'],
    ['foreign 2025 = 180-month midpoint', SEC174_FOREIGN, 2025, { kind: 'midpoint', months: 180 }, 'IRC §174(a)(2)(B)'],
  ])('%s', (_name, rule, year, expected, _citation) => {
    expect(resolve(rule as never, year as number).value).toEqual(expected);
  });

  test('[verify] items from LAW.md are marked as interpretations', () => {
    const interp = ALL_RULES.flatMap((r) => r.history.filter((v) => v.status === 'interpretation').map(() => r.id));
    expect(interp).toEqual(
      expect.arrayContaining([
        'sec174.transition.accelerate-remainder',
        'sec174.transition.small-business-retroactive',
      ]),
    );
  });
});

describe('role profiles (LAW.md)', () => {
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
