/**
 * RD_WAGE_QRE over 100,000 rows against a plain float loop over the same data (DESIGN §9:
 * ≤ 3× while exact to the cent), with an exactness check against the decimal path.
 */
import { callFunction } from '@core/catalogue';
import { wageQre } from '@core/calc/qre';
import { rate, toCents, usd } from '@core/money';
import { median, timeIt } from './timing';

export function benchWageQre(rows = 100_000): string[] {
  // Deterministic pseudo-random data: wages in cents, R&D % in whole hundredths of a percent.
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const wages: number[][] = [];
  const pct: number[][] = [];
  for (let i = 0; i < rows; i++) {
    wages.push([Math.round(next() * 25_000_000) / 100]);
    pct.push([Math.round(next() * 10000) / 10000]);
  }
  const flatW = wages.map((r) => r[0]);
  const flatP = pct.map((r) => r[0]);

  let floatResult = 0;
  const floatLoop = () => {
    let s = 0;
    // The same data as the function gets: the host's 2-D column ranges.
    for (let i = 0; i < rows; i++) {
      const p = pct[i][0];
      s += wages[i][0] * (p >= 0.8 ? 1 : p);
    }
    floatResult = s;
  };
  let cellResult = 0;
  const viaCatalogue = () => {
    const o = callFunction('RD_WAGE_QRE', [wages, pct]);
    if (!o.ok) throw new Error(o.message);
    cellResult = o.value as number;
  };
  const floatMs = median(timeIt(floatLoop, 15));
  const fastMs = median(timeIt(viaCatalogue, 15));
  let exact = 0;
  const decimalMs = median(
    timeIt(() => {
      exact = toCents(
        wageQre(
          flatW.map((w, i) => ({ wages: usd(w), rdPct: rate(flatP[i]) })),
          true,
          2025,
        ),
      );
    }, 3),
  );
  const ratio = fastMs / floatMs;
  return [
    `RD_WAGE_QRE, ${rows.toLocaleString('en-US')} rows`,
    `  plain float loop        ${floatMs.toFixed(2)} ms  (result ${floatResult.toFixed(6)} — not exact)`,
    `  RD_WAGE_QRE (catalogue) ${fastMs.toFixed(2)} ms  (result ${cellResult})`,
    `  exact decimal.js loop   ${decimalMs.toFixed(2)} ms  (result ${exact})`,
    `  ratio catalogue / float = ${ratio.toFixed(1)}×  (budget ≤ 3×: ${ratio <= 3 ? 'PASS' : 'OVER'})`,
    `  exactness: catalogue ${cellResult === exact ? '==' : '!='} exact decimal path (${cellResult === exact ? 'PASS' : 'FAIL'})`,
  ];
}
