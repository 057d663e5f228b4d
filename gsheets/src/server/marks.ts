/**
 * Marking the cells of findings, and taking the marks off again without touching anything
 * else. A mark is a note starting "RD Credit Studio:" and a background by severity. What the
 * cell had before (its note and background) is remembered in the document's properties —
 * PropertiesService needs no OAuth scope, so the manifest keeps its two scopes — and put back
 * by clearMarks only where the cell still shows our mark: a note or colour the user changed
 * since is theirs, and stays. A mark is kept by sheet id (a renamed sheet is still found) and
 * A1 address; a mark whose sheet was deleted is reported by the name the sheet had. Which
 * cells, their colour and how many are core's mark plan (core/src/plans/mark-plan.ts). Rows
 * inserted above a mark are not followed: the cell now at the old address no longer shows the
 * mark, so it is left alone (never overwritten) and the moved cell keeps the mark's colour.
 */
import { planMarks } from '@core/plans/mark-plan';
import { NOTE_PREFIX, type ClearReport, type MarkReport, type WireMark } from '../shared/api';
import { parseCellRef, type CellRef } from './a1';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
/** What getBackground() reports for a cell with no fill. */
const NO_FILL = '#ffffff';

/** One marked cell: where, what it had, what we wrote (compared on clear). */
interface MarkRecord {
  /** sheet id: survives the sheet being renamed. */
  readonly s: number;
  /** the sheet's name when marked: how the sidebar names the cell if its sheet is deleted */
  readonly sn?: string;
  readonly a: string;
  /** the original note and background */
  n: string;
  b: string;
  /** the note and background we wrote */
  mn: string;
  mb: string;
}

const PROPERTY_PREFIX = 'rdcs.marks.';
const PROPERTY_COUNT = `${PROPERTY_PREFIX}count`;
/** A property value holds at most 9 kB; records are stored as ASCII JSON in chunks below that. */
const CHUNK_CHARS = 8000;
/** The document's property store holds 500 kB in all; leave room for anything else. */
const MAX_STORED_CHARS = 400_000;

function asciiJson(v: unknown): string {
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function loadRecords(props: GoogleAppsScript.Properties.Properties): MarkRecord[] {
  const count = Number(props.getProperty(PROPERTY_COUNT) ?? '0');
  if (!(count > 0)) return [];
  let text = '';
  for (let i = 0; i < count; i++) text += props.getProperty(`${PROPERTY_PREFIX}${i}`) ?? '';
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as MarkRecord[]) : [];
  } catch {
    // A damaged store must not block the sidebar: forget it (the marks stay as plain notes).
    return [];
  }
}

function saveRecords(props: GoogleAppsScript.Properties.Properties, records: readonly MarkRecord[]): void {
  const old = Number(props.getProperty(PROPERTY_COUNT) ?? '0');
  for (let i = 0; i < old; i++) props.deleteProperty(`${PROPERTY_PREFIX}${i}`);
  props.deleteProperty(PROPERTY_COUNT);
  if (records.length === 0) return;
  const text = asciiJson(records);
  const chunks: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i < text.length; i += CHUNK_CHARS)
    chunks[`${PROPERTY_PREFIX}${n++}`] = text.slice(i, i + CHUNK_CHARS);
  chunks[PROPERTY_COUNT] = String(n);
  props.setProperties(chunks);
}

/**
 * Notes and backgrounds of `cells`, read in bulk: one getNotes()/getBackgrounds() over the
 * cells' bounding box when it is small enough, else cell by cell (a box spanning 50,000 rows
 * would read far more than it needs).
 */
function readCells(sheet: Sheet, cells: readonly CellRef[]): { note: string; background: string }[] {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const c of cells) {
    top = Math.min(top, c.row);
    left = Math.min(left, c.col);
    bottom = Math.max(bottom, c.row);
    right = Math.max(right, c.col);
  }
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width <= 20_000 + cells.length * 50) {
    const box = sheet.getRange(top, left, height, width);
    const notes = box.getNotes();
    const backgrounds = box.getBackgrounds();
    return cells.map((c) => ({
      note: notes[c.row - top][c.col - left],
      background: backgrounds[c.row - top][c.col - left],
    }));
  }
  return cells.map((c) => {
    const r = sheet.getRange(c.row, c.col);
    return { note: r.getNote(), background: r.getBackground() };
  });
}

