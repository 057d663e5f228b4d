/**
 * `npm run build:gsheets` → gsheets/dist/{Code.js, Sidebar.html, appsscript.json} and the
 * sidebar's on-demand parts SidebarChunk_<name>.html (panel/src/lazy.ts, served by the server's
 * sidebarChunk): the files `clasp push` sends (rootDir in /.clasp.json).
 *
 * One compilation, two entries:
 *  - server: gsheets/src/server (with core) as a library in `var rdcsLibrary_`, minified, then
 *    wrapped by gsheets/scripts/generate.ts into Code.js: the library inside `function rdcs_()`
 *    (built on first call, so top-level evaluation is only function declarations) followed by
 *    the catalogue's custom functions with their JSDoc, generated after minification so that no
 *    minifier can strip it.
 *  - sidebar: gsheets/src/sidebar (with panel/ and core), minified and inlined into
 *    gsheets/src/sidebar/Sidebar.html.
 * Type-checking is `npm run typecheck` (gsheets/tsconfig*.json); ts-loader only transpiles.
 */
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');

// The generator and the catalogue are TypeScript; load them through ts-node (transpile only).
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
const { installAliases, webpackAlias } = require('../scripts/aliases');
installAliases();
const { codeJs, sidebarHtml, LIBRARY_VAR } = require('./scripts/generate.ts');
const { withCsp, inlineBodies } = require('../scripts/page-csp.ts');
const { SIDEBAR_CHUNKS, SIDEBAR_CHUNK_POLICY, sidebarChunkFile } = require('./src/server/chunks.ts');
// Records what this build read and wrote, so tests refuse a dist/ older than its sources.
const { BuildStampPlugin } = require('../scripts/dist-stamp.ts');

const root = path.resolve(__dirname, '..');
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
const src = path.join(__dirname, 'src');
const dist = path.join(__dirname, 'dist');

/**
 * Sidebar.html with its Content-Security-Policy: the inline bundle and styles are allowed by
 * their sha256 (panel/src/csp.ts). HtmlService strips comments from a page as it serves it
 * (and has been seen to cut a line at a `//` inside a string), which would change the hashed
 * text; so the licences go in an HTML comment outside the script, and the build refuses an
 * inline script or style that contains a comment-like `//` or `/*`.
 */
function sidebarPage(shell, code, licenceAsset, chunkScripts = []) {
  const bare = code.replace(/^\/\*! For license information please see [^*]*\*\/\s*/, '');
  let html = sidebarHtml(shell, bare);
  if (licenceAsset) {
    const licences = licenceAsset.source.source().toString().trim();
    if (licences.includes('--'))
      throw new Error('A bundled licence contains "--", which cannot go inside an HTML comment.');
    html = html.replace('<script>\n', `<!-- Licences of the code bundled below:\n${licences}\n-->\n<script>\n`);
  }
  const { styles, scripts } = inlineBodies(html);
  refuseCommentLike('Sidebar.html', [...styles, ...scripts, ...chunkScripts]);
  return withCsp(html, 'sidebar', chunkScripts);
}

/** Throws when a body has a comment-like `//` or `/*` (HtmlService may strip it, see sidebarPage). */
function refuseCommentLike(page, bodies) {
  for (const body of bodies) {
    const at = body.search(/\/\/|\/\*/);
    if (at >= 0) {
      throw new Error(
        `${page}: an inline script or style contains "${body.slice(at, at + 2)}" (…${body.slice(Math.max(0, at - 40), at + 40)}…); HtmlService would treat it as a comment and change the text the CSP hash allows. Write it another way (e.g. 'https:' + '//…').`,
      );
    }
  }
}

class AppsScriptFilesPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('AppsScriptFilesPlugin', (compilation) => {
      const shellFile = path.join(src, 'sidebar', 'Sidebar.html');
      const manifestFile = path.join(src, 'appsscript.json');
      compilation.fileDependencies.add(shellFile);
      compilation.fileDependencies.add(manifestFile);
      compilation.hooks.processAssets.tap(
        // After OPTIMIZE_SIZE (the minimizer): the JSDoc and the HTML are never minified.
        { name: 'AppsScriptFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        () => {
          if (compilation.errors.length > 0) return;
          const asset = (name) => {
            const a = compilation.getAsset(name);
            if (!a) throw new Error(`webpack produced no ${name}`);
            return a.source.source().toString();
          };
          // The catalogue as it is now (not as it was when webpack started, under --watch).
          for (const id of Object.keys(require.cache))
            if (id.startsWith(path.join(root, 'core') + path.sep)) delete require.cache[id];
          const { CATALOGUE } = require('@core/catalogue');
          const { RawSource } = compiler.webpack.sources;
          // The minimizer moves licence comments (decimal.js, MIT) to [file].LICENSE.txt and
          // leaves a pointer to that file; the shipped file carries the licences themselves.
          const withLicences = (name) => {
            const licences = compilation.getAsset(`${name}.LICENSE.txt`);
            const code = asset(name).replace(/^\/\*! For license information please see [^*]*\*\/\s*/, '');
            return licences ? `${licences.source.source().toString().trim()}\n${code}` : code;
          };
          // `minimized: true`: the minimizer also handles assets added after its stage, and
          // would strip the JSDoc Sheets reads (docs/design.md §10).
          const emit = (name, text) => compilation.emitAsset(name, new RawSource(text), { minimized: true });
          emit('Code.js', codeJs(withLicences('server.js'), CATALOGUE));
          // The sidebar's on-demand parts: SidebarChunk_<name>.html holds the part's script text
          // as the sidebar runs it (inline, allowed by its sha256 in Sidebar.html's policy).
          const parts = [];
          for (const chunk of compilation.chunks) {
            if (chunk.hasRuntime() || !chunk.name) continue;
            if (!SIDEBAR_CHUNKS.includes(chunk.name))
              throw new Error(
                `The sidebar's on-demand part "${chunk.name}" is not in SIDEBAR_CHUNKS (gsheets/src/server/chunks.ts), so the server would refuse it.`,
              );
            const file = [...chunk.files].find((f) => f.endsWith('.js'));
            if (compilation.getAsset(`${file}.LICENSE.txt`))
              throw new Error(`${file} carries a licence comment; keep licensed code in the first load.`);
            const text = asset(file).replace(/^\/\*! For license information please see [^*]*\*\/\s*/, '');
            parts.push(text);
            emit(`${sidebarChunkFile(chunk.name)}.html`, SIDEBAR_CHUNK_POLICY + text);
          }
          emit(
            'Sidebar.html',
            sidebarPage(
              fs.readFileSync(shellFile, 'utf8'),
              asset('sidebar.js'),
              compilation.getAsset('sidebar.js.LICENSE.txt'),
              parts,
            ),
          );
          emit('appsscript.json', fs.readFileSync(manifestFile, 'utf8'));
          const kept = [
            'Code.js',
            'Sidebar.html',
            'appsscript.json',
            ...SIDEBAR_CHUNKS.map((n) => `${sidebarChunkFile(n)}.html`),
          ];
          for (const name of Object.keys(compilation.assets)) {
            if (!kept.includes(name)) compilation.deleteAsset(name);
          }
        },
      );
    });
  }
}

