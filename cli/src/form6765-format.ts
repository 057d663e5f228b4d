/**
 * Form 6765 as `rdtax compute` prints it: section by section in the form's order (core's
 * FORM_6765_SECTIONS), each line with its number, label and value, the inputs a reader checks
 * (the line's `detail`), and why a line is not computed and which cell blocks it. Section G as a
 * table of the listed business components. The CLI computes nothing here: every value, note and
 * reason is core's (Form6765Result); this file only lays them out, at most 100 columns wide.
 */
import {
  FORM_6765_SECTIONS,
  FORM_6765_TITLE,
  type Form6765Result,
  type FormLineResult,
  type LineKind,
  type LineValue,
  type SectionGComponent,
  type SectionGLine,
} from '@core/form6765';
import { Dec } from '@core/money';

export const WIDTH = 100;
const VALUE_WIDTH = 19;
/** "  " + line number (4) + "  " + label + value = WIDTH. */
const LABEL_WIDTH = WIDTH - 2 - 4 - 2 - VALUE_WIDTH;
const NOTE_INDENT = ' '.repeat(8);

/** 1234.5 → "1,234.50" (amounts arrive exact to the cent; cents are always shown). */
export function money(n: number): string {
  const neg = n < 0;
  const [whole, frac] = new Dec(n).abs().toFixed(2).split('.');
  return `${neg ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** 0.03 → "3.00%", 0.0333 → "3.33%", 0.016667 → "1.6667%": every digit the fraction has, at least two. */
export function percent(fraction: number): string {
  const p = new Dec(fraction).times(100);
  return `${p.toFixed(Math.max(2, p.decimalPlaces()))}%`;
}

/**
 * Text from the workbook as a terminal shows it: control characters (an escape sequence, a
 * line break inside a name) become spaces, so a cell cannot move the cursor or forge a line.
 */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/** A line's value as printed: amounts 1,234.56, rates 3.00%, Yes/No, counts, text. */
export function formatValue(kind: LineKind, value: LineValue, skipped = false): string {
  if (value === null) return skipped ? 'skipped' : 'not computed';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return plain(value);
  switch (kind) {
    case 'rate':
      return percent(value);
    case 'count':
      return value.toLocaleString('en-US', { maximumFractionDigits: 20 });
    case 'text':
      return new Dec(value).toFixed();
    default:
      // amounts, and an amount on a yes-no line (line 41: QREs under the ASC 730 directive)
      return money(value);
  }
}

/** `text` wrapped at `width`, every line starting with `indent`; a word longer than a line is cut. */
export function wrap(text: string, indent: string, width = WIDTH): string[] {
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  let line = '';
  for (let w of text.split(/\s+/).filter(Boolean)) {
    while (w.length > room) {
      if (line) lines.push(line);
      lines.push(w.slice(0, room));
      line = '';
      w = w.slice(room);
    }
    if (line && line.length + 1 + w.length > room) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l);
}

/** A note as printed: the reason, and the cell when the reason does not already name it. */
export function noteWithCell(note: string | undefined, cell: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  return cell && !note.includes(cell) ? `${note} (${cell})` : note;
}

/** One row of the form: number, label (wrapped when long), value on the first row. */
function lineRow(num: string, label: string, value: string): string[] {
  const labelLines = wrap(label, '', LABEL_WIDTH - 1);
  const first = labelLines[0] ?? '';
  const rows = [`  ${num.padEnd(4)}  ${first.padEnd(LABEL_WIDTH)}${value.padStart(VALUE_WIDTH)}`];
  for (const more of labelLines.slice(1)) rows.push(`  ${''.padEnd(4)}  ${more}`);
  return rows.map((r) => r.trimEnd());
}

/** Why a null line is null (or what a computed line assumed), and the inputs of a computed line. */
function lineNotes(l: FormLineResult): string[] {
  const out: string[] = [];
  if (l.value !== null && l.detail) out.push(...wrap(plain(l.detail), NOTE_INDENT));
  const note = noteWithCell(l.note !== undefined ? plain(l.note) : undefined, l.cell);
  if (l.value === null) {
    const why = note ?? (l.cell ? `blocked by ${l.cell}` : 'no reason given');
    out.push(...wrap(l.skipped ? `skipped: ${why}` : `not computed: ${why}`, NOTE_INDENT));
  } else if (note !== undefined) out.push(...wrap(note, NOTE_INDENT));
  else if (l.cell) out.push(`${NOTE_INDENT}from ${l.cell}`);
  return out;
}

const METHOD_NAME = { regular: 'the regular credit (line 13)', asc: 'the alternative simplified credit (line 26)' };

/** The credit line 28 uses, and why. */
function methodLines(f: Form6765Result): string[] {
  const which = f.method ? `Credit used: ${METHOD_NAME[f.method]}` : 'Credit used: none (neither credit is computed)';
  return wrap(`${which} — ${plain(f.methodReason)}`, NOTE_INDENT);
}

/** Items A and B and lines 1–48, section by section; Section G last. */
export function formatForm6765(f: Form6765Result): string[] {
  const out: string[] = [];
  out.push(`${FORM_6765_TITLE}, tax year ${f.taxYear}`);
  out.push('Amounts in dollars and cents (not rounded to whole dollars); rates as percentages.');
  for (const section of FORM_6765_SECTIONS) {
    out.push('');
    out.push(section.title);
    if (section.id === 'G') {
      out.push(...formatSectionG(f));
      continue;
    }
    for (const l of f.lines.filter((x) => x.section === section.id)) {
      out.push(...lineRow(l.line, l.label, formatValue(l.kind, l.value, l.skipped)));
      out.push(...lineNotes(l));
      if (l.line === '28') out.push(...methodLines(f));
    }
  }
  return out;
}

// ------------------------------------------------------------------ Section G

const AMOUNT_LINES: readonly SectionGLine[] = ['50', '51', '52', '53', '54', '55', '56'];
const SHORT: Readonly<Record<string, string>> = {
  '50': '50 research',
  '51': '51 supervisn',
  '52': '52 support',
  '53': '53 wages',
  '54': '54 supplies',
  '55': '55 computers',
  '56': '56 contract',
};
const COLUMN = 13;

function amountCell(v: string | number | null): string {
  return (typeof v === 'number' ? money(v) : v === null ? '—' : plain(v)).padStart(COLUMN);
}

/** One component: "1  name — type — software type (cell)", 49(a)(b)(f) when given, then lines 50–56. */
function componentRows(label: string, c: SectionGComponent, head = true): string[] {
  const text = (l: SectionGLine): string | undefined => {
    const v = c.lines[l];
    return v === null || v === undefined || v === '' ? undefined : plain(String(v));
  };
  const out: string[] = [];
  if (head) {
    const what = [text('49c') ?? plain(c.name), text('49d'), text('49e')].filter((x) => x !== undefined).join(' — ');
    out.push(
      ...wrap(`${what}${c.cell ? ` (${c.cell})` : ''}; QREs ${money(c.qre)}`, '', WIDTH - 5).map(
        (l, i) => `  ${(i === 0 ? label : '').padEnd(3)}${l}`,
      ),
    );
  }
  for (const [l, name] of [
    ['49a', 'EIN'],
    ['49b', 'business activity code'],
    ['49f', 'information sought'],
  ] as const) {
    const v = text(l);
    if (v !== undefined) out.push(...wrap(`${l} ${name}: ${v}`, '     '));
  }
  out.push(`  ${AMOUNT_LINES.map((l) => ` ${amountCell(c.lines[l])}`).join('')}`);
  return out;
}

/** "Required: yes — why" (core's reason is kept whole; it may itself begin "Required:" or "Optional:"). */
function sectionGRequired(required: boolean, reason: string): string {
  const said = /^(required|not required|optional):/i.test(reason);
  const anyway = required || /computed anyway/i.test(reason) ? '' : ' Computed anyway.';
  return `${said ? reason : `Required: ${required ? 'yes' : 'no'} — ${reason}`}${anyway}`;
}

function formatSectionG(f: Form6765Result): string[] {
  const g = f.sectionG;
  const out: string[] = [];
  out.push(...wrap(sectionGRequired(g.required, plain(g.reason)), '  '));
  if (g.all.length === 0 && g.unassigned === null) {
    out.push('  No business component has QREs.');
    return out;
  }
  const share = g.listedShare === null ? '' : `, ${percent(g.listedShare)} of line 48`;
  out.push(
    ...wrap(
      `Listed: ${g.components.length} of ${g.all.length} component${g.all.length === 1 ? '' : 's'}${share} ` +
        '(descending QREs until at least 80% of line 48, at most 50; ties keep workbook order).',
      '  ',
    ),
  );
  out.push('  Line 49(c) name — 49(d) type — 49(e) software type; then lines 50–56:');
  out.push(`  ${AMOUNT_LINES.map((l) => ` ${(SHORT[l] ?? l).padStart(COLUMN)}`).join('')}`);
  g.components.forEach((c, i) => out.push(...componentRows(`${i + 1}`, c)));
  // `all` lists every component with QREs, the listed ones first.
  const rest = g.all.slice(g.components.length);
  if (rest.length > 0) {
    const total = rest.reduce((s, c) => s.plus(c.qre), new Dec(0)).toNumber();
    out.push(
      ...wrap(
        `Not listed: ${rest.length} more component${rest.length === 1 ? '' : 's'} with QREs ${money(total)} ` +
          `(${rest
            .slice(0, 5)
            .map((c) => plain(c.name))
            .join(', ')}${rest.length > 5 ? ', …' : ''}).`,
        '  ',
      ),
    );
  }
  if (g.unassigned !== null) {
    out.push(
      ...wrap(
        `Unassigned QREs (rows naming no business component; component/unassigned-qre): ${money(g.unassigned.qre)}. ` +
          'Each QRE dollar belongs to exactly one component: name the component on those rows.',
        '  ',
      ),
    );
    out.push(...componentRows('', g.unassigned, false));
  }
  return out;
}
