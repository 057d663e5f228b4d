/**
 * "Add short names": one LAMBDA workbook name per catalogue function. The formulas are read
 * back with a small evaluator for the only shapes they use — IF(ISOMITTED(p), a, b) and
 * RDTAX.NAME(args) — to show that for every number of trailing optionals given, the named
 * function forwards exactly those arguments to the RDTAX. function.
 */
import { CATALOGUE } from '@core/catalogue';
import { SHORT_NAMES, lambdaParam } from '../../excel-addin/src/short-names';

interface Lambda {
  readonly params: { readonly name: string; readonly optional: boolean }[];
  readonly body: string;
}

function parseLambda(formula: string): Lambda {
  expect(formula.startsWith('=LAMBDA(')).toBe(true);
  const inner = formula.slice('=LAMBDA('.length, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '(') depth++;
    else if (inner[i] === ')') depth--;
    else if (inner[i] === ',' && depth === 0) {
      parts.push(inner.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(inner.slice(start));
  const body = parts.pop()!;
  return { params: parts.map((p) => ({ name: p.replace(/^\[|\]$/g, ''), optional: p.startsWith('[') })), body };
}

/** Evaluate the body with some parameters omitted: the call it makes, as [function, args]. */
function evaluate(body: string, omitted: ReadonlySet<string>): [string, string[]] {
  let i = 0;
  const expectText = (t: string) => {
    if (!body.startsWith(t, i)) throw new Error(`expected ${t} at ${i} in ${body}`);
    i += t.length;
  };
  const name = () => {
    const m = /^[A-Za-z_][\w.]*/.exec(body.slice(i));
    if (!m) throw new Error(`expected a name at ${i}`);
    i += m[0].length;
    return m[0];
  };
  const expr = (): [string, string[]] => {
    if (body.startsWith('IF(', i)) {
      expectText('IF(ISOMITTED(');
      const p = name();
      expectText('),');
      const a = expr();
      expectText(',');
      const b = expr();
      expectText(')');
      return omitted.has(p) ? a : b;
    }
    const fn = name();
    expectText('(');
    const args: string[] = [];
    while (body[i] !== ')') {
      args.push(name());
      if (body[i] === ',') i++;
    }
    i++;
    return [fn, args];
  };
  const out = expr();
  expect(i).toBe(body.length);
  return out;
}

describe('short names (LAMBDA workbook names)', () => {
  test('one per catalogue function, named as in Google Sheets', () => {
    expect(SHORT_NAMES.map((n) => n.name)).toEqual(CATALOGUE.map((f) => f.name));
  });

  test.each(CATALOGUE.map((f) => [f.name, f] as const))(
    '%s forwards exactly the arguments given, from the end',
    (name, spec) => {
      const short = SHORT_NAMES.find((n) => n.name === name)!;
      const lambda = parseLambda(short.formula);
      expect(lambda.params).toEqual(spec.params.map((p) => ({ name: lambdaParam(p.name), optional: p.optional })));
      const required = spec.params.filter((p) => !p.optional).length;
      for (let given = required; given <= spec.params.length; given++) {
        const omitted = new Set(lambda.params.slice(given).map((p) => p.name));
        expect(evaluate(lambda.body, omitted)).toEqual([
          `RDTAX.${name}`,
          lambda.params.slice(0, given).map((p) => p.name),
        ]);
      }
    },
  );

  test('LAMBDA parameter names cannot be read as cell references or Excel functions', () => {
    for (const n of SHORT_NAMES) {
      for (const p of parseLambda(n.formula).params) {
        expect({
          name: n.name,
          param: p.name,
          a1: /^[A-Za-z]{1,3}[0-9]+$/.test(p.name),
          r1c1: /^[RrCc][0-9]*$|^[Rr][0-9]*[Cc][0-9]*$/.test(p.name),
        }).toEqual({
          name: n.name,
          param: p.name,
          a1: false,
          r1c1: false,
        });
      }
    }
    expect(lambdaParam('type')).toBe('type_');
  });

  test('Name Manager comments fit Excel’s 255 characters', () => {
    for (const n of SHORT_NAMES) expect(n.comment.length).toBeLessThanOrEqual(255);
  });
});
