/**
 * A firm template is a file from outside (issue 8 §1): nothing in it may become a live formula
 * other than a Summary formula inside the closed vocabulary. Tables of hostile templates, each
 * refused by the importer with the path of the offending field; the formula vocabulary, case by
 * case; and what the renderer hands the writers when a template is forced past the importer.
 */
import {
  BUILTIN_TEMPLATES,
  formulaProblems,
  formulaTrigger,
  parseTemplate,
  quotePrefixed,
  renderTemplate,
  SAFE_BUILTINS,
  sheetContents,
  studySheetNames,
  TEMPLATE_TEXT_LIMITS,
} from '../src/templates';
import { CATALOGUE } from '../src/catalogue';
import { DDE, FORCED, IMPORTXML, WEBSERVICE } from './template-trust-forced';

const software = BUILTIN_TEMPLATES.software;
/** The built-in as a firm's file holds it, with one change. */
function variant(change: (t: Record<string, any>) => void): string {
  const t = JSON.parse(JSON.stringify(software));
  change(t);
  return JSON.stringify(t, null, 2);
}
const SHEETS = studySheetNames(software);

// ------------------------------------------------------------------ the importer

interface Hostile {
  readonly name: string;
  readonly text: string;
  /** Every error names a path; the first one starts with this path… */
  readonly path: string;
  /** …and says this. */
  readonly says: string;
}

