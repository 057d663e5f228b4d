/**
 * Writes the example studies in templates/examples/:
 *   clean.xlsx            a small, clean software study made from the built-in template
 *   clean-csv/            the same study as a folder of .csv files
 *   worked-2025.xlsx,     worked studies using every Form 6765 input (their Form 6765 sheet
 *   worked-2026.xlsx      equals `rdtax compute`, line by line)
 *   <rule>.xlsx           the clean study with one problem planted, one file per validator rule
 *   index.json            file → rule → the cell the finding must point at (the tests read it)
 * Run: node -r ./scripts/register.js scripts/make-examples.ts
 *
 * The studies themselves (and the clean study's arithmetic) are data in
 * core/test/example-studies.ts, so core's tests use them without loading the CLI's writer.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CellValue } from '@core/cells';
import { cleanStudy, EXAMPLE_VARIANTS, WORKED_STUDIES } from '../core/test/example-studies';
import { writeWorkbook } from '../cli/src/xlsx-write';

export const EXAMPLES_DIR = path.join(__dirname, '..', 'templates', 'examples');

export interface Example {
  /** File name in templates/examples/. */
  readonly file: string;
  /** The rule the planted problem fires ('' for the clean study). */
  readonly rule: string;
  /** The cell the finding points at. */
  readonly cell: string;
  /** What was planted. */
  readonly planted: string;
  /** Extra `rdtax check` arguments the example needs. */
  readonly checkArgs?: readonly string[];
}

/** A fixed creation date, so regenerating unchanged examples changes no document property. */
const EXAMPLE_DATE = new Date(Date.UTC(2026, 0, 15));

export const fileOf = (rule: string) => `${rule.replace(/\//g, '-')}.xlsx`;

function csvField(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' || typeof v === 'boolean' ? String(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Write every example into `dir` (templates/examples/ by default). The bytes are reproducible:
 * fixed document dates, and zip entry times pinned (exceljs zips with JSZip, which stamps each
 * entry with the current local time unless its defaults say otherwise).
 */
export async function writeExamples(dir: string = EXAMPLES_DIR): Promise<Example[]> {
  // exceljs's own jszip (not a dependency of ours): its defaults stamp every entry's date.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jszipDefaults = (require('jszip') as { defaults: { date: Date | null } }).defaults;
  const savedDate = jszipDefaults.date;
  const savedTz = process.env.TZ;
  jszipDefaults.date = EXAMPLE_DATE;
  process.env.TZ = 'UTC'; // zip times are local times
  try {
    return await writeAll(dir);
  } finally {
    jszipDefaults.date = savedDate;
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }
}

async function writeAll(EXAMPLES_DIR: string): Promise<Example[]> {
  fs.mkdirSync(EXAMPLES_DIR, { recursive: true });
  const index: Example[] = [
    { file: 'clean.xlsx', rule: '', cell: '', planted: 'nothing: a clean study (no error or warning findings)' },
  ];
  await writeWorkbook(cleanStudy(), path.join(EXAMPLES_DIR, 'clean.xlsx'), { date: EXAMPLE_DATE });

  // The same clean study as a folder of CSV files (the Summary and Form 6765 sheets are left out: CSV holds values, not formulas).
  const csvDir = path.join(EXAMPLES_DIR, 'clean-csv');
  fs.rmSync(csvDir, { recursive: true, force: true });
  fs.mkdirSync(csvDir);
  for (const s of cleanStudy()) {
    if (s.formulas.length > 0) continue;
    const text = s.values.map((r) => r.map(csvField).join(',')).join('\r\n');
    fs.writeFileSync(path.join(csvDir, `${s.name}.csv`), `${text}\r\n`);
  }
  index.push({ file: 'clean-csv', rule: '', cell: '', planted: 'nothing: the clean study as a folder of .csv files' });

  for (const w of WORKED_STUDIES) {
    await writeWorkbook(w.study(), path.join(EXAMPLES_DIR, w.file), { date: EXAMPLE_DATE });
    index.push({ file: w.file, rule: '', cell: '', planted: w.planted });
  }

  for (const v of EXAMPLE_VARIANTS) {
    const book = cleanStudy();
    v.plant(book);
    const file = fileOf(v.rule);
    await writeWorkbook(book, path.join(EXAMPLES_DIR, file), { date: EXAMPLE_DATE });
    index.push({
      file,
      rule: v.rule,
      cell: v.cell,
      planted: v.planted,
      ...(v.checkArgs ? { checkArgs: v.checkArgs } : {}),
    });
  }
  fs.writeFileSync(path.join(EXAMPLES_DIR, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

if (require.main === module) {
  writeExamples()
    .then((index) => process.stdout.write(`wrote ${index.length} examples to templates/examples/\n`))
    .catch((e) => {
      process.stderr.write(`make-examples: ${(e as Error).message}\n`);
      process.exitCode = 1;
    });
}
