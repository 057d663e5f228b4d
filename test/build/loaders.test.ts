/**
 * The build's size loaders (scripts/strip-docs-loader.js, scripts/decimal-constants-loader.js,
 * scripts/decimal-unused-loader.js) and the panels' fast-path stand-in
 * (core/src/calc/column-fast-paths-off.ts) change what a bundle carries, never an answer:
 * decimal.js built as the bundles build it computes what the package computes, the methods it
 * drops are called nowhere and fail loudly if called, and the catalogue answers the same
 * without its column fast paths. Issue 13 §1 (the 300 KB budget).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import PackageDecimal from 'decimal.js';
import { roleCheckFast, sec174Fast } from '@core/calc/column-fast-paths-off';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stripDocs } = require('../../scripts/strip-docs-loader.js') as {
  stripDocs: (source: string, file: string, options: object) => string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { shortenConstants, DIGITS } = require('../../scripts/decimal-constants-loader.js') as {
  shortenConstants: (source: string, file: string) => string;
  DIGITS: number;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stubUnused } = require('../../scripts/decimal-unused-loader.js') as {
  stubUnused: (source: string, file: string) => { code: string; names: string[] };
};

const ROOT = path.join(__dirname, '..', '..');
const DECIMAL_MJS = path.join(ROOT, 'node_modules', 'decimal.js', 'decimal.mjs');
const ORIGINAL = fs.readFileSync(DECIMAL_MJS, 'utf8');

type DecimalClass = typeof PackageDecimal;

/** decimal.mjs's text evaluated as a script (its two `export`s turned into a return value). */
function evaluate(source: string): DecimalClass {
  const script = source
    .replace(/^export var Decimal = /m, 'var Decimal = ')
    .replace(/^export default Decimal;$/m, 'module.exports = Decimal;');
  const module = { exports: undefined as unknown };
  vm.runInNewContext(script, { module, crypto: undefined });
  return module.exports as DecimalClass;
}

