/**
 * A webpack loader for the Sheets bundles (gsheets/webpack.config.js): in the catalogue's
 * sources (core/src/catalogue/*.ts) it empties the properties that only document a function —
 * `summary`, `help` and `example` — before ts-loader compiles them. Apps Script never shows
 * them at run time: a cell's autocomplete and help come from the JSDoc stubs the build writes
 * from the same specs (gsheets/scripts/generate.ts reads the catalogue itself, in Node). So
 * Code.js carries each function's text once, in its JSDoc, instead of twice. The catalogue
 * stays the one place the text is written; Excel's bundles, the CLI and the docs keep it.
 */
const ts = require('typescript');

const DOC_ONLY = new Set(['summary', 'help', 'example']);

module.exports = function stripCatalogueDocs(source) {
  const file = ts.createSourceFile(this.resourcePath, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isObjectLiteralExpression(node.parent) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      DOC_ONLY.has(node.name.text)
    ) {
      edits.push([node.initializer.getStart(file), node.initializer.getEnd()]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end] of edits.sort((a, b) => b[0] - a[0])) out = `${out.slice(0, start)}''${out.slice(end)}`;
  return out;
};
