/**
 * `--json` prints exactly one JSON document on stdout for every outcome (issue 8 §3, docs/design.md
 * §8b): one envelope `{ schemaVersion, tool, command, exitCode, files, error? }` shared by
 * check, compute and template, whose `exitCode` is the process's. Each row is a named
 * invocation, run as a user runs it (a child process through the real launcher).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { debug, readFailure, SCHEMA_VERSION } from '../src/envelope';
import { EXAMPLES, expectNoStackTrace, rdtax, ROOT, type Run } from './helpers';

const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'cli', 'package.json'), 'utf8')).version;
const CODE = /^[a-z0-9-]+\/[a-z0-9-]+$/;
/** What a raw JavaScript failure looks like: never shown to a user. */
const INTERNALS =
  /Cannot (read|set) propert|is not a function|is not iterable|TypeError|RangeError|ReferenceError|undefined \(|\bat \S+ \([^)]*:\d+:\d+\)/;

let tmp: string;
const tmpFile = (name: string, content: string | Buffer) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, content);
  return f;
};
const tmpDir = (name: string, files: Record<string, string> = {}) => {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  for (const [n, c] of Object.entries(files)) fs.writeFileSync(path.join(d, n), c);
  return d;
};
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-json-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CLEAN = path.join(EXAMPLES, 'clean.xlsx');
const NO_STUDY = path.join(EXAMPLES, 'table-no-study.xlsx');
const NO_TAX_YEAR = path.join(EXAMPLES, 'about-assumed.xlsx');
const SOFTWARE = path.join(ROOT, 'templates', 'software.json');

interface Case {
  readonly name: string;
  /** Built lazily: files are made in the temporary folder. */
  readonly args: () => string[];
  readonly exitCode: 0 | 1 | 2;
  readonly command: string | null;
  /** The top-level error code, when the command as a whole failed. */
  readonly error?: string | RegExp;
  /** Per file: a result (`ok`) or its error code. */
  readonly files?: readonly ('ok' | string | RegExp)[];
  readonly check?: (doc: any, r: Run) => void;
}

