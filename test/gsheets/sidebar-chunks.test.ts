/**
 * The sidebar's on-demand parts (issue 13 §1: the sidebar within 300 KB): the template code and
 * Form 6765's computation are not in Sidebar.html but in SidebarChunk_<name>.html, which the
 * server function sidebarChunk hands to the sidebar by name; the sidebar runs the text as an
 * inline script its policy allows by hash. Reads gsheets/dist (npm run build:gsheets).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { metaCsp } from '../../scripts/page-csp';
import { DIST, scriptRun } from './harness';
import { FakeSpreadsheet } from './fake-spreadsheet';

const PARTS = ['templates', 'compute'];
const file = (name: string) => path.join(DIST, `SidebarChunk_${name}.html`);
const sidebar = () => fs.readFileSync(path.join(DIST, 'Sidebar.html'), 'utf8');
/** gsheets/src/server/chunks.ts SIDEBAR_CHUNK_POLICY, spelt out so a change to it is seen here. */
const POLICY_LINE =
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; base-uri 'none'; form-action 'none'\">\n";
const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the sidebar loads templates and Form 6765 on demand', () => {
  test.each(PARTS)(
    'sidebarChunk("%s") answers the file’s text, allowed by its hash in Sidebar.html’s policy',
    (name) => {
      const text = scriptRun(new FakeSpreadsheet(), 'sidebarChunk', [name]);
      // The file is the policy line (inert if ever served as a page), then the script text.
      expect(fs.readFileSync(file(name), 'utf8')).toBe(`${POLICY_LINE}${String(text)}`);
      expect(String(text).length).toBeGreaterThan(1000);
      expect(metaCsp(sidebar())).toContain(sha(String(text)));
    },
  );

  test.each(PARTS)('SidebarChunk_%s.html opens with a policy that lets nothing load or run', (name) => {
    expect(metaCsp(fs.readFileSync(file(name), 'utf8'))).toBe(
      "default-src 'none'; base-uri 'none'; form-action 'none'",
    );
  });

  test.each([
    ['Sidebar', 'the page itself is not a part'],
    ['../Code', 'no path'],
    ['', 'empty'],
    ['TEMPLATES', 'names are exact'],
  ])('sidebarChunk("%s") is refused (%s), with a sentence naming the part', (name) => {
    expect(() => scriptRun(new FakeSpreadsheet(), 'sidebarChunk', [name])).toThrow(/The sidebar has no part named/);
  });

  test.each([
    // [part, a sentence only its modules hold]
    ['templates', 'characters long, far larger than a firm template'],
    ['templates', 'The study has no Tax Year on an About sheet to advance.'],
    ['compute', 'is used because the About sheet'],
  ])('Sidebar.html lacks what the %s part holds ("%s")', (name, marker) => {
    expect(sidebar()).not.toContain(marker);
    expect(fs.readFileSync(file(name), 'utf8')).toContain(marker);
  });
});
