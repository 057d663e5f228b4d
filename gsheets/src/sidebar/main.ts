/**
 * The sidebar page: the shared panel (panel/) over the Sheets host. The menu item that
 * opened it sets <body data-start-view>: "templates" opens the Template tab on the template picker.
 * Its look follows the system's colour scheme (the panel's stylesheet; Sheets has no theme API).
 */
import { mountPanel } from '@panel/panel';
import { createSheetsHost, scriptRunCaller, type GoogleScriptClient } from './host';

/** HtmlService defines `google` in the sidebar's window. */
declare const google: GoogleScriptClient | undefined;

function start(): void {
  const root = document.getElementById('app');
  const note = document.getElementById('host-note');
  if (!root) return;
  const host = createSheetsHost(scriptRunCaller(typeof google === 'undefined' ? undefined : google), (text) => {
    if (note) note.textContent = text;
  });
  // A server function may run for up to Apps Script's 6 minutes (a large study) before
  // google.script.run reports a failure itself; wait a little longer than that.
  const panel = mountPanel(root, host, { formulaHost: 'sheets', hostTimeoutMs: 400_000 });
  if (document.body.getAttribute('data-start-view') === 'templates') {
    void panel.showView('template');
    const picker = root.querySelector<HTMLElement>('[data-action="template-choice"]');
    picker?.scrollIntoView();
    picker?.focus();
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