const CASES: readonly Case[] = [
  // ---- usage: nothing read, one top-level error, files: []
  { name: 'no command', args: () => ['--json'], exitCode: 2, command: null, error: 'usage/no-command' },
  {
    name: 'an unknown command',
    args: () => ['chekc', '--json', 'x.xlsx'],
    exitCode: 2,
    command: null,
    error: 'usage/unknown-command',
  },
  {
    name: 'an unknown option',
    args: () => ['check', '--jsn', '--json', 'x.xlsx'],
    exitCode: 2,
    command: 'check',
    error: 'usage/unknown-option',
  },
  {
    name: 'an unknown option of 100,000 characters: the message quotes at most 80 characters of it',
    args: () => ['check', '--json', `--${'x'.repeat(100_000)}`],
    exitCode: 2,
    command: 'check',
    error: 'usage/unknown-option',
    check: (doc, r) => {
      expect(doc.error.message.length).toBeLessThan(200);
      expect(r.stderr.length).toBeLessThan(300);
    },
  },
  {
    name: 'an option without its value',
    args: () => ['compute', 'x.xlsx', '--json', '--tax-year'],
    exitCode: 2,
    command: 'compute',
    error: 'usage/missing-value',
  },
  {
    name: 'a flag given a value',
    args: () => ['template', '--json', '--force=yes', '-o', 'x.xlsx'],
    exitCode: 2,
    command: 'template',
    error: 'usage/unexpected-value',
  },
  {
    name: 'an option the command does not take',
    args: () => ['check', '--json', '--tax-year', '2025', 'x.xlsx'],
    exitCode: 2,
    command: 'check',
    error: 'usage/option-not-allowed',
  },
  {
    name: 'a --tax-year that is not a year',
    args: () => ['compute', '--json', CLEAN, '--tax-year', '25'],
    exitCode: 2,
    command: 'compute',
    error: 'usage/bad-tax-year',
  },
  {
    name: '--tax-year 1993, the year before the engine’s first',
    args: () => ['compute', '--json', CLEAN, '--tax-year', '1993'],
    exitCode: 2,
    command: 'compute',
    error: 'usage/bad-tax-year',
  },
  {
    name: 'an unknown profile (settled before any file is read)',
    args: () => ['check', '--json', '--profile', 'biotech', CLEAN, CLEAN],
    exitCode: 2,
    command: 'check',
    error: 'usage/unknown-profile',
  },
  {
    name: 'an unknown host',
    args: () => ['template', '--json', '--host', 'numbers', '-o', path.join(tmp, 'h.xlsx')],
    exitCode: 2,
    command: 'template',
    error: 'usage/unknown-host',
  },
  {
    name: 'check without files',
    args: () => ['check', '--json'],
    exitCode: 2,
    command: 'check',
    error: 'usage/no-files',
  },
  {
    name: 'compute without a file',
    args: () => ['compute', '--json'],
    exitCode: 2,
    command: 'compute',
    error: 'usage/no-files',
  },
  {
    name: 'compute a study and a missing file: the worst exit code, the study still computed',
    args: () => ['compute', '--json', CLEAN, path.join(tmp, 'missing.xlsx')],
    exitCode: 2,
    command: 'compute',
    files: ['ok', 'file/not-found'],
  },
  {
    name: 'compute with two files: one entry per file, in the order given (additive: schemaVersion unchanged)',
    args: () => ['compute', '--json', CLEAN, CLEAN],
    exitCode: 0,
    command: 'compute',
    files: ['ok', 'ok'],
  },
  {
    name: 'compute --csv with --json: one or the other',
    args: () => ['compute', '--json', '--csv', CLEAN],
    exitCode: 2,
    command: 'compute',
    error: 'usage/conflicting-options',
    check: (doc) => expect(doc.error.message).toMatch(/^give --csv or --json, not both/),
  },
  {
    name: 'template without -o',
    args: () => ['template', '--json'],
    exitCode: 2,
    command: 'template',
    error: 'usage/no-output',
  },
  {
    name: 'template with --profile and --template',
    args: () => ['template', '--json', '--profile', 'software', '--template', SOFTWARE, '-o', 'x.xlsx'],
    exitCode: 2,
    command: 'template',
    error: 'usage/conflicting-options',
  },

  // ---- firm templates and outputs: one top-level error
  {
    name: 'a firm template that does not exist',
    args: () => ['check', '--json', '--template', path.join(tmp, 'nope.json'), CLEAN],
    exitCode: 2,
    command: 'check',
    error: 'template/unreadable',
  },
  {
    name: 'a firm template that is a folder',
    args: () => ['compute', '--json', '--template', tmpDir('tpl-folder'), CLEAN],
    exitCode: 2,
    command: 'compute',
    error: 'template/unreadable',
  },
  {
    name: 'an invalid firm template: every problem in details',
    args: () => [
      'check',
      '--json',
      '--template',
      tmpFile('bad.json', JSON.stringify({ ...JSON.parse(fs.readFileSync(SOFTWARE, 'utf8')), profile: 'saas' })),
      CLEAN,
    ],
    exitCode: 2,
    command: 'check',
    error: 'template/invalid',
    check: (doc) =>
      expect(doc.error.details).toEqual(
        expect.arrayContaining([expect.stringContaining('profile: "saas" is not a profile')]),
      ),
  },
  {
    name: 'a firm template that is not JSON',
    args: () => ['check', '--json', '--template', tmpFile('text.json', 'not json {'), CLEAN],
    exitCode: 2,
    command: 'check',
    error: 'template/invalid',
  },
  {
    name: 'template -o into a folder that does not exist',
    args: () => ['template', '--json', '-o', path.join(tmp, 'no', 'such', 'x.xlsx')],
    exitCode: 2,
    command: 'template',
    error: 'output/no-folder',
  },
  {
    name: 'template -o over an existing file',
    args: () => ['template', '--json', '-o', tmpFile('exists.xlsx', 'precious')],
    exitCode: 2,
    command: 'template',
    error: 'output/exists',
  },

  // ---- files: each a result or { file, error: { code, message } }
  { name: 'check a clean study', args: () => ['check', '--json', CLEAN], exitCode: 0, command: 'check', files: ['ok'] },
  {
    name: 'check a file that does not exist',
    args: () => ['check', '--json', path.join(tmp, 'missing.xlsx')],
    exitCode: 2,
    command: 'check',
    files: ['file/not-found'],
  },
  {
    name: 'check an empty file',
    args: () => ['check', '--json', tmpFile('empty.xlsx', '')],
    exitCode: 2,
    command: 'check',
    files: [/^file\//],
  },
  {
    name: 'check text named .xlsx',
    args: () => ['check', '--json', tmpFile('text.xlsx', 'this is not a workbook')],
    exitCode: 2,
    command: 'check',
    files: [/^file\//],
  },
  {
    name: 'check a truncated workbook',
    args: () => ['check', '--json', tmpFile('cut.xlsx', fs.readFileSync(CLEAN).subarray(0, 5000))],
    exitCode: 2,
    command: 'check',
    files: [/^file\//],
  },
  {
    name: 'check a folder without .csv files',
    args: () => ['check', '--json', tmpDir('no-csv')],
    exitCode: 2,
    command: 'check',
    files: [/^file\//],
  },
  {
    name: 'check a clean study and a missing file: both entries, the worst exit code',
    args: () => ['check', '--json', CLEAN, path.join(tmp, 'gone.xlsx')],
    exitCode: 2,
    command: 'check',
    files: ['ok', 'file/not-found'],
  },
  {
    name: 'check a workbook that is not a study: one table/no-study error finding, exit 1',
    args: () => ['check', '--json', NO_STUDY],
    exitCode: 1,
    command: 'check',
    files: ['ok'],
    check: (doc) => expect(doc.files[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['table/no-study']),
  },
  {
    name: 'check a stray .csv',
    args: () => ['check', '--json', tmpFile('people.csv', 'Name,Salary\r\nAnn,100\r\n')],
    exitCode: 1,
    command: 'check',
    files: ['ok'],
    check: (doc) => expect(doc.files[0].summary).toEqual({ errors: 1, warnings: 0, info: 0 }),
  },
  {
    name: 'check a folder of unrelated .csv sheets',
    args: () => [
      'check',
      '--json',
      tmpDir('stray-csv', { 'Sales.csv': 'Month,Total\r\n1,2\r\n', 'Notes.csv': 'Text\r\nhello\r\n' }),
    ],
    exitCode: 1,
    command: 'check',
    files: ['ok'],
    check: (doc) =>
      expect(doc.files[0].findings).toEqual([expect.objectContaining({ rule: 'table/no-study', severity: 'error' })]),
  },
  {
    name: 'compute a clean study',
    args: () => ['compute', '--json', CLEAN],
    exitCode: 0,
    command: 'compute',
    files: ['ok'],
    check: (doc) =>
      expect(doc.files[0]).toMatchObject({
        taxYear: 2025,
        summary: { errors: 0 },
        credits: { asc: { amount: 74550 } },
      }),
  },
  {
    name: 'compute a workbook that is not a study',
    args: () => ['compute', '--json', NO_STUDY],
    exitCode: 1,
    command: 'compute',
    files: ['table/no-study'],
  },
  {
    name: 'compute a study with no tax year',
    args: () => ['compute', '--json', NO_TAX_YEAR],
    exitCode: 2,
    command: 'compute',
    files: ['compute/no-tax-year'],
  },
  {
    name: 'compute a file that does not exist',
    args: () => ['compute', '--json', path.join(tmp, 'missing.xlsx')],
    exitCode: 2,
    command: 'compute',
    files: ['file/not-found'],
  },
  {
    name: 'template written',
    args: () => ['template', '--json', '-o', path.join(tmp, 'written.xlsx')],
    exitCode: 0,
    command: 'template',
    files: ['ok'],
    check: (doc) =>
      expect(doc.files[0].template).toEqual({
        id: 'software',
        version: '1',
        profile: 'software',
        taxYear: 2025,
        host: 'excel',
      }),
  },
  { name: '--version', args: () => ['--version', '--json'], exitCode: 0, command: null, files: [] },
  {
    name: '--help: the text goes to stderr',
    args: () => ['--help', '--json'],
    exitCode: 0,
    command: null,
    files: [],
    check: (_doc, r) => expect(r.stderr).toContain('Usage:'),
  },
];

describe.each(CASES)('$name', (c) => {
  let r: Run;
  let doc: any;
  beforeAll(() => {
    r = rdtax(c.args(), tmp);
  });
  it('stdout is exactly one JSON document', () => {
    expect(() => (doc = JSON.parse(r.stdout))).not.toThrow();
    expect(r.stdout.trimStart().startsWith('{')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
  });
  it(`exitCode ${c.exitCode}, the same as the process's`, () => {
    doc = JSON.parse(r.stdout);
    expect(r.code).toBe(c.exitCode);
    expect(doc.exitCode).toBe(r.code);
  });
  it('the envelope', () => {
    doc = JSON.parse(r.stdout);
    expect(Object.keys(doc).sort()).toEqual(
      ['command', 'exitCode', 'files', 'schemaVersion', 'tool', ...(c.error ? ['error'] : [])].sort(),
    );
    expect(doc.schemaVersion).toBe(SCHEMA_VERSION);
    expect(doc.tool).toEqual({ name: 'rdtax', version: VERSION });
    expect(doc.command).toBe(c.command);
    expect(Array.isArray(doc.files)).toBe(true);
  });
  if (c.error !== undefined) {
    it(`error ${String(c.error)}, no files`, () => {
      doc = JSON.parse(r.stdout);
      expect(doc.error.code).toMatch(c.error instanceof RegExp ? c.error : new RegExp(`^${c.error}$`));
      expect(doc.error.message).toEqual(expect.any(String));
      expect(doc.files).toEqual([]);
    });
  }
  if (c.files !== undefined) {
    it('one entry per file: a result, or { file, error: { code, message } }', () => {
      doc = JSON.parse(r.stdout);
      expect(doc.error).toBeUndefined();
      expect(doc.files).toHaveLength(c.files!.length);
      c.files!.forEach((want, i) => {
        const f = doc.files[i];
        expect(typeof f.file).toBe('string');
        if (want === 'ok') {
          expect(f.error).toBeUndefined();
        } else {
          expect(Object.keys(f).sort()).toEqual(['error', 'file']);
          expect(Object.keys(f.error).sort()).toEqual(['code', 'message']);
          expect(f.error.code).toMatch(CODE);
          expect(f.error.code).toMatch(want instanceof RegExp ? want : new RegExp(`^${want}$`));
        }
      });
    });
  }
  it('no stack trace, no raw JavaScript message; every code is area/what', () => {
    expectNoStackTrace(r);
    doc = JSON.parse(r.stdout);
    const errors = [doc.error, ...doc.files.map((f: { error?: unknown }) => f.error)].filter(Boolean);
    for (const e of errors) {
      expect(e.code).toMatch(CODE);
      expect(e.message).not.toMatch(INTERNALS);
    }
    expect(r.stderr).not.toMatch(INTERNALS);
  });
  if (c.check) it('and what this case is about', () => c.check!(JSON.parse(r.stdout), r));
});

it('the launcher’s own envelope (a broken install) carries the same schemaVersion as envelope.ts', () => {
  const launcher = fs.readFileSync(path.join(ROOT, 'cli', 'bin', 'rdtax.js'), 'utf8');
  expect(launcher.match(/schemaVersion: (\d+)/g)).toEqual([`schemaVersion: ${SCHEMA_VERSION}`]);
});

describe('an unexpected exception from the reader: a clean message, the raw detail only with RDTAX_DEBUG=1', () => {
  const expected = (e: unknown) => e instanceof SyntaxError; // stands in for the reader's own error class
  const raw = new TypeError("Cannot set properties of undefined (setting 'sheetNo')");
  const run = (debugValue: string | undefined) => {
    const saved = process.env.RDTAX_DEBUG;
    if (debugValue === undefined) delete process.env.RDTAX_DEBUG;
    else process.env.RDTAX_DEBUG = debugValue;
    const err: string[] = [];
    try {
      return { info: readFailure(raw, __filename, expected, (s) => err.push(s)), stderr: err.join('') };
    } finally {
      if (saved === undefined) delete process.env.RDTAX_DEBUG;
      else process.env.RDTAX_DEBUG = saved;
    }
  };
  test.each([
    ['RDTAX_DEBUG unset', undefined, ''],
    ['RDTAX_DEBUG=0', '0', ''],
    ['RDTAX_DEBUG=1', '1', "Cannot set properties of undefined (setting 'sheetNo')"],
  ])('%s', (_n, value, onStderr) => {
    const { info, stderr } = run(value);
    expect(info.code).toBe('file/damaged');
    expect(info.message).toMatch(/^could not be read: .*save it again as \.xlsx/);
    expect(info.message).not.toMatch(INTERNALS);
    if (onStderr) expect(stderr).toContain(onStderr);
    else expect(stderr).toBe('');
  });
  test.each([
    [
      'the reader’s own code is kept',
      Object.assign(new SyntaxError('is password-protected'), { code: 'file/encrypted' }),
      __filename,
      'file/encrypted',
    ],
    ['no code: file/unreadable', new SyntaxError('cannot be read'), __filename, 'file/unreadable'],
    [
      'file/unreadable of a path that does not exist: file/not-found',
      Object.assign(new SyntaxError('no such file or folder'), { code: 'file/unreadable' }),
      '/no/such/file.xlsx',
      'file/not-found',
    ],
    [
      'a code that is not area/what is not trusted',
      Object.assign(new SyntaxError('x'), { code: 'ENOENT' }),
      __filename,
      'file/unreadable',
    ],
  ])('%s', (_n, e, file, code) => {
    expect(readFailure(e, file, expected, () => undefined)).toEqual({ code, message: e.message });
  });
  test('debug() is silent without RDTAX_DEBUG', () => {
    const saved = process.env.RDTAX_DEBUG;
    delete process.env.RDTAX_DEBUG;
    const err: string[] = [];
    debug((s) => err.push(s), 'x', raw);
    if (saved !== undefined) process.env.RDTAX_DEBUG = saved;
    expect(err).toEqual([]);
  });
});
