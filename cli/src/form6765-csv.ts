/**
 * `rdtax compute --csv`: Form 6765 as one row per line, `line,label,amount,citation`, for tax
 * software to import (RFC 4180: comma-separated, CRLF line ends, a field with a comma, a quote or
 * a line break in double quotes with quotes doubled; UTF-8 without a byte-order mark).
 *
 * Rows: Items A and B (`A`, `B`), lines 1–48 in form order, then Section G for each listed
 * component n (1, 2, …, in the form's order) as `49a[n]` … `49f[n]`, `50[n]` … `56[n]`.
 * The amount column holds dollars with two decimals and no thousands separator (1234.50; a
 * negative amount is -1234.50), a rate as a fraction (0.03), a count (3), `Yes`/`No`, or text;
 * a line that is not computed or that the form says to skip has an empty amount (the reason is
 * in `rdtax compute`'s text and --json notes, and on stderr).
 *
 * Text that a spreadsheet would read as a formula — a component name from the workbook such as
 * `=HYPERLINK("http://x")`, or one starting with +, -, @, a tab or a line break — is written with
 * a leading apostrophe (core's quotePrefixed, the rule the hosts use), so opening the file runs
 * nothing. Numbers are written as numbers.
 */
import { FORM_6765_G_LINES, type Form6765Result, type LineKind, type LineValue } from '@core/form6765';
import { Dec } from '@core/money';
import { csvField, csvText } from '@core/templates/text';

export const CSV_HEADER = ['line', 'label', 'amount', 'citation'] as const;

export { csvField };

/** A text field: safe from formula injection, then RFC 4180. */
const text = csvText;

/** The amount column of a line's value (see the file comment). */
export function csvAmount(kind: LineKind | 'text', value: LineValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return text(value);
  const d = new Dec(value);
  // amounts (and an amount on a yes-no line: line 41) with cents; rates, counts and codes as the exact number
  return kind === 'amount' || kind === 'yes-no' ? d.toFixed(2) : d.toFixed();
}

export function form6765Csv(f: Form6765Result): string {
  const rows: string[] = [CSV_HEADER.join(',')];
  for (const l of f.lines)
    rows.push([csvField(l.line), text(l.label), csvAmount(l.kind, l.value), text(l.citation)].join(','));
  f.sectionG.components.forEach((c, i) => {
    for (const spec of FORM_6765_G_LINES) {
      rows.push(
        [
          `${spec.line}[${i + 1}]`,
          text(spec.label),
          csvAmount(spec.kind, c.lines[spec.line] ?? null),
          text(spec.citation),
        ].join(','),
      );
    }
  });
  return `${rows.join('\r\n')}\r\n`;
}
