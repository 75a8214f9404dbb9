/** Test helper: a CSV line's cells, reading quotes as src/common/csvCell.ts writes them (RFC 4180, "" inside quotes). */
export function csvCells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') (cur += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) out.push(cur), (cur = '');
    else cur += c;
  }
  return [...out, cur];
}