const HOSTILE: readonly Hostile[] = [
  // The issue's reproductions: text fields that start like formulas.
  {
    name: 'firm is a WEBSERVICE call (issue 8)',
    text: variant((t) => (t.firm = WEBSERVICE)),
    path: 'firm',
    says: 'starts with "=", which a spreadsheet reads as the start of a formula',
  },
  {
    name: 'a role is a DDE command (issue 8)',
    text: variant((t) => (t.roles[0].role = DDE)),
    path: 'roles[0].role',
    says: 'starts with "="',
  },
  {
    name: 'a header is a HYPERLINK (issue 8)',
    text: variant((t) => (t.sheets[0].columns[5].header = '=HYPERLINK("https://x.example","Click")')),
    path: 'sheets[0].columns[5].header',
    says: 'starts with "="',
  },
  {
    name: 'a summary formula is IMPORTXML (issue 8)',
    text: variant((t) => (t.summary[2].formula = IMPORTXML)),
    path: 'summary[2].formula',
    says: 'IMPORTXML and TEXTJOIN are not allowed',
  },
  // Every other text field, and the other formula starters (OWASP CSV injection list).
  {
    name: 'name starts with "+"',
    text: variant((t) => (t.name = '+1+cmd|x!A1')),
    path: 'name',
    says: 'starts with "+"',
  },
  {
    name: 'version starts with "-"',
    text: variant((t) => (t.version = '-2+3')),
    path: 'version',
    says: 'starts with "-"',
  },
  {
    name: 'a summary label starts with "@"',
    text: variant((t) => (t.summary[0].label = '@SUM(1)')),
    path: 'summary[0].label',
    says: 'starts with "@"',
  },
  {
    name: 'a summary line starts with a tab',
    text: variant((t) => (t.summary[0].line = '\t=1')),
    path: 'summary[0].line',
    says: 'starts with a tab',
  },
  {
    name: 'a label starts with a carriage return',
    text: variant((t) => (t.summary[1].label = '\r=1+1')),
    path: 'summary[1].label',
    says: 'starts with a line break',
  },
  {
    name: 'a drop-down word starts with "="',
    text: variant((t) => (t.sheets[0].columns[2].list = ['US', '=1+1'])),
    path: 'sheets[0].columns[2].list[1]',
    says: 'starts with "="',
  },
  {
    name: 'a location list word starts with "-"',
    text: variant((t) => (t.lists = { locations: ['US', '-cmd'] })),
    path: 'lists.locations[1]',
    says: 'starts with "-"',
  },
  {
    name: 'leading spaces before "=" (some spreadsheets trim them)',
    text: variant((t) => (t.firm = '   =1+1')),
    path: 'firm',
    says: 'starts with "="',
  },
  {
    name: 'a full-width equals sign (an IME turns it into "=")',
    text: variant((t) => (t.firm = '＝WEBSERVICE("x")')),
    path: 'firm',
    says: 'starts with "＝"',
  },
  // Summary formulas outside the vocabulary.
  {
    name: 'INDIRECT turns text into a reference',
    text: variant((t) => (t.summary[4].formula = '=SUM(INDIRECT("Employees!D2:D9"))')),
    path: 'summary[4].formula',
    says: 'INDIRECT is not allowed',
  },
  {
    name: 'lower-case webservice is the same function',
    text: variant((t) => (t.summary[4].formula = '=webservice("x")')),
    path: 'summary[4].formula',
    says: 'webservice is not allowed',
  },
  {
    name: 'HYPERLINK in a formula',
    text: variant((t) => (t.summary[4].formula = '=HYPERLINK("x")')),
    path: 'summary[4].formula',
    says: 'HYPERLINK is not allowed',
  },
  {
    name: 'FILTERXML',
    text: variant((t) => (t.summary[4].formula = '=FILTERXML("<a/>","//a")')),
    path: 'summary[4].formula',
    says: 'FILTERXML is not allowed',
  },
  {
    name: "Excel's _xlfn. prefix",
    text: variant((t) => (t.summary[4].formula = '=_xlfn.WEBSERVICE("x")')),
    path: 'summary[4].formula',
    says: '_xlfn.WEBSERVICE is not allowed',
  },
  {
    name: 'a DDE link in a formula',
    text: variant((t) => (t.summary[4].formula = DDE)),
    path: 'summary[4].formula',
    says: '"|" links to another program (DDE)',
  },
  {
    name: 'an external workbook reference',
    text: variant((t) => (t.summary[4].formula = '=SUM([evil.xlsx]Sheet1!A1:A9)')),
    path: 'summary[4].formula',
    says: '"[" names another workbook',
  },
  {
    name: 'an external workbook inside a quoted sheet name',
    text: variant((t) => (t.summary[4].formula = "=SUM('[evil.xlsx]Employees'!A1)")),
    path: 'summary[4].formula',
    says: 'refers to the sheet "[evil.xlsx]Employees", which the template does not lay out',
  },
  {
    name: 'a sheet the study does not have',
    text: variant((t) => (t.summary[4].formula = '=SUM(Payroll!A1:A9)')),
    path: 'summary[4].formula',
    says: 'refers to the sheet "Payroll"',
  },
  {
    name: 'a web address in a string',
    text: variant((t) => (t.summary[4].formula = '=IF(C2>0,"see https://x.example","")')),
    path: 'summary[4].formula',
    says: 'holds a web address',
  },
  {
    name: 'a www. address in a string',
    text: variant((t) => (t.summary[4].formula = '=IF(C2>0,"www.x.example","")')),
    path: 'summary[4].formula',
    says: 'holds a web address',
  },
  {
    name: 'a network share in a string',
    text: variant((t) => (t.summary[4].formula = '=IF(C2>0,"\\\\\\\\host\\\\share","")')),
    path: 'summary[4].formula',
    says: 'holds a network path',
  },
  {
    name: 'a mailto: link in a string',
    text: variant((t) => (t.summary[4].formula = '=IF(C2>0,"MAILTO:a@x.example","")')),
    path: 'summary[4].formula',
    says: 'holds an e-mail link',
  },
  {
    name: 'a file: link in a string',
    text: variant((t) => (t.summary[4].formula = '=IF(C2>0,"file:c:/x","")')),
    path: 'summary[4].formula',
    says: 'holds a file link',
  },
  {
    name: 'a defined name',
    text: variant((t) => (t.summary[4].formula = '=SUM(Secret)')),
    path: 'summary[4].formula',
    says: 'Secret at character 6 is not a cell reference',
  },
  {
    name: 'an implicit-intersection "@"',
    text: variant((t) => (t.summary[4].formula = '=@C2')),
    path: 'summary[4].formula',
    says: '"@" is an implicit-intersection',
  },
  {
    name: 'a Cyrillic lookalike in a function name',
    text: variant((t) => (t.summary[4].formula = '=SUМ(C2:C5)')),
    path: 'summary[4].formula',
    says: '(U+041C) is not part of a template formula',
  },
  {
    name: 'a formula longer than Excel accepts',
    text: variant((t) => (t.summary[4].formula = `=${'1+'.repeat(4200)}1`)),
    path: 'summary[4].formula',
    says: 'Excel accepts at most 8192 in a formula',
  },
  {
    name: 'nesting deeper than Excel allows',
    text: variant((t) => (t.summary[4].formula = `=${'('.repeat(70)}1${')'.repeat(70)}`)),
    path: 'summary[4].formula',
    says: 'nested more than 64 levels deep',
  },
  // Invisible characters, anywhere.
  {
    name: 'a right-to-left override in a role (Trojan Source)',
    text: variant((t) => (t.roles[1].role = 'QA \u202EreenignE')),
    path: 'roles[1].role',
    says: 'invisible right-to-left override (U+202E)',
  },
  {
    name: 'a left-to-right isolate in a header',
    text: variant((t) => (t.sheets[0].columns[0].header = 'Employee\u2066')),
    path: 'sheets[0].columns[0].header',
    says: 'left-to-right isolate (U+2066)',
  },
  {
    name: 'an Arabic letter mark in the firm',
    text: variant((t) => (t.firm = 'Acme\u061C')),
    path: 'firm',
    says: 'Arabic letter mark (U+061C)',
  },
  {
    name: 'a zero-width space in a role',
    text: variant((t) => (t.roles[0].role = 'Software\u200BDeveloper')),
    path: 'roles[0].role',
    says: 'zero width space (U+200B)',
  },
  {
    name: 'a zero-width no-break space inside a summary formula',
    text: variant((t) => (t.summary[0].formula = `=\uFEFF${software.summary[0].formula.slice(1)}`)),
    path: 'summary[0].formula',
    says: 'zero width no-break space (U+FEFF)',
  },
  {
    name: 'a word joiner in a list word',
    text: variant((t) => (t.sheets[1].columns[1].list = ['US', 'Can\u2060ada'])),
    path: 'sheets[1].columns[1].list[1]',
    says: 'word joiner (U+2060)',
  },
  {
    name: 'a NUL character (an .xlsx file cannot hold it)',
    text: variant((t) => (t.name = 'Acme\u0000')),
    path: 'name',
    says: 'control character U+0000',
  },
  // Size.
  {
    name: 'a string longer than a cell holds',
    text: variant((t) => (t.summary[0].label = 'x'.repeat(32768))),
    path: 'summary[0].label',
    says: 'a cell holds at most 32,767',
  },
  {
    name: 'a role name longer than its field',
    text: variant((t) => (t.roles[0].role = 'R'.repeat(256))),
    path: 'roles[0].role',
    says: 'this field takes at most 255',
  },
  {
    name: 'a firm name of exactly 256 characters',
    text: variant((t) => (t.firm = 'F'.repeat(256))),
    path: 'firm',
    says: 'is 256 characters long',
  },
  // Duplicate keys: JSON.parse keeps the last one silently.
  {
    name: 'firm given twice (the second would win silently)',
    text: variant(() => {}).replace('"firm": ', '"firm": "Acme", "firm": '),
    path: 'firm',
    says: 'is given twice in the same object',
  },
  {
    name: 'a role’s low given twice',
    text: variant(() => {}).replace('"low": 0.8,', '"low": 0.1, "low": 0.8,'),
    path: 'roles[0].low',
    says: 'is given twice',
  },
  {
    name: 'a formula given twice, one spelt with an escape',
    text: variant(() => {}).replace(
      '"formula": "=SUM(C2:C5)"',
      '"formula": "=SUM(C2:C5)", "form\\u0075la": "=WEBSERVICE(\\"x\\")"',
    ),
    path: 'summary[4].formula',
    says: 'is given twice',
  },
  {
    name: 'a severity override given twice',
    text: variant((t) => (t.severityOverrides = { 'wages/role-range': 'error' })).replace(
      '"wages/role-range": "error"',
      '"wages/role-range": "off", "wages/role-range": "error"',
    ),
    path: 'severityOverrides["wages/role-range"]',
    says: 'is given twice',
  },
  // "__proto__" is a key like any other in JSON; assigned to an object it would swap the prototype.
  {
    name: 'a top-level "__proto__" key (would replace the template object’s prototype)',
    text: variant(() => {}).replace('{', '{ "__proto__": { "polluted": true },'),
    path: '__proto__',
    says: 'unknown field',
  },
  {
    name: 'a "__proto__" key inside a role (would hand it an inherited low)',
    text: variant(() => {}).replace('"low": 0.8,', '"__proto__": { "low": 0 }, "low": 0.8,'),
    path: 'roles[0].__proto__',
    says: 'unknown field',
  },
  // Structure.
  {
    name: 'nesting deeper than a template needs',
    text: variant((t) => (t.lists = { componentTypes: [JSON.parse(`${'['.repeat(20)}1${']'.repeat(20)}`)] })),
    path: 'lists.componentTypes[0]',
    says: 'nested more than 16 levels deep',
  },
  {
    name: 'more columns than a sheet takes (257)',
    text: variant((t) =>
      t.sheets[0].columns.push(
        ...Array.from({ length: 257 - t.sheets[0].columns.length }, (_, i) => ({ header: `Extra ${i}` })),
      ),
    ),
    path: 'sheets[0].columns',
    says: 'lists 257 columns',
  },
  {
    name: 'more roles than the Role drop-down covers (200)',
    text: variant((t) => (t.roles = Array.from({ length: 200 }, (_, i) => ({ role: `Role ${i}`, low: 0, high: 1 })))),
    path: 'roles',
    says: 'lists 200 roles; a template takes at most 199',
  },
  {
    name: 'more summary rows than a template takes (501)',
    text: variant((t) => (t.summary = Array.from({ length: 501 }, () => ({ label: 'x', formula: '=1' })))),
    path: 'summary',
    says: 'lists 501 rows',
  },
  {
    name: 'a file far larger than a template',
    text: variant((t) => (t.summary[0].label = 'x'.repeat(2_000_001))),
    path: 'the file',
    says: 'far larger than a firm template',
  },
];

