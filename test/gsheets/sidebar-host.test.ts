/**
 * The sidebar's PanelHost without a browser: what it sends over google.script.run and how it
 * words what comes back.
 */
import { MARK_LIMITS } from '@core/plans/mark-plan';
import type { SidebarServer } from '../../gsheets/src/shared/api';
import { createSheetsHost, failureSentence, scriptRunCaller } from '../../gsheets/src/sidebar/host';
import type { Finding } from '@core/study/types';

describe('failureSentence: what a failure handler got, as the sentence the panel shows', () => {
  test.each([
    ['a thrown Error', new Error('The Employees sheet has 9 rows.'), 'The Employees sheet has 9 rows.'],
    ['Apps Script service exception', { message: 'Exception: Range not found' }, 'Range not found'],
    [
      'ScriptError prefix',
      { message: 'ScriptError: Authorisation is required to perform that action.' },
      'Authorisation is required to perform that action.',
    ],
    ['a bare string', 'timeout', 'timeout'],
    [
      'nothing at all',
      undefined,
      'The spreadsheet did not answer; close the sidebar and open it again from the RD Credit Studio menu.',
    ],
  ])('%s', (_name, error, sentence) => {
    expect(failureSentence(error)).toBe(sentence);
  });
});

test('outside Google Sheets (no google.script.run): a sentence, not a crash', async () => {
  await expect(scriptRunCaller(undefined)('sidebarClearMarks')).rejects.toThrow(/not running inside Google Sheets/);
});

test(`markCells sends the findings of at most ${MARK_LIMITS.sheets} cells, counts the rest, and says so`, async () => {
  const sent: unknown[][] = [];
  const notices: string[] = [];
  const call = (async (name: keyof SidebarServer, ...args: unknown[]) => {
    sent.push([name, ...args]);
    return {
      marked: Math.min(MARK_LIMITS.sheets, new Set((args[0] as { cell: string }[]).map((m) => m.cell)).size),
      notMarked: 0,
    };
  }) as Parameters<typeof createSheetsHost>[0];
  const host = createSheetsHost(call, (t) => notices.push(t));
  const finding = (i: number, rule = 'wages/pct-out-of-bounds'): Finding => ({
    rule,
    severity: 'error',
    sheet: 'Employees',
    cell: `Employees!E${i}`,
    message: 'm',
    citation: 'c',
  });
  // 700 cells, and a second finding on the first cell (it rides along with its cell).
  const report = await host.markCells([
    ...Array.from({ length: 700 }, (_, i) => finding(i + 2)),
    finding(2, 'wages/role-range'),
  ]);
  const marks = sent[0][1] as { cell: string; rule: string }[];
  expect(new Set(marks.map((m) => m.cell)).size).toBe(MARK_LIMITS.sheets);
  expect(marks.filter((m) => m.cell === 'Employees!E2').map((m) => m.rule)).toEqual([
    'wages/pct-out-of-bounds',
    'wages/role-range',
  ]);
  expect(Object.keys(marks[0]).sort()).toEqual(['cell', 'message', 'rule', 'severity']);
  // 700 cells, 500 marked: the 200 findings of the other 200 cells are reported to the pane,
  // which says so once (no second note from the host).
  expect(report.notMarked).toBe(200);
  expect(notices.filter((n) => n !== '')).toEqual([]);
});

test('readWorkbook rebuilds dates the server sent as text', async () => {
  const call = (async () => ({
    spreadsheetName: 'x',
    sheets: [{ name: 'About', values: [['Prepared'], ['2026-02-01T00:00:00']], dates: [[1, 0]] }],
  })) as unknown as Parameters<typeof createSheetsHost>[0];
  const wb = await createSheetsHost(call).readWorkbook();
  const d = wb.sheets[0].values[1][0] as Date;
  expect([d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([2026, 2, 1]);
});
