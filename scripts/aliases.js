/*
 * The repository's import aliases, in one table: `@core/…` is the engine (core/src), `@panel/…`
 * the panel UI (panel/src), so no file imports `../../../core/src/…`. TypeScript reads them from
 * tsconfig.base.json's "paths" (a test checks that it says the same), jest from
 * moduleNameMapper, webpack from resolve.alias, and Node — the rdtax launcher and the scripts run
 * with `-r ./scripts/register.js` — from the resolver hook below. Plain JavaScript, so every one
 * of them can read it without a compiler.
 */
'use strict';

const path = require('path');
const Module = require('module');

const ROOT = path.resolve(__dirname, '..');

/** Alias → folder, relative to the repository root. */
const ALIASES = Object.freeze({ '@core': 'core/src', '@panel': 'panel/src' });

/** The file path an aliased request names (`@core/cells` → <root>/core/src/cells), or undefined. */
function resolveAlias(request) {
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (request === alias || request.startsWith(`${alias}/`))
      return path.join(ROOT, folder, request.slice(alias.length));
  }
  return undefined;
}

let installed = false;
/** Teach Node's require the aliases (idempotent). */
function installAliases() {
  if (installed) return;
  installed = true;
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const target = typeof request === 'string' ? resolveAlias(request) : undefined;
    return original.call(this, target ?? request, ...rest);
  };
}

/** jest's moduleNameMapper for the aliases. */
function jestModuleNameMapper() {
  return Object.fromEntries(
    Object.entries(ALIASES).map(([alias, folder]) => [`^${alias}/(.*)$`, `<rootDir>/${folder}/$1`]),
  );
}

/** webpack's resolve.alias for the aliases. */
function webpackAlias() {
  return Object.fromEntries(Object.entries(ALIASES).map(([alias, folder]) => [alias, path.join(ROOT, folder)]));
}

module.exports = { ROOT, ALIASES, resolveAlias, installAliases, jestModuleNameMapper, webpackAlias };