describe('hostile templates are refused by the importer, naming the field', () => {
  it.each(HOSTILE.map((h) => [h.name, h] as const))('%s', (_n, h) => {
    const parsed = parseTemplate(h.text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0].startsWith(`${h.path}`)).toBe(true);
    expect(parsed.errors[0]).toContain(h.says);
    // One sentence per problem, bounded: no message quotes a 32 KB string back.
    for (const e of parsed.errors) expect(e.length).toBeLessThan(600);
  });

  it.each([
    ['a name at the 255-character limit', variant((t) => (t.name = 'N'.repeat(TEMPLATE_TEXT_LIMITS.name)))],
    ['a label at the limit', variant((t) => (t.summary[0].label = 'L'.repeat(TEMPLATE_TEXT_LIMITS.label)))],
    ['text with "=" inside, not at the start', variant((t) => (t.summary[0].label = 'Wages = W-2 Box 1 × R&D %'))],
    ['a role with a hyphen inside and an apostrophe', variant((t) => (t.roles[0].role = "Developer's lead - backend"))],
    ['an accented name typed decomposed (NFD) — kept, as NFC', variant((t) => (t.firm = 'Cafe\u0301 CPAs'))],
    [
      'a formula using every safe built-in',
      variant((t) => (t.summary[4].formula = `=${SAFE_BUILTINS.map((b) => `${b}(C2)`).join('+')}`)),
    ],
    [
      'a formula with a column range, comparison and "&"',
      variant((t) => (t.summary[4].formula = '=SUMIF(Supplies!B:B,"Supply",Supplies!D:D)&"" & (C2<>0)')),
    ],
    [
      'exactly 256 columns and 199 roles',
      variant((t) => {
        t.sheets[0].columns.push(
          ...Array.from({ length: 256 - t.sheets[0].columns.length }, (_, i) => ({ header: `Extra ${i}` })),
        );
        t.roles = Array.from({ length: 199 }, (_, i) => ({ role: `Role ${i}`, low: 0, high: 1 }));
      }),
    ],
    [
      'the same key in two different objects',
      variant((t) => (t.lists = { locations: ['US'], componentTypes: ['Product'] })),
    ],
  ])('accepted: %s', (_n, text) => {
    const parsed = parseTemplate(text);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });

  it('normalises text to NFC, so one role typed two ways is one role', () => {
    const parsed = parseTemplate(variant((t) => (t.firm = 'Cafe\u0301 CPAs')));
    expect(parsed.ok && parsed.template.firm).toBe('Café CPAs');
    const twice = parseTemplate(
      variant((t) =>
        t.roles.push(
          { role: 'Cafe\u0301 Engineer', low: 0.1, high: 0.2 },
          { role: 'Café Engineer', low: 0.1, high: 0.2 },
        ),
      ),
    );
    expect(twice.ok ? [] : twice.errors[0]).toContain('is listed twice');
  });
});

