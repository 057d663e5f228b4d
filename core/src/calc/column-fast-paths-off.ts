/**
 * The panel bundles' stand-in for the catalogue's column fast paths of SEC174_AMORT
 * (./fast-sec174) and RD_ROLE_CHECK (./fast-roles): "no fast path", so the catalogue takes its
 * decimal path, which gives the same answers (core/test/fast-path.test.ts compares the two).
 * The panels call SEC174_AMORT only on the study's totals and its Prior Years (a row per tax
 * year) and never call RD_ROLE_CHECK, so the fast paths would save them nothing; the custom
 * functions (Code.js, functions.js), where a column may hold 100,000 rows, the CLI and the
 * tests keep both.
 * The webpack configs substitute this module for those two in the panel's layer
 * (scripts/bundle-text.js, panelFastPathsOff).
 */

/** See ./fast-sec174: undefined means "take the decimal path". */
export function sec174Fast(): undefined {
  return undefined;
}

/** See ./fast-roles: undefined means "take the decimal path". */
export function roleCheckFast(): undefined {
  return undefined;
}
