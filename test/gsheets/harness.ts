/**
 * An Apps Script emulation for gsheets/dist/Code.js. Each `execute()` is one simulated
 * execution, as Sheets runs one per formula cell, menu click or google.script.run call: a
 * FRESH vm context holding only what Apps Script provides (the services in
 * fake-spreadsheet.ts, over a spreadsheet that outlives executions), Code.js evaluated at its
 * top level, then one function called.
 *
 * Arguments are marshalled the way Sheets passes them to a custom function: one cell as a
 * scalar, a range as a 2-D array of that realm, "" for a blank, Dates built inside the context.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { appsScriptServices, FakeSpreadsheet } from './fake-spreadsheet';

export const DIST = path.join(__dirname, '..', '..', 'gsheets', 'dist');
export const CODE_JS = path.join(DIST, 'Code.js');

let code: { text: string; script: vm.Script } | undefined;
/** Code.js as built (by `npm run build:gsheets`, which `npm test` runs before jest). */
export function codeJs(): { text: string; script: vm.Script } {
  if (!code) {
    if (!fs.existsSync(CODE_JS)) throw new Error(`${CODE_JS} is missing: run npm run build:gsheets first.`);
    const text = fs.readFileSync(CODE_JS, 'utf8');
    code = { text, script: new vm.Script(text, { filename: 'Code.js' }) };
  }
  return code;
}

/** A date the user typed, as a calendar day (Sheets hands the function a Date of its realm). */
export class DateCell {
  constructor(readonly iso: string) {}
}
/** A cell as a test writes it: null/undefined for a blank. */
export type TestCell = number | string | boolean | DateCell | null | undefined;
/** An argument: one cell, a range (rows of cells), or `OMIT` for an argument not written. */
export type TestArg = TestCell | readonly (readonly TestCell[])[] | typeof OMIT;
export const OMIT = Symbol('omitted argument');

export interface Execution {
  readonly context: vm.Context;
  readonly logs: string[];
  /** The global a top-level declaration made, or undefined. */
  global(name: string): unknown;
  /** Call a top-level function with values already in this realm. */
  call(name: string, ...args: unknown[]): unknown;
  /** Call a custom function with arguments marshalled as Sheets does. */
  callCustom(name: string, args: readonly TestArg[]): unknown;
  /** One argument marshalled as Sheets does. */
  marshal(a: TestArg): unknown;
  /** The context's own Error constructor (a thrown Error must be one). */
  readonly Error: ErrorConstructor;
  /** Milliseconds the top-level evaluation of Code.js took. */
  readonly loadMs: number;
}

export function execute(book: FakeSpreadsheet = new FakeSpreadsheet()): Execution {
  const logs: string[] = [];
  const context = vm.createContext({});
  // Constructors of the execution's realm: what Code.js receives must be its own Arrays and Dates.
  const newDate = vm.runInContext('(ms) => new Date(ms)', context) as (ms: number) => Date;
  const arrayFrom = vm.runInContext('(xs) => Array.from(xs)', context) as <T>(xs: readonly T[]) => T[];
  const realm = { newDate, newArray: <T>(items: readonly T[]): T[] => arrayFrom(items) };
  Object.assign(context, appsScriptServices(book, realm, logs));
  const t0 = process.hrtime.bigint();
  codeJs().script.runInContext(context);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const marshalCell = (v: TestCell): unknown => {
    if (v === null || v === undefined) return '';
    if (v instanceof DateCell) {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.iso);
      if (!m) throw new Error(`bad test date ${v.iso}`);
      return vm.runInContext(`new Date(${Number(m[1])}, ${Number(m[2]) - 1}, ${Number(m[3])})`, context);
    }
    return v;
  };
  const marshal = (a: TestArg): unknown => {
    if (a === OMIT) return undefined;
    if (Array.isArray(a))
      return realm.newArray((a as readonly (readonly TestCell[])[]).map((row) => realm.newArray(row.map(marshalCell))));
    return marshalCell(a as TestCell);
  };
  const global = (name: string) => (context as Record<string, unknown>)[name];
  const call = (name: string, ...args: unknown[]) => {
    const f = global(name);
    if (typeof f !== 'function') throw new Error(`Code.js has no top-level function ${name}`);
    return (f as (...a: unknown[]) => unknown)(...args);
  };
  return {
    context,
    logs,
    global,
    call,
    marshal,
    callCustom: (name, args) => {
      // Sheets passes the arguments written; an omitted trailing argument is simply absent.
      let n = args.length;
      while (n > 0 && args[n - 1] === OMIT) n--;
      return call(name, ...args.slice(0, n).map(marshal));
    },
    Error: vm.runInContext('Error', context) as ErrorConstructor,
    loadMs,
  };
}

/**
 * A google.script.run call as the wire carries it: arguments and result go through JSON-like
 * serialisation (no Dates, no functions, no undefined), in a fresh execution.
 */
export function scriptRun(book: FakeSpreadsheet, name: string, args: readonly unknown[]): unknown {
  const exec = execute(book);
  const inArgs = (vm.runInContext('JSON.parse', exec.context) as (s: string) => unknown[])(JSON.stringify(args));
  const result = exec.call(name, ...inArgs);
  assertWireSafe(result, name);
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

/** google.script.run rejects a Date or a function in what a server function returns. */
function assertWireSafe(v: unknown, where: string): void {
  const tag = Object.prototype.toString.call(v);
  if (tag === '[object Date]' || typeof v === 'function')
    throw new Error(`${where} returned a ${tag}, which google.script.run cannot carry.`);
  if (Array.isArray(v)) v.forEach((x, i) => assertWireSafe(x, `${where}[${i}]`));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) assertWireSafe(x, `${where}.${k}`);
}

/** One google.script.run reply, as the sidebar received it: which function, and its JSON size. */
export interface Reply {
  readonly name: string;
  readonly bytes: number;
}

/**
 * google.script.run for the sidebar's host (gsheets/src/sidebar/host.ts ServerCall): each call
 * is a fresh execution of Code.js over `book` (scriptRun), and each reply's size — UTF-8 bytes
 * of its JSON, what crosses the wire — is recorded in `replies`.
 */
export function recordingCall(book: FakeSpreadsheet, replies: Reply[]) {
  return async (name: string, ...args: unknown[]): Promise<never> => {
    const result = scriptRun(book, name, args);
    replies.push({ name, bytes: Buffer.byteLength(JSON.stringify(result) ?? 'null', 'utf8') });
    return result as never;
  };
}
