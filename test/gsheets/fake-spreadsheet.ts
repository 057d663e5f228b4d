/**
 * A spreadsheet held in 2-D arrays, and the Apps Script services over it that Code.js uses
 * (SpreadsheetApp, HtmlService, PropertiesService, ScriptApp, Utilities, Logger) — each method behaving
 * as Apps Script documents it, and nothing more: a method Code.js calls that is missing here
 * is a TypeError in the test, not a silent pass.
 *
 * The spreadsheet outlives executions (like the real file); the services are built per
 * execution by harness.ts, so that Dates come from that execution's realm.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A date as the spreadsheet stores it: local wall-clock fields, no realm. */
export class StoredDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}
}
export type StoredValue = number | string | boolean | StoredDate;

export interface StoredValidation {
  readonly range: string;
  readonly kind: 'list' | 'range';
  readonly list?: readonly string[];
  readonly listRange?: string;
  readonly allowInvalid: boolean;
}

/** Apps Script's reported "no fill". */
export const NO_FILL = '#ffffff';

export class FakeSheet {
  values: StoredValue[][] = [];
  formulas = new Map<string, string>();
  notes = new Map<string, string>();
  backgrounds = new Map<string, string>();
  numberFormats: { range: string; format: string }[] = [];
  validations: StoredValidation[] = [];
  columnWidths = new Map<number, number>();
  boldRows = new Set<number>();
  frozenRows = 0;
  maxRows = 1000;
  maxColumns = 26;
  /** getValues() calls over this sheet, for "one read per table". */
  reads = 0;
  constructor(
    readonly id: number,
    public name: string,
  ) {}

  get(row: number, col: number): StoredValue {
    return this.values[row - 1]?.[col - 1] ?? '';
  }
  set(row: number, col: number, v: StoredValue): void {
    if (row > this.maxRows || col > this.maxColumns)
      throw new Error(
        `Exception: Range ${this.name}!R${row}C${col} is outside the sheet (${this.maxRows} × ${this.maxColumns}).`,
      );
    while (this.values.length < row) this.values.push([]);
    const r = this.values[row - 1];
    while (r.length < col) r.push('');
    r[col - 1] = v;
  }
  lastRow(): number {
    for (let r = this.values.length; r >= 1; r--) if (this.values[r - 1].some((v) => v !== '')) return r;
    return 0;
  }
  lastColumn(): number {
    let c = 0;
    for (const row of this.values) for (let i = row.length; i > c; i--) if (row[i - 1] !== '') c = i;
    return c;
  }
}

/** The file: sheets, document properties, the selection, the sidebar shown. */
export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  properties = new Map<string, string>();
  active: string | undefined;
  menus: { title: string; addon: boolean; items: { caption: string; fn: string }[] }[] = [];
  /**
   * How the script came to run for this user (ScriptApp.getInstallationSource): NONE for a
   * script bound to the file, else the add-on's install.
   */
  installationSource: 'NONE' | 'WEB_STORE_ADD_ON' | 'APPS_MARKETPLACE_DOMAIN_ADD_ON' = 'NONE';
  /**
   * The authorization mode of the execution a test is playing. In NONE (an add-on installed for
   * the user, not yet used in this file) Apps Script allows building the add-on menu, Logger
   * and Utilities; the spreadsheet, properties and ScriptApp throw, as Google's add-on
   * authorization lifecycle describes.
   */
  authMode: 'NONE' | 'LIMITED' | 'FULL' = 'FULL';
  sidebars: { title: string; content: string }[] = [];
  private nextId = 100;
  constructor(
    readonly name = 'Acme 2025 R&D study',
    readonly timeZone = 'America/New_York',
  ) {}

  addSheet(name: string, rows: readonly (readonly (StoredValue | null | undefined)[])[] = []): FakeSheet {
    const s = new FakeSheet(this.nextId++, name);
    s.maxRows = Math.max(1000, rows.length);
    s.maxColumns = Math.max(26, ...rows.map((r) => r.length));
    rows.forEach((r, i) => r.forEach((v, j) => s.set(i + 1, j + 1, v === null || v === undefined ? '' : v)));
    this.sheets.push(s);
    return s;
  }
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  /** Everything a user could see, as JSON: to prove an action changed nothing. */
  snapshot(): string {
    return JSON.stringify({
      sheets: this.sheets.map((s) => ({
        name: s.name,
        values: s.values,
        formulas: [...s.formulas],
        notes: [...s.notes],
        backgrounds: [...s.backgrounds],
        numberFormats: s.numberFormats,
        validations: s.validations,
        widths: [...s.columnWidths],
        bold: [...s.boldRows],
        frozen: s.frozenRows,
        size: [s.maxRows, s.maxColumns],
      })),
      properties: [...this.properties],
    });
  }
}

