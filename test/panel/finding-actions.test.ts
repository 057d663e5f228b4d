/**
 * Fix, Undo, Waive and Export through the panel's controller over the memory host (the demo's
 * host), issue 13 §2: each row names the rule and the boundary. A fix writes exactly the one cell
 * the finding names and nothing else (every other cell compared); a waiver is a Waivers row that
 * survives a new panel over the same workbook and lapses when the cell changes; the report is
 * core's, with workbook text escaped.
 */
import type { CellValue } from '@core/cells';
import { WAIVER_HEADERS, type Finding } from '@core/study';
import { createController, type PanelController } from '@panel/controller';
import { MAX_WAIVER_REASON, reasonProblem, waiverRowFor } from '@panel/finding-actions';
import { buildList, DEFAULT_QUERY, WAIVED_GROUP } from '@panel/findings-list';
import { createMemoryHost, type MemoryHost, type MemoryWorkbook } from '@panel/memory-host';

const HEADER = ['Employee', 'Role', 'Location', 'W-2 Box 1 Wages', 'R&D %', 'Business Component'];
const DAY = new Date('2026-12-03T10:00:00Z');

/** Ann's R&D % typed as 85 (Employees!E2: wages/pct-out-of-bounds, fix 0.85); Bob at 90% is clean but for the 80% note. */
function study(annPct: CellValue = 85, annName = 'Ann'): MemoryWorkbook {
  return {
    sheets: [
      {
        name: 'Employees',
        values: [
          HEADER,
          [annName, 'Software Developer', 'US', 100000, annPct, 'Search ranking'],
          ['Bob', 'Software Developer', 'US', 90000, 0.9, 'Search ranking'],
        ],
      },
    ],
  };
}

function panel(wb: MemoryWorkbook): { host: MemoryHost; c: PanelController } {
  const host = createMemoryHost(wb);
  return { host, c: createController(host, { now: () => DAY }) };
}

const find = (c: PanelController, rule: string, cell: string): Finding | undefined =>
  c.state.findings.find((f) => f.rule === rule && f.cell === cell);

/** Every cell of the workbook as "Sheet!r,c=value", to prove what did and did not change. */
function cells(wb: MemoryWorkbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of wb.sheets)
    s.values.forEach((row, r) => row.forEach((v, c) => out.set(`${s.name}!${r + 1},${c}`, JSON.stringify(v))));
  return out;
}
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

describe('Fix and Undo write exactly the one cell', () => {
  test('Fix sets Employees!E2 from 85 to 0.85 (85% typed whole), Undo puts back 85; nothing else changes', async () => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    const f = find(c, 'wages/pct-out-of-bounds', 'Employees!E2');
    expect(f?.fix).toEqual({ value: 0.85 });
    const before = cells(wb);
    await c.fix(f!);
    expect(changed(before, cells(wb))).toEqual(['Employees!2,4']);
    expect(wb.sheets[0]!.values[1]![4]).toBe(0.85);
    expect(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')).toBeUndefined();
    expect(c.state.act).toEqual({
      cell: 'Employees!E2',
      text: 'Set Employees!E2 to 0.85 (it held 85); nothing else was changed.',
      undo: { cell: 'Employees!E2', value: 85, expected: 0.85 },
    });
    await c.undo();
    expect(changed(before, cells(wb))).toEqual([]);
    expect(c.state.act?.text).toBe('Put back 85 in Employees!E2; nothing else was changed.');
    expect(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')).toBeDefined();
  });

  test.each<[string, CellValue, string]>([
    ['the cell was changed to 90 after Validate', 90, 'Employees!E2 now holds 90, not 85, so it was not changed'],
    [
      'the cell was emptied after Validate',
      null,
      'Employees!E2 now holds nothing (blank), not 85, so it was not changed',
    ],
    ['the cell now holds a formula', '=E3*2', 'Employees!E2 holds a formula (“=E3*2”), so it was not changed'],
  ])('Fix is refused when %s: the cell is left as it is', async (_name, now, sentence) => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    const f = find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!;
    wb.sheets[0]!.values[1]![4] = now;
    const before = cells(wb);
    await c.fix(f);
    expect(changed(before, cells(wb))).toEqual([]);
    expect(c.state.act?.failed).toBe(true);
    expect(c.state.act?.text).toContain(sentence);
    expect(c.state.act?.undo).toBeUndefined();
  });

  test('Undo is refused when the fixed cell was changed again: 0.85 → 0.7 by hand stays 0.7', async () => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    await c.fix(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!);
    wb.sheets[0]!.values[1]![4] = 0.7;
    await c.undo();
    expect(wb.sheets[0]!.values[1]![4]).toBe(0.7);
    expect(c.state.act?.text).toContain('Employees!E2 now holds 0.7, not 0.85');
  });
});

