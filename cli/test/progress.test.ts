/**
 * The progress bar of `rdtax check`/`compute` on long work: what one line shows (files, rows,
 * percentage, time left), that it never overflows the terminal, that it is redrawn at most every
 * 100 ms and only after 300 ms of work, that it is erased before other text — and that on a pipe
 * (scripts, logs, these tests' child processes) not one byte of it is written.
 */
import * as path from 'path';
import { main, type Io } from '../src/main';
import {
  ERASE_LINE,
  ProgressBar,
  READ_SHARE,
  REDRAW_MS,
  SHOW_AFTER_MS,
  etaSeconds,
  formatEta,
  renderProgress,
  type ProgressState,
} from '../src/progress';
import { EXAMPLES, ROOT, rdtax } from './helpers';

const state = (s: Partial<ProgressState>): ProgressState => ({
  command: 'check',
  filesDone: 0,
  filesTotal: 100,
  rows: 0,
  fileFraction: 0,
  ...s,
});

/** Progress bytes: a carriage return or an ANSI escape (ESC). */
const PROGRESS_BYTES = new RegExp(`[\r${String.fromCharCode(27)}]`);

describe('renderProgress: one line of the bar', () => {
  it.each([
    [
      '0 files of 100, nothing to go on yet: 0%, no time left shown',
      state({}),
      1000,
      ['rdtax check', '[', '0%', '0/100 files', '0 rows', 'ETA …'],
    ],
    [
      'half: 50 of 100 files in 10 s → 50%, 10 s left (10 × 0.5 ÷ 0.5)',
      state({ filesDone: 50, rows: 12_345 }),
      10_000,
      ['50%', '50/100 files', '12,345 rows', 'ETA 0:10'],
    ],
    [
      '49 files done and the 50th half read → 49.5% shown as 49% (rounded down, never ahead of the work)',
      state({ filesDone: 49, fileFraction: 0.5 }),
      10_000,
      [' 49%', '49/100 files'],
    ],
    [
      'done: 100 of 100 → 100% and "done", no time left',
      state({ filesDone: 100, rows: 2_000 }),
      30_000,
      ['100%', '100/100 files', 'done'],
    ],
    [
      'one large file a quarter read (by compressed bytes) in 3 s → no file count, 9 s left (3 × 0.75 ÷ 0.25)',
      state({ filesTotal: 1, rows: 50_000, fileFraction: 0.25, file: 'big.xlsx' }),
      3_000,
      ['25%', '50,000 rows', 'ETA 0:09', 'reading big.xlsx'],
    ],
    [
      'the file being checked once it is read',
      state({ filesTotal: 1, rows: 200_000, fileFraction: 1, file: 'big.xlsx', phase: 'checking' }),
      3_000,
      ['checking big.xlsx'],
    ],
  ])('%s', (_name, s, elapsed, parts) => {
    const line = renderProgress(s, 120, elapsed);
    for (const p of parts) expect(line).toContain(p);
    expect(line).not.toMatch(/\n|\r|NaN|undefined|Infinity/);
  });

  it.each([
    ['0 of 100', 0],
    ['half', 50],
    ['done', 100],
  ])('the bar is filled in proportion: %s', (_name, done) => {
    const line = renderProgress(state({ filesDone: done }), 120, 5000);
    const bar = /\[([#.]+)]/.exec(line)![1];
    expect(bar.length).toBe(30);
    expect(bar.split('#').length - 1).toBe(Math.round((done / 100) * 30));
  });

  it.each([8, 10, 20, 30, 40, 60, 80, 200])(
    'never wider than a terminal of %i columns (less the last column)',
    (cols) => {
      for (const s of [
        state({}),
        state({ filesDone: 42, rows: 1_234_567, file: 'a-very-long-folder-name/and-a-long-study-name-2026.xlsx' }),
        state({ filesDone: 100, filesTotal: 100_000, rows: 123_456_789 }),
      ]) {
        const line = renderProgress(s, cols, 7_000);
        expect(line.length).toBeLessThanOrEqual(cols - 1);
        expect(line.length).toBeGreaterThan(0);
      }
    },
  );

  it('a narrow terminal drops the file name first, then the rows, then the bar; the percentage stays', () => {
    const s = state({ filesDone: 42, rows: 1_234, file: 'study.xlsx' });
    expect(renderProgress(s, 120, 5000)).toContain('study.xlsx');
    const noName = renderProgress(s, 75, 5000);
    expect(noName).not.toContain('study.xlsx');
    expect(noName).toContain('1,234 rows');
    const noRows = renderProgress(s, 62, 5000);
    expect(noRows).not.toContain('rows');
    expect(noRows).toContain('[');
    expect(renderProgress(s, 30, 5000)).not.toContain('[');
    expect(renderProgress(s, 30, 5000)).toContain('42%');
  });
});

describe('time left', () => {
  it.each([
    ['0 s', 0, '0:00'],
    ['a fraction of a second is rounded up: 0.2 s → 0:01', 0.2, '0:01'],
    ['59.1 s → 1:00', 59.1, '1:00'],
    ['61 s', 61, '1:01'],
    ['59 min 59 s', 3599, '59:59'],
    ['one hour', 3600, '1:00:00'],
    ['1 h 2 min 3 s', 3723, '1:02:03'],
    ['not a number → ?', NaN, '?'],
    ['negative → ?', -1, '?'],
    ['infinite → ?', Infinity, '?'],
  ])('formatEta: %s', (_name, seconds, text) => {
    expect(formatEta(seconds)).toBe(text);
  });

  it.each([
    ['nothing done yet: unknown', 5000, 0, undefined],
    ['1% done: still unknown (too little to go on)', 5000, 0.01, undefined],
    ['under 0.2 s of work: unknown', 150, 0.5, undefined],
    ['a quarter in 2 s → 6 s left', 2000, 0.25, 6],
    ['half in 10 s → 10 s left', 10_000, 0.5, 10],
    ['all done → 0 s left', 10_000, 1, 0],
  ])('etaSeconds: %s', (_name, elapsed, fraction, left) => {
    expect(etaSeconds(elapsed, fraction)).toBe(left);
  });
});

/** A terminal that records what is written to it, with a clock the test moves. */
function fakeTerminal(columns = 80) {
  const writes: string[] = [];
  let t = 0;
  return {
    writes,
    terminal: { columns, write: (s: string) => void writes.push(s) },
    now: () => t,
    at: (ms: number) => {
      t = ms;
    },
  };
}

describe('ProgressBar: when it draws', () => {
  it(`nothing in the first ${SHOW_AFTER_MS} ms (one small study never flashes a bar), then one line drawn in place`, () => {
    const f = fakeTerminal();
    const bar = new ProgressBar(f.terminal, 'check', 10, f.now);
    bar.startFile('a.xlsx');
    f.at(SHOW_AFTER_MS - 1);
    bar.fileDone();
    expect(f.writes).toEqual([]);
    f.at(SHOW_AFTER_MS);
    bar.fileDone();
    expect(f.writes).toHaveLength(1);
    expect(f.writes[0].startsWith(ERASE_LINE)).toBe(true);
    expect(f.writes[0]).toContain('2/10 files');
    expect(f.writes[0]).not.toContain('\n');
  });

  it(`redraws at most every ${REDRAW_MS} ms while reading; a file finished is always shown`, () => {
    const f = fakeTerminal();
    const bar = new ProgressBar(f.terminal, 'check', 1, f.now);
    bar.startFile('big.xlsx');
    f.at(1000);
    bar.reading(10, 0.1); // drawn
    f.at(1000 + REDRAW_MS - 1);
    bar.reading(20, 0.2); // too soon
    bar.reading(30, 0.3); // too soon
    f.at(1000 + REDRAW_MS);
    bar.reading(40, 0.4); // drawn
    expect(f.writes).toHaveLength(2);
    expect(f.writes[1]).toContain('40 rows');
    f.at(1000 + REDRAW_MS + 1);
    bar.phase('checking'); // forced
    expect(f.writes).toHaveLength(3);
    // Read whole, not checked yet: half of the file's work (reading is READ_SHARE of it), never "done".
    expect(f.writes[2]).toContain('checking big.xlsx');
    expect(f.writes[2]).toContain(`${READ_SHARE * 100}%`);
    expect(f.writes[2]).not.toContain('done');
    bar.fileDone();
    expect(f.writes[3]).toContain('100%');
  });

  it('clear() erases a shown bar once; finish() on a bar never shown writes nothing', () => {
    const f = fakeTerminal();
    const bar = new ProgressBar(f.terminal, 'check', 2, f.now);
    f.at(500);
    bar.fileDone();
    bar.clear();
    bar.clear();
    expect(f.writes.slice(1)).toEqual([ERASE_LINE]);
    const g = fakeTerminal();
    const quiet = new ProgressBar(g.terminal, 'check', 2, g.now);
    quiet.fileDone();
    quiet.finish();
    expect(g.writes).toEqual([]);
  });

  it('the width follows the terminal as it is resized (columns read at each draw)', () => {
    const f = fakeTerminal(200);
    const term = f.terminal as { columns: number; write: (s: string) => void };
    const bar = new ProgressBar(term, 'check', 100, f.now);
    f.at(1000);
    bar.fileDone();
    term.columns = 40;
    f.at(2000);
    bar.fileDone();
    expect(f.writes[0].length - ERASE_LINE.length).toBeGreaterThan(40);
    expect(f.writes[1].length - ERASE_LINE.length).toBeLessThanOrEqual(39);
  });
});

describe('rdtax check with a terminal on stderr, and without one', () => {
  const files = ['clean.xlsx', 'wages-foreign.xlsx', 'cell-not-a-number.xlsx'].map((f) =>
    path.relative(ROOT, path.join(EXAMPLES, f)),
  );

  /** main() in-process: stderr and the terminal write to one log, so their order is seen. */
  async function run(tty: boolean) {
    const log: { to: 'stdout' | 'stderr' | 'tty'; s: string }[] = [];
    let t = 0;
    const io: Io = {
      stdout: (s) => void log.push({ to: 'stdout', s }),
      stderr: (s) => void log.push({ to: 'stderr', s }),
      cwd: ROOT,
      // Each reading of the clock is 200 ms later: every step is past the throttle.
      now: () => (t += 200),
      ...(tty ? { stderrTty: { columns: 100, write: (s: string) => void log.push({ to: 'tty', s }) } } : {}),
    };
    const code = await main(['check', ...files], io);
    return { code, log };
  }

  it('a terminal: the bar counts the files, is erased before each report and at the end, and replaces the [1/3] lines', async () => {
    const { code, log } = await run(true);
    expect(code).toBe(1);
    const bars = log.filter((l) => l.to === 'tty' && l.s !== ERASE_LINE);
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.some((l) => l.s.includes('1/3 files'))).toBe(true);
    for (const l of bars) expect(l.s.length - ERASE_LINE.length).toBeLessThanOrEqual(99);
    // Whatever follows a drawn bar on the screen is an erase first.
    log.forEach((l, i) => {
      if (l.to === 'tty' && l.s !== ERASE_LINE && i + 1 < log.length) {
        const next = log[i + 1];
        if (next.to !== 'tty') throw new Error(`"${next.s.slice(0, 40)}" written over a drawn bar`);
      }
    });
    expect(log[log.length - 1]).toEqual({ to: 'stdout', s: expect.stringContaining('3 files:') });
    expect(log.filter((l) => l.to === 'tty').pop()!.s).toBe(ERASE_LINE);
    expect(log.some((l) => l.to === 'stderr' && /^\[\d\/3]/.test(l.s))).toBe(false);
  });

  it('no terminal (a pipe, a log): not one progress byte, the [1/3] … [3/3] lines as before', async () => {
    const { code, log } = await run(false);
    expect(code).toBe(1);
    const stderr = log.filter((l) => l.to === 'stderr').map((l) => l.s);
    expect(stderr.join('')).not.toMatch(PROGRESS_BYTES);
    expect(stderr.filter((s) => /^\[\d\/3]/.test(s))).toHaveLength(3);
    expect(log.some((l) => l.to === 'tty')).toBe(false);
  });

  it('the real command on a pipe: stderr and stdout hold no progress bytes, for check on many files and compute', () => {
    const check = rdtax(['check', ...files]);
    expect(check.code).toBe(1);
    expect(check.stderr).not.toMatch(PROGRESS_BYTES);
    expect(check.stdout).not.toMatch(PROGRESS_BYTES);
    const compute = rdtax(['compute', files[0]]);
    expect(compute.code).toBe(0);
    expect(compute.stderr).toBe('');
    expect(compute.stdout).not.toMatch(PROGRESS_BYTES);
  });
});
