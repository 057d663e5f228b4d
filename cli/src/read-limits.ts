/**
 * How much rdtax reads from one input, in one place (docs/design.md §8c: every reader checks sizes
 * before inflating or allocating). A study at the budgets of docs/design.md §9 (200,000 employee
 * rows) is far inside every limit; what lies beyond them is a damaged or crafted file, and it
 * gets one sentence and exit 2 instead of gigabytes of memory.
 */

/** Why an input cannot be read: one plain sentence (what is wrong, where, what to do), exit 2. */
export class UnusableInput extends Error {
  constructor(
    message: string,
    /** A stable id for `--json` consumers: see UnusableInputCode. */
    readonly code: UnusableInputCode = 'file/unreadable',
  ) {
    super(message);
    this.name = 'UnusableInput';
  }
}

/**
 * `file/unreadable`: missing, no permission, not a regular file. `file/not-a-workbook`: not
 * .xlsx/.csv at all (text, .xls, an empty zip). `file/encrypted`: password-protected.
 * `file/damaged`: a truncated or malformed package, part or CSV. `file/too-large`: beyond a
 * limit below.
 */
export type UnusableInputCode =
  'file/unreadable' | 'file/not-a-workbook' | 'file/encrypted' | 'file/damaged' | 'file/too-large';

const MB = 1024 * 1024;

export const LIMITS = {
  // ---- the .xlsx zip package, checked from its central directory before anything is inflated
  /** Parts in one package. A study has ~30; 10,000 is a workbook with thousands of pictures. */
  zipEntries: 10_000,
  /** The zip's central directory itself (a few KB for a study). */
  zipDirectoryBytes: 16 * MB,
  /** Uncompressed size of all parts together, read or not, as the directory declares it. */
  packageBytes: 256 * MB,
  /** Uncompressed size of any one part (a picture, a sheet). */
  partBytes: 160 * MB,
  /**
   * Uncompressed ÷ compressed size of a part larger than `ratioAppliesAbove`. Worksheet XML
   * deflates 5–30:1 (exceljs's 200,000-row study: ~12:1); a deflate stream of zeros reaches
   * 1,032:1, which is what a zip bomb is made of.
   */
  compressionRatio: 100,
  ratioAppliesAbove: 1 * MB,
  /**
   * Uncompressed worksheets, shared strings, workbook and styles together: the parts rdtax
   * actually inflates (about 600,000 rows of 6 columns).
   */
  readBytes: 160 * MB,
  /** styles.xml is read only for its number formats (which cells are dates); real ones are < 5 MB. */
  stylesBytes: 16 * MB,
  /** workbook.xml and the relationship parts: a list of sheets. */
  workbookBytes: 16 * MB,
  /** One tag or run of text inside a part. A cell holds at most 32,767 characters. */
  xmlTokenChars: 1_000_000,

  // ---- a sheet's used range (Excel's own limits: a real workbook cannot go further)
  rows: 1_048_576,
  columns: 16_384,
  /** Filled cells in one workbook or CSV folder: 25× a 200,000-row study of 8 columns. Stored sparsely. */
  cells: 5_000_000,
  /** Merged ranges are cleared cell by cell; their area within the used range, all merges together. */
  mergedCells: 5_000_000,

  // ---- CSV files
  /** One .csv file. A 200,000-row study sheet is ~15 MB of CSV. */
  csvBytes: 100 * MB,
  /** One physical line of a .csv file, in characters. */
  csvLineChars: 1_000_000,
} as const;

/** 1536 → "1,536"; for messages. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
/** Bytes as whole megabytes (at least 1 decimal below 10 MB), for messages. */
export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return mb < 10 ? `${mb.toFixed(1)} MB` : `${count(mb)} MB`;
}
