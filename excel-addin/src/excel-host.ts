/// <reference types="office-js" />
/**
 * The panel's host in Excel: Office.js calls only, no tax logic.
 *
 * - readWorkbook: every sheet's used range (values only) loaded once, all in one batch; the
 *   grid is padded so that row 1 of the sheet is `values[0]` whatever the used range's corner.
 *   Excel on the web caps a response at a few MB, so if that batch is refused for size the
 *   sheets are read again in blocks of rows.
 * - selectCell: activate the sheet, select the cell.
 * - marks: core's mark plan (which cells, which colour, how many). Before marking, the cell's own fill (colour, pattern,
 *   pattern colour, tints) is recorded — in the workbook's add-in settings, so the record
 *   survives closing the pane or the file — with the worksheet's id and a hidden
 *   worksheet-scoped name on the cell, so the mark is found again after the sheet is renamed or
 *   rows are inserted above it. Clearing restores exactly that, only for cells still showing
 *   the panel's colour (a cell the user re-filled since is left alone), and names the cells it
 *   could no longer find.
 * - insertSheets: the sheets core's insert plan adds (one the study reader would take for an
 *   existing sheet is skipped and reported), values (text always as text) and core's checked
 *   formulas, number formats, column widths, drop-down lists.
 * - addShortNames: LAMBDA workbook names (see short-names.ts).
 * - reenterStudyFormulas: study formulas Excel shows as #NAME? (they reached the file before the
 *   add-in's functions did) written back, one `formulas` write per block (see reenter.ts).
 * - writeCell (Fix, Undo): one cell's values written, only while it holds what the panel read
 *   and no formula. appendWaiver: one row after the Waivers sheet's used range (the sheet made
 *   with its headers when missing), every entry behind the quote prefix, so it stays text.
 *
 * Each action asks Office for the ExcelApi version it needs (requirements.ts) and, on an older
 * Excel, does what it can and says in one sentence what it left out.
 */
import type { CellValue } from '@core/cells';
import type { Finding, SheetGrid, WorkbookGrids } from '@core/study/types';
import { columnLetter, parseCellRef } from '@core/study/a1';
import { waiverValueText } from '@core/study/checks/waivers';
import { headerKey, SHEET_NAMES } from '@core/study/schema';
import { WAIVER_HEADERS } from '@core/study/waivers';
import { insertReport, planInsert } from '@core/plans/insert-plan';
import { planMarks } from '@core/plans/mark-plan';
import type {
  ClearMarksResult,
  InsertResult,
  MarkCellsResult,
  PanelHost,
  ReenterReport,
  RenderedSheet,
} from '@panel/host';
import { shownValue } from '@panel/host';
import { formulaTrigger, quotePrefixed, storedAsText } from '@core/templates/text';
import { applyEditInExcel } from './apply-plan';
// The short names and the #NAME? re-entry load on first use (the catalogue is not in taskpane.js).
import { loadNamesPart, type NamesPart } from './names-loader';
import type { StuckCell } from './reenter';
import { EXCEL_API, officeSupports, WITHOUT, type Supports } from './requirements';

/** Rows per block when a sheet is too large to read in one response. */
const READ_BLOCK_ROWS = 5000;

/** A cell's fill as Excel.RangeFill reports it (null where Excel reported none). */
export interface SavedFill {
  /** "#FFFFFF"; with pattern "None" the cell has no fill. */
  readonly color: string | null;
  /** "None" = no fill, "Solid", "Gray50", … */
  readonly pattern: string | null;
  readonly patternColor: string | null;
  /** -1 (darker) … 1 (lighter): how a theme colour was tinted. */
  readonly tintAndShade: number | null;
  readonly patternTintAndShade: number | null;
}

/**
 * One marked cell. It is found again by a named item scoped to its worksheet (`name`): Excel
 * moves a name with its cell when rows or columns are inserted and keeps it when the sheet is
 * renamed, and the worksheet is looked up by its id, which never changes.
 */
export interface MarkRecord {
  readonly sheetId: string;
  /** The sheet's name and the cell's address when marked: what the pane says if the cell is lost. */
  readonly sheet: string;
  readonly address: string;
  readonly name: string;
  /** The fill before the panel's mark. */
  readonly fill: SavedFill;
  /** The colour the panel painted. */
  readonly mark: string;
}

/** Marked cells by the name of their named item. */
export type MarkRecords = Record<string, MarkRecord>;

export interface MarkStore {
  load(): MarkRecords;
  save(records: MarkRecords): Promise<void>;
}

