/**
 * Warnings that every command shows (an unreachable concession, a procedure that takes no time): the library
 * reports them here; the CLI prints each once on stderr as `plenary: warning: ...`. Without a listener (library
 * use, tests) they are dropped; `validate` lists them with the file's other problems anyway.
 */
let listener: ((text: string) => void) | undefined;
const shown = new Set<string>();

export function onWarning(print: ((text: string) => void) | undefined): void {
  listener = print;
  shown.clear();
}

/** Shows `text` once per command (a sweep validates the same scenario many times). */
export function showWarning(text: string): void {
  if (listener === undefined || shown.has(text)) return;
  shown.add(text);
  listener(text);
}
