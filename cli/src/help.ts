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
              [--severity error|warning|info] [--all | --quiet] [--report out.html|out.csv [--force]]
      Validate study workbooks (.xlsx, or a folder of .csv files named after the sheets:
      Employees.csv, Contractors.csv, Supplies.csv, Components.csv, "Prior Years.csv", Roles.csv, About.csv).
      Many files, or a folder of .xlsx studies, are checked in one run; on a terminal a progress
      bar shows the files done, the rows read and the time left.
      --template  a firm template: its role table and rule severities apply, and a study made
                  from another version of it is reported (template/version-drift).
      --profile   the role profile when the study's About sheet names none (default software).
      --severity  the least severe findings to list: error, warning or info (the default);
                  the counts still count every finding, and the exit code is the same.
      --all       list every finding: without it a rule that fires on more than 5 cells of a
                  file is listed once, with its count, the first cells and the first message.
      --quiet     the counts line of each file only (not with --json or --all).
      --report    also write the findings report — the panel's Export — to an .html file (one
                  printable page, no script) or a .csv file (one row per finding, waived ones
                  marked); an existing file is not replaced without --force.
      Findings a reviewer waived on the study's Waivers sheet are listed apart and not counted.
      Exit code: 0 no error findings, 1 error findings (a file with no study table is one:
      table/no-study), 2 a file could not be read.

  rdtax compute <file|folder> [--json | --csv [-o form6765.csv [--force]]] [--tax-year N]
                [--template firm.json]
      Form 6765 (Rev. December 2024), section by section with line numbers: Items A and B;
      Section A regular credit (lines 1–13), B alternative simplified credit (14–26), C current
      year credit (27–32, and which credit line 28 uses and why), D payroll election (33a–36),
      E other information (37–41), F QREs (42–48), G business components (49–56: required or not
      and why, the components listed, unassigned QREs). Each line shows its inputs (line 22:
      3-year total ÷ 6) or, when it cannot be computed, why and which cell blocks it. Amounts in
      dollars and cents, never rounded to whole dollars. When a row's Location names a state
      (CA, US-CA): each state's QREs on lines 42–45 and its credit with the arithmetic and
      citations (Prior Years "<ST> QRE" columns; About "<ST> Credit Method", "<ST> Fixed-Base %",
      "<ST> Avg Gross Receipts", "<ST> Basic Research Payments"). Then the §174/§174A deduction
      with its §280C(c)(1) reduction, the payroll election, the rows left out and why.
      Inputs come from the About sheet (Credit Method, Fixed-Base %, Avg Gross Receipts, Gross
      Receipts, Payroll Election, …), Prior Years and the study tables; --tax-year overrides
      About's Tax Year.
      --csv   Form 6765 as CSV for tax software: header line,label,amount,citation; one row per
              line (A, B, 1 … 48), then Section G per listed component n as 49a[n] … 56[n].
              Amounts as 1234.50 (no separators), rates as fractions (0.03), Yes/No; an empty
              amount is a line not computed (its reason goes to stderr) or one the form skips.
              UTF-8, CRLF, RFC 4180 quoting; text starting with = + - @ gets a leading '.
              To stdout, or to -o file.csv (not replaced without --force). Not with --json.
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
  Each file is a result or { file, error: { code, message } }; compute's result has form6765:
  { revision, taxYear, itemA, itemB, method, methodReason, lines: { "1": …, "48": … },
  notes, sectionG: { required, reason, components: [{ name, lines: { "49c": …, "56": … } }] } }
  (a line not computed is null and the file's notes say why) and states: { byState, noState,
  credits: [{ state, method, amount, steps, citations, notApplicable?, error?, cell? }] }.
  Codes are stable ids such as usage/unknown-option, template/invalid, file/not-found, file/damaged, table/no-study.
  Progress and problems go to stderr. RDTAX_DEBUG=1 adds the raw detail of a defect to stderr.

Spreadsheet functions (Google Sheets: =NAME(...); Excel: =RDTAX.NAME(...)):
${fns}
`;
}
