/** Text from a workbook or a file as the panel shows it (no DOM here, so node tests can load it). */

/** Workbook text shown in the panel is cut to this many characters (a cell may hold 32,767; a file more). */
export const MAX_SHOWN_CHARS = 200;

/** `text`, or its first `max` characters, "…" and its length: workbook values are never laid out unbounded. */
export function bounded(text: string, max = MAX_SHOWN_CHARS): string {
  if (text.length <= max) return text;
  // Never cut a surrogate pair in two.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters in all)`;
}
