/**
 * Firm templates: import (schema and hand validator, with located messages), the built-ins,
 * rendering for both hosts, and the host spelling of catalogue names in formulas.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE } from '../src/catalogue';
import { validateWorkbook } from '../src/study';
import {
  ABOUT_COLUMNS,
  BUILTIN_TEMPLATES,
  FIRM_TEMPLATE_SCHEMA,
  formulaProblems,
  hostFormula,
  KNOWN_RULE_IDS,
  parseTemplate,
  renderTemplate,
  STUDY_TABLE_COLUMNS,
  validateTemplate,
  type FirmTemplate,
  type Host,
  type RenderedSheet,
} from '../src/templates';
import { emittedTemplateFiles } from '../../scripts/emit-templates';

// ------------------------------------------------------------------ a minimal JSON Schema checker
// Only the keywords the firm template schema uses; any other keyword fails the test, so the
// schema cannot say something this checker silently ignores.
type Schema = Record<string, unknown>;
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description']);
const KEYWORDS = new Set([
  'type',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'minItems',
  'items',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'anyOf',
]);

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    default:
      throw new Error(`schema type ${t} not supported by the test checker`);
  }
}

function schemaValid(schema: Schema, v: unknown): boolean {
  for (const k of Object.keys(schema))
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k))
      throw new Error(`schema keyword ${k} not supported by the test checker`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((t) => typeOk(t, v))) return false;
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(v)) return false;
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((s) => schemaValid(s, v))) return false;
  if (typeof v === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(v)) return false;
    if (schema.minLength !== undefined && [...v].length < (schema.minLength as number)) return false;
    if (schema.maxLength !== undefined && [...v].length > (schema.maxLength as number)) return false;
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < (schema.minimum as number)) return false;
    if (schema.maximum !== undefined && v > (schema.maximum as number)) return false;
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < (schema.minItems as number)) return false;
    if (schema.items && !v.every((x) => schemaValid(schema.items as Schema, x))) return false;
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) return false;
    for (const [k, x] of Object.entries(o)) {
      if (schema.propertyNames && !schemaValid(schema.propertyNames as Schema, k)) return false;
      if (props[k]) {
        if (!schemaValid(props[k], x)) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (
        typeof schema.additionalProperties === 'object' &&
        !schemaValid(schema.additionalProperties as Schema, x)
      )
        return false;
    }
  }
  return true;
}

// ------------------------------------------------------------------ cases

const software = BUILTIN_TEMPLATES.software;
/** The built-in as plain JSON (what a firm file holds), with one change. */
function variant(change: (t: Record<string, any>) => void): Record<string, any> {
  const t = JSON.parse(JSON.stringify(software));
  change(t);
  return t;
}

interface Case {
  readonly name: string;
  readonly json: unknown;
  /** The JSON Schema accepts it. */
  readonly schema: boolean;
  /** The first error parseTemplate reports contains this (undefined: it is accepted). */
  readonly error?: string;
}

