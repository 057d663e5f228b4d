/**
 * "Does the workbook already have this sheet?" — one table, run against core's insert plan
 * (core/test/plans.test.ts) and through each host's fake (test/excel, test/gsheets), so all
 * three give the same answer. The template is the built-in software one: Employees,
 * Contractors, Supplies, Components, Prior Years, Roles, Summary, About.
 */

/** [case, the workbook's sheets before inserting, the template sheets skipped, why] */
export const EXISTING_SHEET_CASES: readonly (readonly [string, readonly string[], readonly string[], string])[] = [
  ['an empty workbook', [], [], 'nothing to collide with: every sheet is inserted'],
  ['a sheet of another name', ['Sheet1'], [], 'Sheet1 is no study table and no template sheet'],
  [
    '"PriorYears" is the Prior Years table',
    ['PriorYears'],
    ['Prior Years'],
    'the named bug: Excel compared lower-cased names and added a second "Prior Years"',
  ],
  ['"prior years" (case)', ['prior years'], ['Prior Years'], 'the reader ignores case'],
  ['"Prior_Years" (punctuation)', ['Prior_Years'], ['Prior Years'], 'the reader ignores _ - . * : ? and spaces'],
  ['"PRIOR-YEARS"', ['PRIOR-YEARS'], ['Prior Years'], 'case and punctuation together'],
  ['"Prior Year" (the reader’s alias)', ['Prior Year'], ['Prior Years'], 'the reader reads it as Prior Years'],
  [
    '"Prior Years 2" is another sheet',
    ['Prior Years 2'],
    [],
    'boundary: a digit counts, so the reader does not take it for Prior Years',
  ],
  ['"Role Table" (alias of Roles)', ['Role Table'], ['Roles'], 'the reader reads it as the Roles table'],
  ['"business components" (alias)', ['business components'], ['Components'], 'alias of Components, any case'],
  [
    'several at once',
    ['employees', 'SUMMARY', 'about'],
    ['Employees', 'Summary', 'About'],
    'each is skipped, the rest inserted',
  ],
  [
    'the whole template already there',
    ['Employees', 'Contractors', 'Supplies', 'Components', 'Prior Years', 'Roles', 'Summary', 'About'],
    ['Employees', 'Contractors', 'Supplies', 'Components', 'Prior Years', 'Roles', 'Summary', 'About'],
    'inserting twice changes nothing',
  ],
];
