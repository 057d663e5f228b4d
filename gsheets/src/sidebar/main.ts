/**
 * The sidebar page: the shared panel (panel/) over the Sheets host. The menu item that
 * opened it sets <body data-start-view>: "templates" opens the Template tab on the template picker.
 * Its look follows the system's colour scheme (the panel's stylesheet; Sheets has no theme API).
 */
import { mountPanel } from '@panel/panel';
import { createSheetsHost, scriptRunCaller, type GoogleScriptClient } from './host';

/** HtmlService defines `google` in the sidebar's window. */
declare const google: GoogleScriptClient | undefined;

/** webpack's runtime, a free variable in bundled code; `l` loads a chunk's script. */
declare const __webpack_require__: {
  l: (
    url: string,
    done: (event: { type: string; target: { src: string } }) => void,
    key?: string,
    chunkId?: unknown,
  ) => void;
};

/**
 * The panel's on-demand parts (panel/src/lazy.ts) cannot be fetched: the sidebar's page may load
 * nothing. webpack asks for a part by its file name ("templates.js"); the server hands back the
 * part's script text (sidebarChunk), which runs as an inline script the page's
 * Content-Security-Policy allows by its hash. A failure reaches webpack as a failed load, and the
 * panel says it in a sentence.
 */
function loadChunksThroughServer(): void {
  const call = scriptRunCaller(typeof google === 'undefined' ? undefined : google);
  __webpack_require__.l = (url, done) => {
    const name = url.slice(url.lastIndexOf('/') + 1).replace(/\.js$/, '');
    const fail = () => done({ type: 'error', target: { src: url } });
    call('sidebarChunk', name).then((text) => {
      if (typeof text !== 'string') return fail();
      const script = document.createElement('script');
      script.textContent = text;
      document.head.appendChild(script);
      done({ type: 'load', target: { src: url } });
    }, fail);
  };
}

function start(): void {
  loadChunksThroughServer();
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
