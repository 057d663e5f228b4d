/**
 * A large study in the fake spreadsheet — the validator bench's generated 50,000-employee study
 * (test/bench/validator.ts), one generator for both — and what reading it through the sidebar's
 * host costs in google.script.run replies. Shared by the tests and `npm run bench`.
 */
import type { WorkbookGrids } from '@core/study/types';
import { createSheetsHost } from '../../gsheets/src/sidebar/host';
import { generateStudy } from '../bench/validator';
import { FakeSpreadsheet, type StoredValue } from './fake-spreadsheet';
import { recordingCall, type Reply } from './harness';

/** The generated study's sheets in a fake spreadsheet (no dates in it: numbers and text). */
export function largeStudyBook(employees = 50_000): FakeSpreadsheet {
  const book = new FakeSpreadsheet();
  for (const s of generateStudy(employees).sheets)
    book.addSheet(
      s.name,
      s.values.map((row) => row.map((v) => (v === null || v === undefined ? '' : (v as StoredValue)))),
    );
  return book;
}

export interface ReadCost {
  /** The workbook as the sidebar's host gave it to the panel. */
  readonly workbook: WorkbookGrids;
  readonly replies: readonly Reply[];
  /** The largest reply, in JSON bytes. */
  readonly largest: number;
  /** All replies together. */
  readonly total: number;
}

/** Read `book` as the sidebar does (its PanelHost over google.script.run), recording every reply. */
export async function readThroughSidebar(book: FakeSpreadsheet): Promise<ReadCost> {
  const replies: Reply[] = [];
  const workbook = await createSheetsHost(recordingCall(book, replies) as never).readWorkbook();
  return {
    workbook,
    replies,
    largest: Math.max(0, ...replies.map((r) => r.bytes)),
    total: replies.reduce((n, r) => n + r.bytes, 0),
  };
}