describe('Waive with a reason', () => {
  test('waive → a new panel over the same workbook → still waived → the cell edited → lapsed and the finding back', async () => {
    const wb = study();
    const first = panel(wb);
    await first.c.validate();
    const f = find(first.c, 'wages/pct-out-of-bounds', 'Employees!E2')!;
    const before = cells(wb);
    await first.c.waive(f, '  Time records show 85 hours of 100 (see binder 4).  ');
    // Only the new Waivers sheet was added: its header and one row, all text.
    expect(changed(before, cells(wb)).every((k) => k.startsWith('Waivers!'))).toBe(true);
    expect(wb.sheets.find((s) => s.name === 'Waivers')?.values).toEqual([
      [...WAIVER_HEADERS],
      [
        'wages/pct-out-of-bounds',
        'Employees!E2',
        '85',
        'Time records show 85 hours of 100 (see binder 4).',
        '',
        '2026-12-03',
      ],
    ]);
    expect(find(first.c, 'wages/pct-out-of-bounds', 'Employees!E2')).toBeUndefined();
    expect(first.c.state.waived.map((w) => [w.rule, w.cell, w.waiver.reason])).toEqual([
      ['wages/pct-out-of-bounds', 'Employees!E2', 'Time records show 85 hours of 100 (see binder 4).'],
    ]);
    expect(first.c.state.act?.text).toBe(
      'Waived wages/pct-out-of-bounds on Employees!E2 while it holds 85: “Time records show 85 hours of 100 (see binder 4).”. The waiver is a row of the Waivers sheet, saved with the workbook; it lapses if the cell changes.',
    );

    // Reopened: a new host and panel reading the same workbook.
    const second = panel(wb);
    await second.c.validate();
    expect(second.c.state.waived.map((w) => w.cell)).toEqual(['Employees!E2']);
    expect(find(second.c, 'wages/pct-out-of-bounds', 'Employees!E2')).toBeUndefined();

    // The cell changes (86): the waiver lapses; the finding is back with a waiver/lapsed note.
    wb.sheets[0]!.values[1]![4] = 86;
    await second.c.validate();
    expect(second.c.state.waived).toEqual([]);
    expect(find(second.c, 'wages/pct-out-of-bounds', 'Employees!E2')).toBeDefined();
    expect(second.c.state.findings.filter((x) => x.rule === 'waiver/lapsed').map((x) => x.cell)).toEqual([
      'Waivers!C2',
    ]);
  });

  test.each<[string, string, string | undefined]>([
    ['an empty reason is refused', '', 'Give a reason'],
    ['spaces only are refused (trimmed)', '   \n ', 'Give a reason'],
    ['500 characters is the most (boundary, accepted)', 'x'.repeat(MAX_WAIVER_REASON), undefined],
    ['501 characters is refused', 'x'.repeat(MAX_WAIVER_REASON + 1), 'The reason is 501 characters long'],
    ['501 with spaces around 500 is accepted (trimmed first)', ` ${'x'.repeat(MAX_WAIVER_REASON)} `, undefined],
  ])('reason: %s', async (_name, reason, problem) => {
    expect(reasonProblem(reason)?.slice(0, problem?.length)).toBe(problem);
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    await c.waive(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!, reason);
    expect(wb.sheets.some((s) => s.name === 'Waivers')).toBe(problem === undefined);
    expect(c.state.act?.failed).toBe(problem === undefined ? undefined : true);
  });

  test('a reason starting with "=" is stored as that text (the memory host keeps strings as strings)', async () => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    await c.waive(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!, '=HYPERLINK("http://x","ok")');
    expect(wb.sheets.find((s) => s.name === 'Waivers')?.values[1]?.[3]).toBe('=HYPERLINK("http://x","ok")');
    expect(c.state.waived).toHaveLength(1);
  });

  test('a waiver note (waiver/lapsed) offers no Waive: a waiver of a waiver would hide itself', async () => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    const before = cells(wb);
    await c.waive({ ...find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!, rule: 'waiver/lapsed' }, 'no');
    expect(changed(before, cells(wb))).toEqual([]);
  });
});

