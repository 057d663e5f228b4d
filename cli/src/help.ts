/** `rdtax --help`: the commands, and the spreadsheet functions as the catalogue describes them. */
import { CATALOGUE, type FunctionSpec } from '@core/catalogue';
import { PROFILE_IDS } from '@core/law/roles';

export function signature(f: FunctionSpec): string {
  const params = f.params.map((p) =>
    p.optional ? `[${p.name}${p.default !== undefined ? `=${p.default}` : ''}]` : p.name,
  );
  return `${f.name}(${params.join(', ')})`;
}

export function helpText(version: string): string {
  const fns = CATALOGUE.map((f) => `  ${signature(f)}\n      ${f.summary}`).join('\n');
  return `rdtax ${version} — check and compute R&D credit (IRC §41) study workbooks, and write templates.
Everything runs on this computer: no file or number is sent anywhere.

Usage:
  rdtax check <file|folder>… [--json] [--template firm.json] [--profile ${PROFILE_IDS.join('|')}]
      Validate study workbooks (.xlsx, or a folder of .csv files named after the sheets:
      Employees.csv, Contractors.csv, Supplies.csv, Components.csv, "Prior Years.csv", Roles.csv, About.csv).
      --template  a firm template: its role table and rule severities apply, and a study made
                  from another version of it is reported (template/version-drift).
      --profile   the role profile when the study's About sheet names none (default software).
      Exit code: 0 no error findings, 1 error findings (a file with no study table is one:
      table/no-study), 2 a file could not be read.

  rdtax compute <file|folder> [--json] [--tax-year N] [--template firm.json]
      Form 6765 (Rev. Dec. 2024) Section F lines 42–48, the alternative simplified credit (when a
      Prior Years sheet is present), the regular credit (when About has "Fixed-Base %" and
      "Avg Gross Receipts"), the §174/§174A deduction for the year (About "174 Method": auto,
      accelerate, accelerate_2yr or retroactive; earlier vintages from Prior Years columns
      "Domestic R&E" / "Foreign R&E") and the payroll election (About "Gross Receipts",
      "First Receipts Year", "Prior Payroll Elections"). --tax-year overrides About's Tax Year.
      Exit code: 0 computed from a study without errors, 1 the study has error findings (or
      is not a study), 2 unusable input or no tax year.

  rdtax template [--profile ${PROFILE_IDS.join('|')}] [--template firm.json] [--host excel|sheets]
                 [--tax-year N] -o out.xlsx [--force] [--json]
      Write a study workbook from a built-in profile or a firm template. --host sheets spells
      formulas for Google Sheets (RD_QRE), excel for the add-in (RDTAX.RD_QRE; the default).
      An existing file is not replaced without --force.

  rdtax --help | --version

--json prints exactly one JSON document on stdout, whatever happens (a usage error too):
  { schemaVersion, tool: { name, version }, command, exitCode, files: [...], error? }
  Each file is a result or { file, error: { code, message } }; codes are stable ids such as
  usage/unknown-option, template/invalid, file/not-found, file/damaged, table/no-study.
  Progress and problems go to stderr. RDTAX_DEBUG=1 adds the raw detail of a defect to stderr.

Spreadsheet functions (Google Sheets: =NAME(...); Excel: =RDTAX.NAME(...)):
${fns}
`;
}
