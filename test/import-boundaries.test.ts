/**
 * The lint keeps dependencies pointing one way (hosts → panel → core; the CLI → core) and
 * imports going through the aliases (eslint.config.mjs, run by npm test). Each row is a file
 * that would break the rule, linted as if it were at that path, or one that keeps it.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

/**
 * ESLint's restricted-import messages for each [file, code], from one child process: ESLint
 * loads its .mjs config with a dynamic import, which jest's module sandbox does not allow.
 */
function restrictedAll(rows: readonly (readonly [string, string])[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const path = require('path');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, code] of JSON.parse(process.argv[1])) {
        const [r] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
        out.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(rows)], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('import boundaries the lint enforces', () => {
  // [case, file, import, does it break a boundary?]
  const CASES: readonly (readonly [string, string, string, boolean])[] = [
    ['the engine imports the panel', 'core/src/x.ts', "import { a } from '@panel/host';", true],
    ['the engine imports the CLI', 'core/src/x.ts', "import { a } from '../../cli/src/check';", true],
    ['the engine imports Node', 'core/src/x.ts', "import * as a from 'fs';", true],
    ['the engine imports itself', 'core/src/x.ts', "import { a } from './cells';", false],
    ['the panel imports the engine', 'panel/src/x.ts', "import { a } from '@core/cells';", false],
    [
      'the panel imports the engine by a deep path',
      'panel/src/x.ts',
      "import { a } from '../../core/src/cells';",
      true,
    ],
    [
      'the panel imports the Excel host',
      'panel/src/x.ts',
      "import { a } from '../../excel-addin/src/excel-host';",
      true,
    ],
    ['a host imports the engine by alias', 'excel-addin/src/x.ts', "import { a } from '@core/cells';", false],
    [
      'a host imports the engine by a deep path',
      'excel-addin/src/x.ts',
      "import { a } from '../../core/src/cells';",
      true,
    ],
    [
      'a host imports the other host',
      'gsheets/src/server/x.ts',
      "import { a } from '../../../excel-addin/src/x';",
      true,
    ],
    ['a host imports the CLI', 'excel-addin/src/x.ts', "import { a } from '../../cli/src/check';", true],
    ['the CLI imports the panel', 'cli/src/x.ts', "import { a } from '@panel/panel';", true],
    ['the CLI imports the engine by alias', 'cli/src/x.ts', "import { a } from '@core/cells';", false],
  ];
  const messages = restrictedAll(CASES.map(([, file, code]) => [file, `${code}\nexport const b = a;\n`] as const));
  test.each(CASES.map((c, i) => [...c, i] as const))('%s (%s)', (_case, _file, _code, broken, i) => {
    expect((messages[i] ?? []).length > 0).toBe(broken);
  });
});
