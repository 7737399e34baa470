/**
 * How the year-end documents write the numbers they compute: one precision everywhere (two
 * decimals, Italian style: 82,86%, 88,00), so the Relazione, the Nucleo's pack and the open data
 * show the same figure for the same value. By hand, like render/format.ts: no locale leaks in.
 */

/** 82.857… → "82,86"; 1234.5 → "1.234,50". */
export function fixed2(n: number): string {
  const cents = Math.round(Math.abs(n) * 100);
  const int = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const dec = String(cents % 100).padStart(2, '0');
  return `${n < 0 && cents > 0 ? '-' : ''}${int},${dec}`;
}

/** An achievement or share: "82,86%". */
export function pct2(n: number): string {
  return `${fixed2(n)}%`;
}

/** An amount: "€ 4.000,00". */
export function euro(n: number): string {
  return `€ ${fixed2(n)}`;
}

/** The number the open data carries for what the documents print with `fixed2`: 82.86. */
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
