/**
 * What every bundle leaves out, in one place for both webpack configs (excel-addin/, gsheets/):
 * the loaders and the files they apply to. Each config decides per entry (its webpack layer)
 * which text that entry shows; scripts/strip-docs-loader.js says how text is taken out.
 */
'use strict';

const path = require('path');

/** decimal.js, as either of its builds (scripts/decimal-constants-loader.js shortens LN10 and PI). */
const DECIMAL_JS = /[\\/]node_modules[\\/]decimal\.js[\\/]decimal\.m?js$/;

/** The law's data files: each jurisdiction's folder, and the helper that writes "not yet enacted". */
const LAW_FILES = /[\\/]core[\\/]src[\\/]law[\\/](?:federal[\\/]|states[\\/]|define\.ts$)/;

/**
 * A law version's `url` and `note` (objects with `status` and `citations`): docs/law.md shows
 * them (core/src/law/doc.ts, run from the sources by npm run docs:law); no bundle reads them.
 */
const LAW_DOCS = { drop: ['url', 'note'], dropIn: ['status', 'citations'] };

const STRIP_DOCS = path.join(__dirname, 'strip-docs-loader.js');

module.exports = { DECIMAL_JS, LAW_FILES, LAW_DOCS, STRIP_DOCS };