function sheetsById(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Map<number, Sheet> {
  const m = new Map<number, Sheet>();
  for (const s of ss.getSheets()) m.set(s.getSheetId(), s);
  return m;
}

/** A sheet name as an A1 reference writes it (quoted when it must be). */
function sheetLabel(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function noteFor(marks: readonly WireMark[]): string {
  return `${NOTE_PREFIX} ${marks.map((m) => `${m.severity} — ${m.message} (${m.rule})`).join('\n\n')}`;
}

interface Planned {
  readonly sheet: Sheet;
  readonly ref: CellRef;
  readonly note: string;
  readonly background: string;
}

export function sidebarMarkCells(marks: WireMark[]): MarkReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const byName = new Map<string, Sheet>();
  for (const s of ss.getSheets()) byName.set(s.getName(), s);
  const props = PropertiesService.getDocumentProperties();
  const records = loadRecords(props);
  const recordAt = new Map<string, MarkRecord>();
  for (const r of records) recordAt.set(`${r.s}!${r.a}`, r);

  // One mark per cell, its note carrying every finding of that cell (core's plan).
  const plan = planMarks(Array.isArray(marks) ? marks : [], 'sheets', { sheets: [...byName.keys()] });
  const planned: Planned[] = plan.marks.map((m) => ({
    sheet: byName.get(m.sheet) as Sheet,
    ref: { sheet: m.sheet, a1: m.address, row: m.row, col: m.col + 1 },
    note: noteFor(m.findings),
    background: m.colour,
  }));

  // Read every original first (reads flush pending writes, so no read may follow a write).
  const bySheet = new Map<Sheet, Planned[]>();
  for (const p of planned) bySheet.set(p.sheet, [...(bySheet.get(p.sheet) ?? []), p]);
  for (const [sheet, cells] of bySheet) {
    const originals = readCells(
      sheet,
      cells.map((c) => c.ref),
    );
    cells.forEach((c, i) => {
      const key = `${sheet.getSheetId()}!${c.ref.a1}`;
      const had = recordAt.get(key);
      if (had) {
        // Marked before: what the user has put there since is the new original.
        if (originals[i].note !== had.mn) had.n = originals[i].note;
        if (originals[i].background.toLowerCase() !== had.mb.toLowerCase()) had.b = originals[i].background;
        had.mn = c.note;
        had.mb = c.background;
      } else {
        const r: MarkRecord = {
          s: sheet.getSheetId(),
          sn: sheet.getName(),
          a: c.ref.a1,
          n: originals[i].note,
          b: originals[i].background,
          mn: c.note,
          mb: c.background,
        };
        records.push(r);
        recordAt.set(key, r);
      }
    });
  }
  if (asciiJson(records).length > MAX_STORED_CHARS) {
    throw new Error(
      'The cells to mark carry too much existing note text to remember safely; clear the marks or mark fewer findings (filter by severity) and try again.',
    );
  }
  // Remember before writing: if the writes stop half-way, clearMarks still knows every original.
  saveRecords(props, records);
  for (const [sheet, cells] of bySheet) {
    for (const c of cells) sheet.getRange(c.ref.row, c.ref.col).setNote(c.note);
    for (const colour of new Set(cells.map((c) => c.background))) {
      sheet.getRangeList(cells.filter((c) => c.background === colour).map((c) => c.ref.a1)).setBackground(colour);
    }
  }
  return { marked: planned.length, notMarked: plan.unmarked.length };
}

export function sidebarClearMarks(): ClearReport {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const records = loadRecords(props);
  const sheets = sheetsById(ss);
  let restored = 0;
  let leftAlone = 0;
  const notFound: string[] = [];
  const bySheet = new Map<Sheet, { record: MarkRecord; ref: CellRef }[]>();
  for (const record of records) {
    const sheet = sheets.get(record.s);
    const ref = sheet ? parseCellRef(`A!${record.a}`) : undefined;
    if (!sheet) {
      notFound.push(
        `${record.sn !== undefined ? sheetLabel(record.sn) : `the sheet with id ${record.s}`}!${record.a} (its sheet was deleted)`,
      );
      continue;
    }
    if (!ref) {
      leftAlone++;
      continue;
    }
    bySheet.set(sheet, [...(bySheet.get(sheet) ?? []), { record, ref }]);
  }
  const writes: (() => void)[] = [];
  for (const [sheet, cells] of bySheet) {
    const now = readCells(
      sheet,
      cells.map((c) => c.ref),
    );
    cells.forEach(({ record, ref }, i) => {
      const noteOurs = now[i].note === record.mn;
      const backgroundOurs = now[i].background.toLowerCase() === record.mb.toLowerCase();
      const range = () => sheet.getRange(ref.row, ref.col);
      if (noteOurs) writes.push(() => range().setNote(record.n === '' ? null : record.n));
      // "No fill" reads as #ffffff; resetting (null) restores no fill rather than painting white.
      if (backgroundOurs)
        writes.push(() => range().setBackground(record.b.toLowerCase() === NO_FILL ? null : record.b));
      if (noteOurs && backgroundOurs) restored++;
      else leftAlone++;
    });
  }
  for (const w of writes) w();
  saveRecords(props, []);
  return notFound.length > 0 ? { restored, leftAlone, notFound } : { restored, leftAlone };
}
