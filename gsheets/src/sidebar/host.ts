/**
 * The Sheets PanelHost: each method is one google.script.run call to a server function of
 * Code.js (gsheets/src/server), made into a promise. Dates come back as text and are rebuilt
 * here (shared/wire.ts); findings and template sheets go over as plain values.
 */
import type { PanelHost } from '@panel/host';
import { planMarks } from '@core/plans/mark-plan';
import type { SidebarServer, WireTemplateSheet } from '../shared/api';
import { reviveWorkbook, wireMark, wireTemplateSheet } from '../shared/wire';

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
 * `notice` receives what the panel's contract has no room for: how many cells were marked
 * or restored, and which were left alone.
 */
export function createSheetsHost(call: ServerCall, notice: (text: string) => void = () => undefined): PanelHost {
  return {
    kind: 'sheets',
    async readWorkbook() {
      return reviveWorkbook(await call('sidebarReadWorkbook'));
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
  };
}
