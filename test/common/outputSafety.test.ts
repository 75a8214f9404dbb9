/** Text plenary prints never carries terminal control characters; CSV cells never start a spreadsheet formula. */
import { describe, expect, it } from 'vitest';
import { csvLine, neutralizeCsvCell } from '../../src/common/csvCell';
import { cutForMessage, escapeControl, escapeInline } from '../../src/common/terminalText';
import { safeText } from '../../src/cli/io';

describe('escapeControl', () => {
  it.each([
    ['\u001b[2J clear screen', '\\x1b[2J clear screen'],
    ['\u001b]0;title\u0007', '\\x1b]0;title\\x07'],
    ['nul\u0000here', 'nul\\x00here'],
    ['c1 csi \u009b31m', 'c1 csi \\u009b31m'],
    ['del \u007f', 'del \\u007f'],
    ['bidi \u202eevil', 'bidi \\u202eevil'],
    ['lone\rreturn', 'lone\\x0dreturn'],
  ])('%j → %j', (input, expected) => {
    expect(escapeControl(input)).toBe(expected);
  });

  it('keeps newlines, tabs, CR-LF (when asked) and every printable character', () => {
    const text = 'Côte d’Ivoire\tΔ 中国 ✓\nnext line';
    expect(escapeControl(text)).toBe(text);
    expect(escapeControl('a\r\nb', { keepCrLf: true })).toBe('a\r\nb');
    expect(escapeInline('a\nb\tc')).toBe('a\\nb\\tc');
  });

  it('a JSON document stays valid JSON with the same meaning after escaping', () => {
    const value = { name: 'x\u001b[31m\u009b\u202e\u0007y', n: [1, -2] };
    const escaped = safeText(JSON.stringify(value));
    expect(escaped).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(escaped)).toEqual(value);
  });

  it('cuts long values in messages', () => {
    const cut = cutForMessage('9'.repeat(100_000));
    expect(cut.length).toBeLessThan(120);
    expect(cut).toMatch(/^9{80}\.\.\. \(100,000 characters\)$/);
  });
});

describe('CSV cells', () => {
  it.each(['=HYPERLINK("x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('text %j gets a leading quote', (cell) => {
    expect(neutralizeCsvCell(cell)).toBe(`'${cell}`);
  });

  it('numbers and ordinary text are unchanged; the line is quoted where needed', () => {
    expect(neutralizeCsvCell(-0.25)).toBe('-0.25');
    expect(neutralizeCsvCell('Côte d’Ivoire')).toBe('Côte d’Ivoire');
    expect(csvLine(['=1+2', 'a,b', -1, 'say "hi"'])).toBe(`'=1+2,"a,b",-1,"say ""hi"""`);
  });
});