const CASES: readonly Case[] = [
  { name: 'the software built-in is valid', json: variant(() => {}), schema: true },
  { name: 'the ai-ml built-in is valid', json: JSON.parse(JSON.stringify(BUILTIN_TEMPLATES['ai-ml'])), schema: true },
  {
    name: 'a firm template with its own lists, an extra column, a numeric version and overrides is valid',
    json: variant((t) => {
      t.id = 'acme-software';
      t.version = 4;
      t.firm = 'Acme CPAs LLP';
      t.lists = {
        locations: ['US', 'Canada'],
        environments: ['training', 'production'],
        componentTypes: ['Product', 'Process'],
      };
      t.sheets[0].columns.push({ header: 'Project Code', width: 12, format: 'text' });
      t.severityOverrides = { 'wages/role-range': 'error', 'component/internal-use': 'off' };
    }),
    schema: true,
  },
  {
    name: 'a role low of 80 (a percentage, not a fraction)',
    json: variant((t) => (t.roles[2].low = 80)),
    schema: false,
    error: 'roles[2].low: 80 is not a fraction between 0 and 1 (80% is 0.8)',
  },
  {
    name: 'a role high given as text "100%"',
    json: variant((t) => (t.roles[0].high = '100%')),
    schema: false,
    error: 'roles[0].high: "100%" is text',
  },
  {
    name: 'a negative role low',
    json: variant((t) => (t.roles[1].low = -0.1)),
    schema: false,
    error: 'roles[1].low: -0.1 is not a fraction',
  },
  {
    name: 'a role whose low is above its high (hand check only)',
    json: variant((t) => (t.roles[1].low = 0.9)),
    schema: true,
    error: 'roles[1]: low 0.9 is above high 0.8',
  },
  {
    name: 'a role listed twice, differing in case (hand check only)',
    json: variant((t) => t.roles.push({ role: 'qa engineer', low: 0.5, high: 0.7 })),
    schema: true,
    error: 'roles[6].role: "qa engineer" is listed twice (also roles[1])',
  },
  { name: 'an empty role table', json: variant((t) => (t.roles = [])), schema: false, error: 'roles: is empty' },
  // A role's aliases: job titles the firm reads as the role (calc/roles.ts), written to the Roles
  // sheet's Aliases cell separated by semicolons — so no alias may hold a comma or semicolon.
  {
    name: 'a role with aliases',
    json: variant((t) => (t.roles[1].aliases = ['SDET', 'Test Engineer'])),
    schema: true,
  },
  {
    name: 'aliases written as one text',
    json: variant((t) => (t.roles[1].aliases = 'SDET, Test Engineer')),
    schema: false,
    error: 'roles[1].aliases: "SDET, Test Engineer" is text; write a list of job titles',
  },
  {
    name: 'an alias holding a comma',
    json: variant((t) => (t.roles[1].aliases = ['SDET, Tester'])),
    schema: false,
    error: 'roles[1].aliases[0]: "SDET, Tester" contains a comma or semicolon',
  },
  {
    name: 'a blank alias',
    json: variant((t) => (t.roles[1].aliases = [' '])),
    schema: false,
    error: 'roles[1].aliases[0]: " " is not a job title',
  },
  {
    name: 'an alias that starts like a formula (a hand-only check)',
    json: variant((t) => (t.roles[1].aliases = ['=HYPERLINK("http://x")'])),
    schema: true,
    error: 'roles[1].aliases[0]: starts with "="',
  },
  {
    name: 'an alias that is another role’s name (the name would win; a hand-only check)',
    json: variant((t) => (t.roles[1].aliases = ['devops engineer'])),
    schema: true,
    error: 'roles[1].aliases[0]: "devops engineer" is the name of roles[2]',
  },
  {
    name: 'an alias listed under two roles (neither would match; a hand-only check)',
    json: variant((t) => ((t.roles[1].aliases = ['Tester']), (t.roles[2].aliases = ['TESTER']))),
    schema: true,
    error: 'roles[2].aliases[0]: "TESTER" is listed twice (also roles[1].aliases[0])',
  },
  {
    name: 'an unknown profile',
    json: variant((t) => (t.profile = 'saas')),
    schema: false,
    error: 'profile: "saas" is not a profile; use "software" or "ai-ml"',
  },
  {
    name: 'a tax year in quotes',
    json: variant((t) => (t.taxYear = '2025')),
    schema: false,
    error: 'taxYear: "2025" is text',
  },
  {
    name: 'a tax year before 1994',
    json: variant((t) => (t.taxYear = 1990)),
    schema: false,
    error: 'taxYear: 1990 is not a tax year between 1994 and 2100',
  },
  { name: 'a missing firm', json: variant((t) => delete t.firm), schema: false, error: 'firm: missing' },
  {
    name: 'an id with a space',
    json: variant((t) => (t.id = 'acme software')),
    schema: false,
    error: 'id: "acme software" is not a template id',
  },
  {
    name: 'a fractional version',
    json: variant((t) => (t.version = 1.5)),
    schema: false,
    error: 'version: 1.5 is not a version',
  },
  {
    name: 'an unknown top-level field',
    json: variant((t) => (t.colour = 'blue')),
    schema: false,
    error: 'colour: unknown field',
  },
  {
    name: 'a list name that does not exist',
    json: variant((t) => (t.sheets[0].columns[1].list = 'role')),
    schema: false,
    error: 'sheets[0].columns[1].list: "role" is not a list',
  },
  {
    name: 'a locations list without US (hand check only)',
    json: variant((t) => (t.lists = { locations: ['Canada'] })),
    schema: true,
    error: 'lists.locations: must include "US"',
  },
  {
    name: 'an environment RD_CLOUD_QRE does not know',
    json: variant((t) => (t.lists = { environments: ['lab'] })),
    schema: false,
    error: 'lists.environments: "lab" is not an environment',
  },
  {
    name: 'a drop-down word with a comma (hand check only)',
    json: variant((t) => (t.sheets[0].columns[2].list = ['US', 'Korea, Republic of'])),
    schema: true,
    error: 'sheets[0].columns[2].list[1]: "Korea, Republic of" contains a comma',
  },
  {
    name: 'a study table missing a column the study reader requires (hand check only)',
    json: variant(
      (t) => (t.sheets[0].columns = t.sheets[0].columns.filter((c: { header: string }) => c.header !== 'R&D %')),
    ),
    schema: true,
    error: 'sheets[0].columns: the Employees sheet needs a column "R&D %"',
  },
  {
    name: 'a required column under an alias the reader accepts',
    json: variant((t) => (t.sheets[0].columns[0].header = 'Employee Name')),
    schema: true,
  },
  {
    name: 'a header listed twice, differing in spacing (hand check only)',
    json: variant((t) => t.sheets[0].columns.push({ header: 'R&D%' })),
    schema: true,
    error: 'sheets[0].columns[8].header: "R&D%" is listed twice',
  },
  {
    name: 'a sheet the template writes itself (hand check only)',
    json: variant((t) => t.sheets.push({ name: 'Summary', columns: [{ header: 'x' }] })),
    schema: true,
    error: 'sheets[6].name: "Summary" is written by the template itself',
  },
  {
    name: 'a sheet named like the Form 6765 sheet the template writes (hand check only)',
    json: variant((t) => t.sheets.push({ name: 'form 6765', columns: [{ header: 'Line' }] })),
    schema: true,
    error:
      'sheets[6].name: "form 6765" is written by the template itself (from roles, summary, the Form 6765 description and the About fields)',
  },
  {
    name: 'a sheet name Excel refuses',
    json: variant((t) => t.sheets.push({ name: 'Notes/2025', columns: [{ header: 'x' }] })),
    schema: false,
    error: 'sheets[6].name: "Notes/2025" is not a sheet name',
  },
  {
    name: 'a formula that is not a formula',
    json: variant((t) => (t.summary[0].formula = 'RD_WAGE_QRE(A1, B1)')),
    schema: false,
    error: 'summary[0].formula: "RD_WAGE_QRE(A1, B1)" is not a formula',
  },
  {
    name: 'a formula calling a misspelt catalogue function (hand check only)',
    json: variant((t) => (t.summary[0].formula = '=RD_WAGE_QER(A1, B1)')),
    schema: true,
    error: 'summary[0].formula: RD_WAGE_QER is not a catalogue function (did you mean RD_WAGE_QRE?)',
  },
  {
    name: 'a formula with an unclosed parenthesis (hand check only)',
    json: variant((t) => (t.summary[0].formula = '=SUM(C2:C5')),
    schema: true,
    error: 'summary[0].formula: expected "," or ")" to close SUM( but found the end of the formula',
  },
  {
    name: 'an override for a rule that does not exist',
    json: variant((t) => (t.severityOverrides = { 'wages/role-rang': 'error' })),
    schema: false,
    error: 'severityOverrides["wages/role-rang"]: not a rule id (did you mean "wages/role-range"?)',
  },
  {
    name: 'an override to a severity that does not exist',
    json: variant((t) => (t.severityOverrides = { 'wages/role-range': 'fatal' })),
    schema: false,
    error: 'severityOverrides["wages/role-range"]: "fatal" is not a severity',
  },
  {
    name: 'a template that leaves out the Form 6765 sheet',
    json: variant((t) => (t.form6765 = false)),
    schema: true,
  },
  {
    name: 'form6765 written as text',
    json: variant((t) => (t.form6765 = 'no')),
    schema: false,
    error: 'form6765: "no" is text; write true (the Form 6765 sheet is written) or false (it is left out)',
  },
  {
    name: 'an array instead of an object',
    json: [software],
    schema: false,
    error: 'the template must be a JSON object',
  },
];

