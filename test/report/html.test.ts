/** The HTML reports' structure: headline first, human labels, table semantics, SVG titles, nothing fetched, no scripts. */
import { describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare';
import { runCommand } from '../../src/cli/commands/run';
import { backtestCommand } from '../../src/cli/commands/backtest';

const compare = (await compareCommand({ reforms: true, runs: 300, seed: 'html', format: 'html' })).text;
const run = (await runCommand({ runs: 300, seed: 'html', format: 'html' })).text;
const backtest = (await backtestCommand({ runs: 100, seed: 'html', format: 'html' })).text;

describe.each([
  ['compare', compare],
  ['run', run],
  ['backtest', backtest],
])('%s HTML', (_name, html) => {
  it('is self-contained: no scripts, no external resources', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import|url\(/i);
  });

  it('has table semantics: captions, column and row header scopes; every SVG has a title and a description', () => {
    const tables = html.match(/<table/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(0);
    expect(html.match(/<caption>/g)?.length).toBe(tables);
    expect(html).toContain('<th scope="col">');
    expect(html).toContain('<th scope="row">');
    const svgs = html.match(/<svg[^>]*>.*?<\/svg>/gs) ?? [];
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*><title>[^<]+<\/title><desc>[^<]+<\/desc>/);
  });

  it('the headline comes first and prints without shrinking (A4 page rule, breaks between sections)', () => {
    expect(html.indexOf('id="headline"')).toBeLessThan(html.indexOf('<table'));
    expect(html).toContain('@page{size:A4 portrait');
    expect(html).toContain('section.page{break-before:page}');
  });
});

describe('compare HTML for an advocate', () => {
  it('says which rules change the outcome, one sentence each with intervals, before any table', () => {
    const head = compare.slice(compare.indexOf('id="headline"'), compare.indexOf('<table'));
    expect(head).toMatch(/Two-thirds majority voting among participant governments: Suspend Zimbabwe \(at least six months\) rises from [\d.]+% to [\d.]+% of runs \(95% interval [\d.]+%–[\d.]+%\), \+[\d.]+ points \(paired 95% interval/);
  });

  it('labels rows with rule and option names, not kebab-case ids, and puts each rule\'s source beside its numbers', () => {
    const rowHeaders = [...compare.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(rowHeaders).toContain('Consensus (rule in force)');
    for (const h of rowHeaders) expect(h).not.toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    const firstGroup = compare.slice(compare.indexOf('<tbody class="group'), compare.indexOf('</tbody>'));
    expect(firstGroup).toContain('Source: absolute consensus among Participants');
    expect(firstGroup).toMatch(/<td data-label="Joint Work Plan with a KP monitor"/);
  });
});
