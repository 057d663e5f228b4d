/**
 * A progress bar on stderr for long work (`rdtax check`/`compute` on a large study or many files):
 * files done, rows read and the time left, redrawn in place on one line. Only when stderr is a
 * terminal: on a pipe or in a file nothing is written (no carriage returns, no escape codes), so
 * logs and scripts see exactly what they saw before. It appears only once the work has taken
 * SHOW_AFTER_MS, so one small study never flashes a bar; it is redrawn at most every
 * REDRAW_MS, and erased before anything else is written to stderr and when the work is done.
 */

/** Where the bar is drawn: a terminal (process.stderr when isTTY), or a fake one in tests. */
export interface ProgressTerminal {
  write(s: string): void;
  /** The terminal's width in columns (undefined: assume 80). */
  readonly columns?: number;
}

/** What the bar shows. */
export interface ProgressState {
  readonly command: string;
  readonly filesDone: number;
  readonly filesTotal: number;
  /** Rows read so far, all files together. */
  readonly rows: number;
  /** How far the current file is, 0..1 (reading it by compressed bytes is the first READ_SHARE). */
  readonly fileFraction: number;
  /** The file being worked on, and what is being done to it. */
  readonly file?: string;
  readonly phase?: 'reading' | 'checking' | 'computing';
}

export const SHOW_AFTER_MS = 300;
/**
 * The part of a file's work that reading it is, for the percentage and the time left: checking
 * a 200,000-row study takes about as long as reading it, so half; the other half is done when
 * the file is.
 */
export const READ_SHARE = 0.5;
export const REDRAW_MS = 100;
const DEFAULT_COLUMNS = 80;
/** Erase the line the cursor is on: carriage return, then ANSI "erase to end of line". */
export const ERASE_LINE = '\r\x1b[K';

/** The work done, 0..1: whole files, plus the current file's part. */
export function fractionDone(s: ProgressState): number {
  if (s.filesTotal <= 0) return 0;
  const f = (s.filesDone + (s.filesDone < s.filesTotal ? clamp01(s.fileFraction) : 0)) / s.filesTotal;
  return clamp01(f);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** Seconds → "0:05", "1:23", "1:02:03"; rounded up, so the last second shows "0:01", not "0:00". */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.ceil(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** The time left from the time so far and the fraction done; undefined until there is something to go on. */
export function etaSeconds(elapsedMs: number, fraction: number): number | undefined {
  if (fraction <= 0.01 || elapsedMs < 200) return undefined;
  return ((elapsedMs / 1000) * (1 - fraction)) / fraction;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * One line of the bar, never wider than `columns` - 1 (the last column would wrap on some
 * terminals): the parts that do not fit are left out, least useful first (the file name, the
 * rows, the bar itself).
 */
export function renderProgress(s: ProgressState, columns: number, elapsedMs: number): string {
  const width = Math.max(1, Math.floor(columns) - 1);
  const fraction = fractionDone(s);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const files = s.filesTotal > 1 ? `${count(s.filesDone)}/${count(s.filesTotal)} files` : undefined;
  const rows = `${count(s.rows)} rows`;
  const eta = etaSeconds(elapsedMs, fraction);
  const etaText = fraction >= 1 ? 'done' : `ETA ${eta === undefined ? '…' : formatEta(eta)}`;
  const what = s.file !== undefined ? `${s.phase ?? 'reading'} ${s.file}` : undefined;

  const join = (parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== '').join('  ');
  const bar = (n: number) => {
    const full = Math.round(fraction * n);
    return `[${'#'.repeat(full)}${'.'.repeat(n - full)}]`;
  };
  // Most to least: everything; no file name; no rows; no bar; only the percentage.
  const head = `rdtax ${s.command}`;
  const candidates: ((barWidth: number) => string)[] = [
    (b) => join([head, bar(b), percent, files, rows, etaText, what]),
    (b) => join([head, bar(b), percent, files, rows, etaText]),
    (b) => join([head, bar(b), percent, files, etaText]),
    () => join([head, percent, files, etaText]),
    () => join([percent, etaText]),
    () => percent.trim(),
  ];
  for (const [i, make] of candidates.entries()) {
    const usesBar = i < 3;
    if (!usesBar) {
      const line = make(0);
      if (line.length <= width) return line;
      continue;
    }
    const without = make(0).length; // with "[]": the bar's brackets only
    const barWidth = Math.min(30, width - without);
    if (barWidth >= 10) return make(barWidth);
  }
  // Narrower than a percentage: what fits of it.
  return percent.trim().slice(0, width);
}

/** The bar over a run of work: call the update methods as the work goes; finish() erases it. */
export class ProgressBar {
  private state: ProgressState;
  private readonly started: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private shown = false;

  constructor(
    private readonly terminal: ProgressTerminal,
    command: string,
    filesTotal: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.started = now();
    this.state = { command, filesDone: 0, filesTotal, rows: 0, fileFraction: 0 };
  }

  /** A file is started. */
  startFile(file: string): void {
    this.update({ file, fileFraction: 0, phase: 'reading' });
  }

  /** Rows read so far in all files together, and how much of the current file is read (0..1). */
  reading(rows: number, readFraction: number): void {
    this.update({ rows, fileFraction: readFraction * READ_SHARE });
  }

  /** The current file is read; it is being checked or computed now. */
  phase(phase: 'checking' | 'computing'): void {
    this.update({ phase, fileFraction: READ_SHARE }, true);
  }

  /** The current file is done. */
  fileDone(): void {
    this.update({ filesDone: this.state.filesDone + 1, fileFraction: 0 }, true);
  }

  /** Erase the bar (before other text is written to stderr); it is drawn again on the next update. */
  clear(): void {
    if (!this.shown) return;
    this.terminal.write(ERASE_LINE);
    this.shown = false;
    this.lastDraw = Number.NEGATIVE_INFINITY;
  }

  /** The work is over: erase the bar for good. */
  finish(): void {
    this.clear();
  }

  private update(change: Partial<ProgressState>, force = false): void {
    this.state = { ...this.state, ...change };
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed < SHOW_AFTER_MS) return;
    if (!force && t - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = t;
    this.shown = true;
    const columns = this.terminal.columns && this.terminal.columns > 0 ? this.terminal.columns : DEFAULT_COLUMNS;
    this.terminal.write(`${ERASE_LINE}${renderProgress(this.state, columns, elapsed)}`);
  }
}

/** What commands call: a bar on a terminal, or nothing at all. */
export interface Progress {
  startFile(file: string): void;
  reading(rows: number, fileFraction: number): void;
  phase(phase: 'checking' | 'computing'): void;
  fileDone(): void;
  clear(): void;
  finish(): void;
}

const SILENT: Progress = {
  startFile() {},
  reading() {},
  phase() {},
  fileDone() {},
  clear() {},
  finish() {},
};

/** A bar when stderr is a terminal, otherwise one that writes nothing. */
export function progressFor(
  terminal: ProgressTerminal | undefined,
  command: string,
  filesTotal: number,
  now?: () => number,
): Progress {
  return terminal ? new ProgressBar(terminal, command, filesTotal, now) : SILENT;
}
