/**
 * The one registry of spreadsheet functions (docs/design.md §2). Hosts generate their metadata
 * (Excel JSDoc/functions.json, Apps Script JSDoc stubs), the CLI help, the README table and
 * the tests from these specs; they only unwrap cells, call `callFunction` and map errors.
 */
import type { CellArg, ErrorCode, Position } from '../cells';
import type { Citations } from '../law/types';

/**
 * What an argument holds. Plural kinds accept a single cell or a range; singular kinds a
 * single cell. Hosts read `acceptsRange` to declare matrix parameters.
 */
export type ParamKind =
  | 'amount'
  | 'amounts'
  | 'fraction'
  | 'fractions'
  | 'boolean'
  | 'year'
  | 'years'
  | 'word'
  | 'words'
  | 'text'
  | 'texts'
  | 'table'
  | 'count'
  | 'months';

export const RANGE_KINDS: ReadonlySet<ParamKind> = new Set<ParamKind>([
  'amounts',
  'fractions',
  'years',
  'words',
  'texts',
  'table',
  'months',
]);

export interface ParamSpec {
  readonly name: string;
  readonly kind: ParamKind;
  readonly optional: boolean;
  /** The default an omitted optional argument takes, as a user would type it. */
  readonly default?: string;
  /** One sentence for autocomplete and the README. */
  readonly help: string;
  /** For `word(s)` kinds: the accepted words. */
  readonly words?: readonly string[];
}

/** A value a cell can show: a number, a text, or a spilled grid of them. */
export type CellResult = number | string | readonly (readonly (number | string)[])[];

export type ResultShape = 'number' | 'text' | 'row' | 'column-or-text' | 'schedule-or-number';

export interface FunctionSpec {
  readonly name: string;
  readonly summary: string;
  readonly params: readonly ParamSpec[];
  readonly citations: Citations;
  readonly returns: ResultShape;
  /** An example formula, Sheets spelling. */
  readonly example: string;
  readonly impl: (args: ArgList) => CellResult;
}

export type Outcome =
  | { readonly ok: true; readonly value: CellResult }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly at?: Position };

/** Arguments by name; omitted optionals are `undefined`. */
export interface ArgList {
  get(name: string): CellArg | undefined;
}
