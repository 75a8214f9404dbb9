/**
 * The quick form of `plenary power` as typed: decimal weights and a quota that is a weight (`12`, `4.5`) or a share
 * of the total weight (`2/3`), turned into the exact whole-number game [quota; w1, ..., wn] the power analysis counts.
 *
 * - Weights with d decimals (d the most decimal places given) are multiplied by 10^d: 1.5,2.25,3 → 150,225,300. The
 *   arithmetic is on BigInt from the digits as typed, never through a double, so the game is exactly the one typed.
 * - A quota p/q is a share of the total weight W and means "at least p/q of it", as a qualified majority of 2/3 does
 *   in src/rules (yes × q ≥ p × cast, src/rules/fraction.ts): the whole-number quota is the smallest integer
 *   ≥ p·W/q of the scaled total. A quota written as a weight (whole or decimal) is scaled like the weights and
 *   rounded up, since a coalition's scaled weight is a whole number: weight ≥ 4.5 ⇔ weight×10 ≥ 45.
 *
 * Multiplying every weight and the quota by the same factor changes no coalition's verdict, so the power indices are
 * those of the game as typed (a property test checks it). Pure: no I/O.
 */
import { UserError } from '../../common/errors';
import { cutForMessage } from '../../common/terminalText';
import { gcd } from './rational';

export interface ScaledGame {
  /** whole-number weights, each the typed weight × scale */
  readonly weights: readonly number[];
  /** whole-number quota on the scaled weights */
  readonly quota: number;
  /** 10^d */
  readonly scale: bigint;
  /** the scaled total weight */
  readonly total: number;
  /** the quota as typed and what it is: a weight, or a share of the total weight */
  readonly quotaGiven: { readonly text: string; readonly kind: 'weight' | 'share' };
  /** one line saying how the typed game became the counted one; undefined when nothing was scaled or rounded */
  readonly note?: string;
}

const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;
const SHARE = /^(\d+)\s*\/\s*(\d+)$/;

/** `text` → [integer part digits, decimal digits], or undefined when it is not a plain decimal number. */
function digitsOf(text: string): { whole: string; decimals: string } | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  // trailing zeros are no precision: 1.50 has one decimal place
  return { whole: m[3] !== undefined ? '0' : m[1], decimals: (m[3] ?? m[2] ?? '').replace(/0+$/, '') };
}

/** x × 10^d as a BigInt, from the digits (exact: d is at least the number of decimals of x). */
const scaled = (x: { whole: string; decimals: string }, d: number): bigint => BigInt(x.whole + x.decimals.padEnd(d, '0'));

