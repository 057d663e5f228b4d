/**
 * A webpack loader for decimal.js (after scripts/decimal-constants-loader.js): the methods the
 * engine never calls — logarithms, exponentials, powers, roots, trigonometry, binary/hex/octal
 * output, fractions, random numbers — become a one-line function that throws
 * `[DecimalError] <name> is not in this build`, and the minifier then drops the code only they
 * reached (~40% of decimal.js). Every bundle carries decimal.js, so each saves the same.
 *
 * Money is computed with +, −, ×, ÷, comparison and rounding (core/src/money.ts); the test
 * test/build/loaders.test.ts checks that no source the bundles compile calls one of
 * `UNUSED_METHODS`, and the bundled suites (test/excel, test/gsheets, test/browser) run every
 * catalogue function through the built files. A future call of one of them fails loudly with the
 * message above (the catalogue turns it into a cell error), never with a wrong number; take its
 * name out of the list to ship it.
 *
 * It edits through a JavaScript parser (acorn), and fails the build if decimal.js no longer
 * defines a listed method the way it did.
 */
const acorn = require('acorn');

/** Prototype methods (`P.name = P.alias = function …`), by any of their names. */
const UNUSED_METHODS = [
  'cosine',
  'cubeRoot',
  'hyperbolicCosine',
  'hyperbolicSine',
  'hyperbolicTangent',
  'inverseCosine',
  'inverseHyperbolicCosine',
  'inverseHyperbolicSine',
  'inverseHyperbolicTangent',
  'inverseSine',
  'inverseTangent',
  'logarithm',
  'naturalExponential',
  'naturalLogarithm',
  'sine',
  'squareRoot',
  'tangent',
  'toBinary',
  'toFraction',
  'toHexadecimal',
  'toOctal',
  'toPower',
];

/** Constructor functions (`Decimal.name`) with bodies of their own (not just `new this(x).name()`). */
const UNUSED_STATICS = ['atan2', 'hypot', 'random'];

/** decimal.js's source with the unused methods stubbed, and every name (aliases too) now stubbed. */
function stubUnused(source, fileName) {
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module' });
  const edits = [];
  const stub = (name) => `function () { throw Error('[DecimalError] ${name} is not in this build'); }`;
  const methods = new Set(UNUSED_METHODS);
  const statics = new Set(UNUSED_STATICS);
  const found = new Set();
  for (const node of ast.body) {
    if (node.type === 'ExpressionStatement' && node.expression.type === 'AssignmentExpression') {
      // P.a = P.b = function (…) {…};
      const names = [];
      let e = node.expression;
      while (e.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && e.left.object.name === 'P') {
        names.push(e.left.property.name);
        e = e.right;
      }
      if (e.type === 'FunctionExpression' && names.some((n) => methods.has(n))) {
        names.forEach((n) => found.add(n));
        edits.push([e.start, e.end, stub(names[0])]);
      }
    } else if (node.type === 'FunctionDeclaration' && statics.has(node.id.name)) {
      found.add(node.id.name);
      edits.push([
        node.body.start,
        node.body.end,
        `{ throw Error('[DecimalError] ${node.id.name} is not in this build'); }`,
      ]);
    }
  }
  const missing = [...UNUSED_METHODS, ...UNUSED_STATICS].filter((n) => !found.has(n));
  if (missing.length > 0)
    throw new Error(
      `decimal-unused-loader: ${fileName} does not define ${missing.join(', ')} as expected; check decimal.js's version.`,
    );
  let out = source;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, start)}${text}${out.slice(end)}`;
  return { code: out, names: [...found] };
}

module.exports = function decimalUnused(source) {
  return stubUnused(source, this.resourcePath).code;
};
module.exports.stubUnused = stubUnused;
module.exports.UNUSED_METHODS = UNUSED_METHODS;
module.exports.UNUSED_STATICS = UNUSED_STATICS;
