/**
 * Text from scenario files (names, labels, titles) may hold control characters: an ESC sequence that clears the
 * screen or sets the window title, a BEL, a NUL. Everything plenary prints as text goes through `escapeControl`,
 * which shows them as visible escapes (`\x1b`, `\u009b`) instead of sending them to the terminal. Newline and tab
 * are kept (they lay out tables and reports).
 */

// C0 controls except \t and \n, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides
// that reorder what a terminal shows
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// the same, but a CR that ends a CR-LF line is layout too
// eslint-disable-next-line no-control-regex
const CONTROL_KEEP_CRLF = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

// C0 as `\x1b` (short, familiar); the rest as `\u009b`, which is also a valid escape inside JSON strings (JSON text
// never holds a raw C0 character, so escaping a whole JSON document this way keeps it valid and its meaning)
const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code < 0x20 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** `text` with control characters shown as `\xNN` / `\uNNNN`; newlines and tabs kept (and CR before LF with keepCrLf). */
export function escapeControl(text: string, options: { keepCrLf?: boolean } = {}): string {
  const pattern = options.keepCrLf ? CONTROL_KEEP_CRLF : CONTROL;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, visible) : text;
}

/** One value for a one-line message: control characters escaped, newlines too. */
export function escapeInline(text: string): string {
  return escapeControl(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** A long value cut for a message: the first `max` characters and how many more there were. */
export function cutForMessage(text: string, max = 80): string {
  const shown = text.length <= max ? text : `${text.slice(0, max)}... (${text.length.toLocaleString('en-US')} characters)`;
  return escapeInline(shown);
}

/** Every run of more than `max` non-space characters in `text` cut as in cutForMessage (for messages that quote input). */
export function cutLongWords(text: string, max = 120): string {
  return text.replace(new RegExp(`\\S{${max + 1},}`, 'g'), (word) => `${word.slice(0, 80)}... (${word.length.toLocaleString('en-US')} characters)`);
}
