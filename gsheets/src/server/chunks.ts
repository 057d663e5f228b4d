/**
 * The sidebar's on-demand parts (panel/src/lazy.ts: the template code, Form 6765's computation).
 * HtmlService serves one page and the sidebar may fetch nothing, so each part is an Apps Script
 * HTML file holding only the part's script text (SidebarChunk_<name>.html, written by
 * gsheets/webpack.config.js), handed to the sidebar by `sidebarChunk`; the sidebar runs it as an
 * inline script its Content-Security-Policy allows by hash (gsheets/src/sidebar/main.ts).
 */

/** The parts, by webpack chunk name (the build fails if it writes another). */
export const SIDEBAR_CHUNKS: readonly string[] = ['templates', 'compute'];

/** HtmlService file name of a part: gsheets/dist/SidebarChunk_<name>.html. */
export const sidebarChunkFile = (name: string): string => `SidebarChunk_${name}`;

/**
 * The first line of every part's file: were the file ever served as a page, it would load and
 * run nothing (the script text after it has no <script> tag either); sidebarChunk hands on only
 * what follows it, the text whose hash Sidebar.html's policy lists.
 */
export const SIDEBAR_CHUNK_POLICY =
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n";

/** The script text of the part `name` (one of SIDEBAR_CHUNKS; anything else is refused). */
export function sidebarChunk(name: string): string {
  if (typeof name !== 'string' || !SIDEBAR_CHUNKS.includes(name))
    throw new Error(`The sidebar has no part named “${String(name).slice(0, 40)}”.`);
  const file = HtmlService.createHtmlOutputFromFile(sidebarChunkFile(name)).getContent();
  if (!file.startsWith(SIDEBAR_CHUNK_POLICY))
    throw new Error(`The sidebar's part “${name}” is damaged; deploy gsheets/dist again (npm run deploy:gsheets).`);
  return file.slice(SIDEBAR_CHUNK_POLICY.length);
}
