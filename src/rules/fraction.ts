/** Thresholds are exact fractions (2/3 must not become 0.6666 and let 32.99 of 49.5 pass). */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

export const fractionText = (f: Fraction): string => (f.den === 1 ? String(f.num) : `${f.num}/${f.den}`);

/** yes / cast >= num / den, in integers: yes * den >= num * cast. Works for weights too (no rounding). */
export const reaches = (yes: number, cast: number, f: Fraction): boolean => yes * f.den >= f.num * cast;

/** Parses `2/3`, `0.75`, `1`. Returns an error message instead of throwing. */
export function parseFraction(text: string): Fraction | string {
  const t = text.trim();
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (ratio) {
    const num = Number(ratio[1]);
    const den = Number(ratio[2]);
    if (den === 0) return `"${text}" divides by zero`;
    return { num, den };
  }
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(t)) {
    const [intPart, fracPart = ''] = t.split('.');
    const den = 10 ** fracPart.length;
    return { num: Number(intPart || '0') * den + Number(fracPart || '0'), den };
  }
  return `"${text}" is not a fraction (write 2/3 or 0.75)`;
}

/** A threshold must lie in (0, 1]. */
export function parseThreshold(text: string): Fraction | string {
  const f = parseFraction(text);
  if (typeof f === 'string') return f;
  if (f.num <= 0 || f.num > f.den) return `threshold ${text} is outside (0, 1]`;
  return f;
}
