/** A problem found in a scenario file, as data. Rendered as `file:line path: message`. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** field path, e.g. `participants[3].blocs[0]` */
  readonly path: string;
  readonly message: string;
  /** a warning every command shows, not only validate (src/scenario/checks.ts `notice`) */
  readonly always?: true;
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

export function renderProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const label = p.severity === 'warning' ? 'warning: ' : '';
  return `${where} ${label}${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

/** A short rendering of a received value for messages. */
export function received(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value);
  if (json === undefined) return String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/**
 * Problems as one message: the first problem on the first line (so that `plenary: <problem>` is what the user
 * reads first), the others below it, and the count last when there are several.
 */
export function problemsMessage(lines: readonly string[], file: string): string {
  if (lines.length <= 1) return lines[0] ?? `${file}: invalid`;
  return `${lines.join('\n')}\n(${lines.length} problems in ${file})`;
}
