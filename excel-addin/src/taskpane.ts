/**
 * The task pane: the shared panel over the Excel host. Loaded by taskpane.html after Office.js
 * (Microsoft's CDN) and functions.js, in the shared runtime the manifest declares.
 */
import { mountPanel } from '@panel/panel';
import { createExcelHost } from './excel-host';

function show(root: HTMLElement, sentence: string): void {
  const p = document.createElement('p');
  p.className = 'rdcs-start-note';
  p.textContent = sentence;
  root.replaceChildren(p);
}

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  if (typeof Office === 'undefined') {
    show(
      root,
      'Office.js did not load (it comes from appsforoffice.microsoft.com), so this pane cannot reach the workbook. Check the network or proxy, then reopen the pane.',
    );
    return;
  }
  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) {
      show(
        root,
        'This is the RD Credit Studio task pane for Excel: open it from Excel (Home ▸ RD Credit Studio). Without Excel, open demo.html to try the panel on an example study.',
      );
      return;
    }
    mountPanel(root, createExcelHost());
  });
}

start();
