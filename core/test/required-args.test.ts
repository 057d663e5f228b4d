/**
 * A missing required argument is named, with what it takes, in the same words in every host
 * (core/src/catalogue/index.ts whatToGive: from the argument's kind and accepted words, not from
 * its help text, which the Sheets bundle keeps only in its JSDoc).
 */
import { CATALOGUE, callFunction } from '../src/catalogue';

describe('a call without its first required argument', () => {
  test.each(
    CATALOGUE.filter((f) => f.params.some((p) => !p.optional)).map(
      (f) => [f.name, f.params.find((p) => !p.optional)!.name] as const,
    ),
  )('%s: "%s is required: give …"', (name, arg) => {
    const o = callFunction(name, []);
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.code).toBe('invalid-value');
    expect(o.message).toMatch(new RegExp(`^${arg} is required: give .+\\.$`));
    expect(o.at).toEqual({ arg });
  });

  test.each([
    ['RD_ASC', [], 'qre is required: give an amount in dollars.'],
    [
      'RD_WAGE_QRE',
      [[[100000]]],
      'rd_pct is required: give a share as a fraction, 0–1 (80% is 0.8), or a range of them.',
    ],
    ['RD_CITATION', [], 'function_name is required: give a text.'],
  ])('%s: the sentence', (name, args, message) => {
    const o = callFunction(name, args as never[]);
    expect(o.ok ? '' : o.message).toBe(message);
  });
});
