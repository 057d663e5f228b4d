/**
 * The Content-Security-Policy of every page that ships (docs/design.md §8c): the Excel task pane,
 * the demo and help pages, and the Sheets sidebar. One description here; the builds write it
 * into each page's `<meta http-equiv="Content-Security-Policy">` with the hashes of that page's
 * inline styles (and, in the one-file sidebar, its one inline script), and `npm start` sends
 * the same policy as a header, adding `frame-ancestors` (which a meta policy cannot carry).
 *
 * Nothing may be fetched (`connect-src 'none'`): client data never leaves the workbook. The
 * Sheets sidebar needs no fetch either — google.script.run talks to Apps Script's wrapper frame
 * with postMessage, which CSP does not govern.
 */
import { PANEL_CSS, WORKBOOK_VIEW_CSS } from './styles';

/** Office.js must come from Microsoft's CDN; it loads its host scripts from the same origin. */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

export type CspPage = 'taskpane' | 'demo' | 'help' | 'sidebar';

/** Where the builds put the policy: `<meta http-equiv="Content-Security-Policy" content="…">`. */
export const CSP_PLACEHOLDER = 'rdcs:content-security-policy';

/** Style sheets a page's script adds at run time (as `<style>` text), hashed into its policy. */
export const RUNTIME_STYLES: Readonly<Record<CspPage, readonly string[]>> = {
  taskpane: [PANEL_CSS],
  demo: [PANEL_CSS, WORKBOOK_VIEW_CSS],
  help: [],
  sidebar: [PANEL_CSS],
};

export interface InlineHashes {
  /** 'sha256-…' sources of the page's inline `<script>` bodies (the sidebar only). */
  readonly scripts: readonly string[];
  /** 'sha256-…' sources of its `<style>` bodies, in the file and added at run time. */
  readonly styles: readonly string[];
}

/** The policy's directives for `page`, in order. */
export function cspDirectives(page: CspPage, hashes: InlineHashes): [string, string[]][] {
  const scripts: Record<CspPage, string[]> = {
    taskpane: ["'self'", OFFICE_JS_ORIGIN],
    demo: ["'self'"],
    help: ["'none'"],
    // Apps Script serves one file from its own sandbox origin: the bundle is inline, allowed by hash.
    sidebar: [...hashes.scripts],
  };
  const styles = [...new Set(hashes.styles)];
  return [
    ['default-src', ["'none'"]],
    ['script-src', scripts[page].length > 0 ? scripts[page] : ["'none'"]],
    ['style-src', page === 'sidebar' ? (styles.length > 0 ? styles : ["'none'"]) : ["'self'", ...styles]],
    ['img-src', page === 'sidebar' ? ["'none'"] : ["'self'"]],
    ['connect-src', ["'none'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
}

export function cspText(directives: readonly (readonly [string, readonly string[]])[]): string {
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * `frame-ancestors` for the header `npm start` sends (a meta policy cannot set it). Office shows
 * the task pane in an iframe of Excel on the web (whose origins vary: office.com, officeapps,
 * sharepoint, cloud.microsoft…), so it may be framed by any https page; nothing frames the others.
 */
export function frameAncestors(page: CspPage): string {
  return page === 'taskpane' ? "frame-ancestors 'self' https:" : "frame-ancestors 'none'";
}