// ------------------------------------------------------------------ the vocabulary

describe('the formula vocabulary', () => {
  it.each([
    ['every catalogue function', `=${CATALOGUE.map((f) => `${f.name}(A1)`).join('+')}`],
    ['the Excel spelling of a catalogue function', '=RDTAX.RD_QRE(Employees!D2:D1000, Employees!E2:E1000)'],
    ['a quoted study sheet with absolute references', "=SUM('Prior Years'!$B$2:$B$4)"],
    ['study sheet names match case-insensitively', '=SUM(employees!D2:D9)'],
    ['the generated sheets', '=About!C2 + Roles!B2 + Summary!C2'],
    ['numbers, percent, exponent, unary minus, power', '=-C2% + 1.5E3 ^ 2 / .5'],
    ['an omitted argument', '=IF(C2,,0)'],
    ['text with doubled quotes', '="say ""hi"""'],
    ['TRUE and FALSE', '=IF(TRUE, 1, FALSE)'],
    ['the last cell of a sheet', '=XFD1048576'],
  ])('accepted: %s', (_n, formula) => {
    expect(formulaProblems(formula, SHEETS)).toEqual([]);
  });

  it.each([
    ['a column past XFD', '=XFE1', 'beyond the last row or column'],
    ['a row past 1,048,576', '=A1048577', 'beyond the last row or column'],
    ['a row range (not needed, not allowed)', '=SUM(1:3)', 'neither a number nor a cell reference'],
    [
      'two operands without an operator (the intersection operator)',
      '=SUM(C2:C5 C3)',
      'expected "," or ")" to close SUM(',
    ],
    ['an array constant', '=SUM({1,2})', '"{" starts an array constant'],
    ['an error literal', '=IFERROR(#REF!, 0)', '"#" starts an error value'],
    ['a semicolon separator', '=SUM(C2;C3)', '";" is not an argument separator'],
    ['a stray "!"', '=!A1', '"!" must follow a sheet name'],
    ['an unclosed quoted sheet', "=SUM('Employees!A1)", 'quoted sheet name opened at character 6 is never closed'],
    ['an empty formula', '=', 'is empty after "="'],
    ['not a formula at all', 'SUM(A1)', 'is not a formula; start it with "="'],
  ])('refused: %s', (_n, formula, says) => {
    expect(formulaProblems(formula, SHEETS).join('; ')).toContain(says);
  });
});

