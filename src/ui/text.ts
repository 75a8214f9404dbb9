/** Fitting text into a terminal: truncation and word wrapping by characters (no ANSI inside). */

const length = (s: string): number => [...s].length;

export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

export function pad(text: string, width: number): string {
  const t = truncate(text, width);
  return t + ' '.repeat(Math.max(0, width - length(t)));
}

/** Word wrap; continuation lines keep the first line's indentation plus two spaces. */
export function wrap(text: string, width: number): string[] {
  if (width < 8) return [truncate(text, width)];
  const indent = /^\s*/.exec(text)![0];
  const hang = `${indent}  `;
  const words = text.trim().split(/\s+/);
  const lines: string[] = [];
  let line = indent;
  let fresh = true;
  for (const word of words) {
    const candidate = fresh ? line + word : `${line} ${word}`;
    if (length(candidate) <= width) {
      line = candidate;
      fresh = false;
      continue;
    }
    if (!fresh) lines.push(line);
    let rest = word;
    line = lines.length === 0 && fresh ? indent : hang;
    while (length(line) + length(rest) > width) {
      const room = width - length(line);
      lines.push(line + [...rest].slice(0, room).join(''));
      rest = [...rest].slice(room).join('');
      line = hang;
    }
    line += rest;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

export const hours = (h: number): string => `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
