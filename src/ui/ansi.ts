/**
 * Lines of styled spans as terminal text: SGR escapes for colour and weight (none when colour is off), or plain
 * text. Used by the room's shells (`plenary serve`, `plenary join`), which draw without ink.
 */
import type { Line } from './screen';

const COLORS: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 };

export function ansiLine(line: Line, color: boolean): string {
  return line
    .map((s) => {
      const codes: number[] = [];
      if (s.bold) codes.push(1);
      if (color && s.dim) codes.push(2);
      if (s.inverse) codes.push(7);
      if (color && s.color && COLORS[s.color] !== undefined) codes.push(COLORS[s.color]);
      return codes.length > 0 ? `\u001B[${codes.join(';')}m${s.text}\u001B[0m` : s.text;
    })
    .join('');
}

/** A whole screen: home, each line cleared to its end, the rest of the screen cleared. */
export function ansiScreen(lines: readonly Line[], color: boolean): string {
  return `\u001B[H${lines.map((l) => `${ansiLine(l, color)}\u001B[K`).join('\r\n')}\u001B[J`;
}

export const plainText = (lines: readonly Line[]): string => lines.map((l) => l.map((s) => s.text).join('').trimEnd()).join('\n');