describe('parseTemplate and the JSON Schema, case by case', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseTemplate(JSON.stringify(c.json));
    if (c.error === undefined) {
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    } else {
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors[0]).toContain(c.error);
    }
    // The emitted schema says the same, except where the case is marked a hand-only check.
    expect(schemaValid(FIRM_TEMPLATE_SCHEMA as unknown as Schema, c.json)).toBe(c.schema);
  });

  it('reports every problem at once, each located', () => {
    const parsed = parseTemplate(
      JSON.stringify(variant((t) => ((t.roles[2].low = 80), (t.profile = 'saas'), delete t.firm))),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toHaveLength(3);
      expect(parsed.errors.map((e) => e.split(':')[0]).sort()).toEqual(['firm', 'profile', 'roles[2].low']);
    }
  });

  it.each([
    ['a trailing comma', '{\n  "id": "x",\n}', 'at line 3, column 1'],
    ['a missing quote', '{\n  "id": "x,\n  "name": "y"\n}', 'at line '],
    ['an empty file', '   ', 'not JSON: the file is empty'],
  ])('not JSON (%s) says so with the line and column', (_n, text, where) => {
    const parsed = parseTemplate(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toHaveLength(1);
      expect(parsed.errors[0]).toMatch(/^not JSON: /);
      expect(parsed.errors[0]).toContain(where);
    }
  });

  it('normalises a numeric version to text and keeps the rest', () => {
    const parsed = validateTemplate(variant((t) => (t.version = 3)));
    expect(parsed.ok && parsed.template.version).toBe('3');
  });

  it('accepts a UTF-8 byte-order mark (what Windows editors write)', () => {
    expect(parseTemplate(`\uFEFF${JSON.stringify(software)}`).ok).toBe(true);
  });

  it('lets a firm re-grade every validator rule but the validator’s own defect report', () => {
    expect(KNOWN_RULE_IDS).toContain('wages/role-range');
    expect(KNOWN_RULE_IDS).toContain('template/version-drift');
    expect(KNOWN_RULE_IDS).not.toContain('internal/error');
  });
});

