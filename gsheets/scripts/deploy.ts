/**
 * `npm run deploy:gsheets` (after the build): `clasp push` of gsheets/dist to the Apps Script
 * project named in /.clasp.json — once that names a real project and the user has run
 * `npx clasp login`. Until then it says what to do instead of failing obscurely.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const PLACEHOLDER = 'REPLACE_WITH_YOUR_APPS_SCRIPT_ID';

const clasp = JSON.parse(fs.readFileSync(path.join(ROOT, '.clasp.json'), 'utf8')) as {
  scriptId?: string;
  rootDir?: string;
};
if (!clasp.scriptId || clasp.scriptId === PLACEHOLDER) {
  console.error(
    [
      '.clasp.json still has the placeholder script id.',
      'Open the spreadsheet (or the add-on project) in Google Sheets → Extensions → Apps Script → Project Settings,',
      'copy the Script ID into "scriptId" in .clasp.json, run `npx clasp login` once, then `npm run deploy:gsheets` again.',
    ].join('\n'),
  );
  process.exit(1);
}
const bin = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'clasp.cmd' : 'clasp');
const r = spawnSync(bin, ['push'], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
