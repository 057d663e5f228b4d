/**
 * The Findings view's list as data (panel/src/findings-list.ts): filters, search, groups that
 * start open or closed, the rows drawn, keyboard moves. 50,000 findings of one
 * rule are one row until opened.
 */
import type { Finding, Severity } from '@core/study';
import {
  ALL_SEVERITIES,
  buildList,
  DEFAULT_QUERY,
  groupSummary,
  moveFocus,
  OPEN_AT_MOST,
  type ListQuery,
} from '@panel/findings-list';

const f = (rule: string, severity: Severity, cell: string, message = `${rule} at ${cell}`): Finding => ({
  rule,
  severity,
  sheet: cell.split('!')[0] as string,
  cell,
  message,
  citation: 'IRC §41',
});
const many = (rule: string, severity: Severity, n: number, sheet = 'Employees'): Finding[] =>
  Array.from({ length: n }, (_, i) => f(rule, severity, `${sheet}!E${i + 2}`));

const q = (over: Partial<ListQuery>): ListQuery => ({ ...DEFAULT_QUERY, ...over });

describe('groups: one row a rule, open or closed', () => {
  const study = [
    f('wages/foreign', 'error', 'Employees!C3'),
    ...many('wages/substantially-all', 'info', 50_000),
    f('contract/rate', 'error', 'Contractors!I2'),
    ...many('wages/role-range', 'warning', OPEN_AT_MOST + 1, 'Employees'),
  ];

  it('errors first, then warnings, then notes; within a severity where the first finding is', () => {
    const list = buildList(study);
    expect(list.groups.map((g) => `${g.severity} ${g.label}`)).toEqual([
      'error wages/foreign',
      'error contract/rate',
      'warning wages/role-range',
      'info wages/substantially-all',
    ]);
  });

  test.each<[string, string, boolean]>([
    ['an error rule on 1 cell starts open', 'rule:wages/foreign', true],
    [`a warning rule on ${OPEN_AT_MOST + 1} cells (one past the limit) starts closed`, 'rule:wages/role-range', false],
    ['notes start closed (50,000 of them: one row)', 'rule:wages/substantially-all', false],
  ])('%s', (_name, key, open) => {
    expect(buildList(study).groups.find((g) => g.key === key)?.open).toBe(open);
  });

  it(`a warning rule on exactly ${OPEN_AT_MOST} cells starts open (the boundary)`, () => {
    expect(buildList(many('wages/role-range', 'warning', OPEN_AT_MOST)).groups[0]?.open).toBe(true);
  });

  it('rows: each group, and the findings of open groups only — 50,000 notes are one row', () => {
    const list = buildList(study);
    expect(list.rows).toHaveLength(4 + 2); // 4 group rows + the 2 open errors' findings
    const opened = buildList(study, q({ toggled: new Map([['rule:wages/substantially-all', true]]) }));
    expect(opened.rows).toHaveLength(4 + 2 + 50_000);
    const closed = buildList(study, q({ toggled: new Map([['rule:wages/foreign', false]]) }));
    expect(closed.rows).toHaveLength(4 + 1);
  });

  it('the group row says the rule, its title and how many', () => {
    const g = buildList(study).groups.find((x) => x.key === 'rule:wages/substantially-all')!;
    expect(groupSummary(g)).toBe('wages/substantially-all — 50,000 findings');
    expect(g.detail).toBe('80% ≤ an individual’s total R&D % < 100%: the whole wage counts');
  });

  test.each<[string, ListQuery['groupBy'], string[]]>([
    ['by sheet', 'sheet', ['Employees', 'Contractors']],
    ['by severity', 'severity', ['Errors', 'Warnings', 'Notes']],
  ])('grouped %s', (_name, groupBy, labels) => {
    expect(buildList(study, q({ groupBy })).groups.map((g) => g.label)).toEqual(labels);
  });
});

describe('filters and search', () => {
  const study = [
    f('wages/foreign', 'error', 'Employees!C3', '"Bob Martinez" works in "India"'),
    f('wages/role-range', 'warning', 'Employees!E4', 'R&D % of "Carol Smith" is 95%'),
    f('wages/substantially-all', 'info', 'Employees!E2', 'R&D % of "Alice Nguyen" is 85%'),
  ];
  test.each<[string, Partial<ListQuery>, string[]]>([
    ['no filter: all three', {}, ['Employees!C3', 'Employees!E4', 'Employees!E2']],
    ['errors only', { severities: new Set<Severity>(['error']) }, ['Employees!C3']],
    ['no severity ticked: nothing', { severities: new Set<Severity>() }, []],
    ['search a name, any case', { search: 'carol' }, ['Employees!E4']],
    ['search a cell', { search: 'employees!e2' }, ['Employees!E2']],
    ['search a rule id', { search: 'wages/foreign' }, ['Employees!C3']],
    ['every word must occur', { search: 'R&D alice' }, ['Employees!E2']],
    ['a word nowhere: nothing', { search: 'zzz' }, []],
    ['spaces only: no search', { search: '   ' }, ['Employees!C3', 'Employees!E4', 'Employees!E2']],
  ])('%s', (_name, over, cells) => {
    const list = buildList(study, q({ ...over, toggled: new Map(study.map((x) => [`rule:${x.rule}`, true])) }));
    expect(
      list.rows.filter((r) => r.kind === 'finding').map((r) => (r.kind === 'finding' ? r.finding.cell : '')),
    ).toEqual(cells);
    expect(list.shown).toBe(cells.length);
    // The header's counts never change with the filters.
    expect(list.counts).toEqual({ error: 1, warning: 1, info: 1 });
    expect(list.total).toBe(3);
  });

  it('ALL_SEVERITIES holds the three severities', () => {
    expect([...ALL_SEVERITIES].sort()).toEqual(['error', 'info', 'warning']);
  });
});

describe('the keyboard', () => {
  test.each<[string, number, string, number, number | undefined]>([
    ['ArrowDown moves one row', 3, 'ArrowDown', 10, 4],
    ['ArrowDown on the last row stays', 9, 'ArrowDown', 10, 9],
    ['ArrowUp on the first row stays', 0, 'ArrowUp', 10, 0],
    ['Home', 7, 'Home', 10, 0],
    ['End', 2, 'End', 10, 9],
    ['PageDown by 10, clamped', 5, 'PageDown', 10, 9],
    ['PageUp by 10, clamped', 5, 'PageUp', 10, 0],
    ['another key: no move', 5, 'a', 10, undefined],
    ['no rows: nowhere to go', 0, 'ArrowDown', 0, undefined],
  ])('%s', (_name, from, key, count, to) => {
    expect(moveFocus(from, key, count)).toBe(to);
  });
});
