/**
 * Importing a firm template: JSON text → a checked `FirmTemplate`, or every problem found,
 * each located by its path in the file ("roles[2].low: 80 is not a fraction between 0 and 1
 * (80% is 0.8)"). Hand-written so that core needs no schema library; it checks everything
 * templates/firm-template.schema.json says, and what a schema cannot: low ≤ high, duplicates,
 * the columns the study reader requires, and that formulas stay inside their vocabulary
 * (formula.ts). A template is a file from outside: every string is bounded, NFC-normalised and
 * free of invisible characters, no text field starts like a formula, and a key given twice in
 * one object is an error (JSON.parse would silently keep the last).
 */
import { PROFILE_IDS, type ProfileId } from '../law/roles';
import { TAX_YEAR_MAX, TAX_YEAR_MIN } from '../law/types';
import { headerKey } from '../study/schema';
import { closestWord, formulaProblems } from './formula';
import {
  plainTextProblem,
  TEMPLATE_COUNT_LIMITS as COUNT,
  TEMPLATE_MAX_CHARS,
  TEMPLATE_MAX_DEPTH,
  TEMPLATE_TEXT_LIMITS as MAX,
  textProblem,
} from './text';
import { ENVIRONMENT_WORDS, GENERATED_SHEETS, headerMatches, studyTableOf } from './layout';
import { KNOWN_RULE_IDS, SEVERITY_OVERRIDES, TEMPLATE_ID_PATTERN } from './schema';
import { compareTemplateVersions } from './versions';
import {
  CHANGELOG_LINE_MAX,
  COLUMN_FORMATS,
  LIST_NAMES,
  type ColumnFormat,
  type FirmTemplate,
  type ListName,
  type SeverityOverride,
  type SummaryLine,
  type TemplateColumn,
  type TemplateLists,
  type TemplateParseResult,
  type TemplateRename,
  type TemplateRole,
  type TemplateSheet,
} from './types';

/** Excel refuses a literal drop-down list longer than this (comma-joined). */
export const EXCEL_LIST_MAX_CHARS = 255;

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** How a JSON value reads in a message. */
function show(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
function kindOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'true/false';
  return 'an object';
}
/** "a", "b" or "c" */
function quoteList(xs: readonly string[]): string {
  const q = xs.map((x) => `"${x}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** "not JSON: …" with a line and column, whatever the engine's wording of the position. */
function jsonSyntaxError(text: string, e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const pos = /at position (\d+)/.exec(raw);
  const lc = /\(?line (\d+) column (\d+)\)?/.exec(raw);
  const what = raw
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s*in JSON at position \d+/, '')
    .replace(/^JSON\.parse:\s*/, '')
    .trim();
  if (lc) return `not JSON: ${what} at line ${lc[1]}, column ${lc[2]}`;
  if (pos) {
    const { line, column } = lineColumn(text, Number(pos[1]));
    return `not JSON: ${what} at line ${line}, column ${column}`;
  }
  return `not JSON: ${what}`;
}

export function parseTemplate(text: string): TemplateParseResult {
  if (text.length > TEMPLATE_MAX_CHARS) {
    return {
      ok: false,
      errors: [
        `the file is ${text.length.toLocaleString('en-US')} characters long, far larger than a firm template (at most ${TEMPLATE_MAX_CHARS.toLocaleString('en-US')}); pick the template's .json file`,
      ],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, errors: ['not JSON: the file is empty'] };
  let value: Json;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, errors: [jsonSyntaxError(body, e)] };
  }
  const structure = jsonStructureProblems(body);
  if (structure.length > 0) return { ok: false, errors: structure };
  return validateTemplate(value);
}

/** `roles[2].role`, `severityOverrides["wages/role-range"]`: a key's path as messages write it. */
function keyPath(parent: string, key: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

const MAX_REPORTED = 20;

/**
 * Keys given twice in one object, and nesting deeper than a template needs, found on the raw
 * text (already known to be JSON) in one pass with an explicit stack.
 */
function jsonStructureProblems(text: string): string[] {
  type Frame =
    | { readonly kind: 'object'; readonly path: string; readonly keys: Set<string>; key: string }
    | { readonly kind: 'array'; readonly path: string; index: number };
  const errors: string[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.kind === 'array' ? `${top.path}[${top.index}]` : keyPath(top.path, top.key);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key) && errors.length < MAX_REPORTED)
          errors.push(
            `${keyPath(top.path, key)}: is given twice in the same object (JSON keeps only the last, silently); keep one`,
          );
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === '{' || c === '[') {
      const path = valuePath();
      if (stack.length >= TEMPLATE_MAX_DEPTH)
        return [
          `${path || 'the template'}: is nested more than ${TEMPLATE_MAX_DEPTH} levels deep; a firm template needs 5`,
        ];
      stack.push(c === '{' ? { kind: 'object', path, keys: new Set(), key: '' } : { kind: 'array', path, index: 0 });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else if (top) expectKey = true;
    }
  }
  return errors;
}

