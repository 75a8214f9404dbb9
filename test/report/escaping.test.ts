/**
 * Scenario text is data in every format: a title, name, label or source holding HTML, a Markdown link or image, table
 * pipes, a line break or a spreadsheet formula (test/fixtures/hostile/hostile-text.yaml) is shown, never run, fetched
 * or evaluated. Through the CLI entry (main) for run, compare, power, sweep and backtest in Markdown, CSV and HTML.
 */
import { describe, expect, it } from 'vitest';
import { neutralizeCsvCell } from '../../src/common/csvCell';
import { escapeMarkdown, markdownCell } from '../../src/report/markdown';
import { markdownTable } from '../../src/report/table';
import { plenaryInProcess as plenary } from '../robustness/inProcess';

const HOSTILE = 'test/fixtures/hostile/hostile-text.yaml';
const COMMANDS: Record<string, readonly string[]> = {
  run: ['run', HOSTILE, '--runs', '60'],
  compare: ['compare', HOSTILE, '--rules', 'qualified-majority:2/3', '--runs', '60'],
  power: ['power', HOSTILE, '--rule', 'weighted:1/2'],
  sweep: ['sweep', HOSTILE, '--vary', 'participants[id=a].flexibility=0:1:0.5', '--runs', '20'],
  backtest: ['backtest', HOSTILE, '--runs', '60'],
};
const output = async (command: string, format: string) => {
  const r = await plenary([...COMMANDS[command], '--format', format]);
  // the backtest exits 1 when a case is missed (0 of 1 hits is no gate failure, but the case may be missed): only crashes matter
  expect(r.code === 0 || (command === 'backtest' && r.code === 1), `${command} --format ${format}: ${r.stderr}`).toBe(true);
  return r.stdout;
};

/** RFC 4180 cells of a CSV text. */
function csvCells(text: string): string[] {
  const cells: string[] = [];
  for (const m of text.matchAll(/("((?:[^"]|"")*)"|[^,\n]*)(,|\n|$)/g)) {
    if (m[0] === '') break;
    cells.push(m[2] !== undefined ? m[2].replace(/""/g, '"') : m[1]);
  }
  return cells;
}

describe('Markdown: no raw HTML, no links or images from scenario text', () => {
  it.each(Object.keys(COMMANDS))('%s --format markdown', async (command) => {
    const md = await output(command, 'markdown');
    expect(md).not.toMatch(/<[A-Za-z/!?]/); // no tag, comment, declaration or <scheme:…> autolink can open
    expect(md).not.toContain('](');
    if (command !== 'power' && command !== 'backtest') expect(md).toContain("&lt;script>alert('title')&lt;/script> Council"); // shown, not dropped
    // a table row holds exactly its cells: a name's pipes and line breaks do not add cells or rows
    for (const table of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const widths = table.split('\n').map((row) => row.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size, table).toBe(1);
    }
  });

  it('escapeMarkdown and markdownCell', () => {
    expect(escapeMarkdown('<script>x</script> [a](javascript:b) ![i](http://e/p.png) <http://e>')).toBe('&lt;script>x&lt;/script> [a]\\(javascript:b) ![i]\\(http://e/p.png) &lt;http://e>');
    expect(markdownCell('a|b\nc\r\nd')).toBe('a\\|b c d');
    expect(markdownTable([{ header: 'x|y' }], [['1\n2']])).toBe('| x\\|y |\n| --- |\n| 1 2 |');
  });
});

describe('CSV: no cell starts a spreadsheet formula', () => {
  it.each(['run', 'compare', 'power', 'sweep', 'backtest'])('%s --format csv', async (command) => {
    const cells = csvCells(await output(command, 'csv'));
    expect(cells.length).toBeGreaterThan(10);
    const formulas = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !Number.isFinite(Number(c)));
    expect(formulas).toEqual([]);
    if (command !== 'sweep' && command !== 'backtest') expect(cells).toContain(`'=HYPERLINK("http://evil.example/","click")`); // shown, neutralised
  });

  it('rows (one record per run) too', async () => {
    const r = await plenary([...COMMANDS.run, '--format', 'rows']);
    expect(csvCells(r.stdout).filter((c) => /^[=+\-@\t\r]/.test(c) && !Number.isFinite(Number(c)))).toEqual([]);
  });

  it('neutralizeCsvCell leaves numbers as numbers', () => {
    expect(neutralizeCsvCell(-1.5)).toBe('-1.5');
    expect(neutralizeCsvCell('-1.5 points')).toBe("'-1.5 points");
  });
});

describe('HTML: scenario text is escaped', () => {
  it.each(['run', 'compare', 'backtest'])('%s --format html', async (command) => {
    const html = await output(command, 'html');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<(script|img|iframe|b>)/i);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