describe('text that reads like a formula', () => {
  it.each([
    ['=1+1', '='],
    ['+1', '+'],
    ['-1', '-'],
    ['@SUM(A1)', '@'],
    ['\tx', '\t'],
    ['\rx', '\r'],
    ['\nx', '\n'],
    ['  =x', '='],
    ['\u00A0=x', '='],
    ['＝x', '＝'],
    ['﹦x', '﹦'],
    ['Plain text', undefined],
    ['a = b', undefined],
    ["'quoted", undefined],
    ['', undefined],
  ])('formulaTrigger(%j) is %j', (text, trigger) => {
    expect(formulaTrigger(text)).toBe(trigger);
  });

  it.each([
    ['=WEBSERVICE("x")', '\'=WEBSERVICE("x")'],
    ["'already quoted", "''already quoted"],
    ['Employee', 'Employee'],
    ['-', "'-"],
  ])('quotePrefixed(%j) is %j', (text, typed) => {
    expect(quotePrefixed(text)).toBe(typed);
  });
});

// ------------------------------------------------------------------ forced past the importer

describe('forced past the importer, the renderer hands writers only checked formulas', () => {
  it.each(['excel', 'sheets'] as const)(
    '%s: the hostile summary formula is text; the checked one a formula',
    (host) => {
      const rendered = renderTemplate(FORCED, host);
      const summary = rendered.find((s) => s.name === 'Summary')!;
      expect(summary.formulas).toEqual([{ cell: 'C3', formula: '=SUM(C2:C2)' }]);
      expect(summary.values[1]).toEqual(['-1', '\t=1+1', IMPORTXML]);
      // Live: the checked Summary formula, and the Form 6765 sheet's, which the renderer writes from the
      // form's description (no template text reaches them) and checks the same way.
      const form = rendered.find((s) => s.name === 'Form 6765')!;
      expect(rendered.flatMap((s) => s.formulas.map((f) => `${s.name}!${f.cell}`))).toEqual([
        'Summary!C3',
        ...form.formulas.map((f) => `Form 6765!${f.cell}`),
      ]);
      for (const f of form.formulas) {
        expect(formulaProblems(f.formula.replace(/^=ARRAYFORMULA\((.*)\)$/s, '=$1'), SHEETS)).toEqual([]);
        for (const hostile of [IMPORTXML, WEBSERVICE, DDE, '@SUM(1)', '=1+1']) expect(f.formula).not.toContain(hostile);
      }
      const about = rendered.find((s) => s.name === 'About')!;
      expect(about.values[1]).toContain(WEBSERVICE);
      expect(rendered.find((s) => s.name === 'Roles')!.values[1][0]).toBe(DDE);
      // sheetContents (what a formula bar would show) puts the formula back in its cell.
      expect(sheetContents(summary)[2][2]).toBe('=SUM(C2:C2)');
    },
  );
});