describe('Remove waiver, and Undo after Waive', () => {
  test('Undo right after Waive empties the new Waivers row: the finding counts again, the header stays', async () => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    await c.waive(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!, 'records');
    expect(c.state.act?.unwaive).toEqual({ rule: 'wages/pct-out-of-bounds', cell: 'Employees!E2' });
    await c.undo();
    expect(wb.sheets.find((s) => s.name === 'Waivers')?.values).toEqual([
      [...WAIVER_HEADERS],
      [null, null, null, null, null, null],
    ]);
    expect(c.state.waived).toEqual([]);
    expect(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')).toBeDefined();
    expect(c.state.act?.text).toBe(
      'Removed the waiver of wages/pct-out-of-bounds on Employees!E2 (row 2 of Waivers is now empty); the finding counts again.',
    );
  });

  test('Remove waiver on a reopened workbook; refused when the row changed since Validate', async () => {
    const wb = study();
    const first = panel(wb);
    await first.c.validate();
    await first.c.waive(find(first.c, 'wages/pct-out-of-bounds', 'Employees!E2')!, 'records');
    const { c } = panel(wb);
    await c.validate();
    const w = c.state.waived[0]!;
    expect(w.waiver.at).toBe('Waivers!A2');
    // Someone edits the reason after Validate: the row is not emptied.
    wb.sheets.find((s) => s.name === 'Waivers')!.values[1]![3] = 'records, binder 2';
    const before = cells(wb);
    await c.unwaive(w);
    expect(changed(before, cells(wb))).toEqual([]);
    expect(c.state.act?.text).toContain('Row 2 of Waivers has changed since Validate, so the waiver was not removed');
    await c.validate();
    await c.unwaive(c.state.waived[0]!);
    expect(c.state.waived).toEqual([]);
    expect(changed(before, cells(wb)).sort()).toEqual(
      ['Waivers!2,0', 'Waivers!2,1', 'Waivers!2,2', 'Waivers!2,3', 'Waivers!2,4', 'Waivers!2,5'].sort(),
    );
  });
});

describe('waiverRowFor: the row laid out for the Waivers sheet as it is', () => {
  const row = ['wages/role-range', 'Employees!E2', '0.5', 'ok', 'AB', '2026-12-03'];
  const grids = (header: CellValue[] | undefined) => ({
    sheets: header ? [{ name: 'waivers', values: [header] }] : [],
  });
  test.each<[string, CellValue[] | undefined, ReturnType<typeof waiverRowFor>]>([
    ['no Waivers sheet: the standard order', undefined, { row }],
    ['the standard headers: the standard order', [...WAIVER_HEADERS], { row }],
    [
      'columns moved and renamed in case: each value under its header',
      ['REASON', 'cell', 'Rule', 'Value', 'Notes'],
      { row: ['ok', 'Employees!E2', 'wages/role-range', '0.5', ''] },
    ],
    [
      'no Value column: refused with the headers to put back',
      ['Rule', 'Cell', 'Reason'],
      {
        problem:
          'The waivers sheet has no Value column in row 1, so a waiver cannot be added; put back the headers Rule, Cell, Value, Reason, Reviewer, Date.',
      },
    ],
  ])('%s', (_name, header, expected) => {
    expect(waiverRowFor(grids(header), row)).toEqual(expected);
  });
});

describe('the Waived group', () => {
  test('waived findings are one last group, closed at first, and not in the counts', async () => {
    const wb = study();
    const { c } = panel(wb);
    await c.validate();
    await c.waive(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!, 'records');
    const list = buildList(c.state.findings, DEFAULT_QUERY, c.state.waived);
    const last = list.groups[list.groups.length - 1]!;
    expect([last.key, last.open, last.waived, last.findings.length]).toEqual([WAIVED_GROUP, false, true, 1]);
    expect(list.counts.error).toBe(0);
    expect(list.total).toBe(c.state.findings.length);
    // The search applies to waived findings too.
    expect(
      buildList(c.state.findings, { ...DEFAULT_QUERY, search: 'nothing-like-this' }, c.state.waived).groups,
    ).toEqual([]);
  });
});

describe('Export: the same report as rdtax check --report', () => {
  test('HTML and CSV list the findings and the waiver; workbook text is escaped, never markup or a formula', async () => {
    const wb = study(85, '<img src=x onerror=alert(1)>');
    const { c } = panel(wb);
    await c.validate();
    await c.waive(find(c, 'wages/pct-out-of-bounds', 'Employees!E2')!, '<script>alert(2)</script>');
    const html = c.report('html');
    expect(html.name).toBe('findings-2026-12-03.html');
    expect(html.type).toBe('text/html;charset=utf-8');
    expect(html.text).toContain('RD Credit Studio (demo), 2026-12-03 10:00 UTC');
    expect(html.text).toContain('<h3>Waived by a reviewer</h3>');
    expect(html.text).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html.text).not.toContain('<script>');
    expect(html.text).not.toContain('<img');
    for (const f of c.state.findings)
      expect(html.text).toContain(`<td class="cell">${f.cell.replace(/'/g, '&#39;')}</td>`);
    const csv = c.report('csv');
    expect(csv.name).toBe('findings-2026-12-03.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'file,severity,rule,sheet,cell,message,citation,waived,waiver_reason,waiver_value,waiver_reviewer,waiver_date',
    );
    expect(lines).toHaveLength(1 + c.state.findings.length + 1);
    expect(lines[lines.length - 1]).toContain(',Yes,<script>alert(2)</script>,85,,2026-12-03');
  });
});