/** ⌈a / b⌉ for a >= 0, b > 0 */
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Parses `--weights` and `--quota` into the exact whole-number game; every problem is a UserError (exit 2). */
export function scaleWeightedGame(weightsText: string, quotaText: string): ScaledGame {
  const parts = weightsText.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.every((p) => p === '')) throw new UserError('--weights: the body is empty; give at least one weight (e.g. --weights 4,4,4,2,2,1)');
  const parsed = parts.map((p, i) => {
    const x = digitsOf(p);
    if (x === undefined) {
      const why = /^-/.test(p) ? 'weights cannot be negative' : /e/i.test(p) ? 'write it out, without an exponent' : 'not a number';
      throw new UserError(`--weights: weight ${i + 1} is "${cutForMessage(p, 40)}" (${why}); weights are numbers >= 0 separated by commas, whole or decimal (e.g. 4,4,4,2,2,1 or 1.5,2.25,3)`);
    }
    return x;
  });
  const d = Math.max(...parsed.map((x) => x.decimals.length));
  const scale = 10n ** BigInt(d);
  const big = parsed.map((x) => scaled(x, d));
  const totalBig = big.reduce((a, b) => a + b, 0n);
  if (totalBig === 0n) throw new UserError('--weights: the weights add up to 0; no coalition can reach a quota (give at least one weight above 0)');
  if (totalBig > SAFE) {
    throw new UserError(
      d > 0
        ? `--weights: with ${d} decimal place${d === 1 ? '' : 's'} the weights scaled by 10^${d} to whole numbers add up to ${cutForMessage(String(totalBig), 30)}, beyond what is counted exactly (2^53); give fewer decimals or smaller weights`
        : `--weights: the weights add up to ${cutForMessage(String(totalBig), 30)}, beyond what is counted exactly (2^53); give smaller weights`,
    );
  }
  const q = quotaText.trim();
  let quotaBig: bigint;
  let kind: 'weight' | 'share';
  let exactQuota: string;
  const share = SHARE.exec(q);
  if (share) {
    kind = 'share';
    const [p, den] = [BigInt(share[1]), BigInt(share[2])];
    if (den === 0n) throw new UserError(`--quota: "${q}" divides by zero; a share of the total weight is p/q with q > 0 (e.g. 2/3)`);
    if (p === 0n) throw new UserError(`--quota: ${q} of the total weight is 0, which every coalition reaches; give a share above 0 (e.g. 1/2 or 2/3)`);
    if (p > den) throw new UserError(`--quota: ${q} is more than the whole of the total weight; nothing could ever pass (a share is at most 1, e.g. 2/3)`);
    quotaBig = ceilDiv(p * totalBig, den);
    const g = gcd(p * totalBig, den);
    exactQuota = den / g === 1n ? String((p * totalBig) / g) : `${(p * totalBig) / g}/${den / g}`;
  } else {
    const x = digitsOf(q);
    if (x === undefined) {
      const why = /^-/.test(q) ? 'a quota cannot be negative' : 'not a number';
      throw new UserError(`--quota: "${cutForMessage(q, 40)}" (${why}); give the weight a coalition must reach (e.g. 12 or 4.5) or a share of the total weight (e.g. 2/3)`);
    }
    kind = 'weight';
    // the quota × 10^d, rounded up (a coalition's scaled weight is a whole number)
    const e = x.decimals.length;
    const num = BigInt(x.whole) * 10n ** BigInt(e) + BigInt(x.decimals || '0');
    quotaBig = ceilDiv(num * scale, 10n ** BigInt(e));
    if (num === 0n) throw new UserError(`--quota: ${q} is reached by every coalition, even the empty one; give a quota above 0`);
    exactQuota = formatScaled(num * scale, e);
  }
  if (quotaBig > totalBig) {
    const total = d > 0 ? `${formatScaled(totalBig, d)} (${totalBig} scaled)` : String(totalBig);
    throw new UserError(`--quota: ${q} is above the total weight ${total}; nothing could ever pass`);
  }
  const weights = big.map(Number);
  const quota = Number(quotaBig);
  const total = Number(totalBig);
  const rounded = String(quotaBig) !== exactQuota;
  const quotaPart =
    kind === 'share'
      ? `quota ${q} of the total ${total}: at least ${exactQuota}${rounded ? `, so ${quota}` : ''} (at least ${q}, as in qualified-majority:${q})`
      : `quota ${q}${d > 0 ? ` × ${scale} = ${rounded ? `${exactQuota}, rounded up to ` : ''}${quota}` : rounded ? `: a whole weight of at least ${q}, so ${quota}` : ''}`;
  const note =
    d > 0
      ? `Scaled exactly to whole numbers: weights × ${scale} (${parts.join(', ')} → ${shortList(weights)}; total ${total}); ${quotaPart}. Power indices do not change under scaling.`
      : kind === 'share' || rounded
        ? `Quota as a whole weight: ${quotaPart}.`
        : undefined;
  return { weights, quota, scale, total, quotaGiven: { text: q, kind }, ...(note !== undefined ? { note } : {}) };
}

const shortList = (xs: readonly number[]): string => (xs.length <= 16 ? xs.join(', ') : `${xs.slice(0, 8).join(', ')}, … (${xs.length} weights)`);

/** A scaled BigInt as the decimal it stands for: 675 with 2 decimals → 6.75. */
function formatScaled(x: bigint, d: number): string {
  const s = x.toString().padStart(d + 1, '0');
  const whole = s.slice(0, s.length - d);
  const frac = s.slice(s.length - d).replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole;
}
