/**
 * The terminal of the room's shells (`plenary serve`, `plenary join`): on a TTY the alternate screen, no cursor and
 * raw keys; otherwise lines read from stdin. Taken and given back in one place, so both shells leave it as they found it.
 */
import type { Interface } from 'node:readline';

const ENTER = '\u001B[?1049h\u001B[?25l';
const LEAVE = '\u001B[?25h\u001B[?1049l';

/** On a TTY: the alternate screen without the cursor, and raw key chunks to `onKeys`. */
export function takeTerminal(onKeys: (chunk: string) => void): void {
  process.stdout.write(ENTER);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  process.stdin.on('data', (chunk) => onKeys(String(chunk)));
}

/** Gives the terminal back (the normal screen and cursor on a TTY) and stops reading stdin. */
export function releaseTerminal(tty: boolean, input: Interface | undefined): void {
  if (tty) {
    process.stdin.setRawMode(false);
    process.stdout.write(LEAVE);
  }
  input?.close();
  process.stdin.pause();
  if (!tty) process.stdin.destroy();
}