/** Worksheet-scoped names of marks: `RDCS_MARK_<time>_<n>` (hidden from Name Manager). */
const MARK_NAME_PREFIX = 'RDCS_MARK_';
const SETTINGS_KEY = 'rdcs.marks.v2';
/**
 * Where builds before worksheet ids kept their marks: `{ "Sheet!A1": { color, pattern, mark } }`.
 * Read once so a workbook highlighted by an earlier build gets its fills back; never written.
 */
const LEGACY_SETTINGS_KEY = 'rdcs.marks';
/** A legacy record has no worksheet id or name: it is found by sheet name and address. */
const LEGACY_MARK = '';
const FILL_PROPERTIES = 'color,pattern,patternColor,tintAndShade,patternTintAndShade';
/** Before ExcelApi 1.9 a fill reports its colour only. */
const FILL_COLOUR_ONLY = 'color';

function isMarkRecords(v: unknown): v is MarkRecords {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.values(v).every(
      (r) =>
        r !== null &&
        typeof r === 'object' &&
        typeof (r as MarkRecord).mark === 'string' &&
        typeof (r as MarkRecord).name === 'string' &&
        typeof (r as MarkRecord).fill === 'object',
    )
  );
}

/** Records of the earlier build, as records this one clears (by sheet name and address). */
function legacyRecords(v: unknown): MarkRecords {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, MarkRecord> = {};
  for (const [ref, r] of Object.entries(v as Record<string, unknown>)) {
    const at = parseCellRef(ref);
    const old = r as { color?: unknown; pattern?: unknown; mark?: unknown } | null;
    if (!at || old === null || typeof old !== 'object' || typeof old.mark !== 'string') continue;
    const color = typeof old.color === 'string' ? old.color : null;
    const pattern = typeof old.pattern === 'string' ? old.pattern : null;
    out[`${LEGACY_SETTINGS_KEY}:${ref}`] = {
      sheetId: LEGACY_MARK,
      sheet: at.sheet,
      address: at.address,
      name: LEGACY_MARK,
      fill: { color, pattern, patternColor: null, tintAndShade: null, patternTintAndShade: null },
      mark: old.mark,
    };
  }
  return out;
}

/**
 * Mark records kept in the document's add-in settings (saved with the workbook), with an
 * in-memory copy that is used when settings are unavailable or cannot be saved.
 */
