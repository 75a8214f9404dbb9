/**
 * Markdown that is safe to render, whatever the scenario's text says. A scenario's title, names, labels and sources are
 * the user's (or a stranger's: scenario files are shared), and a Markdown renderer passes raw HTML through and follows
 * links, so a name such as `<script>…</script>`, `<img src=x onerror=…>` or `[click](javascript:…)` would run or fetch
 * something in the reader's browser. Every Markdown report passes through `escapeMarkdown` on its way out (the one
 * escaping function of the format, as `escapeHtml` is HTML's and `neutralizeCsvCell` CSV's):
 *
 *  - every `<` becomes `&lt;`: no raw HTML, no HTML comment, no `<javascript:…>` autolink can open (plenary's own
 *    Markdown writes no HTML, so nothing it means is lost; a `<` typed inside a code span shows as `&lt;` there);
 *  - every `](` becomes `]\(`: no inline link or image can open (plenary's reports write no inline links).
 *
 * Table cells also escape `|` and put line breaks as spaces (`markdownCell`), so that a name cannot end a table row.
 */

/** A whole Markdown report, safe to render: no raw HTML, no inline links or images. */
export function escapeMarkdown(document: string): string {
  return document.replace(/</g, '&lt;').replace(/\]\(/g, ']\\(');
}

/** One table cell's text: a `|` cannot end the cell, a line break cannot end the row. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, ' ');
}
