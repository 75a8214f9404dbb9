/**
 * `--format rows` and `--format jsonl`: one line per run and setting (the per-run records of src/engine/record.ts),
 * CSV with a header line or JSON Lines, for an analyst's own tools (pandas, R, DuckDB). CSV cells that are text and start with = + - @
 * (or a tab or carriage return) get a leading ' so that a spreadsheet does not read them as formulas; numbers stay
 * numbers. Decisive objectors are one cell, ids separated by spaces.
 */
import { RECORD_COLUMNS, type RunRecord } from '../engine/record';

export type RowsFormat = 'rows' | 'jsonl';

/** A CSV cell: quoted when needed, text neutralised against formula injection. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (r: RunRecord): string =>
  [r.run, csvCell(r.setting), csvCell(r.outcome), csvCell(r.option), csvCell(r.decidedBy), r.hours, r.rounds, csvCell(r.decisive.join(' '))].join(',');

/** CSV: the header line and one line per record; JSON Lines: one object per record. */
export function renderRows(records: readonly RunRecord[], format: RowsFormat): string {
  if (format === 'jsonl') {
    // every line names its fields, so JSON Lines need no header line (pandas.read_json(lines=True) reads it as is)
    return records.map((r) => `${JSON.stringify(r)}\n`).join('');
  }
  const lines = [RECORD_COLUMNS.join(',')];
  for (const r of records) lines.push(csvLine(r));
  return `${lines.join('\n')}\n`;
}
