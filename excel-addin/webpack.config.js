/**
 * Builds the Excel add-in into excel-addin/dist:
 *   functions.js    the custom functions (generated from the catalogue), + functions.json
 *                   by custom-functions-metadata-plugin from their JSDoc
 *   taskpane.html   the task pane page (Office.js from Microsoft's CDN, then functions.js and
 *                   taskpane.js: one shared runtime), + taskpane.js
 *   demo.html       the panel against an in-memory example study (npm start), + demo.js
 *   help.html, assets/icon-*.png, manifest.xml
 * Every page gets its Content-Security-Policy (panel/src/csp.ts) written into its meta tag.
 *
 * Production manifest: `npm run build:excel -- --env prodUrl=https://host/path` rewrites every
 * development URL (https://localhost:3000) in dist/manifest.xml and fails if any is left.
 *
 * custom-functions-metadata-plugin reports JSDoc problems as compilation errors, so webpack
 * exits non-zero on them (its CLI twin, `custom-functions-metadata generate`, would exit 0).
 */
const fs = require('fs');
const path = require('path');
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
const { installAliases, webpackAlias } = require('../scripts/aliases');
installAliases();
const webpack = require('webpack');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
// webpack's own minimizer (a dependency of webpack 5.112). Named explicitly with a JS-only
// `test`: webpack 5.112 would otherwise also minify HTML assets and may drop <html>.
const MinimizerPlugin = require('minimizer-webpack-plugin');
const { generateFunctionsSource, FUNCTIONS_TS } = require('../scripts/gen-excel-functions.ts');
const { productionManifest } = require('../scripts/excel-manifest.ts');
const { withCsp } = require('../scripts/page-csp.ts');
const {
  DECIMAL_JS,
  DECIMAL_LOADERS,
  LAW_FILES,
  LAW_DOCS,
  STRIP_DOCS,
  CATALOGUE_FILES,
  panelCatalogueCalls,
  panelFastPathsOff,
} = require('../scripts/bundle-text');
// Records what this build read and wrote, so tests refuse a dist/ older than its sources.
const { BuildStampPlugin } = require('../scripts/dist-stamp.ts');

const here = (...p) => path.resolve(__dirname, ...p);

/** Copies files into the output unchanged (or through `transform`), as webpack assets. */
class StaticFilesPlugin {
  constructor(files) {
    this.files = files;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('StaticFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'StaticFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const f of this.files) {
            compilation.fileDependencies.add(f.from);
            let content = fs.readFileSync(f.from);
            if (f.transform) content = Buffer.from(f.transform(content.toString('utf8')), 'utf8');
            compilation.emitAsset(f.to, new webpack.sources.RawSource(content));
          }
        },
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const production = (argv.mode || 'production') === 'production';
  // The build writes the generated wrappers first, so they always match the catalogue.
  const source = generateFunctionsSource();
  if (!fs.existsSync(FUNCTIONS_TS) || fs.readFileSync(FUNCTIONS_TS, 'utf8') !== source)
    fs.writeFileSync(FUNCTIONS_TS, source);

  const manifest = fs.readFileSync(here('..', 'manifest.xml'), 'utf8');
  // Checked here, before compiling, so a bad URL fails the build at once.
  const manifestOut = env.prodUrl ? productionManifest(manifest, String(env.prodUrl)) : manifest;
  const icons = fs.readdirSync(here('assets')).filter((f) => f.endsWith('.png'));

  return {
    mode: production ? 'production' : 'development',
    target: ['web', 'es2020'],
    devtool: production ? false : 'source-map',
    // Layers: the custom functions and the panel import the same core files but show different
    // text, so each keeps its own copy of a module (the rules below strip per layer).
    experiments: { layers: true },
    entry: {
      functions: { import: here('src', 'functions.ts'), layer: 'functions' },
      taskpane: { import: here('src', 'taskpane.ts'), layer: 'panel' },
      demo: { import: here('src', 'demo.ts'), layer: 'panel' },
    },
    output: {
      path: here('dist'),
      filename: '[name].js',
      // The parts the pane loads on demand (panel/src/lazy.ts: the template code, Form 6765's
      // computation; excel-addin/src/names-loader.ts: the function names), as <script src> files
      // beside the pages: relative to the page ('' — 'auto' would bring worker code the
      // network-API test refuses), allowed by the pages' script-src 'self'.
      chunkFilename: '[name].[contenthash:8].js',
      publicPath: '',
      clean: true,
      iife: true,
    },
    resolve: { extensions: ['.ts', '.js'], alias: webpackAlias() },
    module: {
      rules: [
        // decimal.js without what the engine never computes (logarithms, powers, trigonometry).
        { test: DECIMAL_JS, use: DECIMAL_LOADERS },
        {
          // The functions' help reaches Excel through functions.json (from functions.ts's JSDoc),
          // so functions.js needs none of the catalogue's docs text.
          test: CATALOGUE_FILES,
          issuerLayer: 'functions',
          enforce: 'pre',
          loader: STRIP_DOCS,
          options: { empty: ['summary', 'help', 'example'] },
        },
        {
          // The panel shows a function's summary (the short names' Name Manager comment), never
          // its argument help or example, and runs only the functions Form 6765's compute calls.
          test: CATALOGUE_FILES,
          issuerLayer: 'panel',
          enforce: 'pre',
          loader: STRIP_DOCS,
          options: { empty: ['help', 'example'], keepImpls: panelCatalogueCalls() },
        },
        // A law version's address and note are docs/law.md's (npm run docs:law reads the sources).
        { test: LAW_FILES, enforce: 'pre', loader: STRIP_DOCS, options: LAW_DOCS },
        {
          // The validator rules' titles are the panel's legend; custom functions never show a finding.
          test: /[\\/]core[\\/]src[\\/]study[\\/]rules\.ts$/,
          issuerLayer: 'functions',
          enforce: 'pre',
          loader: STRIP_DOCS,
          options: { emptyArgs: { rule: 1 } },
        },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type-checking is npm run typecheck's job; ES modules let webpack drop unused code.
            options: { configFile: here('tsconfig.json'), transpileOnly: true, compilerOptions: { module: 'es2020' } },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: here('src', 'functions.ts') }),
      new StaticFilesPlugin([
        // Each page's Content-Security-Policy, with the hashes of its styles (scripts/page-csp.ts).
        { from: here('src', 'taskpane.html'), to: 'taskpane.html', transform: (html) => withCsp(html, 'taskpane') },
        { from: here('src', 'demo.html'), to: 'demo.html', transform: (html) => withCsp(html, 'demo') },
        { from: here('src', 'help.html'), to: 'help.html', transform: (html) => withCsp(html, 'help') },
        { from: here('..', 'manifest.xml'), to: 'manifest.xml', transform: () => manifestOut },
        ...icons.map((f) => ({ from: here('assets', f), to: `assets/${f}` })),
      ]),
      panelFastPathsOff(webpack, 'panel'),
      new BuildStampPlugin('excel-addin'),
    ],
    optimization: {
      minimize: production,
      minimizer: [
        new MinimizerPlugin({ test: /\.js$/i, minify: MinimizerPlugin.terserMinify, extractComments: false }),
      ],
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
