/**
 * A webpack loader that takes out of a bundle the text only documentation reads, so a bundle
 * carries what its own code shows and nothing else. The sources stay the one place each text is
 * written; the CLI, the tests and the docs generators (which read the sources, not the bundles)
 * keep all of it. Which bundle drops what is decided in the webpack configs
 * (excel-addin/webpack.config.js, gsheets/webpack.config.js), by what that bundle shows.
 *
 * Options (each optional):
 *  - `empty`: property names whose value becomes `''` (the property stays, so the object keeps
 *    its shape): the catalogue's `summary`, `help`, `example`.
 *  - `drop` + `dropIn`: property names removed from an object literal that has every property
 *    named in `dropIn`: a law version's `url` and `note` (objects with `status` and `citations`).
 *  - `emptyArgs`: `{ callee: index }`: the argument at `index` of every call of `callee(…)`
 *    becomes `''`: the validator rules' titles, `rule(severity, title, citation)`.
 *  - `keepImpls`: the catalogue functions whose `impl` a bundle runs; every other catalogue
 *    spec (an object with a `name` string and an `impl`) gets an `impl` that throws
 *    "<NAME> is not in this bundle" — callFunction answers that as an internal error, never
 *    a number. The panels run only what Form 6765's compute calls (core/src/compute).
 *
 * It edits the TypeScript source before ts-loader, through the TypeScript parser (never a
 * regular expression), and only ever replaces a string-valued expression by `''` or removes a
 * whole property; anything else it would touch is a build error.
 */
const ts = require('typescript');

/** The names of an object literal's properties (assignments, shorthands, methods). */
function propertyNames(obj) {
  const names = new Set();
  for (const p of obj.properties)
    if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.add(p.name.text);
  return names;
}

function nameOf(node) {
  return node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined;
}

/** Text, as written: a string, a template, or a concatenation/conditional of them. */
function isTextExpression(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
    return true;
  if (ts.isParenthesizedExpression(node)) return isTextExpression(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return isTextExpression(node.left) || isTextExpression(node.right);
  return false;
}

/** The edits (start, end, replacement) the options ask for in one source file. */
function stripEdits(source, fileName, options = {}) {
  const empty = new Set(options.empty ?? []);
  const drop = new Set(options.drop ?? []);
  const dropIn = options.dropIn ?? [];
  const emptyArgs = options.emptyArgs ?? {};
  const keepImpls = options.keepImpls ? new Set(options.keepImpls) : undefined;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const where = (node) => {
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  const visit = (node) => {
    if (
      keepImpls &&
      ts.isPropertyAssignment(node) &&
      nameOf(node) === 'impl' &&
      ts.isObjectLiteralExpression(node.parent)
    ) {
      const spec = node.parent.properties.find((p) => ts.isPropertyAssignment(p) && nameOf(p) === 'name');
      if (spec && ts.isStringLiteral(spec.initializer) && !keepImpls.has(spec.initializer.text)) {
        const fn = JSON.stringify(spec.initializer.text);
        edits.push([
          node.initializer.getStart(file),
          node.initializer.getEnd(),
          `() => { throw new Error(${fn} + ' is not in this bundle'); }`,
        ]);
        return;
      }
    }
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const name = nameOf(node);
      if (name !== undefined && empty.has(name)) {
        edits.push([node.initializer.getStart(file), node.initializer.getEnd(), "''"]);
        return;
      }
      if (name !== undefined && drop.has(name)) {
        const has = propertyNames(node.parent);
        if (dropIn.every((n) => has.has(n))) {
          // The property and the comma after it (a last property may have none).
          let end = node.getEnd();
          const rest = source.slice(end);
          const comma = /^\s*,/.exec(rest);
          if (comma) end += comma[0].length;
          edits.push([node.getStart(file), end, '']);
          return;
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const index = Object.prototype.hasOwnProperty.call(emptyArgs, node.expression.text)
        ? emptyArgs[node.expression.text]
        : undefined;
      if (index !== undefined && node.arguments.length > index) {
        const arg = node.arguments[index];
        if (!isTextExpression(arg))
          throw new Error(
            `strip-docs-loader: ${where(arg)}: argument ${index} of ${node.expression.text}(…) is not text.`,
          );
        edits.push([arg.getStart(file), arg.getEnd(), "''"]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edits;
}

/** `source` with the options' text taken out. */
function stripDocs(source, fileName, options) {
  let out = source;
  for (const [start, end, text] of stripEdits(source, fileName, options).sort((a, b) => b[0] - a[0]))
    out = `${out.slice(0, start)}${text}${out.slice(end)}`;
  return out;
}

module.exports = function stripDocsLoader(source) {
  return stripDocs(source, this.resourcePath, this.getOptions());
};
module.exports.stripDocs = stripDocs;
