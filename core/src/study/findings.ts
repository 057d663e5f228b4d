/**
 * Findings while they are being gathered: each remembers where it points (sheet order, row,
 * column) so the list can be sorted the way a reviewer reads a workbook, then is handed out
 * in the exact `Finding` shape.
 */
import { cellRef } from './a1';
import { STUDY_RULES, type StudyRuleId } from './rules';
import type { Finding, Severity } from './types';

/** A cell of the workbook: sheet as named there, its position among the sheets, 1-based row, 0-based column. */
export interface CellAt {
  readonly sheet: string;
  readonly sheetIndex: number;
  readonly row: number;
  readonly col: number;
}

export interface LocatedFinding extends Finding {
  readonly at: CellAt;
}

export function finding(rule: StudyRuleId, at: CellAt, message: string, citation?: string): LocatedFinding {
  const r = STUDY_RULES[rule];
  return {
    rule,
    severity: r.severity,
    sheet: at.sheet,
    cell: cellRef(at.sheet, at.row, at.col),
    message,
    citation: citation ?? r.citation,
    at,
  };
}

export type SeverityOverrides = Readonly<Record<string, Severity | 'off'>>;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITIES = new Set<string>(['error', 'warning', 'info']);

function byPosition(a: LocatedFinding, b: LocatedFinding): number {
  return (
    a.at.sheetIndex - b.at.sheetIndex ||
    a.at.row - b.at.row ||
    a.at.col - b.at.col ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * Apply a firm's severity overrides (`'off'` drops the rule; an unknown rule id or severity
 * is ignored), sort by sheet order, row, column, and strip to the `Finding` shape.
 */
export function finish(found: readonly LocatedFinding[], overrides: SeverityOverrides | undefined): Finding[] {
  const kept: LocatedFinding[] = [];
  for (const f of found) {
    const o = overrides && Object.prototype.hasOwnProperty.call(overrides, f.rule) ? overrides[f.rule] : undefined;
    if (o === 'off') continue;
    kept.push(o !== undefined && SEVERITIES.has(o) ? { ...f, severity: o } : f);
  }
  kept.sort(byPosition);
  return kept.map(({ rule, severity, sheet, cell, message, citation, fix }) =>
    fix === undefined
      ? { rule, severity, sheet, cell, message, citation }
      : { rule, severity, sheet, cell, message, citation, fix },
  );
}