/** core/src/money.ts's clone settings, on a given Decimal. */
const money = (D: DecimalClass) => D.clone({ precision: 50, rounding: D.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

const constantsOnly = shortenConstants(ORIGINAL, DECIMAL_MJS);
const built = stubUnused(constantsOnly, DECIMAL_MJS);

describe('decimal.js as the bundles build it computes what the package computes', () => {
  const Pkg = money(PackageDecimal);
  const Built = money(evaluate(built.code));
  type D = InstanceType<DecimalClass>;
  // [what, operation on the engine's clone] — the operations money.ts and the calculators use.
  const rows: [string, (C: DecimalClass) => string][] = [
    ['0.1 + 0.2 = 0.3 exactly', (C) => new C('0.1').plus('0.2').toString()],
    ['1/3 to 50 significant digits', (C) => new C(1).div(3).toString()],
    ['$1,234,567.895 × 0.065 rounded half-up to cents', (C) => new C('1234567.895').times('0.065').toFixed(2)],
    ['half a cent rounds up: 0.005 → 0.01', (C) => new C('0.005').toDecimalPlaces(2).toString()],
    ['−0.005 rounds half-up away from zero → −0.01', (C) => new C('-0.005').toFixed(2)],
    ['2^53 − 1 cents in dollars', (C) => new C('9007199254740991').div(100).toString()],
    ['1e-41 prints in exponent form (toExpNeg −40)', (C) => new C('1e-41').toString()],
    ['1e40 prints in full; 1e41 in exponent form', (C) => `${new C('1e40').toString()} ${new C('1e41').toString()}`],
    ['comparisons: 0.1 < 0.2, 2 = 2.0', (C) => `${new C('0.1').lt('0.2')} ${new C(2).eq('2.0')} ${new C(3).cmp(2)}`],
    [
      'floor, ceil, trunc, abs, negated of −2.5',
      (C) => {
        const x: D = new C('-2.5');
        return [x.floor(), x.ceil(), x.trunc(), x.abs(), x.neg()].map(String).join(' ');
      },
    ],
    ['modulo and integer division: 17 mod 5, 17 div 5', (C) => `${new C(17).mod(5)} ${new C(17).divToInt(5)}`],
    ['toNumber of 0.1 + 0.2 is the double 0.3', (C) => String(new C('0.1').plus('0.2').toNumber())],
    ['max/min/sum of three amounts', (C) => `${C.max(1, '2.5', 2)} ${C.min(1, '2.5', 2)} ${C.sum(1, '2.5', 2)}`],
    ['hexadecimal input still reads: 0x1f = 31', (C) => new C('0x1f').toString()],
    [
      'an integer power by multiplication (1.07^3) is not toPower',
      (C) => new C('1.07').times('1.07').times('1.07').toString(),
    ],
    ['toSignificantDigits and toPrecision', (C) => `${new C('123.456').toSD(4)} ${new C('123.456').toPrecision(5)}`],
  ];
  test.each(rows)('%s', (_what, op) => {
    expect(op(Built)).toBe(op(Pkg));
  });
});

describe('the methods it drops throw a clear message, never answer', () => {
  const Built = money(evaluate(built.code));
  test('it drops the ones listed, aliases included (boundary: at least ln, pow, sqrt, sin)', () => {
    expect(built.names).toEqual(expect.arrayContaining(['ln', 'pow', 'sqrt', 'sin', 'toFraction', 'random']));
  });
  const methods = built.names.filter((n) => typeof (PackageDecimal.prototype as never)[n] === 'function');
  test.each(methods)('new Dec(2).%s() throws "[DecimalError] … is not in this build"', (name) => {
    const x = new Built(2) as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(() => x[name]!(2)).toThrow(/^\[DecimalError\] \w+ is not in this build$/);
  });
  test.each(['atan2', 'hypot', 'random'])('Decimal.%s throws the same', (name) => {
    const f = (Built as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    expect(() => f.call(Built, 1, 2)).toThrow(/is not in this build/);
  });
});

describe('no source the bundles compile calls a dropped method', () => {
  const FOLDERS = ['core/src', 'panel/src', 'gsheets/src', 'excel-addin/src'];
  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'dist' ? [] : files(rel);
      return /\.ts$/.test(e.name) ? [rel] : [];
    });
  const all = FOLDERS.flatMap(files);
  test('there are sources to scan (boundary: the scan is not empty)', () => {
    expect(all.length).toBeGreaterThan(100);
  });
  // `.name(` on anything but Math and console (Math.sqrt, console.log are not decimal.js).
  const call = new RegExp(`(?<!\\bMath|\\bconsole)\\.(${built.names.join('|')})\\(`, 'g');
  test.each(FOLDERS)('%s calls none of them', (folder) => {
    const found = all
      .filter((f) => f.startsWith(folder))
      .flatMap((f) => [...fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(call)].map((m) => `${f}: ${m[0]}`));
    expect(found).toEqual([]);
  });
  test('the scan does find a call when one is there (it can fail)', () => {
    expect('usd(x).sqrt()'.match(call)).toEqual(['.sqrt(']);
    expect('Math.sqrt(2); console.log(1)'.match(call)).toBeNull();
  });
});

describe(`LN10 and PI at ${DIGITS} digits serve logarithms and trigonometry at the engine's precision`, () => {
  const Pkg = money(PackageDecimal);
  const Short = money(evaluate(constantsOnly));
  const rows: [string, (C: DecimalClass) => string][] = [
    ['ln 2', (C) => C.ln(2).toString()],
    ['log10 7', (C) => C.log10(7).toString()],
    ['exp 1', (C) => C.exp(1).toString()],
    ['1.1^0.5 (a non-integer power goes through ln)', (C) => new C('1.1').pow('0.5').toString()],
    ['ln of 1e300 (uses LN10 for the exponent)', (C) => C.ln('1e300').toString()],
    ['sin 1, acos 0.5, atan2(1, 2)', (C) => `${C.sin(1)} ${C.acos('0.5')} ${C.atan2(1, 2)}`],
  ];
  test.each(rows)('%s: same 50 digits as the full constants', (_what, op) => {
    expect(op(Short)).toBe(op(Pkg));
  });
  test(`boundary: asked for more digits than ${DIGITS}, ln throws instead of answering`, () => {
    const Wide = evaluate(constantsOnly).clone({ precision: 400 });
    expect(() => Wide.ln('1e300')).toThrow(/Precision limit exceeded/);
    expect(() => PackageDecimal.clone({ precision: 400 }).ln('1e300')).not.toThrow();
  });
  test('the constants are prefixes of the originals, DIGITS digits long', () => {
    for (const name of ['LN10', 'PI']) {
      const re = new RegExp(`^\\s*${name} = '([\\d.]+)'`, 'm');
      const short = re.exec(constantsOnly)![1]!;
      expect(short.replace('.', '').length).toBe(DIGITS);
      expect(re.exec(ORIGINAL)![1]!.startsWith(short)).toBe(true);
    }
  });
  test('a decimal.js without the constants fails the build with a sentence', () => {
    expect(() => shortenConstants('var x = 1;', 'decimal.mjs')).toThrow(
      /expected LN10 and PI in decimal\.mjs, found 0/,
    );
  });
});

describe('strip-docs-loader takes out exactly the text it is told to', () => {
  const rows: [string, string, object, string][] = [
    [
      'catalogue docs emptied, the property kept (summary/help/example)',
      `const f = { name: 'RD_X', summary: 'A sum.', help: \`Twice \${y}\`, impl: () => 1 };`,
      { empty: ['summary', 'help'] },
      `const f = { name: 'RD_X', summary: '', help: '', impl: () => 1 };`,
    ],
    [
      'only the listed names: example stays when not listed',
      `const f = { summary: 'A', example: '=RD_X(1)' };`,
      { empty: ['summary'] },
      `const f = { summary: '', example: '=RD_X(1)' };`,
    ],
    [
      "a law version's url and note dropped (it has status and citations)",
      `const v = { from: 1994, value: '0.2', status: 'enacted', citations: ['IRC §41'], url: usc26('41'), note: 'Why.' };`,
      { drop: ['url', 'note'], dropIn: ['status', 'citations'] },
      `const v = { from: 1994, value: '0.2', status: 'enacted', citations: ['IRC §41'],   };`,
    ],
    [
      'shorthand citations count as having the property',
      `const v = ({ from, status: 'enacted', citations, url: RTC });`,
      { drop: ['url'], dropIn: ['status', 'citations'] },
      `const v = ({ from, status: 'enacted', citations,  });`,
    ],
    [
      'boundary: an object without status keeps its note (not a law version)',
      `const f = { note: 'shown', citations: ['x'] };`,
      { drop: ['note'], dropIn: ['status', 'citations'] },
      `const f = { note: 'shown', citations: ['x'] };`,
    ],
    [
      "a rule's title argument emptied: rule(severity, title, citation)",
      `const R = { a: rule('error', 'A title ' + 'in two', CITE), b: rule('info', \`T\`) };`,
      { emptyArgs: { rule: 1 } },
      `const R = { a: rule('error', '', CITE), b: rule('info', '') };`,
    ],
    [
      'keepImpls: a function the panel does not run throws instead; a kept one is unchanged',
      `const A = { name: 'RD_A', impl: (args) => f(args) }; const B = { name: 'RD_B', impl: (a) => 2 };`,
      { keepImpls: ['RD_B'] },
      `const A = { name: 'RD_A', impl: () => { throw new Error("RD_A" + ' is not in this bundle'); } }; const B = { name: 'RD_B', impl: (a) => 2 };`,
    ],
    [
      'boundary: keepImpls leaves an object whose name is not a string literal alone',
      `const A = { name: NAME, impl: () => 1 };`,
      { keepImpls: [] },
      `const A = { name: NAME, impl: () => 1 };`,
    ],
    [
      'boundary: a call with too few arguments is left alone',
      `rule('error');`,
      { emptyArgs: { rule: 1 } },
      `rule('error');`,
    ],
  ];
  test.each(rows)('%s', (_what, source, options, expected) => {
    expect(stripDocs(source, 'x.ts', options)).toBe(expected);
  });
  test('a title that is not text is a build error naming the place', () => {
    expect(() => stripDocs(`rule('error', TITLE);`, 'rules.ts', { emptyArgs: { rule: 1 } })).toThrow(
      /rules\.ts:1:15: argument 1 of rule\(…\) is not text/,
    );
  });
});

describe('the panels answer the same without the column fast paths', () => {
  type Call = (name: string, args: unknown[]) => unknown;
  /** The sec174Fast the catalogue's module registry holds, as text. */
  const seenFast = (off: boolean): string => {
    let text = '';
    jest.isolateModules(() => {
      if (off)
        jest.doMock('../../core/src/calc/fast-sec174', () =>
          jest.requireActual('../../core/src/calc/column-fast-paths-off'),
        );
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      text = (require('../../core/src/calc/fast-sec174') as { sec174Fast: () => unknown }).sec174Fast.toString();
    });
    jest.dontMock('../../core/src/calc/fast-sec174');
    return text;
  };
  const load = (off: boolean): Call => {
    let fn: Call | undefined;
    jest.isolateModules(() => {
      if (off) {
        jest.doMock('../../core/src/calc/fast-sec174', () =>
          jest.requireActual('../../core/src/calc/column-fast-paths-off'),
        );
        jest.doMock('../../core/src/calc/fast-roles', () =>
          jest.requireActual('../../core/src/calc/column-fast-paths-off'),
        );
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { callFunction } = require('../../core/src/catalogue') as typeof import('../../core/src/catalogue');
      fn = (name, args) => callFunction(name, args as never[]);
    });
    jest.dontMock('../../core/src/calc/fast-sec174');
    jest.dontMock('../../core/src/calc/fast-roles');
    return fn!;
  };
  const withFast = load(false);
  const without = load(true);
  const col = <T>(xs: readonly T[]) => xs.map((x) => [x]);
  // [what, function, arguments] — column calls, the ones the fast paths take.
  const rows: [string, string, unknown[]][] = [
    // SEC174_AMORT(amount, year_incurred, tax_year, location, method)
    [
      '§174 schedule of three vintages, one foreign',
      'SEC174_AMORT',
      [col([100000, 25000.5, 7]), col([2022, 2023, 2024]), undefined, col(['domestic', 'domestic', 'foreign'])],
    ],
    [
      '§174 deduction for 2025 of two vintages',
      'SEC174_AMORT',
      [col([120000, 60000]), col([2023, 2024]), 2025, col(['domestic', 'domestic'])],
    ],
    ['boundary: one vintage of $0.01', 'SEC174_AMORT', [col([0.01]), col([2025]), 2025]],
    [
      "as Form 6765's compute calls it on Prior Years: columns, one tax year, one location",
      'SEC174_AMORT',
      [col([250000, 180000.25, 90000]), col([2022, 2023, 2024]), 2025, 'domestic', 'auto'],
    ],
    // RD_ROLE_CHECK(role, rd_pct)
    [
      'role check over a column',
      'RD_ROLE_CHECK',
      [col(['Software Engineer', 'CEO', 'Data Scientist', '']), col([0.8, 0.9, 0.5, 0.1])],
    ],
    ['boundary: an unknown role', 'RD_ROLE_CHECK', [col(['Astronaut', 'Software Engineer']), col([0.5, 1])]],
  ];
  test.each(rows)('%s', (_what, name, args) => {
    const a = withFast(name, args);
    expect(a).toEqual(expect.objectContaining({ ok: true }));
    expect(without(name, args)).toEqual(a);
  });
  test('the second catalogue really ran with the stand-in (it can fail: the real fast path is not it)', () => {
    expect(seenFast(true)).toBe(sec174Fast.toString());
    expect(seenFast(false)).not.toBe(sec174Fast.toString());
    expect([sec174Fast(), roleCheckFast()]).toEqual([undefined, undefined]);
  });
});

describe("the panels keep every catalogue function Form 6765's compute runs", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { panelCatalogueCalls } = require('../../scripts/bundle-text.js') as { panelCatalogueCalls: () => string[] };
  const kept = panelCatalogueCalls();
  test('the list is read from core/src/compute (boundary: it has the QRE functions and SEC174_AMORT)', () => {
    expect(kept).toEqual(expect.arrayContaining(['RD_WAGE_QRE', 'RD_ASC', 'RD_REGULAR', 'SEC174_AMORT']));
  });

  test('computing every example study (worked 2025 and 2026, the clean study, every planted problem) calls only kept functions', () => {
    const called = new Set<string>();
    jest.isolateModules(() => {
      jest.doMock('../../core/src/catalogue', () => {
        const actual = jest.requireActual('../../core/src/catalogue') as typeof import('../../core/src/catalogue');
        return {
          ...actual,
          callFunction: (name: string, args: Parameters<typeof actual.callFunction>[1]) => {
            called.add(name);
            return actual.callFunction(name, args);
          },
        };
      });
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { computeStudy } = require('../../core/src/compute') as typeof import('../../core/src/compute');
      const ex = require('../../core/test/example-studies') as typeof import('../../core/test/example-studies');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const books = [
        ...ex.WORKED_STUDIES.map((w) => w.study()),
        ex.cleanStudy(),
        ...ex.EXAMPLE_VARIANTS.map((v) => {
          const b = ex.cleanStudy();
          v.plant(b);
          return b;
        }),
      ];
      for (const b of books) computeStudy({ sheets: b.map((sh) => ({ name: sh.name, values: sh.values })) });
    });
    jest.dontMock('../../core/src/catalogue');
    // It can fail: the spy saw the calls (compute does call the catalogue).
    expect(called.size).toBeGreaterThan(3);
    expect([...called].filter((n) => !kept.includes(n))).toEqual([]);
  });

  test('compute/call.ts is the only caller of callFunction among the sources a panel compiles', () => {
    const PANEL = ['core/src', 'panel/src', 'gsheets/src/sidebar', 'gsheets/src/shared', 'excel-addin/src'];
    const files = (dir: string): string[] =>
      fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'dist' ? [] : files(rel);
        return /\.ts$/.test(e.name) ? [rel] : [];
      });
    const callers = PANEL.flatMap(files)
      .filter((f) => !f.startsWith(path.join('core', 'src', 'catalogue')))
      // The custom functions' entry, in its own layer (functions.js), not the panel's.
      .filter((f) => f !== path.join('excel-addin', 'src', 'functions.ts'))
      .filter((f) => /\bcallFunction\(|\.impl\(/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(callers).toEqual([path.join('core', 'src', 'compute', 'call.ts')]);
  });
});
