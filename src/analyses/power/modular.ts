/**
 * Multi-modular integer arithmetic: the dynamic programmes count coalitions (up to 2^n) modulo several primes just
 * below 2^52, so that every step is one exact float addition (a + b < 2^53) and a branch-free reduction
 * (`mod`), and the few totals that are needed are rebuilt exactly as BigInt by the Chinese remainder theorem. Deterministic: the primes are found by a
 * deterministic Miller–Rabin test (bases 2..37 are exact for numbers below 3.3e24).
 */
const TOP = 2n ** 52n;
const BASES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];

function powMod(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

export function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of BASES) if (n % p === 0n) return n === p;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  outer: for (const a of BASES) {
    let x = powMod(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

const found: bigint[] = [];

/** The `count` largest primes below 2^52, largest first. */
export function primes(count: number): bigint[] {
  let n = found.length > 0 ? found[found.length - 1] - 2n : TOP - 1n;
  while (found.length < count) {
    if (isPrime(n)) found.push(n);
    n -= 2n;
  }
  return found.slice(0, count);
}

/** How many primes below 2^52 make a modulus above 2^bits. Each prime exceeds 2^51.99. */
export const primesFor = (bits: number): number => Math.max(1, Math.ceil((bits + 1) / 51.99));

/**
 * x mod p for integers -p < x < 2p held in doubles, p < 2^52: exact (x / p never rounds across an integer in this
 * range) and free of branches, which keeps the DP loops fast on unpredictable data.
 */
export const mod = (x: number, p: number): number => x - p * Math.floor(x / p);

/** Garner's algorithm: the integer in [0, Π p) with the given residues. */
export class Crt {
  readonly moduli: readonly bigint[];
  readonly numbers: Float64Array;
  private readonly inverses: bigint[][];

  constructor(count: number) {
    this.moduli = primes(count);
    this.numbers = Float64Array.from(this.moduli, Number);
    this.inverses = this.moduli.map((pj, j) => this.moduli.slice(0, j).map((pi) => powMod(pi % pj, pj - 2n, pj)));
  }

  /** residues[offset + j] mod p_j → the integer */
  rebuild(residues: ArrayLike<number>, offset = 0): bigint {
    const m = this.moduli;
    const x: bigint[] = [];
    let result = 0n;
    let product = 1n;
    for (let j = 0; j < m.length; j++) {
      let v = BigInt(residues[offset + j]);
      // v = (r_j - (x_0 + x_1 p_0 + ...)) / (p_0 ... p_{j-1}) mod p_j
      for (let i = 0; i < j; i++) v = ((v - x[i]) % m[j] + m[j]) % m[j] * this.inverses[j][i] % m[j];
      x.push(v);
      result += v * product;
      product *= m[j];
    }
    return result;
  }
}
