/** Levenshtein distance, small inputs only (ids, keys, rule names). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The closest known word, if it is close enough to be a likely typo. */
export function closest(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestRaw = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const raw = editDistance(lower, c);
    const d = c.startsWith(lower) || lower.startsWith(c) ? Math.min(1, raw) : raw;
    // ties go to the closer spelling ("consensus-minus-subjekt" → "consensus-minus-subject", not the prefix "consensus")
    if (d < bestDistance || (d === bestDistance && raw < bestRaw)) {
      bestDistance = d;
      bestRaw = raw;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

export function didYouMean(word: string, known: Iterable<string>): string {
  const guess = closest(word, known);
  return guess === undefined ? '' : ` Did you mean "${guess}"?`;
}

/** `a, b, c` or `a, b, ... (12 more)` for long lists. */
export function listOf(items: readonly string[], max = 8): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')}, ... (${items.length - max} more)`;
}
