/** A problem a named check finds in a scenario document: where (field path), how bad, what is wrong. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly path: (string | number)[];
  readonly message: string;
  /** a warning every command shows (not only validate): the result would otherwise mislead silently */
  readonly always?: true;
}
