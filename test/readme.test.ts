/** The README's function table is the catalogue's, and the README shows the commands CI runs. */
import * as fs from 'fs';
import * as path from 'path';
import { readmeWithTable } from '../scripts/readme-table';
import { CATALOGUE } from '@core/catalogue';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

test('the README function table equals the one generated from the catalogue (run `npm run readme:table`)', () => {
  expect(readme).toBe(readmeWithTable(readme));
});
test.each(CATALOGUE.map((f) => [f.name]))('the README lists %s', (name) => {
  expect(readme).toContain(`\`${name}(`);
});
test.each([['npm install'], ['npm test'], ['npm start'], ['npm run bench']])('the README shows `%s`', (cmd) => {
  expect(readme).toContain(cmd);
});
