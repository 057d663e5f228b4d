/**
 * What a study computes to on Form 6765: one value per line of the description (form.ts), with the
 * reason a line is not computed and the cell that blocks it. Every front door renders this.
 */
import type { LineKind, SectionGLine, SectionId } from './form';

export type LineValue = number | boolean | string | null;

export interface FormLineResult {
  readonly line: string;
  readonly section: SectionId;
  readonly label: string;
  readonly citation: string;
  readonly kind: LineKind;
  /** Dollars exact to the cent (amounts), a fraction (rates), a count, Yes/No, text; null when not computed. */
  readonly value: LineValue;
  /** Why the value is null (or, for a value, what it assumed), naming the study's cells and the law. */
  readonly note?: string;
  /** The cell that blocks the line or that the value was read from (`About!H2`). */
  readonly cell?: string;
  /** The inputs of the line as a reader checks them: "2,250,000.00 ÷ 6", "3% × 10,000,000.00". */
  readonly detail?: string;
  /** The form says to skip the line (lines 22–23 on the ASC 6% path; Section D without an election). */
  readonly skipped?: boolean;
}

export interface SectionGComponent {
  /** Line 49(c); "Unassigned" for QREs naming no component (never listed). */
  readonly name: string;
  /** Total QREs of the component (line 53 + 54 + 55 + 56), exact to the cent. */
  readonly qre: number;
  readonly lines: Readonly<Record<SectionGLine, string | number | null>>;
  /** The Components row that describes it, when there is one (`Components!A4`). */
  readonly cell?: string;
}

export interface SectionGResult {
  /** Whether Section G must be completed for this return (tax years beginning after 2025, no exemption). */
  readonly required: boolean;
  /** Why it is or is not required, naming the exemption and its citation. */
  readonly reason: string;
  /** The components listed on the form: descending QRE until ≥ 80% of line 48, at most 50 (ties keep workbook order). */
  readonly components: readonly SectionGComponent[];
  /** Every component with QREs, in the same order (the listed ones first). */
  readonly all: readonly SectionGComponent[];
  /** QREs that name no business component (a `component/unassigned-qre` finding), or null when there are none. */
  readonly unassigned: SectionGComponent | null;
  /** Share of line 48 the listed components make up (0–1), null when line 48 is 0 or not computed. */
  readonly listedShare: number | null;
}

export interface Form6765Result {
  readonly revision: string;
  readonly taxYear: number;
  /** Item A: the §280C(c)(2) reduced credit election. */
  readonly itemA: boolean;
  /** Item B: a member of a controlled group (null when the About sheet does not say). */
  readonly itemB: boolean | null;
  /** The credit used on line 28, null when neither credit is computed. */
  readonly method: 'regular' | 'asc' | null;
  /** Which credit is used and why (the About sheet's Credit Method, or the larger). */
  readonly methodReason: string;
  /** Items A and B and lines 1–48 in form order. */
  readonly lines: readonly FormLineResult[];
  readonly sectionG: SectionGResult;
}