/**
 * Every string (and key) checked for what no template text may hold, and NFC-normalised, so
 * that "é" typed two ways is one role and one header.
 */
function normaliseStrings(v: Json, path: string, depth: number, err: Err): Json {
  if (depth > TEMPLATE_MAX_DEPTH) {
    err(path || 'the template', `is nested more than ${TEMPLATE_MAX_DEPTH} levels deep; a firm template needs 5`);
    return v;
  }
  if (typeof v === 'string') {
    const problem = textProblem(v);
    if (problem) err(path || 'the template', problem);
    return v.normalize('NFC');
  }
  if (Array.isArray(v)) return v.map((x, i) => normaliseStrings(x, `${path}[${i}]`, depth + 1, err));
  if (isObject(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const p = keyPath(path, k);
      const problem = textProblem(k, MAX.name);
      if (problem) err(p, `the name of this field ${problem}`);
      // defineProperty, not assignment: a "__proto__" key stays a field (reported as unknown),
      // never a prototype swapped in.
      Object.defineProperty(out, k.normalize('NFC'), {
        value: normaliseStrings(x, p, depth + 1, err),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return v;
}

/** Check an already-parsed JSON value. */
export function validateTemplate(raw: Json): TemplateParseResult {
  const errors: string[] = [];
  const err = (path: string, message: string) => errors.push(`${path}: ${message}`);
  const value = normaliseStrings(raw, '', 0, err);
  if (errors.length > 0) return { ok: false, errors };

  if (!isObject(value)) {
    return { ok: false, errors: [`the template must be a JSON object ({ "id": …, "name": … }), not ${kindOf(value)}`] };
  }
  const known = [
    '$schema',
    'id',
    'name',
    'version',
    'firm',
    'profile',
    'taxYear',
    'roles',
    'lists',
    'sheets',
    'summary',
    'form6765',
    'severityOverrides',
    'renames',
    'changelog',
  ];
  for (const k of Object.keys(value)) {
    if (!known.includes(k)) err(k, `unknown field; a template has ${known.filter((f) => f !== '$schema').join(', ')}`);
  }
  const missing = (path: string, what: string) => err(path, `missing; add ${what}`);

  // Plain text fields.
  const text = (path: string, v: Json, what: string, limit: number): string | undefined => {
    if (v === undefined) return (missing(path, what), undefined);
    if (typeof v !== 'string')
      return (err(path, `${show(v)} is ${kindOf(v)}; write ${what} in double quotes`), undefined);
    if (v.trim() === '') return (err(path, `is blank; write ${what}`), undefined);
    const problem = plainTextProblem(v, limit);
    if (problem) return (err(path, problem), undefined);
    return v;
  };

  let id: string | undefined;
  if (value.id === undefined) missing('id', 'a short identifier such as "acme-software"');
  else if (typeof value.id !== 'string' || !new RegExp(TEMPLATE_ID_PATTERN).test(value.id)) {
    err(
      'id',
      `${show(value.id)} is not a template id; use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "acme-software")`,
    );
  } else id = value.id;

  const name = text('name', value.name, 'the template’s display name', MAX.name);
  const firm = text('firm', value.firm, 'the firm’s name', MAX.firm);

  let version: string | undefined;
  if (value.version === undefined) missing('version', 'a version such as "1" or 3');
  else if (typeof value.version === 'number') {
    if (Number.isInteger(value.version) && value.version >= 0) version = String(value.version);
    else
      err('version', `${show(value.version)} is not a version; use a whole number such as 3 or text such as "2025.1"`);
  } else if (typeof value.version === 'string' && value.version.trim() !== '')
    version = text('version', value.version.trim(), 'a version', MAX.version);
  else err('version', `${show(value.version)} is not a version; use a whole number such as 3 or text such as "2025.1"`);

  let profile: ProfileId | undefined;
  if (value.profile === undefined) missing('profile', `the role profile, ${quoteList(PROFILE_IDS)}`);
  else if (typeof value.profile === 'string' && (PROFILE_IDS as readonly string[]).includes(value.profile))
    profile = value.profile as ProfileId;
  else err('profile', `${show(value.profile)} is not a profile; use ${quoteList(PROFILE_IDS)}`);

  let taxYear: number | undefined;
  const ty = value.taxYear;
  if (ty === undefined) missing('taxYear', 'the calendar year in which the tax year begins, e.g. 2025');
  else if (typeof ty !== 'number')
    err('taxYear', `${show(ty)} is ${kindOf(ty)}; write the year as a number, e.g. 2025 (no quotes)`);
  else if (!Number.isInteger(ty) || ty < TAX_YEAR_MIN || ty > TAX_YEAR_MAX) {
    err(
      'taxYear',
      `${ty} is not a tax year between ${TAX_YEAR_MIN} and ${TAX_YEAR_MAX}; use the calendar year in which the tax year begins`,
    );
  } else taxYear = ty;

  const roles = readRoles(value.roles, err, missing);
  const lists = readLists(value.lists, err);
  const sheets = readSheets(value.sheets, err, missing);
  // The sheets a Summary formula may refer to: the template's own (as written) and the generated ones.
  const sheetNames = [
    ...(Array.isArray(value.sheets) ? value.sheets : []).flatMap((s) =>
      isObject(s) && typeof s.name === 'string' ? [s.name] : [],
    ),
    ...GENERATED_SHEETS,
  ];
  const summary = readSummary(value.summary, sheetNames, err, missing);
  const severityOverrides = readOverrides(value.severityOverrides, err);
  const renames = readRenames(value.renames, sheets, version, err);
  const changelog = readChangelog(value.changelog, version, err);
  let form6765: boolean | undefined;
  if (value.form6765 !== undefined) {
    if (typeof value.form6765 === 'boolean') form6765 = value.form6765;
    else
      err(
        'form6765',
        `${show(value.form6765)} is ${kindOf(value.form6765)}; write true (the Form 6765 sheet is written) or false (it is left out)`,
      );
  }

  if (errors.length > 0) return { ok: false, errors };
  const template: FirmTemplate = {
    id: id!,
    name: name!,
    version: version!,
    firm: firm!,
    profile: profile!,
    taxYear: taxYear!,
    roles: roles!,
    ...(lists ? { lists } : {}),
    sheets: sheets!,
    summary: summary!,
    ...(form6765 !== undefined ? { form6765 } : {}),
    ...(severityOverrides ? { severityOverrides } : {}),
    ...(renames ? { renames } : {}),
    ...(changelog ? { changelog } : {}),
  };
  return { ok: true, template };
}

type Err = (path: string, message: string) => void;

function unknownFields(v: Obj, path: string, known: readonly string[], err: Err): void {
  for (const k of Object.keys(v)) if (!known.includes(k)) err(`${path}.${k}`, `unknown field; use ${known.join(', ')}`);
}

function readFraction(path: string, v: Json, err: Err): number | undefined {
  if (v === undefined) return (err(path, 'missing; add a fraction between 0 and 1 (80% is 0.8)'), undefined);
  if (typeof v === 'string')
    return (
      err(path, `${show(v)} is text; write a fraction between 0 and 1 as a number (80% is 0.8, no quotes)`),
      undefined
    );
  if (typeof v !== 'number' || !Number.isFinite(v))
    return (err(path, `${show(v)} is ${kindOf(v)}; write a fraction between 0 and 1 (80% is 0.8)`), undefined);
  if (v < 0 || v > 1) return (err(path, `${v} is not a fraction between 0 and 1 (80% is 0.8)`), undefined);
  return v;
}

function readRoles(v: Json, err: Err, missing: Err): TemplateRole[] | undefined {
  if (v === undefined)
    return (
      missing('roles', 'the role table: [{ "role": "Software Developer", "low": 0.8, "high": 1 }, …]'),
      undefined
    );
  if (!Array.isArray(v))
    return (err('roles', `${show(v)} is ${kindOf(v)}; write a list of { "role", "low", "high" }`), undefined);
  if (v.length === 0) return (err('roles', 'is empty; list at least one role'), undefined);
  if (v.length > COUNT.roles)
    return (
      err(
        'roles',
        `lists ${v.length} roles; a template takes at most ${COUNT.roles} (the Role drop-down covers Roles!A2:A200)`,
      ),
      undefined
    );
  const out: TemplateRole[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  v.forEach((r, i) => {
    const path = `roles[${i}]`;
    if (!isObject(r))
      return ((ok = false), err(path, `${show(r)} is ${kindOf(r)}; write { "role": "…", "low": 0.8, "high": 1 }`));
    unknownFields(r, path, ['role', 'low', 'high', 'aliases'], err);
    let role: string | undefined;
    if (r.role === undefined) err(`${path}.role`, 'missing; add the role’s name');
    else if (typeof r.role !== 'string' || r.role.trim() === '')
      err(`${path}.role`, `${show(r.role)} is not a role name; write it in double quotes`);
    else if (plainTextProblem(r.role, MAX.role)) err(`${path}.role`, plainTextProblem(r.role, MAX.role)!);
    else {
      role = r.role;
      const key = r.role.trim().toLowerCase().replace(/\s+/g, ' ');
      const first = seen.get(key);
      if (first !== undefined)
        err(`${path}.role`, `"${r.role}" is listed twice (also roles[${first}]); keep one row per role`);
      else seen.set(key, i);
    }
    const low = readFraction(`${path}.low`, r.low, err);
    const high = readFraction(`${path}.high`, r.high, err);
    if (low !== undefined && high !== undefined && low > high)
      err(path, `low ${low} is above high ${high}; the range runs from low to high`);
    const aliases = r.aliases === undefined ? [] : readAliases(`${path}.aliases`, r.aliases, err);
    if (role === undefined || low === undefined || high === undefined || aliases === undefined) ok = false;
    else out.push({ role, low, high, ...(aliases.length > 0 ? { aliases } : {}) });
  });
  if (ok && !aliasesReachTheirRoles(out, err)) ok = false;
  return ok ? out : undefined;
}

/**
 * A role's aliases: a list of job titles, each plain text without the commas and semicolons
 * that separate them in the Roles sheet's Aliases cell.
 */
function readAliases(path: string, v: Json, err: Err): string[] | undefined {
  if (!Array.isArray(v))
    return (
      err(path, `${show(v)} is ${kindOf(v)}; write a list of job titles, e.g. ["SDET", "Test Engineer"]`),
      undefined
    );
  if (v.length > COUNT.aliases)
    return (err(path, `lists ${v.length} aliases; a role takes at most ${COUNT.aliases}`), undefined);
  const out: string[] = [];
  let ok = true;
  v.forEach((a, i) => {
    const p = `${path}[${i}]`;
    if (typeof a !== 'string' || a.trim() === '') {
      ok = false;
      err(p, `${show(a)} is not a job title; write it in double quotes`);
    } else if (/[,;]/.test(a)) {
      ok = false;
      err(
        p,
        `"${a}" contains a comma or semicolon, which separate aliases in the Roles sheet; list each title on its own`,
      );
    } else if (plainTextProblem(a, MAX.role)) {
      ok = false;
      err(p, plainTextProblem(a, MAX.role)!);
    } else out.push(a.trim());
  });
  return ok ? out : undefined;
}

/** Each alias reaches its role: not a role's name (the name wins) nor listed twice (neither wins). */
function aliasesReachTheirRoles(roles: readonly TemplateRole[], err: Err): boolean {
  const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  const names = new Map(roles.map((r, i) => [key(r.role), i]));
  const seen = new Map<string, { readonly at: number; readonly j: number }>();
  let ok = true;
  roles.forEach((r, i) => {
    (r.aliases ?? []).forEach((a, j) => {
      const k = key(a);
      const named = names.get(k);
      const first = seen.get(k);
      if (named !== undefined) {
        ok = false;
        err(
          `roles[${i}].aliases[${j}]`,
          named === i
            ? `"${a}" is the role’s own name; remove it`
            : `"${a}" is the name of roles[${named}], and a title that names a role is read as that role; remove the alias`,
        );
      } else if (first !== undefined) {
        ok = false;
        err(
          `roles[${i}].aliases[${j}]`,
          `"${a}" is listed twice (also roles[${first.at}].aliases[${first.j}]); a title listed twice matches neither, so keep one`,
        );
      } else seen.set(k, { at: i, j });
    });
  });
  return ok;
}

function readWordList(path: string, v: Json, err: Err): string[] | undefined {
  if (!Array.isArray(v))
    return (err(path, `${show(v)} is ${kindOf(v)}; write a list of words in double quotes`), undefined);
  if (v.length === 0) return (err(path, 'is empty; list at least one word'), undefined);
  let ok = true;
  v.forEach((w, i) => {
    if (typeof w !== 'string' || w.trim() === '') {
      ok = false;
      err(`${path}[${i}]`, `${show(w)} is not a word; write it in double quotes`);
    } else if (w.includes(',')) {
      ok = false;
      err(`${path}[${i}]`, `"${w}" contains a comma, which a drop-down list cannot hold; remove it`);
    } else if (plainTextProblem(w, MAX.listWord)) {
      ok = false;
      err(`${path}[${i}]`, plainTextProblem(w, MAX.listWord)!);
    }
  });
  if (ok && v.join(',').length > EXCEL_LIST_MAX_CHARS) {
    err(
      path,
      `the list is ${v.join(',').length} characters long; Excel accepts at most ${EXCEL_LIST_MAX_CHARS} in a drop-down list — shorten it`,
    );
    return undefined;
  }
  return ok ? (v as string[]) : undefined;
}

function readLists(v: Json, err: Err): TemplateLists | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v))
    return (
      err(
        'lists',
        `${show(v)} is ${kindOf(v)}; write { "locations": [...], "environments": [...], "componentTypes": [...] }`,
      ),
      undefined
    );
  unknownFields(v, 'lists', ['locations', 'environments', 'componentTypes'], err);
  const out: { locations?: string[]; environments?: string[]; componentTypes?: string[] } = {};
  if (v.locations !== undefined) {
    const l = readWordList('lists.locations', v.locations, err);
    if (l && !l.some((w) => w.trim().toUpperCase() === 'US'))
      err('lists.locations', 'must include "US": research outside the US is not qualified research (IRC §41(d)(4)(F))');
    else if (l) out.locations = l;
  }
  if (v.environments !== undefined) {
    const l = readWordList('lists.environments', v.environments, err);
    if (l) {
      const bad = l.filter((w) => !ENVIRONMENT_WORDS.includes(w));
      if (bad.length > 0)
        err(
          'lists.environments',
          `${quoteList(bad)} ${bad.length === 1 ? 'is not an environment' : 'are not environments'} RD_CLOUD_QRE understands; use ${quoteList(ENVIRONMENT_WORDS)}`,
        );
      else out.environments = l;
    }
  }
  if (v.componentTypes !== undefined) {
    const l = readWordList('lists.componentTypes', v.componentTypes, err);
    if (l) out.componentTypes = l;
  }
  return out;
}

const SHEET_NAME = /^[^\\/?*:[\]']+$/;

function readSheets(v: Json, err: Err, missing: Err): TemplateSheet[] | undefined {
  if (v === undefined)
    return (missing('sheets', 'the study tables: [{ "name": "Employees", "columns": [...] }, …]'), undefined);
  if (!Array.isArray(v)) return (err('sheets', `${show(v)} is ${kindOf(v)}; write a list of sheets`), undefined);
  if (v.length === 0) return (err('sheets', 'is empty; list at least one sheet'), undefined);
  if (v.length > COUNT.sheets)
    return (err('sheets', `lists ${v.length} sheets; a template takes at most ${COUNT.sheets}`), undefined);
  const out: TemplateSheet[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  v.forEach((s, i) => {
    const path = `sheets[${i}]`;
    if (!isObject(s))
      return ((ok = false), err(path, `${show(s)} is ${kindOf(s)}; write { "name": "Employees", "columns": [...] }`));
    unknownFields(s, path, ['name', 'columns', 'rows'], err);
    let name: string | undefined;
    if (s.name === undefined) err(`${path}.name`, 'missing; add the sheet’s name');
    else if (typeof s.name !== 'string' || s.name.length === 0 || s.name.length > 31 || !SHEET_NAME.test(s.name)) {
      err(`${path}.name`, `${show(s.name)} is not a sheet name; use 1–31 characters without \\ / ? * : [ ] or '`);
    } else if (
      (GENERATED_SHEETS as readonly string[]).some((g) => g.toLowerCase() === (s.name as string).trim().toLowerCase())
    ) {
      err(
        `${path}.name`,
        `"${s.name}" is written by the template itself (from roles, summary, the Form 6765 description and the About fields); remove this sheet`,
      );
    } else if (seen.has((s.name as string).trim().toLowerCase())) {
      err(
        `${path}.name`,
        `"${s.name}" is listed twice (also sheets[${seen.get((s.name as string).trim().toLowerCase())}])`,
      );
    } else {
      name = s.name;
      seen.set(s.name.trim().toLowerCase(), i);
    }
    let rows: number | undefined;
    if (s.rows !== undefined) {
      if (typeof s.rows !== 'number' || !Number.isInteger(s.rows) || s.rows < 2 || s.rows > 1048576) {
        err(
          `${path}.rows`,
          `${show(s.rows)} is not a row number; use a whole number from 2 to 1048576 (the last row with drop-downs)`,
        );
      } else rows = s.rows;
    }
    const columns = readColumns(`${path}.columns`, s.columns, err);
    if (columns && name !== undefined) {
      const table = studyTableOf(name);
      if (table) {
        const lacking = table.columns
          .filter((col) => col.required && !columns.some((c) => headerMatches(c.header, col)))
          .map((col) => col.header);
        if (lacking.length > 0) {
          err(
            `${path}.columns`,
            `the ${table.sheet} sheet needs ${lacking.length === 1 ? 'a column' : 'columns'} ${quoteList(lacking)} (the study reader requires ${lacking.length === 1 ? 'it' : 'them'}); add ${lacking.length === 1 ? 'it' : 'them'}`,
          );
        }
      }
    }
    if (name === undefined || !columns || (s.rows !== undefined && rows === undefined)) ok = false;
    else out.push({ name, columns, ...(rows !== undefined ? { rows } : {}) });
  });
  return ok ? out : undefined;
}

function readColumns(path: string, v: Json, err: Err): TemplateColumn[] | undefined {
  if (v === undefined) return (err(path, 'missing; list the columns: [{ "header": "Employee" }, …]'), undefined);
  if (!Array.isArray(v)) return (err(path, `${show(v)} is ${kindOf(v)}; write a list of columns`), undefined);
  if (v.length === 0) return (err(path, 'is empty; list at least one column'), undefined);
  if (v.length > COUNT.columns)
    return (err(path, `lists ${v.length} columns; a sheet in a template takes at most ${COUNT.columns}`), undefined);
  const out: TemplateColumn[] = [];
  const seen = new Map<string, number>();
  let ok = true;
  v.forEach((c, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(c)) return ((ok = false), err(p, `${show(c)} is ${kindOf(c)}; write { "header": "…" }`));
    unknownFields(c, p, ['header', 'list', 'width', 'format'], err);
    let header: string | undefined;
    if (c.header === undefined) err(`${p}.header`, 'missing; add the header text for row 1');
    else if (typeof c.header !== 'string' || c.header.trim() === '')
      err(`${p}.header`, `${show(c.header)} is not a header; write it in double quotes`);
    else if (plainTextProblem(c.header, MAX.header)) err(`${p}.header`, plainTextProblem(c.header, MAX.header)!);
    else if (seen.has(headerKey(c.header)))
      err(
        `${p}.header`,
        `"${c.header}" is listed twice (also [${seen.get(headerKey(c.header))}]); headers match case- and space-insensitively`,
      );
    else {
      header = c.header;
      seen.set(headerKey(c.header), i);
    }
    let list: ListName | string[] | undefined;
    let listOk = true;
    if (c.list !== undefined) {
      if (typeof c.list === 'string') {
        if ((LIST_NAMES as readonly string[]).includes(c.list)) list = c.list as ListName;
        else {
          listOk = false;
          err(`${p}.list`, `${show(c.list)} is not a list; use one of ${quoteList(LIST_NAMES)} or a list of words`);
        }
      } else {
        list = readWordList(`${p}.list`, c.list, err);
        listOk = list !== undefined;
      }
    }
    let width: number | undefined;
    let widthOk = true;
    if (c.width !== undefined) {
      if (typeof c.width !== 'number' || !(c.width >= 1 && c.width <= 255)) {
        widthOk = false;
        err(`${p}.width`, `${show(c.width)} is not a width; use a number of characters from 1 to 255`);
      } else width = c.width;
    }
    let format: ColumnFormat | undefined;
    let formatOk = true;
    if (c.format !== undefined) {
      if (typeof c.format === 'string' && (COLUMN_FORMATS as readonly string[]).includes(c.format))
        format = c.format as ColumnFormat;
      else {
        formatOk = false;
        err(`${p}.format`, `${show(c.format)} is not a format; use ${quoteList(COLUMN_FORMATS)}`);
      }
    }
    if (header === undefined || !listOk || !widthOk || !formatOk) ok = false;
    else
      out.push({
        header,
        ...(list !== undefined ? { list } : {}),
        ...(width !== undefined ? { width } : {}),
        ...(format ? { format } : {}),
      });
  });
  return ok ? out : undefined;
}

function readSummary(v: Json, sheetNames: readonly string[], err: Err, missing: Err): SummaryLine[] | undefined {
  if (v === undefined)
    return (
      missing(
        'summary',
        'the Summary rows: [{ "line": "42", "label": "…", "formula": "=RD_WAGE_QRE(…)" }, …] (may be empty)',
      ),
      undefined
    );
  if (!Array.isArray(v))
    return (err('summary', `${show(v)} is ${kindOf(v)}; write a list of { "label", "formula" }`), undefined);
  if (v.length > COUNT.summary)
    return (err('summary', `lists ${v.length} rows; a template takes at most ${COUNT.summary}`), undefined);
  const out: SummaryLine[] = [];
  let ok = true;
  v.forEach((s, i) => {
    const p = `summary[${i}]`;
    if (!isObject(s)) {
      ok = false;
      return err(p, `${show(s)} is ${kindOf(s)}; write { "label": "…", "formula": "=…" }`);
    }
    unknownFields(s, p, ['line', 'label', 'formula', 'array'], err);
    let good = true;
    const bad = (path: string, message: string): void => {
      good = false;
      err(path, message);
    };
    if (s.line !== undefined && typeof s.line !== 'string')
      bad(`${p}.line`, `${show(s.line)} is ${kindOf(s.line)}; write the line in double quotes, e.g. "42"`);
    else if (typeof s.line === 'string' && plainTextProblem(s.line, MAX.line))
      bad(`${p}.line`, plainTextProblem(s.line, MAX.line)!);
    if (s.label === undefined) bad(`${p}.label`, 'missing; add the description shown next to the formula');
    else if (typeof s.label !== 'string' || s.label.trim() === '')
      bad(`${p}.label`, `${show(s.label)} is not a label; write it in double quotes`);
    else if (plainTextProblem(s.label, MAX.label)) bad(`${p}.label`, plainTextProblem(s.label, MAX.label)!);
    if (s.formula === undefined) bad(`${p}.formula`, 'missing; add a formula starting with "="');
    else if (typeof s.formula !== 'string')
      bad(
        `${p}.formula`,
        `${show(s.formula)} is ${kindOf(s.formula)}; write the formula in double quotes, starting with "="`,
      );
    else {
      const problems = formulaProblems(s.formula, sheetNames);
      if (problems.length > 0) good = false;
      for (const problem of problems) err(`${p}.formula`, problem);
    }
    if (s.array !== undefined && typeof s.array !== 'boolean')
      bad(`${p}.array`, `${show(s.array)} is not true or false`);
    if (!good) ok = false;
    else {
      out.push({
        ...(s.line !== undefined ? { line: s.line as string } : {}),
        label: s.label as string,
        formula: s.formula as string,
        ...(s.array !== undefined ? { array: s.array as boolean } : {}),
      });
    }
  });
  return ok ? out : undefined;
}

function readOverrides(v: Json, err: Err): Record<string, SeverityOverride> | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v))
    return (
      err('severityOverrides', `${show(v)} is ${kindOf(v)}; write { "rule/id": "error" | "warning" | "info" }`),
      undefined
    );
  const out: Record<string, SeverityOverride> = {};
  for (const [rule, sev] of Object.entries(v)) {
    const p = `severityOverrides[${JSON.stringify(rule)}]`;
    if (!KNOWN_RULE_IDS.includes(rule)) {
      const hint = closestWord(rule, KNOWN_RULE_IDS);
      err(
        p,
        hint ? `not a rule id (did you mean "${hint}"?)` : `not a rule id; use one of ${KNOWN_RULE_IDS.join(', ')}`,
      );
    } else if (typeof sev !== 'string' || !(SEVERITY_OVERRIDES as readonly string[]).includes(sev))
      err(p, `${show(sev)} is not a severity; use ${quoteList(SEVERITY_OVERRIDES)} (off drops the rule)`);
    else out[rule] = sev as SeverityOverride;
  }
  return out;
}

