/** Exact non-negative rationals over BigInt: power indices are ratios of coalition counts up to 2^n. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** num / den in lowest terms; den must be positive. 0/0 (an undefined index) is taken as 0, see `ratio`. */
export function rational(num: bigint, den: bigint): Rational {
  if (den <= 0n) throw new RangeError(`rational: denominator ${den} is not positive`);
  if (num === 0n) return ZERO;
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

/** num / den, or 0 when den is 0 (an index whose reference set is empty, e.g. preventive power when nothing can pass). */
export const ratio = (num: bigint, den: bigint): Rational => (den === 0n ? ZERO : rational(num, den));

export function add(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export const equals = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;

export const fractionString = (r: Rational): string => (r.den === 1n ? String(r.num) : `${r.num}/${r.den}`);

/** Parses "3/5", "7" into a rational (for reference values). */
export function parseRational(text: string): Rational {
  const m = /^\s*(\d+)\s*(?:\/\s*(\d+))?\s*$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a fraction`);
  return rational(BigInt(m[1]), BigInt(m[2] ?? '1'));
}

const bitLength = (x: bigint): number => x.toString(2).length;

/** The nearest double, also when numerator and denominator are far beyond 2^1024 (e.g. 1/2^1999). */
export function toNumber(r: Rational): number {
  if (r.num === 0n) return 0;
  if (r.num <= BigInt(Number.MAX_SAFE_INTEGER) && r.den <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(r.num) / Number(r.den);
  // 64 significant bits of the quotient, then scale by a power of two
  const shift = 64 - (bitLength(r.num) - bitLength(r.den));
  const q = shift >= 0 ? (r.num << BigInt(shift)) / r.den : r.num / (r.den << BigInt(-shift));
  return Number(q) * 2 ** -shift;
}

/** A BigInt as a double (approximate beyond 2^53). */
export const bigToNumber = (x: bigint): number => Number(x);
