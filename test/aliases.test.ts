/**
 * One alias table (scripts/aliases.js) for every tool that resolves imports: TypeScript's
 * "paths" must say the same, and each alias must reach its folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ALIASES, jestModuleNameMapper, resolveAlias, ROOT, webpackAlias } from '../scripts/aliases';
import { CATALOGUE } from '@core/catalogue';

const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'));

describe('import aliases', () => {
  test('tsconfig.base.json "paths" are the alias table', () => {
    expect(base.compilerOptions.baseUrl).toBe('.');
    expect(base.compilerOptions.paths).toEqual({ '@core/*': ['core/src/*'], '@panel/*': ['panel/src/*'] });
    expect(ALIASES).toEqual({ '@core': 'core/src', '@panel': 'panel/src' });
  });

  test.each([
    ['@core/cells', 'core/src/cells'],
    ['@core/study/types', 'core/src/study/types'],
    ['@panel/host', 'panel/src/host'],
    ['@corex/cells (not an alias: a package name)', undefined],
    ['decimal.js', undefined],
    ['./cells', undefined],
  ])('%s', (request, expected) => {
    const spec = request.split(' ')[0]!;
    const got = resolveAlias(spec);
    expect(got === undefined ? undefined : path.relative(ROOT, got).split(path.sep).join('/')).toBe(expected);
  });

  test('jest and webpack get the same folders', () => {
    expect(jestModuleNameMapper()).toEqual({
      '^@core/(.*)$': '<rootDir>/core/src/$1',
      '^@panel/(.*)$': '<rootDir>/panel/src/$1',
    });
    expect(webpackAlias()).toEqual({ '@core': path.join(ROOT, 'core/src'), '@panel': path.join(ROOT, 'panel/src') });
  });

  test('jest resolves an alias (this file imports @core/catalogue)', () => {
    expect(CATALOGUE.map((f) => f.name)).toContain('RD_QRE');
  });
});