/** A version written in the template (`since`, a changelog key): a whole number or text, as `version` is. */
function readVersionText(path: string, v: Json, err: Err): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && v.trim() !== '' && !plainTextProblem(v.trim(), MAX.version)) return v.trim();
  err(path, `${show(v)} is not a version; use a whole number such as 3 or text such as "2025.1"`);
  return undefined;
}

/**
 * `renames`: [{ "sheet": "Employees", "from": "W-2 Wages", "to": "Box 1 Wages", "since": 4 }] — a
 * column of one of the template's sheets that studies made before `since` carry under another name.
 */
function readRenames(
  v: Json,
  sheets: readonly TemplateSheet[] | undefined,
  version: string | undefined,
  err: Err,
): TemplateRename[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v))
    return (
      err('renames', `${show(v)} is ${kindOf(v)}; write a list of { "sheet", "from", "to", "since" }`),
      undefined
    );
  const out: TemplateRename[] = [];
  const seen = new Set<string>();
  let ok = true;
  v.forEach((r, i) => {
    const path = `renames[${i}]`;
    const bad = (p: string, m: string) => ((ok = false), err(p, m));
    if (!isObject(r)) return bad(path, `${show(r)} is ${kindOf(r)}; write { "sheet", "from", "to", "since" }`);
    unknownFields(r, path, ['sheet', 'from', 'to', 'since'], (p, m) => bad(p, m));
    const field = (k: 'sheet' | 'from' | 'to', what: string): string | undefined => {
      const x = r[k];
      if (x === undefined) return (bad(`${path}.${k}`, `missing; add ${what}`), undefined);
      if (typeof x !== 'string' || x.trim() === '')
        return (bad(`${path}.${k}`, `${show(x)} is not text; write ${what} in double quotes`), undefined);
      const problem = plainTextProblem(x, k === 'sheet' ? 31 : MAX.header);
      return problem ? (bad(`${path}.${k}`, problem), undefined) : x;
    };
    const sheet = field('sheet', 'the sheet the column is on, e.g. "Employees"');
    const from = field('from', 'the column’s old header');
    const to = field('to', 'the column’s header in this version');
    const since =
      r.since === undefined
        ? (bad(`${path}.since`, 'missing; add the version that introduced the new name, e.g. 4'), undefined)
        : readVersionText(`${path}.since`, r.since, (p, m) => bad(p, m));
    if (sheet === undefined || from === undefined || to === undefined || since === undefined) return;
    const s = sheets?.find((x) => headerKey(x.name) === headerKey(sheet));
    if (sheets && !s)
      return bad(
        `${path}.sheet`,
        `"${sheet}" is not one of this template’s sheets (${sheets.map((x) => `"${x.name}"`).join(', ')})`,
      );
    if (headerKey(from) === headerKey(to)) return bad(path, `"from" and "to" are the same header ("${to}")`);
    if (s && !s.columns.some((c) => headerKey(c.header) === headerKey(to)))
      return bad(
        `${path}.to`,
        `"${to}" is not a column of ${s.name} in this template; a rename ends at one of its columns`,
      );
    if (s && s.columns.some((c) => headerKey(c.header) === headerKey(from)))
      return bad(
        `${path}.from`,
        `"${from}" is still a column of ${s.name} in this template, so a study’s "${from}" could not be told from it`,
      );
    const key = `${headerKey(sheet)}\u0000${headerKey(from)}`;
    if (seen.has(key)) return bad(`${path}.from`, `"${from}" on ${sheet} is renamed twice; keep one rename`);
    seen.add(key);
    if (version !== undefined && compareTemplateVersions(since, version) === 1)
      return bad(`${path}.since`, `version ${since} is after this template’s version ${version}`);
    out.push({ sheet: s?.name ?? sheet, from, to, since });
  });
  return ok ? out : undefined;
}

