/**
 * CSV cells that a spreadsheet would run as a formula: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return (OWASP "CSV injection"). Such text cells get a leading `'`, which spreadsheets show as plain text.
 * Numbers are never changed (a negative difference stays a number).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCsvCell(cell: string | number): string {
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** One CSV line: cells neutralized, then quoted when they hold a comma, a quote or a line break. */
export function csvLine(cells: readonly (string | number)[]): string {
  return cells
    .map((c) => {
      const s = neutralizeCsvCell(c);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
