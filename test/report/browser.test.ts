/**
 * The HTML reports in a real headless Chromium (puppeteer-core with the Chromium that @sparticuz/chromium ships inside
 * its npm package; nothing is downloaded at run time): no horizontal overflow at 1280 and 390 px, A4 portrait printing
 * without shrinking (no overflow at the printable width) and the expected number of pages, no console errors, no
 * requests. The reports are made from fixed scenarios and seeds, so the page counts are known answers.
 */
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCommand } from '../../src/cli/commands/compare';
import { runCommand } from '../../src/cli/commands/run';
import { backtestCommand } from '../../src/cli/commands/backtest';

const COUNCIL = 'test/fixtures/council/river-council.yaml';

/** The invocation the CLI would stamp the report with (its footer carries the stamp: a long command and a sha256). */
const invoked = (...args: string[]) => ({ invocation: { args, date: '2026-01-02' } });

const REPORTS: { name: string; html: () => Promise<{ text: string }>; pages: number }[] = [
  { name: 'compare --reforms (Swakopmund 2009)', html: () => compareCommand({ reforms: true, runs: 400, seed: 'browser', format: 'html', ...invoked('compare', '--reforms', '--runs', '400', '--seed', 'browser', '--format', 'html') }), pages: 8 },
  {
    name: 'compare --reforms (a 12-member council, one reform mapped)',
    html: () => compareCommand({ scenario: COUNCIL, reforms: true, mapGroup: ['adpa=downstream', 'western=upstream'], runs: 400, seed: 'browser', format: 'html', ...invoked('compare', COUNCIL, '--reforms', '--map-group', 'adpa=downstream', '--map-group', 'western=upstream', '--runs', '400', '--seed', 'browser', '--format', 'html') }),
    pages: 7,
  },
  { name: 'run (Swakopmund 2009)', html: () => runCommand({ runs: 400, seed: 'browser', format: 'html', ...invoked('run', '--runs', '400', '--seed', 'browser', '--format', 'html') }), pages: 4 },
  { name: 'backtest (the bundled cases)', html: () => backtestCommand({ runs: 200, seed: 'browser', format: 'html' }), pages: 10 },
];

/** A4 portrait, 14 mm side margins (html.ts @page): the printable width in CSS pixels. */
const A4_PRINTABLE_PX = Math.floor(((210 - 2 * 14) / 25.4) * 96);

let browser: Browser;

beforeAll(async () => {
  // --no-sandbox: the test may run as root (containers, CI); the page is our own file with no scripts
  browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: [...chromium.args, '--no-sandbox'], headless: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

interface Measure {
  scrollWidth: number;
  innerWidth: number;
  consoleErrors: string[];
  requests: string[];
}

async function open(html: string, width: number, media: 'screen' | 'print' = 'screen') {
  const page = await browser.newPage();
  const m: Measure = { scrollWidth: 0, innerWidth: 0, consoleErrors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') m.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => m.consoleErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('about:')) return void request.continue();
    m.requests.push(url);
    return void request.abort();
  });
  await page.setViewport({ width, height: 900 });
  await page.emulateMediaType(media);
  await page.setContent(html, { waitUntil: 'load' });
  // a string, evaluated in the page (the test itself is compiled without DOM types)
  const [scrollWidth, innerWidth] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
  m.scrollWidth = scrollWidth;
  m.innerWidth = innerWidth;
  return { page, m };
}

const pageCount = (pdf: Uint8Array): number => (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe.each(REPORTS)('HTML report in Chromium: $name', (report) => {
  let html = '';
  beforeAll(async () => {
    html = (await report.html()).text;
  }, 60_000);

  it.each([1280, 390])('no horizontal overflow at %i px, no console errors, no requests', async (width) => {
    const { page, m } = await open(html, width);
    await page.close();
    console.log(`${report.name} at ${width} px: scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth}`);
    expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
    expect(m.consoleErrors).toEqual([]);
    expect(m.requests).toEqual([]);
  }, 60_000);

  it('prints on A4 portrait without shrinking, one section per page where it breaks', async () => {
    const { page, m } = await open(html, A4_PRINTABLE_PX, 'print');
    // Chromium shrinks a page to fit only when its content is wider than the paper: nothing may be wider
    expect(m.scrollWidth).toBeLessThanOrEqual(A4_PRINTABLE_PX);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    await page.close();
    const pages = pageCount(pdf);
    console.log(`${report.name}: ${pages} A4 pages (printable width ${A4_PRINTABLE_PX} px, scrollWidth ${m.scrollWidth})`);
    // a known answer: a change to the report's layout or to the simulated numbers may move it; re-pin only on purpose
    expect(pages, `${report.name}: A4 page count`).toBe(report.pages);
    expect(m.requests).toEqual([]);
  }, 60_000);
});