describe('built-in templates', () => {
  it.each(Object.entries(BUILTIN_TEMPLATES))('%s round-trips through JSON and parseTemplate unchanged', (_id, t) => {
    const parsed = parseTemplate(JSON.stringify(t));
    expect(parsed.ok && parsed.template).toEqual(JSON.parse(JSON.stringify(t)));
  });

  it('carries the role tables of docs/law.md#role-profiles as fractions', () => {
    expect(BUILTIN_TEMPLATES.software.roles).toContainEqual({ role: 'QA Engineer', low: 0.6, high: 0.8 });
    expect(BUILTIN_TEMPLATES['ai-ml'].roles).toContainEqual({ role: 'Research Scientist', low: 0.9, high: 1 });
    expect(BUILTIN_TEMPLATES['ai-ml'].roles).toHaveLength(8);
  });

  it('writes every column the study reader knows, for every study table', () => {
    for (const [sheet, headers] of Object.entries(STUDY_TABLE_COLUMNS)) {
      const s = software.sheets.find((x) => x.name === sheet);
      expect(s?.columns.map((c) => c.header)).toEqual(headers);
    }
  });

  it('templates/*.json and the schema file are exactly what scripts/emit-templates.ts writes', () => {
    for (const [name, text] of Object.entries(emittedTemplateFiles())) {
      expect(fs.readFileSync(path.join(__dirname, '..', '..', 'templates', name), 'utf8')).toBe(text);
    }
  });
});

