/**
 * The provenance stamp every output carries: the plenary version, a sha256 of the scenario's text with its rosters,
 * the command line, the seed and the date. The builder is pure (texts and the date are passed in; the shell reads the
 * files and the clock), and so are the renderers for each format. Re-running the stamp's command in the same folder
 * gives the same results, all but the date.
 */
import { createHash } from 'node:crypto';
import type { Stamp } from '../engine/reportExtras';
import { escapeHtml } from './html';
import { csvRow } from './table';

export type { Stamp };

export interface StampInput {
  readonly version: string;
  /** the scenario file and every roster it includes, in include order, with their texts */
  readonly files: readonly { readonly file: string; readonly text: string }[];
  /** the arguments after `plenary` */
  readonly args: readonly string[];
  /** undefined: the result uses no randomness */
  readonly seed?: string;
  /** YYYY-MM-DD, from the shell */
  readonly date: string;
}

/** sha256 of the texts, each followed by a NUL byte (so that moving text between files changes the hash). */
export function scenarioHash(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const t of texts) hash.update(t, 'utf8').update('\0');
  return hash.digest('hex');
}

/** One argument as a POSIX shell would need it written. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Splits a command line written by `shellQuote` back into arguments. */
export function shellSplit(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inArg = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unbalanced quote in command line');
      cur += line.slice(i + 1, end);
      i = end;
      inArg = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inArg = true;
    } else if (c === ' ') {
      if (inArg) args.push(cur);
      cur = '';
      inArg = false;
    } else {
      cur += c;
      inArg = true;
    }
  }
  if (inArg) args.push(cur);
  return args;
}

export function buildStamp(input: StampInput): Stamp {
  return {
    plenary: input.version,
    scenarioSha256: scenarioHash(input.files.map((f) => f.text)),
    files: input.files.map((f) => f.file),
    command: ['plenary', ...input.args].map(shellQuote).join(' '),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    date: input.date,
  };
}

/** What the hash covers: the files, or, said plainly, nothing (a body given on the command line, `power --weights`). */
const filesText = (s: Stamp): string => (s.files.length === 0 ? 'of no file: the body is given on the command line' : `${s.files.length} file${s.files.length === 1 ? '' : 's'}`);
const seedText = (s: Stamp): string => (s.seed === undefined ? 'no seed (exact, no randomness)' : `seed ${JSON.stringify(s.seed)}`);

/** Plain-text lines (table, Markdown). */
export function stampLines(s: Stamp): string[] {
  return [`Provenance: plenary ${s.plenary} · scenario sha256 ${s.scenarioSha256.slice(0, 16)}… (${filesText(s)}) · ${seedText(s)} · ${s.date}`, `Reproduce: ${s.command}`];
}

/** CSV rows (`section` first, padded to the table's width). */
export function stampCsvRows(s: Stamp, width: number): string[] {
  const row = (key: string, value: string) => csvRow(['provenance', key, value, ...new Array(Math.max(0, width - 3)).fill('')]);
  return [row('plenary', s.plenary), row('scenario-sha256', s.scenarioSha256), row('files', s.files.join(' ')), row('command', s.command), row('seed', s.seed ?? ''), row('date', s.date)];
}

/** Markdown lines (italic, with hard line breaks), as the Markdown reports end. */
export function stampMarkdownLines(s: Stamp): string[] {
  return stampLines(s).map((l) => `_${l}_  `);
}

/** The stamp as the text of an HTML page's footer (inside the page's own `<footer>`); many files (a backtest's) are counted. */
export function stampHtmlText(s: Stamp): string {
  const files = s.files.length === 0 ? 'of no file: the body is given on the command line' : s.files.length <= 3 ? escapeHtml(s.files.join(', ')) : `${s.files.length} files`;
  const seed = s.seed === undefined ? 'no seed (exact, no randomness)' : `seed <code>${escapeHtml(s.seed)}</code>`;
  return `Provenance: plenary ${escapeHtml(s.plenary)} · scenario sha256 <code>${escapeHtml(s.scenarioSha256)}</code> (${files}) · ${seed} · ${escapeHtml(s.date)}<br>Reproduce: <code>${escapeHtml(s.command)}</code>`;
}

/** An HTML footer. */
export function stampHtml(s: Stamp): string {
  return `<footer class="meta"><small>${stampHtmlText(s)}</small></footer>`;
}
