/** Plain-text tables and small formatting helpers shared by every report. */
import { csvLine } from '../common/csvCell';
import { markdownCell } from './markdown';

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align?: Align;
}

const width = (s: string): number => [...s].length;

export function textTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(widths[i] - width(s));
    return columns[i].align === 'right' ? pad + s : s + pad;
  };
  const line = (cells: readonly string[]) => cells.map(cell).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function markdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const esc = markdownCell;
  const head = `| ${columns.map((c) => esc(c.header)).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** One CSV line (formula-looking text cells neutralized: src/common/csvCell.ts). */
export function csvRow(cells: readonly (string | number)[]): string {
  return csvLine(cells);
}

export const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)}%`;
export const interval = (ci: readonly [number, number], digits = 1): string => `${pct(ci[0], digits)}–${pct(ci[1], digits)}`;
export const hoursText = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
