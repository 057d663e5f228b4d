/**
 * Reviewer waivers (issue 13 §2; core/src/study/waivers.ts): a finding accepted with a reason on
 * the Waivers sheet is not counted while its cell holds the value it was waived at, and is back
 * with a `waiver/lapsed` note once the cell changes. Records: IRC §6001; Treas. Reg. §1.41-4(d).
 */
import type { CellValue } from '../src/cells';
import { reviewWorkbook, validateWorkbook, waiverRow, waiverValueText, WAIVER_HEADERS } from '../src/study';
import type { WorkbookGrids } from '../src/study/types';
import { cleanStudy, type ExampleBook } from './example-studies';

/**
 * The clean study (no findings above info) with Alice Nguyen's R&D % (Employees!E2) at `pct`:
 * at 80%–99% the validator's `wages/substantially-all` note fires there (IRC §41(b)(2)(B) last
 * sentence), the finding these rows waive.
 */
function study(pct: CellValue, waivers?: CellValue[][]): WorkbookGrids {
  const book: ExampleBook = cleanStudy();
  const employees = book.find((s) => s.name === 'Employees')!;
  employees.values[1][4] = pct;
  const sheets = book.map((s) => ({ name: s.name, values: s.values }));
  if (waivers) sheets.push({ name: 'Waivers', values: [[...WAIVER_HEADERS], ...waivers] });
  return { sheets };
}

const NOTE = 'wages/substantially-all';
const row = (rule: string, cell: string, value: CellValue, reason: CellValue = 'Time records support it') => [
  rule,
  cell,
  value,
  reason,
  'J. Reviewer',
  '2026-11-30',
];
const at = (r: ReturnType<typeof reviewWorkbook>, rule: string) =>
  r.findings.filter((f) => f.rule === rule).map((f) => f.cell);

describe('a waiver holds while the cell holds the value it was given for', () => {
  test.each<[string, CellValue, CellValue[][], { waived: string[]; standing: string[]; lapsed: string[] }]>([
    [
      '85% waived at "0.85" (text, as hosts write it): waived',
      0.85,
      [row(NOTE, 'Employees!E2', '0.85')],
      { waived: ['Employees!E2'], standing: [], lapsed: [] },
    ],
    [
      '85% waived at 0.85 typed as a number (Sheets turns text into numbers): waived',
      0.85,
      [row(NOTE, 'Employees!E2', 0.85)],
      { waived: ['Employees!E2'], standing: [], lapsed: [] },
    ],
    [
      'the cell named in another case and with $ signs (employees!$e$2): the same cell, waived',
      0.85,
      [row(NOTE, 'employees!$e$2', '0.85')],
      { waived: ['Employees!E2'], standing: [], lapsed: [] },
    ],
    [
      'waived at 85%, now 90%: the note is back, and the lapse is noted on the Value cell',
      0.9,
      [row(NOTE, 'Employees!E2', '0.85')],
      { waived: [], standing: ['Employees!E2'], lapsed: ['Waivers!C2'] },
    ],
    [
      'waived at 85%, now 0.8500001 (a hair off): lapsed — the comparison is exact',
      0.8500001,
      [row(NOTE, 'Employees!E2', '0.85')],
      { waived: [], standing: ['Employees!E2'], lapsed: ['Waivers!C2'] },
    ],
    [
      'a waiver of another rule at that cell: nothing waived',
      0.85,
      [row('wages/role-range', 'Employees!E2', '0.85')],
      { waived: [], standing: ['Employees!E2'], lapsed: [] },
    ],
    [
      'a waiver of another cell: nothing waived',
      0.85,
      [row(NOTE, 'Employees!E3', '0.85')],
      { waived: [], standing: ['Employees!E2'], lapsed: [] },
    ],
    [
      'two waivers of the same finding: the later row decides (here: lapsed at 0.8, waived at 0.85)',
      0.85,
      [row(NOTE, 'Employees!E2', '0.8'), row(NOTE, 'Employees!E2', '0.85')],
      { waived: ['Employees!E2'], standing: [], lapsed: [] },
    ],
    [
      'a waiver whose finding is gone (100%, no 80% note): nothing to waive, no note',
      1,
      [row(NOTE, 'Employees!E2', '0.85')],
      { waived: [], standing: [], lapsed: [] },
    ],
  ])('%s', (_name, pct, waivers, expected) => {
    const r = reviewWorkbook(study(pct, waivers));
    expect(r.waived.map((w) => w.cell)).toEqual(expected.waived);
    expect(at(r, NOTE)).toEqual(expected.standing);
    expect(at(r, 'waiver/lapsed')).toEqual(expected.lapsed);
    // validateWorkbook is the same list: waivers are honoured wherever a study is validated.
    expect(validateWorkbook(study(pct, waivers))).toEqual(r.findings);
  });

  it('a waived finding keeps its rule, severity, message and citation, with the waiver beside it', () => {
    const [w] = reviewWorkbook(study(0.85, [row(NOTE, 'Employees!E2', '0.85')])).waived;
    expect(w).toMatchObject({
      rule: NOTE,
      severity: 'info',
      cell: 'Employees!E2',
      citation: 'IRC §41(b)(2)(B) (last sentence); Treas. Reg. §1.41-2(d)(2)',
      waiver: {
        rule: NOTE,
        cell: 'Employees!E2',
        value: '0.85',
        reason: 'Time records support it',
        reviewer: 'J. Reviewer',
        date: '2026-11-30',
        at: 'Waivers!A2',
      },
    });
    expect(w!.message).toContain('is 85%');
  });

  it('the lapse note says what the cell held and holds now', () => {
    const r = reviewWorkbook(study(0.9, [row(NOTE, 'Employees!E2', '0.85')]));
    expect(r.findings.find((f) => f.rule === 'waiver/lapsed')?.message).toBe(
      'The waiver of wages/substantially-all at Employees!E2 (Waivers!A2) was given when the cell held "0.85"; it now holds "0.9", so the waiver lapsed and the finding is back: review it again, and waive it anew if the new value is right.',
    );
  });

  it('a firm template that turns the rule off: nothing to waive, nothing listed', () => {
    const r = reviewWorkbook(study(0.85, [row(NOTE, 'Employees!E2', '0.85')]), {
      severityOverrides: { [NOTE]: 'off' },
    });
    expect(r.waived).toEqual([]);
    expect(at(r, NOTE)).toEqual([]);
  });

  it('a firm template that raises the rule to a warning: the waived finding is listed as a warning', () => {
    const r = reviewWorkbook(study(0.85, [row(NOTE, 'Employees!E2', '0.85')]), {
      severityOverrides: { [NOTE]: 'warning' },
    });
    expect(r.waived.map((w) => w.severity)).toEqual(['warning']);
  });
});

