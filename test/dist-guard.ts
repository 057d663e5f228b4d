/**
 * jest setupFilesAfterEnv: a test file that reads a built bundle (it, or a helper it imports from
 * test/, names excel-addin/dist or gsheets/dist) fails to run when that dist/ no longer matches
 * its sources (scripts/dist-stamp.ts), with the message saying to run npm run build. `npm test`
 * builds first; `npx jest test/excel` after editing core without building stops here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HOSTS, requireFreshDist, type Host } from '../scripts/dist-stamp';

const TEST_DIR = __dirname;
/** `'excel-addin', 'dist'` (path.join) or `excel-addin/dist`. */
const DIST_PATH = new RegExp(`\\b(${HOSTS.join('|')})(?:'\\s*,\\s*'|/)dist\\b`, 'g');
const RELATIVE_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

/** The hosts whose dist/ a test file reads, following its relative imports inside test/. */
export function distsReadBy(testFile: string): Set<Host> {
  const hosts = new Set<Host>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    // This file names both dist folders to describe itself; it reads neither.
    if (seen.has(file) || file === __filename || !file.startsWith(TEST_DIR + path.sep) || !fs.existsSync(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(DIST_PATH)) hosts.add(m[1] as Host);
    for (const m of text.matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), m[1]!);
      for (const f of [target, `${target}.ts`, path.join(target, 'index.ts')]) visit(f);
    }
  };
  visit(testFile);
  return hosts;
}

const testPath = expect.getState().testPath;
if (testPath) requireFreshDist(...distsReadBy(testPath));
