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

const argv = process.argv.slice(2);
/** --json (before a `--`): stdout must hold one JSON document whatever happens, even here. */
const wantsJson = (argv.indexOf('--') < 0 ? argv : argv.slice(0, argv.indexOf('--'))).includes('--json');
const debugEnabled = !['', '0', undefined].includes(process.env.RDTAX_DEBUG);
let stdoutUsed = false;

/** A problem this launcher can describe itself (a broken install), as opposed to a defect. */
class LauncherError extends Error {}

function version() {
  try {
    return JSON.parse(
      fs.readFileSync(path.join(path.dirname(fs.realpathSync(__filename)), '..', 'package.json'), 'utf8'),
    ).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The last net: one sentence on stderr, never a stack or a raw JavaScript message (they say
 * nothing to a tax preparer; RDTAX_DEBUG=1 shows them), and with --json the envelope main()
 * would have printed (cli/src/envelope.ts), unless main() already printed one.
 */
function fail(e) {
  const known = e instanceof LauncherError;
  const message = known
    ? e.message
    : 'rdtax stopped on an unexpected problem (a defect, not your input); run it again with RDTAX_DEBUG=1 and report what it prints';
  try {
    process.stderr.write(`rdtax: ${message}\n`);
    if (debugEnabled && !known) process.stderr.write(`rdtax: debug: ${e && e.stack ? e.stack : String(e)}\n`);
    if (wantsJson && !stdoutUsed) {
      stdoutUsed = true;
      const error = { code: known ? 'install/broken' : 'internal/error', message };
      const doc = {
        schemaVersion: 2, // = SCHEMA_VERSION in cli/src/envelope.ts (a test checks they agree)
        tool: { name: 'rdtax', version: version() },
        command: null,
        exitCode: 2,
        files: [],
        error,
      };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    }
  } catch {
    // stdout or stderr itself is gone
  }
  process.exitCode = 2;
}

/** The repository root: where core/ and cli/ live (this file may be reached through a symlink in node_modules/.bin). */
function findRoot() {
  let dir = path.dirname(fs.realpathSync(__filename));
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'cli', 'src', 'main.ts')) && fs.existsSync(path.join(dir, 'core', 'src')))
      return dir;
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
    tsVersion = JSON.parse(
      fs.readFileSync(require.resolve('typescript/package.json', { paths: [root] }), 'utf8'),
    ).version;
  } catch {
    // Resolved lazily below, with a clear message, only if a file actually needs compiling.
  }
  let ts;
  let cacheWritable = true;

  function transpile(source, filename) {
    const key = crypto
      .createHash('sha256')
      .update(`${CACHE_FORMAT}\0${tsVersion}\0${filename}\0${source}`)
      .digest('hex');
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
        throw new LauncherError(`the TypeScript compiler is missing; run "npm install" in ${root} first`);
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
  fail(e);
  process.exit(2);
});

(async () => {
  const root = findRoot();
  if (!root)
    return fail(new LauncherError('cannot find the RD Credit Studio sources (core/ and cli/) next to this command.'));
  try {
    installTypeScriptHook(root);
    // @core/… imports (scripts/aliases.js: the one alias table TypeScript, jest and webpack read too).
    require(path.join(root, 'scripts', 'aliases.js')).installAliases();
    const { main } = require(path.join(root, 'cli', 'src', 'main.ts'));
    process.exitCode = await main(argv, {
      stdout: (s) => {
        stdoutUsed = true;
        process.stdout.write(s);
      },
      stderr: (s) => process.stderr.write(s),
      cwd: process.cwd(),
    });
  } catch (e) {
    // main() reports every expected problem itself; this is a defect or a broken install.
    fail(e);
  }
})();
