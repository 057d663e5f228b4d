#!/usr/bin/env node
/*
 * The rdtax command's launcher. It runs the TypeScript sources of cli/ and core/ directly:
 * each .ts file is transpiled once (TypeScript's transpileModule, no type-check — `npm run
 * typecheck` does that) and the JavaScript is cached under node_modules/.cache/rdtax, keyed by
 * a hash of the source, so later runs start without loading the compiler and an edited source
 * is never run stale. No build step is needed after `npm install`, and none can be forgotten.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const Module = require('module');

/** Bump when the transpile options below change, so old cache entries are not reused. */
const CACHE_FORMAT = '1';

function fail(message) {
  process.stderr.write(`rdtax: ${message}\n`);
  process.exitCode = 2;
}

/** The repository root: where core/ and cli/ live (this file may be reached through a symlink in node_modules/.bin). */
function findRoot() {
  let dir = path.dirname(fs.realpathSync(__filename));
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'cli', 'src', 'main.ts')) && fs.existsSync(path.join(dir, 'core', 'src'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

function installTypeScriptHook(root) {
  const cacheDir = path.join(root, 'node_modules', '.cache', 'rdtax');
  let tsVersion = 'unknown';
  try {
    tsVersion = JSON.parse(fs.readFileSync(require.resolve('typescript/package.json', { paths: [root] }), 'utf8')).version;
  } catch {
    // Resolved lazily below, with a clear message, only if a file actually needs compiling.
  }
  let ts;
  let cacheWritable = true;

  function transpile(source, filename) {
    const key = crypto.createHash('sha256').update(`${CACHE_FORMAT}\0${tsVersion}\0${filename}\0${source}`).digest('hex');
    const cached = path.join(cacheDir, `${key}.js`);
    try {
      return fs.readFileSync(cached, 'utf8');
    } catch {
      // Not cached yet.
    }
    if (!ts) {
      try {
        ts = require(require.resolve('typescript', { paths: [root] }));
      } catch {
        throw new Error(`the TypeScript compiler is missing; run "npm install" in ${root} first`);
      }
    }
    const out = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        esModuleInterop: true,
        resolveJsonModule: true,
        inlineSourceMap: false,
        sourceMap: false,
      },
    }).outputText;
    if (cacheWritable) {
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        // Write then rename: parallel runs never read a half-written file.
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, out);
        fs.renameSync(tmp, cached);
      } catch {
        cacheWritable = false; // a read-only checkout still runs, it just compiles every time
      }
    }
    return out;
  }

  Module._extensions['.ts'] = function loadTs(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
}

// `rdtax check … | head`: the reader has gone; stop quietly rather than with an EPIPE trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}
// The last net: a defect must still be one line, never a stack trace.
process.on('uncaughtException', (e) => {
  try {
    process.stderr.write(`rdtax: internal error: ${e && e.message ? e.message : String(e)}\n`);
  } catch {
    // stderr itself is gone
  }
  process.exit(2);
});

(async () => {
  const root = findRoot();
  if (!root) return fail('cannot find the RD Credit Studio sources (core/ and cli/) next to this command.');
  try {
    installTypeScriptHook(root);
    const { main } = require(path.join(root, 'cli', 'src', 'main.ts'));
    process.exitCode = await main(process.argv.slice(2), {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
    });
  } catch (e) {
    // main() reports every expected problem itself; this is a defect or a broken install.
    fail(`internal error: ${e && e.message ? e.message : String(e)}`);
  }
})();
