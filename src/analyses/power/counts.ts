/** What every engine computes: exact coalition counts from which all the indices follow. */
export interface CoalitionCounts {
  /** number of voters */
  readonly n: number;
  /** winning coalitions of voters (out of 2^n) */
  readonly winning: bigint;
  /**
   * per voter (electorate order): by coalition size k = 0..n-1, the coalitions S of the other voters with |S| = k
   * that lose without the voter and win with it (its swings, or pivots)
   */
  readonly swingsBySize: readonly (readonly bigint[])[];
  /** which exact method produced the counts */
  readonly method: 'brute-force' | 'class-enumeration' | 'sums-dp';
}
