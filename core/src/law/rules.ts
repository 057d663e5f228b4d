/**
 * The law the engine encodes, as typed, year-versioned, cited data (docs/law.md lists it).
 * Formulas import rules from here and read them through `resolve(rule, taxYear)`; they never
 * branch on a year themselves. The rules live by jurisdiction in `federal/` and `states/<st>/`.
 *
 * Rates are decimal strings (exact), amounts are whole dollars as strings, schedules are
 * exact fractions. A version with `status: 'interpretation'` was taken from a practitioner
 * summary rather than the primary text.
 */
export * from './federal';
export { ALL_RULES, LAW_FOLDERS } from './registry';
