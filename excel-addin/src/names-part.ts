/**
 * What needs the catalogue's function names in the task pane: Add short names (a LAMBDA name per
 * function) and re-entering study formulas that show #NAME?. Loaded on first use through
 * ./names-loader.ts, as a chunk next to taskpane.js, so the catalogue is not in the pane's first
 * load (issue 13 §1: the pane within 300 KB).
 */
export { SHORT_NAMES, SHORT_NAMES_NOTE } from './short-names';
export { blocksOf, stuckCellsOf } from './reenter';