describe('host spelling of catalogue names', () => {
  const CASES: readonly [string, string, string, string][] = [
    ['a plain call', '=RD_QRE(A1:A3, B1:B3)', '=RDTAX.RD_QRE(A1:A3, B1:B3)', '=RD_QRE(A1:A3, B1:B3)'],
    [
      'nested calls and built-ins',
      '=IF(A1>0, RD_ASC(SUM(C2:C5), B2:B4), 0)',
      '=IF(A1>0, RDTAX.RD_ASC(SUM(C2:C5), B2:B4), 0)',
      '=IF(A1>0, RD_ASC(SUM(C2:C5), B2:B4), 0)',
    ],
    ['lower case is the same function', '=rd_qre(A1, B1)', '=RDTAX.RD_QRE(A1, B1)', '=RD_QRE(A1, B1)'],
    [
      'an Excel spelling becomes the Sheets spelling',
      '=RDTAX.RD_QRE(A1, B1)',
      '=RDTAX.RD_QRE(A1, B1)',
      '=RD_QRE(A1, B1)',
    ],
    [
      'text in double quotes is left alone',
      '=IF(A1="RD_QRE(", RD_QRE(A1, B1), "")',
      '=IF(A1="RD_QRE(", RDTAX.RD_QRE(A1, B1), "")',
      '=IF(A1="RD_QRE(", RD_QRE(A1, B1), "")',
    ],
    [
      'an escaped quote inside text',
      '="say ""RD_ASC(x)"" " & RD_ASC(1, A1:A3)',
      '="say ""RD_ASC(x)"" " & RDTAX.RD_ASC(1, A1:A3)',
      '="say ""RD_ASC(x)"" " & RD_ASC(1, A1:A3)',
    ],
    [
      'a quoted sheet name that looks like a call',
      "=SUM('RD_QRE(x)'!A1:A3)",
      "=SUM('RD_QRE(x)'!A1:A3)",
      "=SUM('RD_QRE(x)'!A1:A3)",
    ],
    ['a sheet named like a function', '=SUM(RD_QRE!A1:A3)', '=SUM(RD_QRE!A1:A3)', '=SUM(RD_QRE!A1:A3)'],
    ['a structured reference', '=SUM(Table1[RD_QRE(x)])', '=SUM(Table1[RD_QRE(x)])', '=SUM(Table1[RD_QRE(x)])'],
    [
      'a name that only starts like ours',
      '=RD_QRE_TOTAL(A1) + MY_RD_QRE(A1)',
      '=RD_QRE_TOTAL(A1) + MY_RD_QRE(A1)',
      '=RD_QRE_TOTAL(A1) + MY_RD_QRE(A1)',
    ],
    ['a name that is not a call', '=RD_QRE + 1', '=RD_QRE + 1', '=RD_QRE + 1'],
  ];
  it.each(CASES)('%s', (_n, neutral, excel, sheets) => {
    expect(hostFormula(neutral, 'excel')).toBe(excel);
    expect(hostFormula(neutral, 'sheets')).toBe(sheets);
  });

  it('rewrites every catalogue function, and flags none of them as unknown', () => {
    for (const f of CATALOGUE) {
      expect(hostFormula(`=${f.name}(A1)`, 'excel')).toBe(`=RDTAX.${f.name}(A1)`);
      expect(formulaProblems(`=${f.name}(A1)`, [])).toEqual([]);
    }
  });

  it.each([
    ['an unclosed string', '=IF(A1="x, 1, 2)', 'never closed'],
    ['an extra closing parenthesis', '=SUM(A1))', 'expected an operator but found ")" at character 9'],
    ['an RDTAX. name the catalogue lacks', '=RDTAX.NOPE(A1)', 'RDTAX.NOPE is not a catalogue function'],
  ])('formulaProblems: %s', (_n, formula, problem) => {
    expect(formulaProblems(formula, []).join('; ')).toContain(problem);
  });
});

