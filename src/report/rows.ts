/**
 * `--format rows` and `--format jsonl`: one line per run and setting (the per-run records of src/engine/record.ts),
 * CSV with a header line or JSON Lines, for an analyst's own tools (pandas, R, DuckDB). CSV cells that are text and start with = + - @
 * (or a tab or carriage return) get a leading ' so that a spreadsheet does not read them as formulas; numbers stay
 * numbers. Decisive objectors are one cell, ids separated by spaces.
 *
 * The provenance stamp rides on the first record, so that no parser meets a line of another shape: JSON Lines give
 * the first object a `provenance` field (the stamp); CSV gets a last column `provenance`, the stamp as JSON in the
 * first record's cell and empty in every other. Only the first part of a sharded job carries it (like the header),
 * stamped with the unsplit command, so that the parts concatenate to exactly the unsplit output.
 */
import { csvLine as csvCells } from '../common/csvCell';
import { DRAW_RECORD_COLUMNS, RECORD_COLUMNS, type RunRecord } from '../engine/record';
import type { Stamp } from '../engine/reportExtras';

export type RowsFormat = 'rows' | 'jsonl';

/** A CSV cell: quoted when needed, text neutralised against formula injection (the one CSV escaping: src/common/csvCell.ts). */
export const csvCell = (value: string | number): string => csvCells([value]);

const csvLine = (r: RunRecord, withDraw: boolean): string =>
  [r.run, ...(withDraw ? [r.draw ?? ''] : []), csvCell(r.setting), csvCell(r.outcome), csvCell(r.option), csvCell(r.decidedBy), r.hours, r.rounds, csvCell(r.decisive.join(' '))].join(',');

/**
 * CSV: the header line and one line per record; JSON Lines: one object per record. `stamp`: the provenance stamp,
 * on the first record (`stamped: false` for the parts of a sharded job after the first: the column, not the stamp).
 * `draws`: the records of a two-level run, with a `draw` column after `run`.
 */
export function renderRows(records: readonly RunRecord[], format: RowsFormat, stamp?: Stamp, stamped = true, draws = false): string {
  if (format === 'jsonl') {
    // every line names its fields, so JSON Lines need no header line (pandas.read_json(lines=True) reads it as is)
    return records.map((r, i) => `${JSON.stringify(i === 0 && stamp && stamped ? { ...r, provenance: stamp } : r)}\n`).join('');
  }
  const lines = [[...(draws ? DRAW_RECORD_COLUMNS : RECORD_COLUMNS), ...(stamp ? ['provenance'] : [])].join(',')];
  records.forEach((r, i) => lines.push(stamp ? `${csvLine(r, draws)},${i === 0 && stamped ? csvCell(JSON.stringify(stamp)) : ''}` : csvLine(r, draws)));
  return `${lines.join('\n')}\n`;
}

/**
 * The rows of one part of a job (`part` undefined: the whole job): the header line and the stamp only in the first
 * part, so that `cat part1 part2 ...` is the unsplit job's output.
 */
export function renderRowsPart(records: readonly RunRecord[], format: RowsFormat, part?: { readonly index: number }, stamp?: Stamp, draws = false): string {
  const first = part === undefined || part.index === 1;
  const text = renderRows(records, format, stamp, first, draws);
  return !first && format === 'rows' ? text.slice(text.indexOf('\n') + 1) : text;
}