describe('waiver rows that waive nothing are findings on the Waivers sheet', () => {
  test.each<[string, string, string, CellValue[]]>([
    ['a misspelt rule', 'waiver/invalid', 'Waivers!A2', row('wages/role-rnage', 'Employees!E2', '0.85')],
    ['a waiver of a waiver note', 'waiver/invalid', 'Waivers!A2', row('waiver/lapsed', 'Waivers!C3', '0.9')],
    ['a cell that is no cell', 'waiver/invalid', 'Waivers!B2', row(NOTE, 'E2', '0.85')],
    ['a range, not one cell', 'waiver/invalid', 'Waivers!B2', row(NOTE, 'Employees!E2:E9', '0.85')],
    ['no reason given', 'cell/blank-required', 'Waivers!D2', row(NOTE, 'Employees!E2', '0.85', null)],
  ])('%s → %s at %s, and the finding stands', (_name, rule, cell, waiver) => {
    const r = reviewWorkbook(study(0.85, [waiver]));
    expect(at(r, rule)).toEqual([cell]);
    expect(r.waived).toEqual([]);
    expect(at(r, NOTE)).toEqual(['Employees!E2']);
  });
});

describe('what hosts write is what is read back', () => {
  test.each<[string, CellValue, string]>([
    ['a two-decimal share', 0.85, '0.85'],
    ['cents', 60000.37, '60000.37'],
    ['negative zero is zero', -0, '0'],
    ['a logical', true, 'TRUE'],
    ['a date at midnight (UTC)', new Date(Date.UTC(2025, 6, 1)), '2025-07-01'],
    ['a date with a time', new Date(Date.UTC(2025, 6, 1, 12, 30)), '2025-07-01T12:30:00.000Z'],
    ['an error value', { errorCode: '#REF!' }, '#REF!'],
    ['text, trimmed and NFC (e + combining acute = é)', '  Cafe\u0301 ', 'Café'],
    ['blank', null, ''],
  ])('waiverValueText: %s', (_name, v, text) => {
    expect(waiverValueText(v)).toBe(text);
  });

  it('waiverRow: the row a host appends, in the sheet’s column order, waives the finding it was made from', () => {
    const before = reviewWorkbook(study(0.85));
    const f = before.findings.find((x) => x.rule === NOTE)!;
    const written = waiverRow(f, 0.85, '  Time records support 85%  ', 'J. Reviewer', new Date(Date.UTC(2026, 10, 30)));
    expect(written).toEqual([NOTE, 'Employees!E2', '0.85', 'Time records support 85%', 'J. Reviewer', '2026-11-30']);
    const after = reviewWorkbook(study(0.85, [written]));
    expect(after.waived.map((w) => w.cell)).toEqual(['Employees!E2']);
    expect(after.findings).toEqual(before.findings.filter((x) => x !== f));
  });
});
