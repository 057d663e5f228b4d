/**
 * The Findings view's list as data (issue 13 §2), apart from the DOM so it is tested directly:
 * filtered by severity and a search, grouped by rule, sheet or severity, each group collapsed
 * or expanded, and flattened into rows. A rule firing on 48,210 rows is one group row until it
 * is expanded; notes (info) start collapsed; an open group is drawn a page at a time. Nothing here
 * computes a tax number: it orders and counts the validator's findings.
 */
import { STUDY_RULES, type Finding, type Severity, type WaivedFinding } from '@core/study';

export type GroupBy = 'rule' | 'sheet' | 'severity';

export interface ListQuery {
  /** The severities shown (all three when nothing is filtered). */
  readonly severities: ReadonlySet<Severity>;
  /** Words that a finding's cell, rule, message or citation must all contain (any case). */
  readonly search: string;
  readonly groupBy: GroupBy;
  /**
   * Groups the user opened or closed, by key; a group not named here is open when it holds an
   * error or a warning and at most `OPEN_AT_MOST` findings, closed otherwise (notes start closed).
   */
  readonly toggled: ReadonlyMap<string, boolean>;
}

export const ALL_SEVERITIES: ReadonlySet<Severity> = new Set<Severity>(['error', 'warning', 'info']);
export const DEFAULT_QUERY: ListQuery = { severities: ALL_SEVERITIES, search: '', groupBy: 'rule', toggled: new Map() };

/** A group with more findings than this starts closed: its one row says how many. */
export const OPEN_AT_MOST = 25;

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITY_HEADING: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };

export interface FindingGroup {
  /** `rule:wages/substantially-all`, `sheet:Employees`, `severity:error`. */
  readonly key: string;
  /** What the group is: the rule id and its title, the sheet, or the severity. */
  readonly label: string;
  /** The rule's title (rule groups), for the group's second line. */
  readonly detail?: string;
  /** The most severe finding in it. */
  readonly severity: Severity;
  /** Its findings after the filters, in the validator's order (sheet, row, column). */
  readonly findings: readonly Finding[];
  readonly open: boolean;
  /** The findings reviewers waived (`WAIVED_GROUP`): listed last, closed at first, never counted. */
  readonly waived?: boolean;
}

/** The key of the one group of waived findings. */
export const WAIVED_GROUP = 'waived';

export type ListRow =
  | { readonly kind: 'group'; readonly group: FindingGroup }
  | { readonly kind: 'finding'; readonly finding: Finding; readonly group: FindingGroup };

export interface FindingsList {
  readonly groups: readonly FindingGroup[];
  /** Group rows, and the findings of open groups, in order. */
  readonly rows: readonly ListRow[];
  /** Findings after the filters / before them. */
  readonly shown: number;
  readonly total: number;
  /** Counts by severity before the filters (the header's counts). */
  readonly counts: Readonly<Record<Severity, number>>;
}

// A finding's searchable text, lower-cased once (50,000 findings are searched on each key press).
const haystacks = new WeakMap<Finding, string>();
function haystack(f: Finding): string {
  let s = haystacks.get(f);
  if (s === undefined) {
    s = `${f.cell}\n${f.rule}\n${f.message}\n${f.citation}`.toLowerCase();
    haystacks.set(f, s);
  }
  return s;
}

/** The search box's words: split on spaces, lower-cased; each must occur. */
export function searchWords(search: string): string[] {
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}

function groupKeyOf(f: Finding, by: GroupBy): string {
  return by === 'rule' ? `rule:${f.rule}` : by === 'sheet' ? `sheet:${f.sheet}` : `severity:${f.severity}`;
}

function labelOf(key: string, by: GroupBy, first: Finding): { label: string; detail?: string } {
  if (by === 'rule') {
    const rule = (STUDY_RULES as Readonly<Record<string, { readonly title: string }>>)[first.rule];
    return rule ? { label: first.rule, detail: rule.title } : { label: first.rule };
  }
  if (by === 'sheet') return { label: first.sheet };
  return { label: SEVERITY_HEADING[first.severity] ?? key };
}

/**
 * The list for `findings` under `q`; `waived` (the findings reviewers accepted, core's
 * reviewWorkbook) as one last group that the filters apply to but the counts leave out.
 */
export function buildList(
  findings: readonly Finding[],
  q: ListQuery = DEFAULT_QUERY,
  waived: readonly WaivedFinding[] = [],
): FindingsList {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const words = searchWords(q.search);
  const byKey = new Map<string, Finding[]>();
  let shown = 0;
  for (const f of findings) {
    counts[f.severity]++;
    if (!q.severities.has(f.severity)) continue;
    if (words.length > 0) {
      const text = haystack(f);
      if (!words.every((w) => text.includes(w))) continue;
    }
    shown++;
    const key = groupKeyOf(f, q.groupBy);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(f);
  }
  const groups: FindingGroup[] = [];
  for (const [key, list] of byKey) {
    let severity: Severity = 'info';
    for (const f of list) if (RANK[f.severity] < RANK[severity]) severity = f.severity;
    const toggled = q.toggled.get(key);
    const open = toggled ?? (severity !== 'info' && list.length <= OPEN_AT_MOST);
    groups.push({ key, ...labelOf(key, q.groupBy, list[0] as Finding), severity, findings: list, open });
  }
  // Most severe first; then where the group's first finding is (the validator's order).
  const firstIndex = new Map<string, number>();
  findings.forEach((f, i) => {
    const k = groupKeyOf(f, q.groupBy);
    if (!firstIndex.has(k)) firstIndex.set(k, i);
  });
  groups.sort(
    (a, b) => RANK[a.severity] - RANK[b.severity] || (firstIndex.get(a.key) ?? 0) - (firstIndex.get(b.key) ?? 0),
  );
  const accepted = waived.filter(
    (f) => q.severities.has(f.severity) && (words.length === 0 || words.every((w) => haystack(f).includes(w))),
  );
  if (accepted.length > 0) {
    let severity: Severity = 'info';
    for (const f of accepted) if (RANK[f.severity] < RANK[severity]) severity = f.severity;
    groups.push({
      key: WAIVED_GROUP,
      label: 'Waived',
      detail: 'Accepted by a reviewer; not counted',
      severity,
      findings: accepted,
      open: q.toggled.get(WAIVED_GROUP) ?? false,
      waived: true,
    });
  }
  const rows: ListRow[] = [];
  for (const g of groups) {
    rows.push({ kind: 'group', group: g });
    if (g.open) for (const f of g.findings) rows.push({ kind: 'finding', finding: f, group: g });
  }
  return { groups, rows, shown, total: findings.length, counts };
}

/** A group's one-line summary: "wages/substantially-all — 48,210 findings". */
export function groupSummary(g: FindingGroup): string {
  const n = g.findings.length;
  return `${g.label} — ${n.toLocaleString('en-US')} ${n === 1 ? 'finding' : 'findings'}`;
}

/** The row keyboard focus moves to from `index` (ArrowUp/Down, Home/End, PageUp/Down by `page` rows). */
export function moveFocus(index: number, key: string, rowCount: number, page = 10): number | undefined {
  if (rowCount === 0) return undefined;
  const clamp = (i: number) => Math.max(0, Math.min(rowCount - 1, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'Home':
      return 0;
    case 'End':
      return rowCount - 1;
    case 'PageDown':
      return clamp(index + page);
    case 'PageUp':
      return clamp(index - page);
    default:
      return undefined;
  }
}