function settingsMarkStore(): MarkStore {
  let memory: MarkRecords = {};
  const settings = (): Office.Settings | undefined => {
    try {
      return typeof Office !== 'undefined' ? Office.context?.document?.settings : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    load(): MarkRecords {
      const s = settings();
      const saved: unknown = s ? s.get(SETTINGS_KEY) : undefined;
      const legacy = s ? legacyRecords(s.get(LEGACY_SETTINGS_KEY)) : {};
      return isMarkRecords(saved) ? { ...legacy, ...saved, ...memory } : { ...legacy, ...memory };
    },
    save(records: MarkRecords): Promise<void> {
      memory = { ...records };
      const s = settings();
      if (!s) return Promise.resolve();
      // Legacy records not yet cleared travel on in the current key.
      s.remove(LEGACY_SETTINGS_KEY);
      if (Object.keys(records).length === 0) s.remove(SETTINGS_KEY);
      else s.set(SETTINGS_KEY, records);
      // The in-memory copy already holds the records; a failed save only loses them across sessions.
      return new Promise((resolve) => s.saveAsync(() => resolve()));
    },
  };
}

/**
 * The fill Excel reported. Without ExcelApi 1.9 only the colour was loaded, and Excel reports a
 * cell with no fill as white: the pattern stays unknown (null) and white is taken for no fill.
 */
function savedFill(fill: Excel.RangeFill, patterns: boolean): SavedFill {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  if (!patterns) {
    const color = str(fill.color);
    const none = color === null || color.toUpperCase() === '#FFFFFF';
    return { color, pattern: none ? 'None' : null, patternColor: null, tintAndShade: null, patternTintAndShade: null };
  }
  return {
    color: str(fill.color),
    pattern: str(fill.pattern),
    patternColor: str(fill.patternColor),
    tintAndShade: num(fill.tintAndShade),
    patternTintAndShade: num(fill.patternTintAndShade),
  };
}

/**
 * Put back a saved fill: "no fill" is cleared (not painted white); otherwise every part Excel
 * reported — the pattern and tints only where this Excel can set them (ExcelApi 1.9).
 */
function restoreFill(fill: Excel.RangeFill, saved: SavedFill, patterns: boolean): void {
  if (saved.pattern === 'None' || saved.color === null) {
    fill.clear();
    return;
  }
  fill.color = saved.color;
  if (!patterns) return;
  if (saved.pattern !== null) fill.pattern = saved.pattern as Excel.FillPattern;
  if (saved.patternColor !== null && saved.pattern !== 'Solid') fill.patternColor = saved.patternColor;
  if (saved.tintAndShade !== null && saved.tintAndShade !== 0) fill.tintAndShade = saved.tintAndShade;
  if (saved.patternTintAndShade !== null && saved.patternTintAndShade !== 0)
    fill.patternTintAndShade = saved.patternTintAndShade;
}

/** "Employees!E7" for a message, quoted as Excel would when the sheet name needs it. */
function cellLabel(sheet: string, address: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? `${sheet}!${address}` : `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** An Office/Excel error as a sentence the panel can show. */
function excelFailure(what: string, e: unknown): Error {
  const debug = e !== null && typeof e === 'object' ? (e as { code?: unknown; message?: unknown }) : {};
  const msg = typeof debug.message === 'string' && debug.message.trim() !== '' ? debug.message.trim() : String(e);
  return new Error(`${what}: ${msg}`);
}

function isPayloadLimit(e: unknown): boolean {
  const code = e !== null && typeof e === 'object' ? String((e as { code?: unknown }).code ?? '') : '';
  return /PayloadSizeLimitExceeded/i.test(code);
}

/** A used range's values placed so that `values[0]` is row 1 and column A is index 0. */
export function gridFromUsedRange(
  values: readonly (readonly unknown[])[],
  rowIndex: number,
  columnIndex: number,
): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = 0; r < rowIndex; r++) out.push([]);
  const pad: CellValue[] = new Array<CellValue>(columnIndex).fill(null);
  for (const row of values) out.push(columnIndex > 0 ? [...pad, ...(row as CellValue[])] : [...(row as CellValue[])]);
  return out;
}

/**
 * A rendered value as `range.values` must receive it to store exactly that value. Excel reads a
 * string there as typed input ("If the value starts with a plus, minus, or equal sign, Excel
 * interprets this value as a formula" — Excel.Range.values), so text that would be read
 * otherwise goes in behind Excel's quote prefix, an apostrophe that is not part of the value.
 */
function excelCell(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'string') return quotePrefixed(v);
  if (typeof v === 'boolean') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return (v as Date).toISOString().slice(0, 10);
  return '';
}

function rectangular(values: readonly (readonly CellValue[])[]): (string | number | boolean)[][] {
  const width = Math.max(0, ...values.map((r) => r.length));
  return values.map((r) => Array.from({ length: width }, (_, c) => excelCell(r[c])));
}

/** Rows × columns of an A1 range such as "B2:B1000" (a single cell is 1 × 1). */
export function rangeSize(a1: string): { rows: number; cols: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(a1.trim());
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const r2 = m[4] ? Number(m[4]) : r1;
  const c1 = col(m[1]);
  const c2 = m[3] ? col(m[3]) : c1;
  return { rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/** Excel's column width is in points; a template gives characters. */
const POINTS_PER_CHARACTER = 7;
/** Excel refuses a data-validation message longer than this. */
const ALERT_MAX = 225;

export interface ExcelHostOptions {
  readonly markStore?: MarkStore;
  /** Which ExcelApi versions this Excel has. Default: Office's own answer (requirements.ts). */
  readonly supports?: Supports;
}

/** A1 address of a block given by 0-based indexes: "B2:C4", or "B2" for one cell. */
export function blockAddress(row: number, column: number, rows: number, columns: number): string {
  const first = `${columnLetter(column)}${row + 1}`;
  return rows === 1 && columns === 1
    ? first
    : `${first}:${columnLetter(column + Math.max(1, columns) - 1)}${row + Math.max(1, rows)}`;
}

export function createExcelHost(options: ExcelHostOptions = {}): PanelHost {
  const store = options.markStore ?? settingsMarkStore();
  const supports = options.supports ?? officeSupports();

  /** A block by 0-based indexes: getRangeByIndexes where Excel has it (1.7), else the same block by address. */
  function rangeAt(ws: Excel.Worksheet, row: number, column: number, rows: number, columns: number): Excel.Range {
    return supports(EXCEL_API.rangeByIndexes)
      ? ws.getRangeByIndexes(row, column, rows, columns)
      : ws.getRange(blockAddress(row, column, rows, columns));
  }

  /**
   * Load `props` of a used range `READ_BLOCK_ROWS` rows at a time (a large sheet in one response
   * would pass Excel's limit), handing each block and its first row (0-based) to `each`.
   */
  async function eachBlock(
    context: Excel.RequestContext,
    ws: Excel.Worksheet,
    used: {
      readonly rowIndex: number;
      readonly columnIndex: number;
      readonly rowCount: number;
      readonly columnCount: number;
    },
    props: string,
    each: (block: Excel.Range, firstRow: number) => void,
  ): Promise<void> {
    for (let start = 0; start < used.rowCount; start += READ_BLOCK_ROWS) {
      const block = rangeAt(
        ws,
        used.rowIndex + start,
        used.columnIndex,
        Math.min(READ_BLOCK_ROWS, used.rowCount - start),
        used.columnCount,
      );
      block.load(props);
      await context.sync();
      each(block, used.rowIndex + start);
    }
  }

  async function readAtOnce(): Promise<WorkbookGrids> {
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const used = worksheets.items.map((ws) => {
        const range = ws.getUsedRangeOrNullObject(true);
        range.load('values,rowIndex,columnIndex');
        return { name: ws.name, range };
      });
      await context.sync();
      const sheets: SheetGrid[] = used.map(({ name, range }) => ({
        name,
        values: range.isNullObject ? [] : gridFromUsedRange(range.values, range.rowIndex, range.columnIndex),
      }));
      return { sheets };
    });
  }

  async function readInBlocks(): Promise<WorkbookGrids> {
    return Excel.run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load('items/name');
      await context.sync();
      const shapes = worksheets.items.map((ws) => {
        const range = ws.getUsedRangeOrNullObject(true);
        range.load('rowIndex,columnIndex,rowCount,columnCount');
        return { ws, range };
      });
      await context.sync();
      const sheets: SheetGrid[] = [];
      for (const { ws, range } of shapes) {
        if (range.isNullObject) {
          sheets.push({ name: ws.name, values: [] });
          continue;
        }
        const values: unknown[][] = [];
        await eachBlock(context, ws, range, 'values', (block) => {
          for (const row of block.values) values.push(row);
        });
        sheets.push({ name: ws.name, values: gridFromUsedRange(values, range.rowIndex, range.columnIndex) });
      }
      return { sheets };
    });
  }

  async function readWorkbook(): Promise<WorkbookGrids> {
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.read);
    try {
      return await readAtOnce();
    } catch (e) {
      if (!isPayloadLimit(e)) throw excelFailure('Excel could not read the sheets', e);
      try {
        return await readInBlocks();
      } catch (e2) {
        throw excelFailure('Excel could not read the sheets', e2);
      }
    }
  }

  async function selectCell(a1: string): Promise<void> {
    const at = parseCellRef(a1);
    if (!at) throw new Error(`${a1} is not a cell reference.`);
    try {
      await Excel.run(async (context) => {
        // getItemOrNullObject needs ExcelApi 1.4; before it, getItem (1.1) fails on a missing sheet instead.
        const ws = supports(EXCEL_API.usedRangeAndNames)
          ? context.workbook.worksheets.getItemOrNullObject(at.sheet)
          : context.workbook.worksheets.getItem(at.sheet);
        ws.load('name');
        await context.sync();
        if (ws.isNullObject) throw new Error(`there is no sheet named ${at.sheet}`);
        ws.activate();
        ws.getRange(at.address).select();
        await context.sync();
      });
    } catch (e) {
      throw excelFailure(`Excel could not select ${a1}`, e);
    }
  }

  /** The current address ("E9") of each recorded mark still found, by record name. */
  async function locateMarks(context: Excel.RequestContext, records: MarkRecords, items: readonly Excel.Worksheet[]) {
    const byId = new Map(items.map((w) => [w.id, w]));
    // Excel's sheet names are case-insensitive.
    const byName = new Map(items.map((w) => [w.name.toLowerCase(), w]));
    const found = Object.values(records).map((record) => {
      if (record.name === LEGACY_MARK) {
        // An earlier build's mark: where it was painted, if that sheet is still there.
        const ws = byName.get(record.sheet.toLowerCase());
        const range = ws?.getRange(record.address);
        range?.load('address');
        range?.format.fill.load('color');
        return { record, ws, item: undefined, range };
      }
      const ws = byId.get(record.sheetId);
      const item = ws?.names.getItemOrNullObject(record.name);
      const range = item?.getRangeOrNullObject();
      range?.load('address');
      range?.format.fill.load('color');
      return { record, ws, item, range };
    });
    await context.sync();
    return found.map(({ record, ws, item, range }) => {
      const named = item === undefined || !item.isNullObject;
      const cell =
        ws && named && range && !range.isNullObject
          ? { ws, item, range, address: range.address.replace(/^.*!/, '').replace(/\$/g, '') }
          : undefined;
      return { record, cell };
    });
  }

  async function loadSheets(context: Excel.RequestContext): Promise<Excel.Worksheet[]> {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name,items/id');
    await context.sync();
    return worksheets.items;
  }

  async function markCells(findings: readonly Finding[]): Promise<MarkCellsResult> {
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.marks);
    const patterns = supports(EXCEL_API.fillPattern);
    const records = store.load();
    let report: MarkCellsResult = { marked: 0, notMarked: findings.length };
    try {
      await Excel.run(async (context) => {
        const items = await loadSheets(context);
        // Which cells, in which colour, and how many: core's plan over the sheets there now.
        const plan = planMarks(findings, 'excel', { sheets: items.map((w) => w.name) });
        report = { marked: plan.marks.length, notMarked: plan.unmarked.length };
        const byName = new Map(items.map((w) => [w.name, w]));
        // A cell marked before keeps the fill recorded then: find where those marks are now.
        const markedAt = new Map<string, MarkRecord>();
        for (const { record, cell } of await locateMarks(context, records, items))
          if (cell) markedAt.set(`${cell.ws.id}!${cell.address}`, record);
        // Unique per marking, so a name left behind by a record that was never saved cannot clash.
        const batch = Date.now().toString(36).toUpperCase();
        let next = 1;
        const cells = plan.marks.flatMap((c) => {
          const ws = byName.get(c.sheet);
          if (!ws) return [];
          const range = ws.getRange(c.address);
          const before = markedAt.get(`${ws.id}!${c.address}`);
          // Only a cell not yet marked has its own fill to remember.
          if (!before) range.format.fill.load(patterns ? FILL_PROPERTIES : FILL_COLOUR_ONLY);
          return [{ ws, range, address: c.address, before, mark: c.colour }];
        });
        await context.sync();
        for (const c of cells) {
          if (c.before && c.before.name !== LEGACY_MARK) records[c.before.name] = { ...c.before, mark: c.mark };
          else {
            // A legacy mark becomes a named one, keeping the fill recorded before it.
            for (const [key, r] of Object.entries(records)) if (r === c.before) delete records[key];
            const name = `${MARK_NAME_PREFIX}${batch}_${next++}`;
            c.ws.names.add(
              name,
              c.range,
              'RD Credit Studio: a highlighted cell, so its own fill can be put back. Removed when the marks are cleared.',
            ).visible = false;
            records[name] = {
              sheetId: c.ws.id,
              sheet: c.ws.name,
              address: c.address,
              name,
              fill: c.before ? c.before.fill : savedFill(c.range.format.fill, patterns),
              mark: c.mark,
            };
          }
          c.range.format.fill.color = c.mark;
          // A patterned cell would show the mark through its pattern: the mark is solid.
          if (patterns) c.range.format.fill.pattern = 'Solid';
        }
        await context.sync();
      });
    } catch (e) {
      throw excelFailure('Excel could not mark the cells', e);
    } finally {
      await store.save(records);
    }
    return patterns || report.marked === 0 ? report : { ...report, note: WITHOUT.fillPattern };
  }

  /**
   * Put back each marked cell's own fill, wherever the cell is now, unless the user re-filled
   * it since. Cells that cannot be found (their sheet deleted, the cell deleted, or the mark's
   * name removed) are listed in `notFound`, never silently dropped.
   */
  async function clearMarks(): Promise<ClearMarksResult> {
    const records = store.load();
    if (Object.keys(records).length === 0) return { notFound: [] };
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.marks);
    const patterns = supports(EXCEL_API.fillPattern);
    const notFound: string[] = [];
    let kept: MarkRecords = {};
    try {
      await Excel.run(async (context) => {
        const items = await loadSheets(context);
        const byId = new Map(items.map((w) => [w.id, w]));
        for (const { record, cell } of await locateMarks(context, records, items)) {
          if (!cell) {
            const sheetThere =
              record.name === LEGACY_MARK
                ? items.some((w) => w.name.toLowerCase() === record.sheet.toLowerCase())
                : byId.has(record.sheetId);
            notFound.push(
              `${cellLabel(record.sheet, record.address)} (${sheetThere ? 'the cell was deleted or its mark removed' : 'its sheet was deleted'})`,
            );
            continue;
          }
          // Someone re-filled the cell since: it is theirs now.
          if ((cell.range.format.fill.color ?? '').toUpperCase() === record.mark.toUpperCase())
            restoreFill(cell.range.format.fill, record.fill, patterns);
          cell.item?.delete();
        }
        await context.sync();
      });
    } catch (e) {
      // Nothing was restored: keep every record so a later Clear can try again.
      kept = records;
      throw excelFailure('Excel could not remove the marks', e);
    } finally {
      await store.save(kept);
    }
    return { notFound };
  }

  async function insertSheets(rendered: readonly RenderedSheet[]): Promise<InsertResult> {
    let report: { inserted: string[]; skipped: string[] } = { inserted: [], skipped: [] };
    const freeze = supports(EXCEL_API.freezePanes);
    const lists = supports(EXCEL_API.dataValidation);
    /** What an older Excel left out, said once after the sheets are in. */
    const leftOut = new Set<string>();
    try {
      await Excel.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load('items/name');
        await context.sync();
        const plan = planInsert(
          worksheets.items.map((w) => w.name),
          rendered,
        );
        const added = plan.insert.map((sheet) => ({ sheet, ws: worksheets.add(sheet.name) }));
        report = insertReport(plan);
        await context.sync();

        // Values and formulas once every sheet exists, so cross-sheet formulas resolve. Text goes
        // in as values; formulas only from the sheet's checked `formulas`, one cell each.
        for (const { sheet, ws } of added) {
          // Formats first: a Version of "1" in a text-formatted cell stays the text "1".
          for (const f of sheet.formats ?? []) {
            const size = rangeSize(f.range);
            if (!size) continue;
            ws.getRange(f.range).numberFormat = Array.from({ length: size.rows }, () =>
              new Array<string>(size.cols).fill(f.format),
            );
          }
          const grid = rectangular(sheet.values);
          const width = grid[0]?.length ?? 0;
          if (grid.length > 0 && width > 0) {
            rangeAt(ws, 0, 0, grid.length, width).values = grid;
            for (const f of sheet.formulas ?? []) ws.getRange(f.cell).formulas = [[f.formula]];
            rangeAt(ws, 0, 0, 1, width).format.font.bold = true;
            if (freeze) ws.freezePanes.freezeRows(1);
            else leftOut.add(WITHOUT.freezePanes);
          }
          sheet.columnWidths?.forEach((w, i) => {
            ws.getRange(`${columnLetter(i)}:${columnLetter(i)}`).format.columnWidth = Math.round(
              w * POINTS_PER_CHARACTER,
            );
          });
        }
        await context.sync();

        // Drop-down lists last: a list may point at another new sheet (Roles!$A$2:$A$200).
        for (const { sheet, ws } of added) {
          if (!lists) {
            if ((sheet.validations ?? []).length > 0) leftOut.add(WITHOUT.dataValidation);
            continue;
          }
          for (const v of sheet.validations ?? []) {
            const literal = v.list.join(',');
            const source = v.listRange ? `=${v.listRange}` : literal;
            // A literal list Excel would read as a formula (its first word starts with "=") is left out.
            if (
              source === '' ||
              (!v.listRange &&
                (literal.length > 255 || v.list.some((w) => w.includes(',')) || formulaTrigger(literal) !== undefined))
            )
              continue;
            const strict = v.strict !== false;
            const range = ws.getRange(v.range);
            range.dataValidation.rule = { list: { inCellDropDown: true, source } };
            range.dataValidation.errorAlert = {
              showAlert: true,
              style: strict ? 'Stop' : 'Warning',
              title: 'RD Credit Studio',
              message: (strict
                ? `Choose a value from the list${v.listRange ? '' : `: ${literal}`}.`
                : 'This value is not in the list; keep it only if it is right.'
              ).slice(0, ALERT_MAX),
            };
          }
        }
        await context.sync();
      });
    } catch (e) {
      throw excelFailure(
        report.inserted.length > 0
          ? `Excel stopped while inserting ${report.inserted.join(', ')}`
          : 'Excel could not insert the sheets',
        e,
      );
    }
    if (leftOut.size === 0) return report;
    const missing = [...leftOut];
    return {
      ...report,
      note: `This version of Excel could not do everything: ${missing.join('; ')}.`,
    };
  }

  async function addShortNames(): Promise<{ added: string[]; note: string }> {
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.shortNames);
    const { SHORT_NAMES, SHORT_NAMES_NOTE } = await loadNamesPart();
    const added: string[] = [];
    const kept: string[] = [];
    try {
      await Excel.run(async (context) => {
        const names = context.workbook.names;
        names.load('items/name');
        await context.sync();
        const existing = new Set(names.items.map((n) => n.name.toUpperCase()));
        for (const n of SHORT_NAMES) {
          if (existing.has(n.name.toUpperCase())) {
            kept.push(n.name);
            continue;
          }
          // One at a time, so an Excel without LAMBDA fails on the first and says so.
          names.add(n.name, n.formula, n.comment);
          await context.sync();
          added.push(n.name);
        }
      });
    } catch (e) {
      throw excelFailure(
        added.length === 0
          ? 'Excel did not accept a LAMBDA name (short names need Microsoft 365 or Excel 2024; =RDTAX. names work everywhere)'
          : `Excel stopped after adding ${added.join(', ')}`,
        e,
      );
    }
    const keptNote =
      kept.length > 0
        ? ` ${kept.join(', ')} already existed and ${kept.length === 1 ? 'was' : 'were'} left as ${kept.length === 1 ? 'it was' : 'they were'}.`
        : '';
    return { added, note: `${SHORT_NAMES_NOTE}${keptNote}` };
  }

  /** The formula cells showing an error in each sheet's used range, loaded (ExcelApi 1.9). */
  async function stuckBySpecialCells(
    context: Excel.RequestContext,
    items: readonly Excel.Worksheet[],
    stuckCellsOf: NamesPart['stuckCellsOf'],
  ): Promise<Map<Excel.Worksheet, StuckCell[]>> {
    const used = items.map((ws) => ({ ws, range: ws.getUsedRangeOrNullObject(true) }));
    for (const u of used) u.range.load('address');
    await context.sync();
    const found = used
      .filter((u) => !u.range.isNullObject)
      .map(({ ws, range }) => ({ ws, areas: range.getSpecialCellsOrNullObject('Formulas', 'Errors') }));
    for (const f of found) f.areas.load('address');
    await context.sync();
    const withErrors = found.filter((f) => !f.areas.isNullObject);
    for (const f of withErrors) f.areas.areas.load('items/formulas,items/values,items/rowIndex,items/columnIndex');
    await context.sync();
    const out = new Map<Excel.Worksheet, StuckCell[]>();
    for (const { ws, areas } of withErrors)
      out.set(
        ws,
        areas.areas.items.flatMap((a) => stuckCellsOf(a.values, a.formulas, a.rowIndex, a.columnIndex)),
      );
    return out;
  }

  /**
   * The same, reading each used range's formulas and values (ExcelApi 1.4) in blocks of rows, so
   * a large sheet never makes a response larger than Excel allows.
   */
  async function stuckByUsedRanges(
    context: Excel.RequestContext,
    items: readonly Excel.Worksheet[],
    stuckCellsOf: NamesPart['stuckCellsOf'],
  ): Promise<Map<Excel.Worksheet, StuckCell[]>> {
    const out = new Map<Excel.Worksheet, StuckCell[]>();
    for (const ws of items) {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      if (used.isNullObject) continue;
      const cells: StuckCell[] = [];
      await eachBlock(context, ws, used, 'formulas,values', (block, firstRow) => {
        for (const c of stuckCellsOf(block.values, block.formulas, firstRow, used.columnIndex)) cells.push(c);
      });
      out.set(ws, cells);
    }
    return out;
  }

  async function reenterStudyFormulas(): Promise<ReenterReport> {
    if (!supports(EXCEL_API.usedRangeAndNames)) return { reentered: [], failed: [], note: WITHOUT.reenter };
    const { blocksOf, stuckCellsOf } = await loadNamesPart();
    const reentered: { sheet: string; count: number }[] = [];
    const failed: { sheet: string; count: number; reason: string }[] = [];
    try {
      await Excel.run(async (context) => {
        const items = await loadSheets(context);
        const stuck = supports(EXCEL_API.specialCells)
          ? await stuckBySpecialCells(context, items, stuckCellsOf)
          : await stuckByUsedRanges(context, items, stuckCellsOf);
        for (const ws of items) {
          const cells = stuck.get(ws) ?? [];
          if (cells.length === 0) continue;
          // The same formulas, written back block by block; one sync per sheet, so a protected
          // sheet is reported and the other sheets are still re-entered.
          for (const b of blocksOf(cells))
            rangeAt(ws, b.row, b.column, b.formulas.length, b.formulas[0]?.length ?? 1).formulas = b.formulas;
          try {
            await context.sync();
            reentered.push({ sheet: ws.name, count: cells.length });
          } catch (e) {
            failed.push({ sheet: ws.name, count: cells.length, reason: excelFailure('Excel refused', e).message });
          }
        }
      });
    } catch (e) {
      throw excelFailure('Excel could not look for study formulas that show #NAME?', e);
    }
    return { reentered, failed };
  }

  async function writeCell(a1: string, value: CellValue, expected: CellValue): Promise<CellValue> {
    const at = parseCellRef(a1);
    if (!at) throw new Error(`${a1} is not a cell reference.`);
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.read);
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(at.sheet);
      ws.load('name');
      await context.sync();
      if (ws.isNullObject) throw new Error(`There is no sheet named ${at.sheet}, so ${a1} was not changed.`);
      const range = ws.getRange(at.address);
      range.load('values,formulas');
      await context.sync();
      const formula = range.formulas[0]?.[0];
      if (typeof formula === 'string' && formula.startsWith('='))
        throw new Error(`${a1} holds a formula (${shownValue(formula)}), so it was not changed; change it by hand.`);
      const now = (range.values[0]?.[0] ?? '') as CellValue;
      if (waiverValueText(now) !== waiverValueText(expected))
        throw new Error(
          `${a1} now holds ${shownValue(now)}, not ${shownValue(expected)}, so it was not changed; press Validate and try again.`,
        );
      // Text behind the quote prefix, so "85" put back by Undo stays the text it was.
      range.values = [[typeof value === 'string' ? storedAsText(value) : excelCell(value)]];
      await context.sync();
      return now === '' ? null : now;
    });
  }

  async function appendWaiver(row: readonly string[]): Promise<void> {
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.read);
    // Every entry as text: "'" is Excel's quote prefix (not part of the value), so a reason
    // "=…", a value "0.85" or a date "2026-12-03" is stored as exactly that text.
    try {
      await Excel.run(async (context) => {
        const worksheets = context.workbook.worksheets;
        worksheets.load('items/name');
        await context.sync();
        const names = new Set(
          [SHEET_NAMES.waivers.sheet, ...(SHEET_NAMES.waivers.aliases ?? [])].map((n) => headerKey(n)),
        );
        let ws = worksheets.items.find((w) => names.has(headerKey(w.name)));
        let next: number;
        if (!ws) {
          ws = worksheets.add(SHEET_NAMES.waivers.sheet);
          rangeAt(ws, 0, 0, 1, WAIVER_HEADERS.length).values = [WAIVER_HEADERS.map(storedAsText)];
          rangeAt(ws, 0, 0, 1, WAIVER_HEADERS.length).format.font.bold = true;
          next = 1;
        } else {
          const used = ws.getUsedRangeOrNullObject(true);
          used.load('rowIndex,rowCount');
          await context.sync();
          next = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
        }
        rangeAt(ws, next, 0, 1, Math.max(1, row.length)).values = [row.length > 0 ? row.map(storedAsText) : ['']];
        await context.sync();
      });
    } catch (e) {
      throw excelFailure('Excel could not add the waiver to the Waivers sheet', e);
    }
  }

  /** Empty the Waivers row at `at` while it holds `expected` (Remove waiver, Undo after Waive). */
  async function removeWaiver(at: string, expected: readonly CellValue[]): Promise<void> {
    const a = parseCellRef(at);
    if (!a) throw new Error(`${at} is not a cell reference.`);
    if (!supports(EXCEL_API.usedRangeAndNames)) throw new Error(WITHOUT.read);
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(a.sheet);
      ws.load('name');
      await context.sync();
      if (ws.isNullObject) throw new Error(`There is no sheet named ${a.sheet}, so the waiver was not removed.`);
      const width = Math.max(1, expected.length);
      const range = rangeAt(ws, a.row - 1, 0, 1, width);
      range.load('values');
      await context.sync();
      const now = range.values[0] ?? [];
      for (let c = 0; c < width; c++)
        if (waiverValueText((now[c] ?? '') as CellValue) !== waiverValueText(expected[c] ?? null))
          throw new Error(
            `Row ${a.row} of ${ws.name} has changed since Validate, so the waiver was not removed; press Validate and try again.`,
          );
      range.values = [new Array<string>(width).fill('')];
      await context.sync();
    });
  }

  /** Our own sentences as they are; Excel's with what was being done. */
  const ownOr = (what: string) => (e: unknown) => {
    if (e instanceof Error && !('code' in e)) throw e;
    throw excelFailure(what, e);
  };

  return {
    kind: 'excel',
    writeCell: (a1, value, expected) => writeCell(a1, value, expected).catch(ownOr(`Excel could not change ${a1}`)),
    removeWaiver: (at, expected) => removeWaiver(at, expected).catch(ownOr('Excel could not remove the waiver')),
    appendWaiver,
    readWorkbook,
    selectCell,
    markCells,
    clearMarks,
    insertSheets,
    addShortNames,
    reenterStudyFormulas,
    applyWorkbookEdit: (edit) => applyEditInExcel(edit, insertSheets),
  };
}
