/**
 * What every bundle leaves out, in one place for both webpack configs (excel-addin/, gsheets/):
 * the loaders and the files they apply to. Each config decides per entry (its webpack layer)
 * which text that entry shows; scripts/strip-docs-loader.js says how text is taken out.
 */
'use strict';

const fs = require('fs');
const path = require('path');

/** decimal.js's ES module build, the one webpack bundles. */
const DECIMAL_JS = /[\\/]node_modules[\\/]decimal\.js[\\/]decimal\.mjs$/;

/**
 * decimal.js's loaders (the last runs first): LN10 and PI shortened to 160 digits, then the
 * methods the engine never calls (logarithms, powers, roots, trigonometry…) stubbed out.
 */
const DECIMAL_LOADERS = [
  path.join(__dirname, 'decimal-unused-loader.js'),
  path.join(__dirname, 'decimal-constants-loader.js'),
];

/** The law's data files: each jurisdiction's folder, and the helper that writes "not yet enacted". */
const LAW_FILES = /[\\/]core[\\/]src[\\/]law[\\/](?:federal[\\/]|states[\\/]|define\.ts$)/;

/**
 * A law version's `url` and `note` (objects with `status` and `citations`): docs/law.md shows
 * them (core/src/law/doc.ts, run from the sources by npm run docs:law); no bundle reads them.
 */
const LAW_DOCS = { drop: ['url', 'note'], dropIn: ['status', 'citations'] };

const STRIP_DOCS = path.join(__dirname, 'strip-docs-loader.js');

/**
 * In the panel's layer, the catalogue's column fast paths of SEC174_AMORT and RD_ROLE_CHECK
 * (which the panel calls on a few rows, or never) are replaced by core/src/calc/column-fast-paths-off.ts; the
 * catalogue then takes its decimal path. A webpack plugin, given the layer the panel's entries
 * are in.
 */
function panelFastPathsOff(webpack, layer) {
  const off = path.join(__dirname, '..', 'core', 'src', 'calc', 'column-fast-paths-off.ts');
  return new webpack.NormalModuleReplacementPlugin(/^\.\.\/calc\/fast-(?:sec174|roles)$/, (resource) => {
    if (resource.contextInfo.issuerLayer === layer && /[\\/]core[\\/]src[\\/]catalogue$/.test(resource.context))
      resource.request = off;
  });
}

/** The catalogue's sources. */
const CATALOGUE_FILES = /[\\/]core[\\/]src[\\/]catalogue[\\/][^\\/]+\.ts$/;

/**
 * The catalogue functions a panel runs: the names Form 6765's compute (core/src/compute, the
 * panel's only caller of callFunction; test/build/loaders.test.ts checks that) writes as
 * string literals. Read from the sources at each build, so a new call keeps its function.
 */
function panelCatalogueCalls() {
  const dir = path.join(__dirname, '..', 'core', 'src', 'compute');
  const names = new Set();
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts')))
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g))
      names.add(m[1]);
  return [...names].sort();
}

module.exports = {
  DECIMAL_JS,
  DECIMAL_LOADERS,
  LAW_FILES,
  LAW_DOCS,
  STRIP_DOCS,
  CATALOGUE_FILES,
  panelCatalogueCalls,
  panelFastPathsOff,
};