describe('renderTemplate', () => {
  const sheetsOf = (host: Host) => new Map(renderTemplate(software, host).map((s) => [s.name, s] as const));

  it.each(['excel', 'sheets'] as const)(
    '%s: the study tables, Roles, Summary, Form 6765 and About, headers on row 1',
    (host) => {
      const s = sheetsOf(host);
      expect([...s.keys()]).toEqual([
        'Employees',
        'Allocations',
        'Contractors',
        'Supplies',
        'Components',
        'Prior Years',
        'Roles',
        'Summary',
        'Form 6765',
        'About',
      ]);
      expect(s.get('Employees')!.values[0]).toEqual([
        'Employee',
        'Role',
        'Location',
        'W-2 Box 1 Wages',
        'R&D %',
        'Business Component',
        'Qualified Service',
        'Officer',
      ]);
      expect(s.get('Allocations')!.values[0]).toEqual(['Employee', 'Business Component', 'Share']);
      expect(s.get('Components')!.values[0].slice(-2)).toEqual(['Software Type', 'Information Sought']);
      expect(s.get('Form 6765')!.values[0]).toEqual(['Line', 'Description', 'Amount', 'Citation']);
      expect(s.get('Roles')!.values).toEqual([
        ['Role', 'Low %', 'High %'],
        ...software.roles.map((r) => [r.role, r.low, r.high]),
      ]);
    },
  );

  it.each(['excel', 'sheets'] as const)('%s: About records template id, version, tax year and profile', (host) => {
    const about = sheetsOf(host).get('About')!;
    const row = Object.fromEntries(ABOUT_COLUMNS.map((c, i) => [c, about.values[1][i]]));
    expect(row).toMatchObject({ Template: 'software', Version: '1', 'Tax Year': 2025, Profile: 'software' });
  });

  it('Summary formulas: bare names for Sheets (array ones in ARRAYFORMULA), RDTAX. for Excel (array ones flagged)', () => {
    const excel = sheetsOf('excel').get('Summary')!;
    const sheets = sheetsOf('sheets').get('Summary')!;
    const at = (s: RenderedSheet, cell: string) => s.formulas.find((f) => f.cell === cell);
    // Line 42 passes only the wages of research in the US (§41(d)(4)(F)), element-wise: an array formula.
    const usOnly =
      '=RDTAX.RD_WAGE_QRE(IF(RDTAX.RD_IN_US(Employees!C2:C1000), Employees!D2:D1000, 0), Employees!E2:E1000';
    expect(at(excel, 'C2')).toMatchObject({ cell: 'C2', array: true });
    expect(at(excel, 'C2')!.formula.startsWith(usOnly)).toBe(true);
    expect(at(sheets, 'C2')!.formula.startsWith(`=ARRAYFORMULA(${usOnly.slice(7).replace(/RDTAX\./g, '')}`)).toBe(true);
    expect(at(sheets, 'C4')).toEqual({
      cell: 'C4',
      formula:
        '=ARRAYFORMULA(RD_CLOUD_QRE(IF(Supplies!B2:B1000="Cloud", Supplies!D2:D1000, 0), Supplies!C2:C1000, Supplies!E2:E1000))',
    });
    expect(at(excel, 'C4')).toEqual({
      cell: 'C4',
      formula:
        '=RDTAX.RD_CLOUD_QRE(IF(Supplies!B2:B1000="Cloud", Supplies!D2:D1000, 0), Supplies!C2:C1000, Supplies!E2:E1000)',
      array: true,
    });
    expect(excel.formulas.filter((f) => f.array).map((f) => f.cell)).toEqual(['C2', 'C3', 'C4', 'C5']);
    expect(sheets.formulas.filter((f) => f.array)).toEqual([]);
    expect(at(excel, 'C7')!.formula).toBe("=RDTAX.RD_ASC(C6, 'Prior Years'!B2:B4, About!L2, About!C2)");
    for (const f of sheets.formulas) expect(f.formula).not.toContain('RDTAX.');
    // Every Summary row's formula cell is empty in `values`: text and formulas never share a cell.
    expect(excel.formulas).toHaveLength(software.summary.length);
    for (const row of excel.values.slice(1)) expect(row[2]).toBeNull();
  });

  it('drop-down lists: roles from the Roles sheet, the law’s words for contract type, category, environment and Yes/No', () => {
    const s = sheetsOf('excel');
    const v = (sheet: string, range: string) => s.get(sheet)!.validations.find((x) => x.range === range);
    expect(v('Employees', 'B2:B1000')).toMatchObject({
      listRange: 'Roles!$A$2:$A$200',
      strict: false,
      list: software.roles.map((r) => r.role),
    });
    expect(v('Employees', 'C2:C1000')).toMatchObject({ strict: false });
    expect(v('Employees', 'C2:C1000')!.list[0]).toBe('US');
    expect(v('Contractors', 'E2:E1000')).toMatchObject({ list: ['standard', 'consortium', 'energy'], strict: true });
    expect(v('Contractors', 'F2:F1000')).toMatchObject({ list: ['Yes', 'No'], strict: true });
    expect(v('Supplies', 'B2:B1000')).toMatchObject({
      list: ['Supply', 'Cloud', 'Equipment', 'Utilities'],
      strict: true,
    });
    expect(v('Supplies', 'C2:C1000')!.list).toContain('training');
    expect(v('Supplies', 'F2:F1000')).toMatchObject({ listRange: 'Components!$A$2:$A$1000' });
    // Form 6765 lines 50–52 (§41(b)(2)(B)), line 38 and line 49(e): the schema's words, first spelling of each.
    expect(v('Employees', 'G2:G1000')).toMatchObject({
      list: ['Direct research', 'Direct supervision', 'Direct support'],
      strict: true,
    });
    expect(v('Employees', 'H2:H1000')).toMatchObject({ list: ['Yes', 'No'], strict: true });
    expect(v('Components', 'H2:H1000')).toMatchObject({
      list: ['Internal use', 'Non-internal use', 'Dual function'],
      strict: true,
    });
    // Allocations: employees from the Employees sheet, components from Components, shares as percentages.
    expect(v('Allocations', 'A2:A1000')).toMatchObject({ listRange: 'Employees!$A$2:$A$1000', strict: false });
    expect(v('Allocations', 'B2:B1000')).toMatchObject({ listRange: 'Components!$A$2:$A$1000', strict: false });
    expect(s.get('Allocations')!.formats).toEqual([{ range: 'C2:C1000', format: '0.00%' }]);
  });

  it('About: a drop-down for every field with closed words, a number format for every amount, %, year and count', () => {
    const about = sheetsOf('excel').get('About')!;
    const letter = (h: string) => String.fromCharCode(65 + ABOUT_COLUMNS.indexOf(h));
    const list = (h: string) => about.validations.find((x) => x.range === `${letter(h)}2:${letter(h)}2`);
    expect(list('Credit Method')).toEqual({ range: 'N2:N2', list: ['ASC', 'Regular'], strict: true });
    for (const h of ['280C Election', 'Controlled Group', 'Acquisition or Disposition', 'New QRE Categories'])
      expect(list(h)).toMatchObject({ list: ['Yes', 'No'], strict: true });
    // elect_60 needs the month benefits are first realized, which the study does not record.
    expect(list('174 Method')!.list).not.toContain('elect_60');
    // Neighbouring fields of one format share a range: Avg Gross Receipts and Gross Receipts (H2:I2),
    // First Receipts Year and Prior Payroll Elections (J2:K2), the amounts P2:U2 (Energy Consortia … Allocated to Beneficiaries).
    expect(about.formats).toEqual([
      { range: 'B2:B2', format: '@' },
      { range: 'C2:C2', format: '0' },
      { range: 'G2:G2', format: '0.00%' },
      { range: 'H2:I2', format: '#,##0.00' },
      { range: 'J2:K2', format: '0' },
      { range: 'P2:U2', format: '#,##0.00' },
      { range: 'Y2:Y2', format: '#,##0.00' },
      { range: 'AA2:AB2', format: '@' },
    ]);
  });

  it('a firm’s lists, role table, tax year and extra columns reach the sheets', () => {
    const firm: FirmTemplate = {
      ...software,
      id: 'acme',
      version: '7',
      taxYear: 2024,
      roles: [{ role: 'Engineer', low: 0.5, high: 1 }],
      lists: { locations: ['US', 'Canada'] },
      sheets: software.sheets.map((s) =>
        s.name === 'Employees' ? { ...s, columns: [...s.columns, { header: 'Notes' }] } : s,
      ),
    };
    const s = new Map(renderTemplate(firm, 'sheets').map((x) => [x.name, x] as const));
    expect(s.get('Employees')!.values[0]).toContain('Notes');
    expect(s.get('Employees')!.validations.find((x) => x.range === 'C2:C1000')!.list).toEqual(['US', 'Canada']);
    expect(s.get('Roles')!.values[1]).toEqual(['Engineer', 0.5, 1]);
    expect(s.get('Prior Years')!.values.map((r) => r[0])).toEqual(['Tax Year', 2023, 2022, 2021]);
    expect(s.get('About')!.values[1].slice(0, 4)).toEqual(['acme', '7', 2024, 'software']);
  });

  it.each(['excel', 'sheets'] as const)(
    '%s: the rendered workbook, read back as grids, validates with no errors or warnings',
    (host) => {
      const rendered: RenderedSheet[] = renderTemplate(software, host);
      const findings = validateWorkbook({ sheets: rendered.map((s) => ({ name: s.name, values: s.values })) });
      expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    },
  );

  it('a study made from version 1 and checked against version 2 of the template reports version drift', () => {
    const rendered = renderTemplate(software, 'excel');
    const findings = validateWorkbook(
      { sheets: rendered.map((s) => ({ name: s.name, values: s.values })) },
      { template: { id: 'software', version: '2' } },
    );
    expect(findings.map((f) => f.rule)).toContain('template/version-drift');
  });
});
