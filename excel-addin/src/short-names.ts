/**
 * "Add short names": workbook names so that `=RD_QRE(...)` — the Google Sheets spelling —
 * also works in Excel, next to the add-in's `=RDTAX.RD_QRE(...)`.
 *
 * A defined name cannot point at a custom function directly (a name refers to a range, a
 * constant or a formula, and a formula that is just `RDTAX.RD_QRE` is not callable). What Excel
 * does support is a name whose formula is a LAMBDA (Microsoft 365 and Excel 2024; it is how the
 * Name Manager and Microsoft's Advanced Formula Environment define functions), and a named
 * LAMBDA is called like a function. So each short name is
 *
 *   RD_QRE = LAMBDA(wages, wage_pct, [supplies], …, IF(ISOMITTED(…), RDTAX.RD_QRE(…), …))
 *
 * Optional arguments are forwarded only when given: an omitted LAMBDA argument is not the same
 * as an omitted custom-function argument, so the LAMBDA calls RDTAX.NAME with exactly the
 * arguments up to the last one given. Skipping one in the middle (`=RD_QRE(a, b, , , c)`) is
 * not forwarded as "omitted"; use the RDTAX. name for that. The names live in this workbook
 * only and need the add-in loaded to compute.
 */
import { CATALOGUE, type FunctionSpec } from '@core/catalogue';
import { EXCEL_NAMESPACE } from '@core/templates/formula';

export interface ShortName {
  readonly name: string;
  /** The name's formula ("Refers to"), invariant (en-US) spelling. */
  readonly formula: string;
  /** Name Manager comment (Excel allows 255 characters). */
  readonly comment: string;
}

export const SHORT_NAMES_NOTE =
  'Each name is a LAMBDA that calls the RDTAX. function, so =RD_QRE(...) works in this workbook in Excel versions with LAMBDA (Microsoft 365, Excel 2024); leave optional arguments out only from the end, and keep using RDTAX. names in files shared with older Excel.';

/**
 * Catalogue argument names that are also Excel worksheet functions; a LAMBDA parameter named
 * like a function is ambiguous, so it gets a trailing underscore.
 */
const EXCEL_FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'type',
  'year',
  'rate',
  'value',
  'text',
  'n',
  't',
  'cell',
  'info',
  'index',
  'count',
]);

export function lambdaParam(name: string): string {
  return EXCEL_FUNCTION_NAMES.has(name.toLowerCase()) ? `${name}_` : name;
}

function call(f: FunctionSpec, count: number): string {
  return `${EXCEL_NAMESPACE}.${f.name}(${f.params
    .slice(0, count)
    .map((p) => lambdaParam(p.name))
    .join(',')})`;
}

/** Catalogue optionals all come after the required arguments (docs/design.md §2 never re-orders them). */
export function shortNameFormula(f: FunctionSpec): string {
  const required = f.params.filter((p) => !p.optional).length;
  const params = f.params.map((p) => (p.optional ? `[${lambdaParam(p.name)}]` : lambdaParam(p.name))).join(',');
  return `=LAMBDA(${params},${forward(f, required, f.params.length)})`;
}

/** The call given the first `n` arguments: if argument n was omitted, fall back to the first n − 1. */
function forward(f: FunctionSpec, required: number, n: number): string {
  if (n <= required) return call(f, required);
  return `IF(ISOMITTED(${lambdaParam(f.params[n - 1].name)}),${forward(f, required, n - 1)},${call(f, n)})`;
}

export const SHORT_NAMES: readonly ShortName[] = CATALOGUE.map((f) => ({
  name: f.name,
  formula: shortNameFormula(f),
  comment: `${f.summary} Calls ${EXCEL_NAMESPACE}.${f.name}.`.slice(0, 255),
}));