/** ts-loader, transpiling only, to `target` (undefined: gsheets/tsconfig.json's ES2019, for Apps Script). */
function tsOptions(target) {
  return {
    transpileOnly: true,
    configFile: path.join(__dirname, 'tsconfig.json'),
    compilerOptions: { module: 'es2020', ...(target ? { target } : {}) },
  };
}

module.exports = {
  mode: 'production',
  context: root,
  // Apps Script's V8: ES2019 output, no Node built-ins (the sidebar's own modules are ES2020,
  // see its layer's ts-loader rule).
  target: ['web', 'es2019'],
  devtool: false,
  entry: {
    server: {
      import: path.join(src, 'server', 'index.ts'),
      library: { type: 'var', name: LIBRARY_VAR },
      layer: 'server',
    },
    sidebar: { import: path.join(src, 'sidebar', 'main.ts'), layer: 'sidebar' },
  },
  output: {
    path: dist,
    filename: '[name].js',
    clean: true,
    // The library is evaluated inside rdcs_(); `this`/globalThis lookups must not assume window.
    globalObject: 'globalThis',
    // The panel's on-demand parts (panel/src/lazy.ts): webpack names each "<name>.js"; the
    // sidebar gets its text from the server (sidebarChunk), never by URL, so no public path.
    chunkFilename: '[name].js',
    publicPath: '',
  },
  resolve: { extensions: ['.ts', '.js'], alias: webpackAlias() },
  // Layers: the server and the sidebar import the same core files but keep different text and
  // are compiled for different runtimes, so each entry's modules form their own layer.
  experiments: { layers: true },
  module: {
    rules: [
      // decimal.js without what the engine never computes (logarithms, powers, trigonometry).
      { test: DECIMAL_JS, use: DECIMAL_LOADERS },
      {
        // Docs-only catalogue text (summary, help, example): the server has it once, in Code.js's
        // JSDoc stubs (written from the catalogue in Node).
        test: CATALOGUE_FILES,
        issuerLayer: 'server',
        enforce: 'pre',
        loader: STRIP_DOCS,
        options: { empty: ['summary', 'help', 'example'] },
      },
      {
        // The sidebar shows none of it, and runs only the functions Form 6765's compute calls.
        test: CATALOGUE_FILES,
        issuerLayer: 'sidebar',
        enforce: 'pre',
        loader: STRIP_DOCS,
        options: { empty: ['summary', 'help', 'example'], keepImpls: panelCatalogueCalls() },
      },
      // A law version's address and note are docs/law.md's (npm run docs:law reads the sources).
      { test: LAW_FILES, enforce: 'pre', loader: STRIP_DOCS, options: LAW_DOCS },
      {
        // The validator rules' titles are the panel's legend; the server never shows a finding.
        test: /[\\/]core[\\/]src[\\/]study[\\/]rules\.ts$/,
        issuerLayer: 'server',
        enforce: 'pre',
        loader: STRIP_DOCS,
        options: { emptyArgs: { rule: 1 } },
      },
      {
        test: /\.ts$/,
        oneOf: [
          {
            // The sidebar runs in a browser: ES2020 keeps `?.` and `??` as written.
            issuerLayer: 'sidebar',
            loader: 'ts-loader',
            options: tsOptions('es2020'),
          },
          // ES modules to webpack (not CommonJS), so it can drop what an entry does not use.
          { loader: 'ts-loader', options: tsOptions(undefined) },
        ],
      },
    ],
  },
  optimization: {
    // One file per entry and per on-demand part (a module two parts share is in both): the
    // sidebar asks the server for a part by name, so the names must be the ones it knows.
    splitChunks: false,
    runtimeChunk: false,
  },
  performance: { hints: false },
  plugins: [new AppsScriptFilesPlugin(), panelFastPathsOff(webpack, 'sidebar'), new BuildStampPlugin('gsheets')],
};
