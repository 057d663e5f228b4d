#!/usr/bin/env node
/*
 * The rdtax command's launcher. It runs the TypeScript sources of cli/ and core/ directly:
 * each .ts file is transpiled once (TypeScript's transpileModule, no type-check — `npm run
 * typecheck` does that) and the JavaScript is cached under node_modules/.cache/rdtax, keyed by
 * a hash of the source, so later runs start without loading the compiler and an edited source
 * is never run stale. No build step is needed after `npm install`, and none can be forgotten.
 * A warm run loads only Node's built-ins it needs (fs, path, zlib for the hash) and the modules
 * the command asks for: the compiler only when a source changed, never crypto (its ~15 ms
 * load is a tenth of the start-up budget; the key is two independent 32-bit hashes instead).
 */
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const vm = require('vm');
const Module = require('module');

/** Bump when the transpile options below change, so old cache entries are not reused. */
const CACHE_FORMAT = '2';

/**
 * The cache key of a text: its CRC-32 (of the UTF-8 bytes, zlib's native one) and its FNV-1a
 * (of the UTF-16 code units), 64 bits from two unrelated functions, and its length. Not a
 * defence against anyone (whoever can write the cache can write node_modules); it only has to
 * tell two versions of one file apart, which a 2^-64 chance of a collision does.
 */
function cacheKey(text) {
  let fnv = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) fnv = Math.imul(fnv ^ text.charCodeAt(i), 0x01000193);
  const crc =
    typeof zlib.crc32 === 'function'
      ? zlib.crc32(text)
      : // Node without zlib.crc32 (before 20.15, outside "engines"): a second FNV with another basis.
        (() => {
          let h = 0x01000193;
          for (let i = text.length - 1; i >= 0; i--) h = Math.imul(h ^ text.charCodeAt(i), 0x811c9dc5);
          return h;
        })();
  const hex = (n) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(crc)}${hex(fnv)}-${text.length.toString(36)}`;
}

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
    const key = cacheKey(`${CACHE_FORMAT}\0${tsVersion}\0${filename}\0${source}`);
    const cached = path.join(cacheDir, `${key}.js`);
    try {
      return { js: fs.readFileSync(cached, 'utf8'), key };
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
    return { js: out, key };
  }

  /**
   * V8's code cache of each module next to its JavaScript (`<key>.v8`): a warm run skips parsing
   * and compiling, which is a good part of its start-up. Written at exit, when the functions the
   * command ran are compiled too, and only when missing or refused (another Node version);
   * V8 checks it matches the source and its own version and flags, and ignores it otherwise.
   */
  const toCache = [];
  process.once('exit', () => {
    if (!cacheWritable) return;
    for (const { script, file } of toCache) {
      try {
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, file);
      } catch {
        return;
      }
    }
  });

  Module._extensions['.ts'] = function loadTs(module, filename) {
    const { js, key } = transpile(fs.readFileSync(filename, 'utf8'), filename);
    const v8File = path.join(cacheDir, `${key}.v8`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(v8File);
    } catch {
      // not cached yet
    }
    const script = new vm.Script(Module.wrap(js), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) toCache.push({ script, file: v8File });
    const fn = script.runInThisContext({ displayErrors: true });
    const require = (id) => module.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
    require.main = process.mainModule;
    require.cache = Module._cache;
    require.extensions = Module._extensions;
    fn.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
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
      // A terminal gets a progress bar on long work; a pipe or a file never does.
      stderrTty: process.stderr.isTTY ? process.stderr : undefined,
    });
  } catch (e) {
    // main() reports every expected problem itself; this is a defect or a broken install.
    fail(e);
  }
})();
