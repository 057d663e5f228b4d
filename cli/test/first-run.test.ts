/**
 * The README's "First run" commands work as written, from a fresh clone: each `npx rdtax …` line
 * of that section's code block is run (its glob expanded as a shell would) in a folder where
 * templates/ is the repository's, so a file it writes (-o my-study.xlsx) lands there. A command
 * whose comment says "exit N" must exit N; every other one must run (exit 0 or 1: findings),
 * never a usage error (2) or a stack trace.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectNoStackTrace, rdtax, ROOT } from './helpers';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## First run'));
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const COMMANDS = block
  .split('\n')
  .filter((l) => l.startsWith('npx rdtax '))
  .map((l) => {
    const [command, comment = ''] = l.split(/\s+#\s+/, 2);
    return [command.trim(), comment.trim()] as const;
  });

let cwd: string;
beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'rdtax-first-run-'));
  fs.symlinkSync(path.join(ROOT, 'templates'), path.join(cwd, 'templates'), 'dir');
});
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

/** A word of the command, with `dir/*.ext` expanded as sh does (sorted; the word itself when nothing matches). */
function expand(word: string): string[] {
  const m = /^(.*)\/\*(\.\w+)$/.exec(word);
  if (!m) return [word];
  const names = fs
    .readdirSync(path.join(cwd, m[1]))
    .filter((n) => n.endsWith(m[2]))
    .sort();
  return names.length > 0 ? names.map((n) => `${m[1]}/${n}`) : [word];
}

it('the section shows the commands (the test would pass on an empty block otherwise)', () => {
  expect(COMMANDS.length).toBeGreaterThanOrEqual(4);
});

describe.each(COMMANDS)('%s', (command, comment) => {
  it(comment ? `works as its comment says (${comment})` : 'works', () => {
    const args = command.split(/\s+/).slice(2).flatMap(expand);
    const r = rdtax(args, cwd);
    expectNoStackTrace(r);
    const exit = /\bexit (\d)\b/.exec(comment);
    if (exit) expect(r.code).toBe(Number(exit[1]));
    else expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toMatch(/see rdtax .*--help/); // no usage error
  });
});

// Every example study plants one problem; the First run section must show a command that finds
// it, with the options its index entry needs (template-version-drift.xlsx: --template).
describe('every planted problem of templates/examples is shown by a First run command', () => {
  const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates', 'examples', 'index.json'), 'utf8')) as {
    file: string;
    rule: string;
    checkArgs?: string[];
  }[];
  const runs = new Map<string, { files: { file: string; findings: { rule: string }[] }[] }>();
  const checked = (args: string[]) => {
    const key = args.join(' ');
    if (!runs.has(key)) runs.set(key, JSON.parse(rdtax([...args, '--json'].flatMap(expand), cwd).stdout));
    return runs.get(key)!;
  };
  it.each(index.filter((e) => e.rule).map((e) => [e.file, e] as const))('%s', (_f, e) => {
    const shown = COMMANDS.map(([c]) => c.split(/\s+/).slice(2))
      .filter((args) => args[0] === 'check')
      .filter((args) => (e.checkArgs ?? []).every((a) => args.includes(a)))
      .filter((args) => args.flatMap(expand).includes(`templates/examples/${e.file}`))
      .filter((args) => !args.some((a) => a.startsWith('--template')) || args.includes(`templates/examples/${e.file}`));
    expect(shown.length).toBeGreaterThan(0);
    const file = checked(shown[0]).files.find((f) => f.file.endsWith(`/${e.file}`));
    expect((file?.findings ?? []).map((f) => f.rule)).toContain(e.rule);
  });
});