/** `changelog`: { "4": "Box 1 Wages replaces W-2 Wages", "3": "…" } — one line per version, this version’s included. */
function readChangelog(v: Json, version: string | undefined, err: Err): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v))
    return (
      err('changelog', `${show(v)} is ${kindOf(v)}; write { "4": "what changed in version 4", "3": "…" }`),
      undefined
    );
  const out: Record<string, string> = {};
  let ok = true;
  for (const [k, line] of Object.entries(v)) {
    const path = `changelog[${JSON.stringify(k)}]`;
    const bad = (m: string) => ((ok = false), err(path, m));
    const key = k.trim();
    if (key === '' || plainTextProblem(key, MAX.version)) {
      bad('is not a version; key each line by its version, e.g. "4"');
      continue;
    }
    if (typeof line !== 'string' || line.trim() === '') {
      bad(`${show(line)} is not a line of text; write what changed in version ${key} in double quotes`);
      continue;
    }
    const problem = plainTextProblem(line, CHANGELOG_LINE_MAX);
    if (problem) {
      bad(problem);
      continue;
    }
    if (version !== undefined && compareTemplateVersions(key, version) === 1) {
      bad(`version ${key} is after this template’s version ${version}`);
      continue;
    }
    if (Object.keys(out).some((x) => compareTemplateVersions(x, key) === 0)) {
      bad(`version ${key} has two lines; keep one`);
      continue;
    }
    out[key] = line;
  }
  if (ok && version !== undefined && !Object.keys(out).some((x) => compareTemplateVersions(x, version) === 0)) {
    err('changelog', `has no line for version ${version}, this template’s version; add one saying what changed`);
    return undefined;
  }
  return ok ? out : undefined;
}
