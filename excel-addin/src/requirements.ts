/// <reference types="office-js" />
/**
 * What the task pane's actions need from Excel's JavaScript API, checked at run time with
 * `Office.context.requirements.isSetSupported('ExcelApi', version)`, and what each does on an
 * Excel without it: the same result another way, or the part it cannot do left out and said in
 * one sentence next to the action — never a failed action.
 *
 * Versions are those the API reference gives each member ("[Api set: ExcelApi 1.x]", Microsoft
 * Learn, Excel JavaScript API requirement sets; the same annotations as @types/office-js).
 */

/** The ExcelApi version each API the pane uses first appeared in. */
export const EXCEL_API = {
  /**
   * Worksheet.getUsedRangeOrNullObject, WorksheetCollection.getItemOrNullObject, Worksheet.names
   * (worksheet-scoped named items), NamedItemCollection.add.
   */
  usedRangeAndNames: '1.4',
  /** Worksheet.getRangeByIndexes (else an A1 address is built: same range). */
  rangeByIndexes: '1.7',
  /** Worksheet.freezePanes (an inserted sheet's header row stays in view). */
  freezePanes: '1.7',
  /** Range.dataValidation (an inserted template's drop-down lists). */
  dataValidation: '1.8',
  /** RangeFill.pattern, patternColor, tintAndShade, patternTintAndShade (a cell's own fill, recorded before marking). */
  fillPattern: '1.9',
  /** Range.getSpecialCellsOrNullObject (only formula cells showing an error are read when looking for #NAME?). */
  specialCells: '1.9',
} as const;

/** Whether this Excel supports ExcelApi `version`. */
export type Supports = (version: string) => boolean;

/**
 * Office's own answer, asked once per version. Where Office cannot say (no requirements API),
 * the pane assumes the set is there: an Excel that then lacks it fails the action with Excel's
 * sentence, as before these checks.
 */
export function officeSupports(): Supports {
  const asked = new Map<string, boolean>();
  return (version) => {
    let yes = asked.get(version);
    if (yes === undefined) {
      try {
        const requirements = typeof Office !== 'undefined' ? Office.context?.requirements : undefined;
        yes = requirements ? requirements.isSetSupported('ExcelApi', version) === true : true;
      } catch {
        yes = true;
      }
      asked.set(version, yes);
    }
    return yes;
  };
}

/** Sentences for what an action left out on this Excel (each says which set it needs). */
export const WITHOUT = {
  fillPattern: `This version of Excel does not report fill patterns or tints (that needs ExcelApi ${EXCEL_API.fillPattern}), so only each cell's fill colour was recorded, and only the colour will be put back.`,
  freezePanes: `the header rows were not frozen (that needs ExcelApi ${EXCEL_API.freezePanes})`,
  dataValidation: `the drop-down lists were not added (that needs ExcelApi ${EXCEL_API.dataValidation}); type the values the template lists`,
  read: `Reading the sheets needs ExcelApi ${EXCEL_API.usedRangeAndNames} (Excel 2016 or later), which this Excel does not have; update Excel, or check the file with the rdtax command.`,
  marks: `Highlighting needs ExcelApi ${EXCEL_API.usedRangeAndNames} (Excel 2016 or later) to find each marked cell again, which this Excel does not have, so no cell was changed; the findings still name each cell.`,
  shortNames: `Adding workbook names needs ExcelApi ${EXCEL_API.usedRangeAndNames} (Excel 2016 or later), which this Excel does not have; type =RDTAX. names instead.`,
  reenter: `Looking for study formulas that show #NAME? needs ExcelApi ${EXCEL_API.usedRangeAndNames} (Excel 2016 or later), which this Excel does not have; re-enter such a formula by selecting its cell and pressing F2, then Enter.`,
} as const;
