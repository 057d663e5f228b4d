/**
 * The demo page's stand-in for a spreadsheet window: an in-memory workbook drawn as sheet tabs
 * and a grid with column letters and row numbers. When the panel selects a cell the view
 * switches to its sheet, outlines the cell and scrolls to it; the panel's marks show as a
 * yellow fill. Cell text goes in as textContent like everything else.
 */
import type { CellValue } from '@core/cells';
import { columnLetter } from '@core/study/a1';
import { append, h, replace } from './dom';
import type { MemoryHost } from './memory-host';
import { WORKBOOK_VIEW_CSS } from './styles';

export { WORKBOOK_VIEW_CSS };

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString().slice(0, 10);
  return (v as { errorCode?: string }).errorCode ?? '';
}

export interface WorkbookView {
  /** The sheet shown. */
  activeSheet(): string;
  show(sheet: string): void;
}

export function mountWorkbookView(root: HTMLElement, host: MemoryHost): WorkbookView {
  const doc = root.ownerDocument;
  if (!doc.getElementById('rdcs-wb-style')) {
    const style = h(doc, 'style', { attrs: { id: 'rdcs-wb-style' } });
    style.textContent = WORKBOOK_VIEW_CSS;
    (doc.head ?? doc.documentElement).appendChild(style);
  }
  const tabs = h(doc, 'div', { class: 'rdcs-wb-tabs', attrs: { role: 'tablist', 'aria-label': 'Sheets' } });
  const scroll = h(doc, 'div', { class: 'rdcs-wb-scroll', attrs: { role: 'tabpanel', tabindex: '0' } });
  replace(root, h(doc, 'div', { class: 'rdcs-wb' }, tabs, scroll));
  let active = host.workbook.sheets[0]?.name ?? '';

  function drawTabs(): void {
    replace(tabs);
    for (const s of host.workbook.sheets) {
      const selected = s.name === active;
      const tab = h(
        doc,
        'button',
        {
          class: 'rdcs-wb-tab',
          attrs: { type: 'button', role: 'tab', 'aria-selected': String(selected), 'data-sheet': s.name },
        },
        s.name,
      );
      tab.addEventListener('click', () => show(s.name));
      append(tabs, tab);
    }
  }

  function drawGrid(): void {
    const sheet = host.workbook.sheets.find((s) => s.name === active);
    replace(scroll);
    scroll.setAttribute('aria-label', `Sheet ${active}`);
    if (!sheet) return;
    const width = Math.max(1, ...sheet.values.map((r) => r.length));
    const rows = Math.max(sheet.values.length + 3, 12);
    const marks = host.marks().get(sheet.name);
    const sel = host.selected();
    const table = h(doc, 'table', { attrs: { 'data-sheet': sheet.name } });
    const head = h(doc, 'tr', {}, h(doc, 'th', { class: 'rdcs-wb-rowhead' }, ''));
    for (let c = 0; c < width; c++) append(head, h(doc, 'th', { attrs: { scope: 'col' } }, columnLetter(c)));
    append(table, head);
    let selectedTd: HTMLTableCellElement | undefined;
    for (let r = 1; r <= rows; r++) {
      const tr = h(doc, 'tr', {}, h(doc, 'th', { class: 'rdcs-wb-rowhead', attrs: { scope: 'row' } }, String(r)));
      for (let c = 0; c < width; c++) {
        const v = sheet.values[r - 1]?.[c];
        const classes = [typeof v === 'number' ? 'rdcs-num' : ''];
        if (marks?.has(`${r},${c}`)) classes.push('rdcs-marked');
        const isSel = sel !== undefined && sel.sheet === sheet.name && sel.row === r && sel.col === c;
        if (isSel) classes.push('rdcs-selected');
        const td = h(
          doc,
          'td',
          { class: classes.filter(Boolean).join(' '), attrs: { 'data-cell': `${columnLetter(c)}${r}` } },
          cellText(v),
        );
        const text = cellText(v);
        if (text) td.title = text;
        if (isSel) selectedTd = td;
        append(tr, td);
      }
      append(table, tr);
    }
    append(scroll, table);
    if (selectedTd && typeof selectedTd.scrollIntoView === 'function')
      selectedTd.scrollIntoView({ block: 'center', inline: 'center' });
  }

  function show(sheet: string): void {
    active = sheet;
    drawTabs();
    drawGrid();
  }

  host.onChange((e) => {
    if (e.type === 'select') show(e.cell.sheet);
    else show(host.workbook.sheets.some((s) => s.name === active) ? active : (host.workbook.sheets[0]?.name ?? ''));
  });
  show(active);
  return { activeSheet: () => active, show };
}
