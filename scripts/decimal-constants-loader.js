/**
 * A webpack loader for decimal.js (decimal.mjs): shortens its two long constants,
 * LN10 and PI (1,025 digits each, ~2 KB of every bundle), to `DIGITS` digits.
 *
 * decimal.js reads them only to compute logarithms, exponentials, non-integer powers and
 * trigonometry, and sets its precision limits from their lengths (LN10_PRECISION,
 * PI_PRECISION): asked for more digits than a constant holds, it throws "Precision limit
 * exceeded" — it never answers from too few digits. The engine computes money with
 * +, −, ×, ÷, rounding and comparison at precision 50 (core/src/money.ts) and calls none of
 * those functions; 160 digits still serve ln/exp/pow/trig at that precision with the guard
 * digits decimal.js adds (test/build/loaders.test.ts compares them with the full constants).
 */
const DIGITS = 160;

const CONSTANT = /^(\s*)(LN10|PI) = '(\d)\.(\d+)'/gm;

/** decimal.js's source with LN10 and PI cut to `DIGITS` digits. */
function shortenConstants(source, fileName) {
  let found = 0;
  const out = source.replace(CONSTANT, (all, indent, name, int, frac) => {
    found++;
    return `${indent}${name} = '${int}.${frac.slice(0, DIGITS - 1)}'`;
  });
  if (found !== 2)
    throw new Error(
      `decimal-constants-loader: expected LN10 and PI in ${fileName}, found ${found} of them; check decimal.js's version.`,
    );
  return out;
}

module.exports = function decimalConstants(source) {
  return shortenConstants(source, this.resourcePath);
};
module.exports.shortenConstants = shortenConstants;
module.exports.DIGITS = DIGITS;
