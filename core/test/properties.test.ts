/**
 * Properties over the whole catalogue (fast-check): any cell values in → a finite number or
 * array, or a coded error with a message; never NaN, never a raw exception. Schedules sum to
 * their amount; credits are never negative; the integer wage path equals the decimal path.
 */
import fc from 'fast-check';
import { callFunction, CATALOGUE } from '../src/catalogue';
import { ERROR_CODES, type CellValue } from '../src/cells';
import { wageQre, wageQreCentsFast } from '../src/calc/qre';
import { sec174Schedule, SEC174_METHODS } from '../src/calc/sec174';
import { rate, sumUsd, toCents, usd } from '../src/money';

const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1e6, max: 1e7 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1, 0.8, 0.7999, 1e-300, 1e300, -0, 2025, 2023, 1993, 45839),
  fc.constantFrom(
    '',
    ' ',
    'abc',
    '80%',
    '$1,200.50',
    '(5)',
    '#REF!',
    '#N/A',
    'training',
    'production',
    'staging',
    'standard',
    'energy',
    'foreign',
    'domestic',
    'elect_60',
    'accelerate',
    'Software Developer',
    'ai-ml',
    '2025-07',
    'TRUE',
    'medicare',
    'RD_ASC',
  ),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ min: new Date(1990, 0, 1), max: new Date(2110, 0, 1) }),
  fc.constant({ errorCode: '#DIV/0!' }),
);
const anyGrid = fc.oneof(
  fc.array(fc.array(anyCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), // may be ragged
  fc.array(fc.tuple(anyCell), { minLength: 0, maxLength: 5 }),
);
const anyArg = fc.oneof(anyCell, anyGrid);

function isCleanOutcome(o: ReturnType<typeof callFunction>): boolean {
  if (o.ok) {
    const v = o.value;
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
    if (typeof v === 'string') return true;
    return v.every((r) => r.every((c) => typeof c === 'string' || Number.isFinite(c)));
  }
  return (
    ERROR_CODES.includes(o.code) && o.code !== 'internal' && o.message.length > 10 && !/at .*\.ts:\d+/.test(o.message)
  );
}

describe.each(CATALOGUE.map((f) => [f.name, f] as const))('%s with arbitrary cells', (name, spec) => {
  test('returns a finite value or a coded, worded error — never NaN, never a raw exception', () => {
    fc.assert(
      fc.property(fc.array(anyArg, { minLength: 0, maxLength: spec.params.length + 1 }), (args) => {
        const o = callFunction(name, args);
        if (!isCleanOutcome(o)) throw new Error(`unclean outcome ${JSON.stringify(o)} for ${JSON.stringify(args)}`);
      }),
      { numRuns: 400 },
    );
  });
});

const cents = fc.integer({ min: 0, max: 10_000_000_00 }).map((c) => c / 100);
const pct4 = fc.integer({ min: 0, max: 10000 }).map((u) => u / 10000);

describe('the integer wage path', () => {
  test('equals the exact decimal path on any cents and 4-decimal percentages', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cents, pct4), { minLength: 0, maxLength: 60 }), fc.boolean(), (rows, sa) => {
        const fast = wageQreCentsFast(
          rows.map((r) => [r[0]]),
          rows.map((r) => [r[1]]),
          sa,
          8000,
        );
        const exact = toCents(
          wageQre(
            rows.map(([w, p]) => ({ wages: usd(w), rdPct: rate(p) })),
            sa,
            2025,
          ),
        );
        expect(fast).toBe(exact);
      }),
      { numRuns: 500 },
    );
  });
  test('declines (returns undefined) rather than guess on values off the integer grid', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }).filter((w) => Math.round(w * 100) / 100 !== w),
        (w) => {
          expect(wageQreCentsFast([[w]], 0.5, true, 8000)).toBeUndefined();
        },
      ),
    );
  });
  test('through the catalogue: fast and decimal inputs give the same cell value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cents, pct4), { minLength: 1, maxLength: 30 }), (rows) => {
        const asNumbers = callFunction('RD_WAGE_QRE', [rows.map((r) => [r[0]]), rows.map((r) => [r[1]])]);
        // Text cells force the decimal path.
        const asText = callFunction('RD_WAGE_QRE', [rows.map((r) => [String(r[0])]), rows.map((r) => [String(r[1])])]);
        expect(asNumbers).toEqual(asText);
      }),
      { numRuns: 200 },
    );
  });
});

describe('§174 schedules', () => {
  test('every schedule sums exactly to the amount rounded to the cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }).map((c) => c / 1000),
        fc.integer({ min: 1994, max: 2090 }),
        fc.constantFrom('domestic' as const, 'foreign' as const),
        fc.constantFrom(...SEC174_METHODS),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 12 }),
        (amount, year, location, method, lag, month) => {
          const v = { amount: usd(amount), yearIncurred: year, location, benefitStart: { year: year + lag, month } };
          const s = sec174Schedule([v], method);
          const sum = sumUsd(s.map((e) => e.deduction));
          expect(sum.toFixed(2)).toBe(usd(amount).toDecimalPlaces(2).toFixed(2));
          for (const e of s) expect(e.deduction.isNegative() && !e.deduction.isZero()).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('credits', () => {
  const money = fc.integer({ min: 0, max: 1e11 }).map((c) => c / 100);
  test('the ASC is never negative and §280C is exactly × 0.79 from 2018', () => {
    fc.assert(
      fc.property(
        money,
        fc.array(money, { minLength: 0, maxLength: 3 }),
        fc.integer({ min: 2018, max: 2100 }),
        (qre, prior, year) => {
          const full = callFunction('RD_ASC', [qre, prior.map((p) => [p]), false, year]);
          const reduced = callFunction('RD_ASC', [qre, prior.map((p) => [p]), true, year]);
          if (!full.ok || !reduced.ok) throw new Error('unexpected error');
          expect(full.value as number).toBeGreaterThanOrEqual(0);
          expect(reduced.value as number).toBeLessThanOrEqual(full.value as number);
          // Rounded once: |reduced − 0.79 × full| ≤ 0.79 × half a cent + half a cent.
          expect(Math.abs((reduced.value as number) - 0.79 * (full.value as number))).toBeLessThan(0.0091);
        },
      ),
      { numRuns: 300 },
    );
  });
  test('the regular credit is never negative and never exceeds 10% of QRE (the 50% minimum base)', () => {
    fc.assert(
      fc.property(
        money,
        fc.integer({ min: 0, max: 1600 }).map((b) => b / 10000),
        money,
        (qre, pct, agr) => {
          const o = callFunction('RD_REGULAR', [qre, pct, agr]);
          if (!o.ok) throw new Error(o.message);
          expect(o.value as number).toBeGreaterThanOrEqual(0);
          expect(o.value as number).toBeLessThanOrEqual(Math.round(qre * 10) / 100 + 0.01);
        },
      ),
      { numRuns: 300 },
    );
  });
  test('the payroll election never exceeds the credit or the cap', () => {
    fc.assert(
      fc.property(
        money,
        money,
        fc.integer({ min: 2016, max: 2100 }),
        fc.integer({ min: 0, max: 8 }),
        (credit, gr, year, prior) => {
          const o = callFunction('RD_PAYROLL_OFFSET', [credit, gr, year - 2, year, prior]);
          if (!o.ok) throw new Error(o.message);
          expect(o.value as number).toBeLessThanOrEqual(credit);
          expect(o.value as number).toBeLessThanOrEqual(year >= 2023 ? 500000 : 250000);
          expect(o.value as number).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
