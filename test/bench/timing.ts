/** Wall-clock helpers for `npm run bench` (ratios in one run, never asserted in tests). */
export function timeIt(fn: () => void, runs: number): number[] {
  fn(); // warm-up: JIT and lazy tables
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out;
}
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
