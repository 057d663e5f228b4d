/**
 * The host-neutral panel (Excel task pane, Google Sheets sidebar, demo page).
 *
 *   import { mountPanel } from '../core/panel/src';
 *   mountPanel(document.getElementById('app')!, myHost);   // myHost implements PanelHost
 */
export { mountPanel, ensurePanelStyle, describeError, MAX_TEMPLATE_BYTES } from './panel';
export type { PanelOptions, PanelHandle } from './panel';
export type { PanelHost, RenderedSheet } from './host';
export { PANEL_CSS, PANEL_STYLE_ID } from './styles';
export { parseCellRef, columnIndex } from './a1';
export type { CellAddress } from './a1';
export { createMemoryHost } from './memory-host';
export type { MemoryHost, MemoryHostEvent, MemoryHostOptions, MemorySheet, MemoryWorkbook } from './memory-host';
export { demoWorkbook, DEMO_HTML_CELL } from './demo-study';
export { mountWorkbookView, WORKBOOK_VIEW_CSS } from './workbook-view';
export type { WorkbookView } from './workbook-view';
