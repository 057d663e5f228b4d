/**
 * A fake of the parts of Office.js the add-in uses — `Office.onReady`, document settings,
 * `Excel.run` with worksheets, ranges (values, formulas, fill, number formats, data
 * validation), workbook names, and `CustomFunctions` — over an in-memory workbook.
 *
 * Self-contained (no imports) so the browser tests can transpile it into the script that
 * stands in for Office.js from the CDN. It behaves like Excel where the add-in can tell:
 * sheet names match case-insensitively, a used range starts at its first non-blank cell and
 * blanks read as "", an unfilled cell reports "#FFFFFF" with pattern "None", a missing sheet
 * from getItemOrNullObject is a null object. It records what a test wants to check: every
 * `values` load, the selected cell, fills, names, validations, number formats.
 *
 * Identity, as Excel has it: every worksheet has an id that never changes (getItem takes a name
 * or an id); worksheet-scoped named items (`ws.names`) point at a cell and move with it when rows
 * are inserted above (insertRows) and survive a rename (renameSheet); deleteSheet takes the
 * sheet's names with it. A fill carries color, pattern, patternColor, tintAndShade and
 * patternTintAndShade (ExcelApi 1.9); an unset part reads as null here (Excel's own default for
 * an unfilled cell's pattern colour is not documented, and the add-in does not rely on it).
 *
 * Requirement sets: `excelApi` is the newest ExcelApi version this "Excel" has (default 1.17);
 * `Office.context.requirements.isSetSupported` answers from it, and using an API of a newer set
 * (getRangeByIndexes 1.7, freezePanes 1.7, dataValidation 1.8, fill patterns and tints 1.9,
 * getSpecialCells 1.9, used range / worksheet names 1.4) throws ApiNotFound, so a test proves
 * the add-in asked first.
 *
 * Formulas stuck at #NAME?: a sheet's `shows` gives the value Excel shows for a formula cell
 * (`"#NAME?"` for a study formula written before the add-in loaded); writing `formulas` over
 * such a cell makes Excel resolve it again (the shown value goes), and every `formulas` write is
 * recorded in `formulaWrites`. A `protected` sheet refuses writes at the next sync, as Excel does.
 */

export type FakeCell = string | number | boolean | null;

export interface FakeFill {
  color: string;
  pattern: string;
  patternColor?: string;
  tintAndShade?: number;
  patternTintAndShade?: number;
}

export interface FakeSheetSpec {
  name: string;
  /** Stable worksheet id; given one ("{sheet-1}", …) when absent. */
  id?: string;
  /** Row 1 is values[0]; null or "" is a blank cell. */
  values: FakeCell[][];
  /** Fills by A1 address ("C3"), for cells that already have one. */
  fills?: Record<string, FakeFill>;
  /** Worksheet-scoped named items: name → the A1 address of the cell it refers to. */
  names?: Record<string, { address: string; visible: boolean; comment?: string }>;
  /** Cells holding a formula, by A1 address: what `formulas` wrote, or a `values` string Excel read as one. */
  formulas?: Record<string, string>;
  /** What a formula cell shows (its `values`), by A1 address, where that is not the formula text: "#NAME?". */
  shows?: Record<string, FakeCell>;
  /** Excel refuses to change a cell of a protected sheet (at the next sync). */
  protected?: boolean;
}

export interface FakeSpec {
  sheets: FakeSheetSpec[];
  /** Existing workbook names. */
  names?: string[];
  /** Every Excel.run rejects with this message. */
  failRun?: string;
  /** The first batch that loads `values` fails with RequestPayloadSizeLimitExceeded. */
  payloadLimitOnce?: boolean;
  /** names.add rejects a LAMBDA formula, as Excel without LAMBDA does. */
  rejectLambda?: boolean;
  /** Document settings to start from. */
  settings?: Record<string, unknown>;
  /** The newest ExcelApi requirement set this Excel supports, e.g. "1.8". Default "1.17". */
  excelApi?: string;
}

