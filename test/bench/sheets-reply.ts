/**
 * Benchmark (issue 13, the real hosts): the largest google.script.run reply when the Sheets
 * sidebar reads a generated 50,000-employee study (the validator bench's study) through its host
 * — Code.js in a fresh execution per call, as the harness runs it — against a 5 MB budget.
 *
 * Why 5 MB: Apps Script documents no limit on what a server function returns, and the sidebar's
 * page parses each reply in one piece; the server pages a table at REPLY_BYTES (2 MB) of JSON
 * plus at most one row, so 5 MB leaves room for a row of long text without allowing the tens of
 * MB a whole 2,000,000-cell table was in one reply. Needs gsheets/dist (npm run build:gsheets).
 */
import { performance } from 'perf_hooks';
import { REPLY_BYTES } from '../../gsheets/src/shared/api';
import { distProblem } from '../../scripts/dist-stamp';
import { largeStudyBook, readThroughSidebar } from '../gsheets/large-study';

const BUDGET_BYTES = 5 * 1024 * 1024;
const EMPLOYEES = 50_000;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;

export async function benchSheetsReply(): Promise<string[]> {
  const stale = distProblem('gsheets');
  if (stale) return [stale];
  const book = largeStudyBook(EMPLOYEES);
  const t0 = performance.now();
  const read = await readThroughSidebar(book);
  const ms = performance.now() - t0;
  const rows = read.workbook.sheets.reduce((n, s) => n + Math.max(0, s.values.length - 1), 0);
  return [
    `Sheets sidebar reading a ${EMPLOYEES.toLocaleString('en-US')}-employee study (${rows.toLocaleString('en-US')} rows): ${read.replies.length} google.script.run replies, ${mb(read.total)} in all (what one reply carried before paging)`,
    `largest reply: ${mb(read.largest)} (pages of ${mb(REPLY_BYTES)} plus at most one row; budget ${mb(BUDGET_BYTES)}) — ${read.largest <= BUDGET_BYTES ? 'met' : 'NOT met'}`,
    `time in the harness (a fresh Code.js execution per call): ${(ms / 1000).toFixed(2)} s`,
  ];
}
