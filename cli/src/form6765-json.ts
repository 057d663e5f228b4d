/**
 * `rdtax compute --json`: the file's `form6765`, in the shape issue 10 §4 fixes —
 * `lines` is a map line → value (dollars exact to the cent, rates as fractions, true/false for
 * yes/no, counts, text; null when not computed), Items A and B are `itemA`/`itemB`, and Section G
 * lists its components with their lines 49(a)–56. Every null line's reason also goes into the
 * file's `notes` ("Form 6765 line 42: …"), so a program that reads only `notes` learns it too.
 */
import { FORM_6765_G_LINES, type Form6765Result, type LineValue, type SectionGComponent } from '@core/form6765';
import { noteWithCell } from './form6765-format';

export interface ComponentJson {
  readonly name: string;
  /** Lines 53 + 54 + 55 + 56. */
  readonly qre: number;
  readonly cell?: string;
  /** "49a" … "49f" text (null when not given), "50" … "56" dollars. */
  readonly lines: Readonly<Record<string, string | number | null>>;
}

export interface Form6765Json {
  readonly revision: string;
  readonly taxYear: number;
  readonly itemA: boolean;
  readonly itemB: boolean | null;
  readonly method: 'regular' | 'asc' | null;
  readonly methodReason: string;
  /** Lines 1–48 (not Items A and B): line → value. */
  readonly lines: Readonly<Record<string, LineValue>>;
  /** Line → why it is null, or what its value assumed (with the cell when there is one). */
  readonly notes: Readonly<Record<string, string>>;
  /** Line → the cell it was read from or that blocks it (`About!H2`). */
  readonly cells: Readonly<Record<string, string>>;
  /** Line → its inputs as a reader checks them ("2,250,000.00 ÷ 6"). */
  readonly details: Readonly<Record<string, string>>;
  /** Lines the form says to skip (22–23 on the 6% path; Section D without the election). */
  readonly skipped: readonly string[];
  readonly sectionG: {
    readonly required: boolean;
    readonly reason: string;
    /** Share of line 48 the listed components make up (a fraction), null when line 48 is 0 or not computed. */
    readonly listedShare: number | null;
    /** The components the form lists: descending QREs until ≥ 80% of line 48, at most 50. */
    readonly components: readonly ComponentJson[];
    /** Every component with QREs, the listed ones first. */
    readonly all: readonly ComponentJson[];
    /** QREs naming no business component, or null when there are none. */
    readonly unassigned: ComponentJson | null;
  };
}

const isItem = (line: string) => line === 'A' || line === 'B';

function componentJson(c: SectionGComponent): ComponentJson {
  const lines: Record<string, string | number | null> = {};
  for (const spec of FORM_6765_G_LINES) lines[spec.line] = c.lines[spec.line] ?? null;
  return { name: c.name, qre: c.qre, ...(c.cell ? { cell: c.cell } : {}), lines };
}

export function form6765Json(f: Form6765Result): Form6765Json {
  const lines: Record<string, LineValue> = {};
  const notes: Record<string, string> = {};
  const cells: Record<string, string> = {};
  const details: Record<string, string> = {};
  const skipped: string[] = [];
  for (const l of f.lines) {
    if (isItem(l.line)) continue;
    lines[l.line] = l.value;
    if (l.note !== undefined) notes[l.line] = noteWithCell(l.note, l.cell) ?? l.note;
    else if (l.value === null) notes[l.line] = 'not computed (no reason given)';
    if (l.cell) cells[l.line] = l.cell;
    if (l.detail) details[l.line] = l.detail;
    if (l.skipped) skipped.push(l.line);
  }
  const g = f.sectionG;
  return {
    revision: f.revision,
    taxYear: f.taxYear,
    itemA: f.itemA,
    itemB: f.itemB,
    method: f.method,
    methodReason: f.methodReason,
    lines,
    notes,
    cells,
    details,
    skipped,
    sectionG: {
      required: g.required,
      reason: g.reason,
      listedShare: g.listedShare,
      components: g.components.map(componentJson),
      all: g.all.map(componentJson),
      unassigned: g.unassigned ? componentJson(g.unassigned) : null,
    },
  };
}

const nameOf = (line: string) => (isItem(line) ? `Item ${line}` : `line ${line}`);

/**
 * "Form 6765 line 42: <why> (<cell>)" for every line without a value (Items A and B included);
 * a line the form says to skip reads "Form 6765 line 34: skipped — <why>". In form order.
 */
export function nullLineNotes(f: Form6765Result, withSkipped = true): string[] {
  return f.lines
    .filter((l) => l.value === null && (withSkipped || !l.skipped))
    .map((l) => {
      const why = noteWithCell(l.note, l.cell) ?? 'not computed (no reason given)';
      return `Form 6765 ${nameOf(l.line)}: ${l.skipped ? `skipped — ${why}` : why}`;
    });
}

/**
 * The lines a note already speaks for: core writes "Form 6765 line 42: …", "Form 6765 lines 9,
 * 10, 11: …" (one reason for several lines) and "Form 6765 Item B: …".
 */
export function linesNamedBy(note: string): string[] {
  const m = /^Form 6765 (?:lines? ([0-9a-z]+(?:(?:, | and |, and )[0-9a-z]+)*)|Item ([AB])):/.exec(note);
  if (!m) return [];
  return m[2] !== undefined ? [m[2]] : (m[1] ?? '').split(/, and |, | and /);
}

/**
 * The file's notes with every null line's reason: a line core already wrote a note for keeps
 * core's note (given the cell that blocks it when the note speaks for that line alone and does not
 * name the cell); the others are added, in form order.
 */
export function notesWithLines(notes: readonly string[], f: Form6765Result): string[] {
  const out = [...notes];
  const extra: string[] = [];
  const generated = nullLineNotes(f);
  f.lines
    .filter((l) => l.value === null)
    .forEach((l, i) => {
      const at = out.findIndex((n) => linesNamedBy(n).includes(l.line));
      if (at < 0) extra.push(generated[i] ?? `Form 6765 ${nameOf(l.line)}: not computed (no reason given)`);
      else {
        const note = out[at] ?? '';
        if (l.cell && !note.includes(l.cell) && linesNamedBy(note).length === 1) out[at] = `${note} (${l.cell})`;
      }
    });
  return [...out, ...extra];
}