export interface FakeState {
  sheets: FakeSheetSpec[];
  selected?: { sheet: string; address: string };
  active?: string;
  /** Sheet names, once per range `values` load (a load of formulas as well is counted in formulaLoads). */
  valueLoads: string[];
  /** Sheet names, once per range load that includes `formulas`. */
  formulaLoads: string[];
  /** Every `formulas` assignment: the sheet, the block's A1 address and the grid written. */
  formulaWrites: { sheet: string; address: string; formulas: unknown[][] }[];
  /** isSetSupported questions asked, as "ExcelApi 1.9". */
  setsAsked: string[];
  /** Context syncs, in total. */
  syncs: number;
  names: Record<string, { formula: string; comment?: string }>;
  settings: Record<string, unknown>;
  validations: { sheet: string; range: string; rule: unknown; errorAlert: unknown }[];
  numberFormats: { sheet: string; range: string; rows: number; cols: number; format: unknown }[];
  associated: Record<string, (...args: unknown[]) => unknown>;
}

interface Box {
  r0: number;
  c0: number;
  rows: number;
  cols: number;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
function colLetters(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
const MAX_ROWS = 1048576;

function parseAddress(a: string): Box {
  const whole = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(a);
  if (whole)
    return { r0: 0, c0: colIndex(whole[1]), rows: MAX_ROWS, cols: colIndex(whole[2]) - colIndex(whole[1]) + 1 };
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(a);
  if (!m) throw fakeError('InvalidArgument', `The address ${a} is not valid.`);
  const r0 = Number(m[2]) - 1;
  const c0 = colIndex(m[1]);
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  const c1 = m[3] ? colIndex(m[3]) : c0;
  return { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/** "1.10" > "1.9": requirement-set versions compare part by part. */
function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const ERROR_VALUES = [
  '#NAME?',
  '#VALUE!',
  '#DIV/0!',
  '#REF!',
  '#N/A',
  '#NUM!',
  '#NULL!',
  '#BUSY!',
  '#SPILL!',
  '#CALC!',
];

function fakeError(code: string, message: string): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.code = code;
  return e;
}

const isBlank = (v: FakeCell | undefined) => v === null || v === undefined || v === '';

let sheetIds = 0;
function ensureId(sheet: FakeSheetSpec): string {
  if (!sheet.id) sheet.id = `{sheet-${++sheetIds}}`;
  return sheet.id;
}

/** The user renames a sheet in Excel: its id and names stay. */
export function renameSheet(state: FakeState, from: string, to: string): void {
  const s = state.sheets.find((x) => x.name === from);
  if (!s) throw new Error(`no sheet ${from}`);
  s.name = to;
}

/** The user deletes a sheet: its cells, fills and names go with it. */
export function deleteSheet(state: FakeState, name: string): void {
  state.sheets = state.sheets.filter((x) => x.name !== name);
}

/** The user deletes a worksheet-scoped name (Name Manager). */
export function deleteName(state: FakeState, sheet: string, name: string): void {
  const s = state.sheets.find((x) => x.name === sheet);
  if (s?.names) delete s.names[name];
}

/**
 * The user inserts `count` rows above row `at` (1-based): values, fills and the cells names
 * refer to at or below it move down, as in Excel.
 */
export function insertRows(state: FakeState, sheet: string, at: number, count: number): void {
  const s = state.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  const shift = (address: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m) return address;
    const row = Number(m[2]);
    return row >= at ? `${m[1]}${row + count}` : address;
  };
  s.values.splice(at - 1, 0, ...Array.from({ length: count }, () => [] as FakeCell[]));
  if (s.fills) s.fills = Object.fromEntries(Object.entries(s.fills).map(([a, f]) => [shift(a), f]));
  if (s.formulas) s.formulas = Object.fromEntries(Object.entries(s.formulas).map(([a, f]) => [shift(a), f]));
  if (s.names) for (const n of Object.values(s.names)) n.address = shift(n.address);
}

export function installFakeOffice(g: Record<string, unknown>, spec: FakeSpec): FakeState {
  const state: FakeState = {
    sheets: spec.sheets,
    valueLoads: [],
    formulaLoads: [],
    formulaWrites: [],
    setsAsked: [],
    syncs: 0,
    names: {},
    settings: { ...(spec.settings ?? {}) },
    validations: [],
    numberFormats: [],
    associated: {},
  };
  for (const n of spec.names ?? []) state.names[n] = { formula: '=1' };
  for (const sheet of state.sheets) ensureId(sheet);
  let payloadLimitPending = Boolean(spec.payloadLimitOnce);
  const excelApi = spec.excelApi ?? '1.17';
  /** An API of ExcelApi `version` used on an Excel without it. */
  const need = (version: string, api: string) => {
    if (!versionAtLeast(excelApi, version))
      throw fakeError(
        'ApiNotFound',
        `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${api}, ExcelApi ${version})`,
      );
  };

  // getItem takes a name (any case) or an id.
  const sheetNamed = (key: string) =>
    state.sheets.find((s) => s.name.toLowerCase() === key.toLowerCase() || s.id === key);

  type Pending = { valuesLoaded: boolean; error?: Error };

  function makeRange(sheet: FakeSheetSpec, box: Box, pending: Pending) {
    const cellAddress = () => `${colLetters(box.c0)}${box.r0 + 1}`;
    const fillOf = () => (sheet.fills ?? {})[cellAddress()];
    const setPart = (part: Partial<FakeFill>) => {
      sheet.fills = sheet.fills ?? {};
      const a = cellAddress();
      sheet.fills[a] = { ...(sheet.fills[a] ?? { color: '#FFFFFF', pattern: 'None' }), ...part };
    };
    const fill = {
      load: (_props?: string) => undefined,
      get color(): string {
        return fillOf()?.color ?? '#FFFFFF';
      },
      // A new colour: no fill becomes a solid fill; a tint of the old (theme) colour no longer applies.
      set color(v: string) {
        sheet.fills = sheet.fills ?? {};
        for (let r = 0; r < Math.min(box.rows, 1000); r++) {
          for (let c = 0; c < box.cols; c++) {
            const a = `${colLetters(box.c0 + c)}${box.r0 + r + 1}`;
            const { tintAndShade: _dropped, ...was } = sheet.fills[a] ?? { color: '#FFFFFF', pattern: 'None' };
            sheet.fills[a] = {
              ...was,
              color: v.toUpperCase(),
              pattern: was.pattern === 'None' ? 'Solid' : was.pattern,
            };
          }
        }
      },
      get pattern(): string {
        need('1.9', 'RangeFill.pattern');
        return fillOf()?.pattern ?? 'None';
      },
      set pattern(v: string) {
        need('1.9', 'RangeFill.pattern');
        setPart({ pattern: v });
      },
      get patternColor(): string | null {
        need('1.9', 'RangeFill.patternColor');
        return fillOf()?.patternColor ?? null;
      },
      set patternColor(v: string) {
        need('1.9', 'RangeFill.patternColor');
        setPart({ patternColor: v.toUpperCase() });
      },
      get tintAndShade(): number | null {
        need('1.9', 'RangeFill.tintAndShade');
        return fillOf()?.tintAndShade ?? null;
      },
      set tintAndShade(v: number) {
        need('1.9', 'RangeFill.tintAndShade');
        setPart({ tintAndShade: v });
      },
      get patternTintAndShade(): number | null {
        need('1.9', 'RangeFill.patternTintAndShade');
        return fillOf()?.patternTintAndShade ?? null;
      },
      set patternTintAndShade(v: number) {
        need('1.9', 'RangeFill.patternTintAndShade');
        setPart({ patternTintAndShade: v });
      },
      clear: () => {
        if (sheet.fills) delete sheet.fills[cellAddress()];
      },
    };
    const dv: { rule?: unknown; errorAlert?: unknown } = {};
    const range = {
      isNullObject: false,
      /** For names.add: the sheet and top-left cell this range is. */
      __ref: { sheet, cell: cellAddress() },
      get address(): string {
        const q = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
        return box.rows === 1 && box.cols === 1
          ? `${q}!${cellAddress()}`
          : `${q}!${cellAddress()}:${colLetters(box.c0 + box.cols - 1)}${box.r0 + box.rows}`;
      },
      rowIndex: box.r0,
      columnIndex: box.c0,
      rowCount: box.rows,
      columnCount: box.cols,
      load(props?: string) {
        if (props && /\bformulas\b/.test(props)) state.formulaLoads.push(sheet.name);
        else if (props && /\bvalues\b/.test(props)) {
          state.valueLoads.push(sheet.name);
          pending.valuesLoaded = true;
        }
      },
      get values(): FakeCell[][] {
        const out: FakeCell[][] = [];
        for (let r = 0; r < box.rows; r++) {
          const row: FakeCell[] = [];
          for (let c = 0; c < box.cols; c++) {
            const a = `${colLetters(box.c0 + c)}${box.r0 + r + 1}`;
            const shown = sheet.shows && a in sheet.shows ? sheet.shows[a] : undefined;
            const v = shown !== undefined ? shown : sheet.values[box.r0 + r]?.[box.c0 + c];
            row.push(isBlank(v) ? '' : (v as FakeCell));
          }
          out.push(row);
        }
        return out;
      },
      // Like Excel: a formula cell gives its formula, any other cell its value.
      get formulas(): FakeCell[][] {
        const out: FakeCell[][] = [];
        for (let r = 0; r < box.rows; r++) {
          const row: FakeCell[] = [];
          for (let c = 0; c < box.cols; c++) {
            const a = `${colLetters(box.c0 + c)}${box.r0 + r + 1}`;
            const f = sheet.formulas?.[a];
            const v = sheet.values[box.r0 + r]?.[box.c0 + c];
            row.push(f !== undefined ? f : isBlank(v) ? '' : (v as FakeCell));
          }
          out.push(row);
        }
        return out;
      },
      /** Formula cells (ExcelApi 1.9), optionally only those showing an error: one area per cell. */
      getSpecialCellsOrNullObject(cellType: string, valueType?: string) {
        need('1.9', 'Range.getSpecialCellsOrNullObject');
        if (cellType !== 'Formulas')
          throw fakeError('InvalidArgument', `The fake knows only Formulas, not ${cellType}.`);
        const cells: Box[] = [];
        for (const a of Object.keys(sheet.formulas ?? {})) {
          const at = parseAddress(a);
          if (at.r0 < box.r0 || at.r0 >= box.r0 + box.rows || at.c0 < box.c0 || at.c0 >= box.c0 + box.cols) continue;
          const shown = sheet.shows?.[a];
          if (valueType === 'Errors' && !(typeof shown === 'string' && ERROR_VALUES.includes(shown))) continue;
          cells.push(at);
        }
        cells.sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0);
        const items = cells.map((b) => makeRange(sheet, b, pending));
        return {
          isNullObject: items.length === 0,
          load: (_p?: string) => undefined,
          get address(): string {
            return items.map((i) => i.address).join(',');
          },
          areas: {
            load: (props?: string) => {
              for (const i of items) i.load((props ?? '').replace(/items\//g, ''));
            },
            items,
          },
        };
      },
      set formulas(grid: FakeCell[][]) {
        if (sheet.protected) {
          pending.error = fakeError(
            'AccessDenied',
            'The cell or chart you’re trying to change is on a protected sheet. To make a change, unprotect the sheet.',
          );
          return;
        }
        state.formulaWrites.push({
          sheet: sheet.name,
          address: `${cellAddress()}${box.rows > 1 || box.cols > 1 ? `:${colLetters(box.c0 + box.cols - 1)}${box.r0 + box.rows}` : ''}`,
          formulas: grid.map((row) => [...row]),
        });
        if (grid.length !== box.rows || grid.some((row) => row.length !== box.cols))
          throw fakeError(
            'InvalidArgument',
            'The number of rows or columns in the input array doesn’t match the size or dimensions of the range.',
          );
        grid.forEach((row, r) => {
          while (sheet.values.length <= box.r0 + r) sheet.values.push([]);
          row.forEach((v, c) => {
            sheet.values[box.r0 + r][box.c0 + c] = v;
            const a = `${colLetters(box.c0 + c)}${box.r0 + r + 1}`;
            sheet.formulas = sheet.formulas ?? {};
            // Entered again, the formula is resolved again: Excel shows what it computes now.
            if (sheet.shows) delete sheet.shows[a];
            if (typeof v === 'string' && v.startsWith('=')) sheet.formulas[a] = v;
            else delete sheet.formulas[a];
          });
        });
      },
      // Like Excel: a string written to `values` is read as typed input. "=", "+", "-" (and
      // Lotus-style "@") start a formula; a leading apostrophe is the quote prefix, which keeps
      // the rest as text and is not part of the value.
      set values(grid: FakeCell[][]) {
        grid.forEach((row, r) => {
          while (sheet.values.length <= box.r0 + r) sheet.values.push([]);
          row.forEach((v, c) => {
            const a = `${colLetters(box.c0 + c)}${box.r0 + r + 1}`;
            sheet.formulas = sheet.formulas ?? {};
            delete sheet.formulas[a];
            if (typeof v === 'string' && v.startsWith("'")) v = v.slice(1);
            else if (typeof v === 'string' && /^[=+\-@]/.test(v)) sheet.formulas[a] = v;
            sheet.values[box.r0 + r][box.c0 + c] = v;
          });
        });
      },
      set numberFormat(grid: unknown[][]) {
        state.numberFormats.push({
          sheet: sheet.name,
          range: `${colLetters(box.c0)}${box.r0 + 1}`,
          rows: grid.length,
          cols: grid[0]?.length ?? 0,
          format: grid[0]?.[0],
        });
        if (grid.length !== box.rows || (grid[0]?.length ?? 0) !== box.cols)
          throw fakeError(
            'InvalidArgument',
            'The number of rows or columns in the input array doesn’t match the size or dimensions of the range.',
          );
      },
      format: {
        fill,
        font: { bold: false },
        columnWidth: 0,
      },
      get dataValidation() {
        need('1.8', 'Range.dataValidation');
        return dataValidation;
      },
      select() {
        state.selected = { sheet: sheet.name, address: cellAddress() };
      },
    };
    const dataValidation = {
      set rule(v: unknown) {
        dv.rule = v;
        state.validations.push({
          sheet: sheet.name,
          range: `${colLetters(box.c0)}${box.r0 + 1}:${colLetters(box.c0 + box.cols - 1)}${box.r0 + box.rows}`,
          rule: v,
          errorAlert: undefined,
        });
      },
      get rule(): unknown {
        return dv.rule;
      },
      set errorAlert(v: unknown) {
        dv.errorAlert = v;
        const last = state.validations[state.validations.length - 1];
        if (last) last.errorAlert = v;
      },
      get errorAlert(): unknown {
        return dv.errorAlert;
      },
    };
    return range;
  }

  function makeWorksheet(sheet: FakeSheetSpec, pending: Pending) {
    const nullObject = { isNullObject: true, load: (_p?: string) => undefined };
    const namedItem = (name: string) => ({
      isNullObject: false,
      name,
      load: (_p?: string) => undefined,
      get visible() {
        return sheet.names?.[name]?.visible ?? true;
      },
      set visible(v: boolean) {
        const n = sheet.names?.[name];
        if (n) n.visible = v;
      },
      // A name whose cell is gone (its sheet deleted) has no range.
      getRangeOrNullObject() {
        const n = sheet.names?.[name];
        return n && state.sheets.includes(sheet)
          ? makeRange(sheet, parseAddress(n.address), pending)
          : { ...nullObject, format: { fill: { load: (_p?: string) => undefined } } };
      },
      delete() {
        if (sheet.names) delete sheet.names[name];
      },
    });
    const names = {
      load: (_p?: string) => undefined,
      get items() {
        return Object.keys(sheet.names ?? {}).map(namedItem);
      },
      add(name: string, reference: { __ref?: { sheet: FakeSheetSpec; cell: string } }, comment?: string) {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name))
          throw fakeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        if (Object.keys(sheet.names ?? {}).some((n) => n.toUpperCase() === name.toUpperCase()))
          throw fakeError('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
        if (!reference.__ref || reference.__ref.sheet !== sheet)
          throw fakeError('InvalidArgument', 'The fake takes a Range of this worksheet.');
        sheet.names = sheet.names ?? {};
        sheet.names[name] = {
          address: reference.__ref.cell,
          visible: true,
          ...(comment !== undefined ? { comment } : {}),
        };
        return namedItem(name);
      },
      getItemOrNullObject(name: string) {
        const found = Object.keys(sheet.names ?? {}).find((n) => n.toUpperCase() === name.toUpperCase());
        return found
          ? namedItem(found)
          : {
              ...nullObject,
              getRangeOrNullObject: () => ({ ...nullObject, format: { fill: { load: (_p?: string) => undefined } } }),
            };
      },
    };
    return {
      isNullObject: false,
      get id() {
        return ensureId(sheet);
      },
      get names() {
        need('1.4', 'Worksheet.names');
        return names;
      },
      get name() {
        return sheet.name;
      },
      load: (_props?: string) => undefined,
      activate() {
        state.active = sheet.name;
      },
      getUsedRangeOrNullObject(_valuesOnly?: boolean) {
        need('1.4', 'Worksheet.getUsedRangeOrNullObject');
        let r0 = Infinity;
        let c0 = Infinity;
        let r1 = -1;
        let c1 = -1;
        sheet.values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (isBlank(v)) return;
            r0 = Math.min(r0, r);
            c0 = Math.min(c0, c);
            r1 = Math.max(r1, r);
            c1 = Math.max(c1, c);
          }),
        );
        if (r1 < 0) return { isNullObject: true, load: (_p?: string) => undefined };
        return makeRange(sheet, { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 }, pending);
      },
      getRange(address: string) {
        return makeRange(sheet, parseAddress(address), pending);
      },
      getRangeByIndexes(r: number, c: number, rows: number, cols: number) {
        need('1.7', 'Worksheet.getRangeByIndexes');
        return makeRange(sheet, { r0: r, c0: c, rows, cols }, pending);
      },
      get freezePanes() {
        need('1.7', 'Worksheet.freezePanes');
        return { freezeRows: (_n: number) => undefined };
      },
    };
  }

  function makeContext() {
    const pending: Pending = { valuesLoaded: false };
    const worksheets = {
      load: (_props?: string) => undefined,
      get items() {
        return state.sheets.map((s) => makeWorksheet(s, pending));
      },
      getItem(name: string) {
        const s = sheetNamed(name);
        if (!s) throw fakeError('ItemNotFound', `The requested resource doesn't exist.`);
        return makeWorksheet(s, pending);
      },
      getItemOrNullObject(name: string) {
        need('1.4', 'WorksheetCollection.getItemOrNullObject');
        const s = sheetNamed(name);
        return s ? makeWorksheet(s, pending) : { isNullObject: true, load: (_p?: string) => undefined };
      },
      add(name: string) {
        if (sheetNamed(name))
          throw fakeError('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
        const s: FakeSheetSpec = { name, values: [] };
        ensureId(s);
        state.sheets.push(s);
        return makeWorksheet(s, pending);
      },
    };
    const names = {
      load: (_props?: string) => undefined,
      get items() {
        return Object.keys(state.names).map((name) => ({ name }));
      },
      add(name: string, reference: string, comment?: string) {
        need('1.4', 'NamedItemCollection.add');
        if (spec.rejectLambda && reference.startsWith('=LAMBDA('))
          throw fakeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        if (Object.keys(state.names).some((n) => n.toUpperCase() === name.toUpperCase()))
          throw fakeError('ItemAlreadyExists', 'A resource with the same name or identifier already exists.');
        state.names[name] = { formula: reference, ...(comment !== undefined ? { comment } : {}) };
        return { name };
      },
    };
    return {
      workbook: { worksheets, names },
      async sync() {
        state.syncs++;
        if (pending.error) {
          const e = pending.error;
          pending.error = undefined;
          throw e;
        }
        if (pending.valuesLoaded && payloadLimitPending) {
          payloadLimitPending = false;
          pending.valuesLoaded = false;
          throw fakeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
        }
        pending.valuesLoaded = false;
      },
    };
  }

  const Excel = {
    async run<T>(batch: (context: ReturnType<typeof makeContext>) => Promise<T>): Promise<T> {
      if (spec.failRun) throw fakeError('GeneralException', spec.failRun);
      return batch(makeContext());
    },
  };

  const settings = {
    get: (k: string) => (k in state.settings ? state.settings[k] : null),
    set: (k: string, v: unknown) => {
      state.settings[k] = JSON.parse(JSON.stringify(v));
    },
    remove: (k: string) => {
      delete state.settings[k];
    },
    saveAsync: (cb?: (r: { status: string }) => void) => {
      setTimeout(() => cb?.({ status: 'succeeded' }), 0);
    },
  };

  const Office = {
    HostType: { Excel: 'Excel' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    context: {
      document: { settings },
      requirements: {
        isSetSupported(name: string, version?: string) {
          state.setsAsked.push(`${name} ${version ?? ''}`.trim());
          return name === 'ExcelApi' && versionAtLeast(excelApi, version ?? '1.1');
        },
      },
    },
    onReady(cb?: (info: { host: string; platform: string }) => void) {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      return Promise.resolve().then(() => {
        cb?.(info);
        return info;
      });
    },
  };

  class CustomFunctionsError {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  const CustomFunctions = {
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
    },
    Error: CustomFunctionsError,
    associate(id: string, fn: (...args: unknown[]) => unknown) {
      state.associated[id] = fn;
    },
  };

  g.Excel = Excel;
  g.Office = Office;
  g.CustomFunctions = CustomFunctions;
  return state;
}
