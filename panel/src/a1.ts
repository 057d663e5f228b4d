/**
 * Reading the A1 references findings carry back into sheet, row and column. The parser lives
 * in core beside `cellRef`, its inverse; the panel re-exports it for its hosts.
 */
export { parseCellRef, columnIndex, type CellAddress } from '@core/study/a1';
