/**
 * The Sheets PanelHost: each method is one google.script.run call to a server function of
 * Code.js (gsheets/src/server), made into a promise. Dates come back as text and are rebuilt
 * here (shared/wire.ts); findings and template sheets go over as plain values. A study table
 * too large for one reply comes in pages (sidebarReadRows), put back together here in order, so
 * the panel validates exactly what one read would have given.
 */
import type { EditBlock, PanelHost } from '@panel/host';
import { planMarks } from '@core/plans/mark-plan';
import type { SidebarServer, WireEditBlock, WireSheet, WireTemplateSheet, WireWorkbook } from '../shared/api';
import { reviveWorkbook, wireMark, wireTemplateSheet, wireValue } from '../shared/wire';

/**
 * The part of HtmlService's client API the sidebar uses (declared here rather than through
 * @types/google-apps-script, so the sidebar cannot compile against server services).
 */
export interface GoogleScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): GoogleScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): GoogleScriptRunner;
}
export interface GoogleScriptClient {
  readonly script: { readonly run: GoogleScriptRunner };
}

export type ServerCall = <K extends keyof SidebarServer>(
  name: K,
  ...args: Parameters<SidebarServer[K]>
) => Promise<ReturnType<SidebarServer[K]>>;

/** The message of what a failure handler received, without Apps Script's "Exception: " prefix. */
export function failureSentence(e: unknown): string {
  const raw =
    e !== null && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
      ? (e as { message: string }).message
      : String(e ?? '');
  const m = raw.replace(/^\s*(?:(?:Script)?Error|Exception|TypeError):\s*/i, '').trim();
  return m === ''
    ? 'The spreadsheet did not answer; close the sidebar and open it again from the RD Credit Studio menu.'
    : m;
}

/** google.script.run as promises. */
export function scriptRunCaller(client: GoogleScriptClient | undefined): ServerCall {
  return (name, ...args) =>
    new Promise((resolve, reject) => {
      if (!client || !client.script || !client.script.run) {
        reject(
          new Error(
            'This page is not running inside Google Sheets (google.script.run is missing); open it from the RD Credit Studio menu.',
          ),
        );
        return;
      }
      const runner = client.script.run
        .withSuccessHandler((value) => resolve(value as ReturnType<SidebarServer[typeof name]>))
        .withFailureHandler((error) => reject(new Error(failureSentence(error))));
      const fn = (runner as unknown as Record<string, ((...a: unknown[]) => void) | undefined>)[name];
      if (typeof fn !== 'function') {
        reject(
          new Error(
            `The spreadsheet's script has no ${name} function; redeploy RD Credit Studio (npm run deploy:gsheets).`,
          ),
        );
        return;
      }
      fn.apply(runner, args);
    });
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * A sheet whose rows did not all fit in the first reply, completed page by page. Each page must
 * start where the last one ended; a page with no rows (the server always sends one) stops the read.
 */
async function readRest(
  call: ServerCall,
  sheet: WireSheet,
  progress: (done: number, of: number) => void,
): Promise<WireSheet> {
  const values = sheet.values.slice();
  const dates = sheet.dates.slice();
  let more = sheet.more;
  while (more) {
    if (more.fromRow !== values.length + 1)
      throw new Error(`The ${sheet.name} sheet changed while it was being read; press Validate again.`);
    progress(values.length, more.lastRow);
    const page = await call('sidebarReadRows', more);
    if (!page || !Array.isArray(page.values) || page.values.length === 0)
      throw new Error(`The spreadsheet sent no rows of ${sheet.name} from row ${more.fromRow}; press Validate again.`);
    const at = values.length;
    for (const [r, c] of page.dates ?? []) dates.push([at + r, c]);
    // One row at a time: a spread of tens of thousands of rows can overflow the call stack.
    for (const row of page.values) values.push(row);
    more = page.more;
  }
  return { name: sheet.name, values, dates };
}

/** A block as it crosses the wire: a date as its yyyy-mm-dd, listed so the server writes it as a date. */
function wireEditBlock(b: EditBlock): WireEditBlock {
  const dates: [number, number][] = [];
  const values = b.values.map((row, r) =>
    row.map((v, c) => {
      if (Object.prototype.toString.call(v) === '[object Date]') dates.push([r, c]);
      return wireValue(v);
    }),
  );
  return { ...b, values, ...(dates.length > 0 ? { dates } : {}) };
}

/** Every sheet, its pages put together: what one read of the whole workbook would have given. */
export async function readWholeWorkbook(call: ServerCall, notice: (text: string) => void): Promise<WireWorkbook> {
  const first = await call('sidebarReadWorkbook');
  if (!first.sheets.some((s) => s.more)) return first;
  const sheets: WireSheet[] = [];
  try {
    for (const s of first.sheets)
      sheets.push(
        s.more
          ? await readRest(call, s, (done, of) =>
              notice(`Reading ${s.name}: ${plural(done, 'row', 'rows')} of ${of.toLocaleString('en-US')}…`),
            )
          : s,
      );
  } finally {
    notice('');
  }
  return { spreadsheetName: first.spreadsheetName, sheets };
}

/**
 * `notice` receives what the panel's contract has no room for: how far a large read has got,
 * how many cells were marked or restored, and which were left alone.
 */
export function createSheetsHost(call: ServerCall, notice: (text: string) => void = () => undefined): PanelHost {
  return {
    kind: 'sheets',
    async readWorkbook() {
      return reviveWorkbook(await readWholeWorkbook(call, notice));
    },
    async selectCell(a1) {
      await call('sidebarSelectCell', a1);
    },
    async markCells(findings) {
      notice('');
      // Send only the findings of the cells core's plan marks (a 50,000-row study can have tens
      // of thousands of findings); the server plans again over the sheets it has, and the
      // findings left out here are counted here.
      const plan = planMarks(findings, 'sheets');
      const server = await call(
        'sidebarMarkCells',
        plan.marks.flatMap((m) => m.findings.map(wireMark)),
      );
      // The pane says how many were not highlighted and why (the panel's controller), once.
      return { marked: server.marked, notMarked: server.notMarked + plan.unmarked.length };
    },
    async clearMarks() {
      notice('');
      const report = await call('sidebarClearMarks');
      if (report.leftAlone > 0) {
        notice(
          `${plural(report.leftAlone, 'marked cell was', 'marked cells were')} left as you changed ${report.leftAlone === 1 ? 'it' : 'them'} (a note or colour edited since marking is yours); ${plural(report.restored, 'cell was', 'cells were')} restored.`,
        );
      }
      // The panel lists these and does not claim that everything was put back.
      return { notFound: Array.isArray(report.notFound) ? report.notFound.map(String) : [] };
    },
    async insertSheets(sheets) {
      const wire: WireTemplateSheet[] = sheets.map(wireTemplateSheet);
      return call('sidebarInsertSheets', wire);
    },
    async writeCell(a1, value, expected) {
      // Fix values are numbers; what a cell held is a plain value (a date goes as its text).
      return call('sidebarWriteCell', a1, wireValue(value), wireValue(expected));
    },
    async appendWaiver(row) {
      await call('sidebarAppendWaiver', row.map(String));
    },
    async removeWaiver(at, expected) {
      await call('sidebarRemoveWaiver', at, expected.map(wireValue));
    },
    async applyWorkbookEdit(edit) {
      const added =
        edit.addSheets.length > 0
          ? await call('sidebarInsertSheets', edit.addSheets.map(wireTemplateSheet))
          : undefined;
      const done = await call('sidebarApplyEdit', edit.blocks.map(wireEditBlock));
      return { ...done, added: added?.inserted ?? [] };
    },
  };
}