// ---------- A1 ----------

export function columnNumber(letters: string): number {
  let c = 0;
  for (const ch of letters.toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c;
}
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

interface Box {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

/** "B2:B1000", "C2", "$A$2:$A$200" (whole-column forms are not used by Code.js). */
function parseBox(ref: string): Box {
  const parts = ref.split(':').map((p) => /^\$?([A-Za-z]{1,3})\$?([0-9]+)$/.exec(p.trim()));
  if (parts.length < 1 || parts.length > 2 || parts.some((m) => !m))
    throw new Error(`Exception: Range not found: ${ref}`);
  const [m1, m2 = m1] = parts as RegExpExecArray[];
  const r1 = Number(m1[2]);
  const r2 = Number(m2[2]);
  const c1 = columnNumber(m1[1]);
  const c2 = columnNumber(m2[1]);
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/** "Sheet!A1:B2" or "'Prior Years'!B3" → sheet name and box. */
function splitSheet(ref: string): { sheet: string; box: string } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref.trim());
  if (!m) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], box: m[3] };
}

// ---------- the services of one execution ----------

/** What an execution's realm provides for building values (harness.ts passes vm's). */
export interface Realm {
  newDate(ms: number): Date;
  newArray<T>(items: readonly T[]): T[];
}

function isRealmDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function appsScriptServices(book: FakeSpreadsheet, realm: Realm, logs: string[]) {
  const grid = <T>(rows: T[][]): T[][] => realm.newArray(rows.map((r) => realm.newArray(r)));

  const toStored = (v: unknown): StoredValue => {
    if (v === null || v === undefined) return '';
    if (isRealmDate(v)) {
      const [y, m, d] = formatDate(v, book.timeZone, 'yyyy-MM-dd').split('-').map(Number);
      return new StoredDate(y, m, d);
    }
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    throw new Error(
      `Exception: The parameters (${Object.prototype.toString.call(v)}) don't match the method signature for Range.setValues.`,
    );
  };
  // Like Sheets: a date cell reads as the instant of its midnight in the spreadsheet's time zone.
  const toScript = (v: StoredValue): unknown =>
    v instanceof StoredDate ? realm.newDate(zonedMidnight(v, book.timeZone)) : v;

  function range(sheet: FakeSheet, box: Box) {
    const cells = <T>(f: (row: number, col: number) => T): T[][] =>
      grid(
        Array.from({ length: box.rows }, (_, i) =>
          Array.from({ length: box.cols }, (_, j) => f(box.row + i, box.col + j)),
        ),
      );
    const each = (f: (row: number, col: number) => void) => {
      for (let i = 0; i < box.rows; i++) for (let j = 0; j < box.cols; j++) f(box.row + i, box.col + j);
    };
    const self = {
      getA1Notation: () =>
        box.rows * box.cols === 1
          ? a1(box.row, box.col)
          : `${a1(box.row, box.col)}:${a1(box.row + box.rows - 1, box.col + box.cols - 1)}`,
      getSheet: () => sheetApi(sheet),
      getRow: () => box.row,
      getColumn: () => box.col,
      getNumRows: () => box.rows,
      getNumColumns: () => box.cols,
      getValues: () => {
        sheet.reads++;
        return cells((r, c) => toScript(sheet.get(r, c)));
      },
      setValues: (values: unknown[][]) => {
        if (
          !Array.isArray(values) ||
          values.length !== box.rows ||
          values.some((r) => !Array.isArray(r) || r.length !== box.cols)
        ) {
          throw new Error(
            `Exception: The number of rows or columns in the data does not match the range (${box.rows} × ${box.cols}).`,
          );
        }
        each((r, c) => {
          let v = toStored(values[r - box.row][c - box.col]);
          // Like Sheets: a value is read as typed. A leading apostrophe is the quote prefix (the
          // rest is text; the apostrophe is not part of the value); "=" starts a formula — and,
          // stricter than needed, so is "+", "-" or "@" before anything but a number.
          if (typeof v === 'string' && v.startsWith("'")) {
            v = v.slice(1);
            sheet.formulas.delete(a1(r, c));
          } else if (typeof v === 'string' && (v.startsWith('=') || /^[+\-@](?![0-9.]+$)/.test(v)))
            sheet.formulas.set(a1(r, c), v);
          else sheet.formulas.delete(a1(r, c));
          sheet.set(r, c, v);
        });
        return self;
      },
      // The top-left cell, as Apps Script's getValue / getFormula ('' for a cell without one).
      getValue: () => {
        sheet.reads++;
        return toScript(sheet.get(box.row, box.col));
      },
      getFormula: () => sheet.formulas.get(a1(box.row, box.col)) ?? '',
      getFormulas: () => cells((r, c) => sheet.formulas.get(a1(r, c)) ?? ''),
      // Every cell of the range, read as typed (as setValues reads it).
      setValue: (v: unknown) =>
        self.setValues(Array.from({ length: box.rows }, () => Array.from({ length: box.cols }, () => v))),
      setFormula: (f: string) => {
        each((r, c) => {
          sheet.formulas.set(a1(r, c), String(f));
          sheet.set(r, c, '');
        });
        return self;
      },
      getNotes: () => cells((r, c) => sheet.notes.get(a1(r, c)) ?? ''),
      getNote: () => sheet.notes.get(a1(box.row, box.col)) ?? '',
      setNote: (note: string | null) => {
        each((r, c) =>
          note === null || note === '' ? sheet.notes.delete(a1(r, c)) : sheet.notes.set(a1(r, c), String(note)),
        );
        return self;
      },
      getBackgrounds: () => cells((r, c) => sheet.backgrounds.get(a1(r, c)) ?? NO_FILL),
      getBackground: () => sheet.backgrounds.get(a1(box.row, box.col)) ?? NO_FILL,
      setBackground: (colour: string | null) => {
        each((r, c) =>
          colour === null
            ? sheet.backgrounds.delete(a1(r, c))
            : sheet.backgrounds.set(a1(r, c), String(colour).toLowerCase()),
        );
        return self;
      },
      setNumberFormat: (format: string) => {
        sheet.numberFormats.push({ range: self.getA1Notation(), format });
        return self;
      },
      setFontWeight: (w: string) => {
        if (w === 'bold') each((r) => sheet.boldRows.add(r));
        return self;
      },
      setDataValidation: (rule: {
        kind: 'list' | 'range';
        list?: string[];
        listRange?: string;
        allowInvalid: boolean;
      }) => {
        sheet.validations.push({ range: self.getA1Notation(), ...rule });
        return self;
      },
      activate: () => {
        book.active = `${sheet.name}!${self.getA1Notation()}`;
        return self;
      },
    };
    return self;
  }

  function sheetApi(sheet: FakeSheet) {
    const api = {
      getName: () => sheet.name,
      getSheetId: () => sheet.id,
      getLastRow: () => sheet.lastRow(),
      getLastColumn: () => sheet.lastColumn(),
      getMaxRows: () => sheet.maxRows,
      getMaxColumns: () => sheet.maxColumns,
      // Like Sheets: an empty sheet's data range is A1.
      getDataRange: () =>
        range(sheet, { row: 1, col: 1, rows: Math.max(1, sheet.lastRow()), cols: Math.max(1, sheet.lastColumn()) }),
      getRange: (a: number | string, col?: number, rows = 1, cols = 1) => {
        if (typeof a === 'string') return range(sheet, parseBox(a));
        if (!(a >= 1) || !(col! >= 1) || !(rows >= 1) || !(cols >= 1))
          throw new Error(`Exception: invalid range (${a}, ${col}, ${rows}, ${cols}).`);
        return range(sheet, { row: a, col: col!, rows, cols });
      },
      getRangeList: (refs: string[]) => {
        const ranges = refs.map((r) => range(sheet, parseBox(r)));
        const list = {
          setBackground: (c: string | null) => {
            ranges.forEach((r) => r.setBackground(c));
            return list;
          },
        };
        return list;
      },
      insertRowsAfter: (after: number, n: number) => {
        sheet.maxRows += n;
        return api;
      },
      insertColumnsAfter: (after: number, n: number) => {
        sheet.maxColumns += n;
        return api;
      },
      setFrozenRows: (n: number) => {
        sheet.frozenRows = n;
      },
      setColumnWidth: (col: number, px: number) => {
        sheet.columnWidths.set(col, px);
        return api;
      },
      activate: () => {
        book.active = `${sheet.name}!A1`;
        return api;
      },
    };
    return api;
  }

  const spreadsheet = {
    getName: () => book.name,
    getSpreadsheetTimeZone: () => book.timeZone,
    getSheets: () => realm.newArray(book.sheets.map(sheetApi)),
    getNumSheets: () => book.sheets.length,
    getSheetByName: (name: string) => {
      const s = book.sheets.find((x) => x.name === name);
      return s ? sheetApi(s) : null;
    },
    getRange: (ref: string) => {
      const parts = splitSheet(String(ref));
      const sheet = parts && book.sheets.find((x) => x.name === parts.sheet);
      if (!parts || !sheet) throw new Error(`Exception: Range not found: ${ref}`);
      return range(sheet, parseBox(parts.box));
    },
    insertSheet: (name: string, index?: number) => {
      // Sheets refuses a name that differs from an existing one only in case.
      if (book.sheets.some((s) => s.name.toLowerCase() === String(name).toLowerCase())) {
        throw new Error(`Exception: A sheet with the name "${name}" already exists. Please enter another name.`);
      }
      const s = book.addSheet(String(name));
      if (index !== undefined) {
        book.sheets.pop();
        book.sheets.splice(index, 0, s);
      }
      return sheetApi(s);
    },
  };

  const menu = (title: string, addon: boolean) => {
    const entry = { title, addon, items: [] as { caption: string; fn: string }[] };
    const m = {
      addItem: (caption: string, fn: string) => {
        entry.items.push({ caption, fn });
        return m;
      },
      addSeparator: () => m,
      addToUi: () => {
        book.menus.push(entry);
      },
    };
    return m;
  };

  const validationBuilder = () => {
    const rule: { kind?: 'list' | 'range'; list?: string[]; listRange?: string; allowInvalid: boolean } = {
      allowInvalid: true,
    };
    const b = {
      requireValueInList: (list: string[], showDropdown?: boolean) => {
        if (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))
          throw new Error('Exception: requireValueInList takes a list of texts.');
        rule.kind = 'list';
        rule.list = [...list];
        void showDropdown;
        return b;
      },
      requireValueInRange: (r: { getSheet(): { getName(): string }; getA1Notation(): string }) => {
        rule.kind = 'range';
        rule.listRange = `${r.getSheet().getName()}!${r.getA1Notation()}`;
        return b;
      },
      setAllowInvalid: (allow: boolean) => {
        rule.allowInvalid = allow;
        return b;
      },
      build: () => {
        if (!rule.kind) throw new Error('Exception: a data validation rule needs a criterion.');
        return { ...rule };
      },
    };
    return b;
  };

  const htmlOutput = (content: string) => {
    let title = '';
    const o = {
      setTitle: (t: string) => {
        title = t;
        return o;
      },
      getTitle: () => title,
      getContent: () => content,
      setContent: (c: string) => {
        content = c;
        return o;
      },
      setWidth: () => o,
    };
    return o;
  };

  // Apps Script's limits on a property store: 9 kB a value, 500 kB in all.
  const checkProperty = (key: string, value: string) => {
    if (Buffer.byteLength(key) + Buffer.byteLength(value) > 9 * 1024)
      throw new Error(`Exception: Argument too large: value (${key})`);
  };
  const checkTotal = () => {
    let total = 0;
    for (const [k, v] of book.properties) total += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (total > 500 * 1024) throw new Error('Exception: You have exceeded the property storage quota.');
  };
  const documentProperties = {
    getProperty: (k: string) => book.properties.get(k) ?? null,
    setProperty: (k: string, v: string) => {
      checkProperty(k, String(v));
      book.properties.set(k, String(v));
      checkTotal();
      return documentProperties;
    },
    setProperties: (o: Record<string, string>) => {
      for (const [k, v] of Object.entries(o)) checkProperty(k, String(v));
      for (const [k, v] of Object.entries(o)) book.properties.set(k, String(v));
      checkTotal();
      return documentProperties;
    },
    deleteProperty: (k: string) => {
      book.properties.delete(k);
      return documentProperties;
    },
    getKeys: () => realm.newArray([...book.properties.keys()]),
  };

  const dist = path.join(__dirname, '..', '..', 'gsheets', 'dist');
  /** What AuthMode.NONE does not allow. */
  const authorised = <T>(what: string, value: () => T): T => {
    if (book.authMode === 'NONE')
      throw new Error(`Exception: You do not have permission to call ${what}. (AuthMode.NONE)`);
    return value();
  };
  return {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => authorised('SpreadsheetApp.getActiveSpreadsheet', () => spreadsheet),
      getActive: () => authorised('SpreadsheetApp.getActive', () => spreadsheet),
      getUi: () => ({
        createMenu: (title: string) => menu(title, false),
        createAddonMenu: () => menu('(add-on)', true),
        showSidebar: (o: ReturnType<typeof htmlOutput>) => {
          book.sidebars.push({ title: o.getTitle(), content: o.getContent() });
        },
      }),
      newDataValidation: validationBuilder,
    },
    HtmlService: {
      createHtmlOutputFromFile: (name: string) => {
        const file = path.join(dist, `${name}.html`);
        if (!fs.existsSync(file)) throw new Error(`Exception: No HTML file named ${name} was found.`);
        return htmlOutput(fs.readFileSync(file, 'utf8'));
      },
    },
    PropertiesService: {
      getDocumentProperties: () => authorised('PropertiesService.getDocumentProperties', () => documentProperties),
    },
    ScriptApp: {
      AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', FULL: 'FULL' },
      InstallationSource: {
        NONE: 'NONE',
        WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON',
        APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON',
      },
      getInstallationSource: () => authorised('ScriptApp.getInstallationSource', () => book.installationSource),
    },
    Utilities: {
      formatDate: (d: Date, timeZone: string, pattern: string) => formatDate(d, timeZone, pattern),
    },
    Logger: {
      log: (...a: unknown[]) => {
        logs.push(a.map(String).join(' '));
      },
    },
  };
}

/** The instant (ms) at which `d` begins in `timeZone`. */
export function zonedMidnight(d: StoredDate, timeZone: string): number {
  const utc = Date.UTC(d.year, d.month - 1, d.day);
  let ms = utc;
  for (let i = 0; i < 3; i++) {
    const [y, mo, da, h, mi, se] = formatDate(new Date(ms), timeZone, 'yyyy MM dd HH mm ss').split(' ').map(Number);
    const shownAsUtc = Date.UTC(y, mo - 1, da, h, mi, se);
    ms += utc - shownAsUtc;
  }
  return ms;
}

/** Utilities.formatDate for the SimpleDateFormat letters Code.js uses (y M d H m s, 'quoted'). */
export function formatDate(d: Date, timeZone: string, pattern: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(d.getTime()))
      .map((p) => [p.type, p.value]),
  );
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss/g, (t, lit: string | undefined) => {
    if (lit !== undefined) return lit;
    return (
      { yyyy: parts.year, MM: parts.month, dd: parts.day, HH: parts.hour, mm: parts.minute, ss: parts.second }[
        t as 'yyyy'
      ] ?? t
    );
  });
}
