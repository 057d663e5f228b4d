/**
 * Large studies in Sheets: a study table too large for one google.script.run reply is sent in
 * pages (sidebarReadRows), each within REPLY_BYTES of JSON (plus at most one row: a row is never
 * split), and the sidebar puts the pages back together so the panel validates exactly what one
 * read would have given — same findings, same cells. Replies are measured as they cross the wire
 * (harness.ts recordingCall: Code.js in a fresh execution per call, UTF-8 bytes of the JSON).
 */
import { validateWorkbook } from '@core/study/validator';
import { MAX_CELLS_PER_TABLE, PAGE_CELLS, REPLY_BYTES } from '../../gsheets/src/shared/api';
import { createSheetsHost } from '../../gsheets/src/sidebar/host';
import { generateStudy } from '../bench/validator';
import { FakeSpreadsheet, StoredDate } from './fake-spreadsheet';
import { recordingCall, type Reply } from './harness';
import { largeStudyBook, readThroughSidebar } from './large-study';
import { studyBook } from './study';

/** A reply's JSON around its rows (keys, names, ids): small next to REPLY_BYTES. */
const ENVELOPE = 2_000;

describe('reading a study too large for one reply', () => {
  test('50,000 employees: every reply within REPLY_BYTES, the same findings as one read', async () => {
    const book = largeStudyBook(50_000);
    const read = await readThroughSidebar(book);
    // Small rows here: no reply exceeds the budget by more than its envelope.
    expect(read.largest).toBeLessThanOrEqual(REPLY_BYTES + ENVELOPE);
    expect(read.replies[0].name).toBe('sidebarReadWorkbook');
    expect(read.replies.slice(1).every((r) => r.name === 'sidebarReadRows')).toBe(true);
    // More than one reply was needed: one read would have been larger than the budget.
    expect(read.total).toBeGreaterThan(REPLY_BYTES);
    const employees = read.workbook.sheets.find((s) => s.name === 'Employees')!;
    expect(employees.values).toHaveLength(50_001);
    expect(employees.values[50_000][0]).toBe('Employee 49999');
    // One getValues() per page: each sheet at most once in the first reply, then one per later reply.
    expect(book.sheets.reduce((n, s) => n + s.reads, 0)).toBeLessThanOrEqual(
      book.sheets.length + read.replies.length - 1,
    );
    // What the panel validates is what the study is.
    expect(validateWorkbook(read.workbook)).toEqual(validateWorkbook(generateStudy(50_000)));
  });

  test('a small study: one reply, one getValues() per table, as before', async () => {
    const book = studyBook();
    const read = await readThroughSidebar(book);
    expect(read.replies.map((r) => r.name)).toEqual(['sidebarReadWorkbook']);
    for (const s of book.sheets) expect({ sheet: s.name, reads: s.reads }).toEqual({ sheet: s.name, reads: 1 });
  });

  // Boundary rows: one text column, a header "Employee" and rows of x's; the budget counts each
  // row's JSON and the comma after it (`["Employee"]` + 1 = 13 bytes, a row of n x's n + 5).
  const table = (extra: number): FakeSpreadsheet => {
    const book = new FakeSpreadsheet();
    const rows: string[][] = [['Employee']];
    const full = 1_000;
    for (let i = 0; i < full - 1; i++) rows.push(['x'.repeat(REPLY_BYTES / full - 5)]);
    rows.push(['x'.repeat(REPLY_BYTES / full - 5 - 13 + extra)]);
    book.addSheet('Employees', rows);
    return book;
  };
  test.each<[string, number, string[]]>([
    ['rows totalling exactly REPLY_BYTES: one reply', 0, ['sidebarReadWorkbook']],
    ['one byte more: the last row comes in a second reply', 1, ['sidebarReadWorkbook', 'sidebarReadRows']],
  ])('%s', async (_name, extra, calls) => {
    const book = table(extra);
    const read = await readThroughSidebar(book);
    expect(read.replies.map((r) => r.name)).toEqual(calls);
    expect(read.workbook.sheets[0].values).toHaveLength(1_001);
    expect(read.workbook.sheets[0].values[1_000][0]).toHaveLength(REPLY_BYTES / 1_000 - 5 - 13 + extra);
  });

  test('a row larger than a whole reply still comes, alone in its reply', async () => {
    const book = new FakeSpreadsheet();
    book.addSheet('Employees', [
      ['Employee', 'Notes'],
      ['Ada', 'y'.repeat(REPLY_BYTES + 10)],
      ['Ben', 'short'],
    ]);
    const read = await readThroughSidebar(book);
    expect(read.workbook.sheets[0].values.map((r) => r[0])).toEqual(['Employee', 'Ada', 'Ben']);
    expect(read.replies.length).toBeGreaterThan(1);
  });

  test('dates on later pages come back as dates on their own rows', async () => {
    const book = new FakeSpreadsheet();
    const rows: (string | StoredDate)[][] = [['Employee', 'Notes', 'Start Date']];
    for (let i = 1; i <= 300; i++)
      rows.push([`E${i}`, 'z'.repeat(20_000), new StoredDate(2020, 1 + (i % 12), 1 + (i % 28))]);
    book.addSheet('Employees', rows);
    const read = await readThroughSidebar(book);
    expect(read.replies.length).toBeGreaterThan(2);
    const values = read.workbook.sheets[0].values;
    for (const i of [1, 150, 300]) {
      const d = values[i][2] as Date;
      expect([values[i][0], d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([
        `E${i}`,
        2020,
        1 + (i % 12),
        1 + (i % 28),
      ]);
    }
  });

  test('the sheet deleted between two pages: a sentence, not half a study', async () => {
    const book = largeStudyBook(50_000);
    const replies: Reply[] = [];
    const call = recordingCall(book, replies);
    const deleting = async (name: string, ...args: unknown[]) => {
      const result = await call(name, ...args);
      if (name === 'sidebarReadWorkbook') book.sheets = book.sheets.filter((s) => s.name !== 'Employees');
      return result;
    };
    await expect(createSheetsHost(deleting as never).readWorkbook()).rejects.toThrow(
      'A study sheet was deleted while it was being read; press Validate again.',
    );
  });

  test('progress is said while pages come, and cleared after', async () => {
    const notices: string[] = [];
    const replies: Reply[] = [];
    await createSheetsHost(recordingCall(largeStudyBook(50_000), replies) as never, (t) =>
      notices.push(t),
    ).readWorkbook();
    expect(notices[0]).toMatch(/^Reading Employees: [\d,]+ rows of 50,001…$/);
    expect(notices[notices.length - 1]).toBe('');
  });

  test.each<[string, unknown[]]>([
    ['a first row of 0', [0, 10, 3]],
    ['a last row before the first', [5, 4, 3]],
    ['a width of 1.5', [1, 10, 1.5]],
    ['a row given as text', ['2', 10, 3]],
    ['nothing', []],
    ['more cells than a table may have', [1, MAX_CELLS_PER_TABLE + 1, 1]],
  ])('sidebarReadRows refuses %s with a sentence', async (_name, args) => {
    const book = studyBook();
    const [fromRow, lastRow, columns] = args;
    const more = { sheetId: book.sheet('Employees').id, fromRow, lastRow, columns };
    await expect(recordingCall(book, [])('sidebarReadRows', more)).rejects.toThrow(
      'No study table has those rows; press Validate again.',
    );
  });

  test(`the largest request allowed: ${MAX_CELLS_PER_TABLE.toLocaleString('en-US')} cells (a page of it is read)`, async () => {
    const book = studyBook();
    const more = { sheetId: book.sheet('Employees').id, fromRow: 1, lastRow: MAX_CELLS_PER_TABLE, columns: 1 };
    const page = (await recordingCall(book, [])('sidebarReadRows', more)) as unknown as { values: unknown[][] };
    expect(page.values.length).toBeGreaterThan(0);
  });

  test(`a page reads at most PAGE_CELLS (${PAGE_CELLS.toLocaleString('en-US')}) cells`, async () => {
    const book = largeStudyBook(50_000);
    const sheet = book.sheet('Employees');
    const wide = sheet.lastColumn();
    const more = { sheetId: sheet.id, fromRow: 2, lastRow: sheet.lastRow(), columns: wide };
    const page = (await recordingCall(book, [])('sidebarReadRows', more)) as unknown as { values: unknown[][] };
    expect(page.values.length * wide).toBeLessThanOrEqual(PAGE_CELLS);
  });
});
