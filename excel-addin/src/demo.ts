/**
 * The demo page: the real panel against an in-memory example study, drawn as a grid, so a
 * newcomer without Excel can press Validate and click through the findings.
 */
import { demoWorkbook } from '@panel/demo-study';
import { createMemoryHost } from '@panel/memory-host';
import { mountPanel } from '@panel/panel';
import { mountWorkbookView } from '@panel/workbook-view';
import { SHORT_NAMES, SHORT_NAMES_NOTE } from './short-names';

const host = createMemoryHost(demoWorkbook(), {
  kind: 'demo',
  shortNames: () => ({
    added: SHORT_NAMES.map((n) => n.name),
    note: `(Demo: nothing was added — in Excel this button adds these workbook names.) ${SHORT_NAMES_NOTE}`,
  }),
});
const workbook = document.getElementById('workbook');
const pane = document.getElementById('pane');
if (workbook && pane) {
  mountWorkbookView(workbook, host);
  mountPanel(pane, host, { formulaHost: 'excel' });
}
