/**
 * Docs that stay true: every output pasted in README.md and docs/*.md, the CLI reference and the scenario-format
 * reference are what `npm run docs` (scripts/docs.mjs) would write from the current build. A change that alters an
 * output fails here until the docs are regenerated.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, refreshOutputs, ROOT, staleDocs } from '../../scripts/docs.mjs';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(ROOT, 'build.mjs')], { cwd: ROOT });
});

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('docs stay true', () => {
  it('every pasted output and both generated references are current', () => {
    const stale = staleDocs();
    expect(stale, `out of date: ${stale.join(', ')}. Run \`npm run docs\` and commit the result (it reruns every <!-- output: plenary … --> block and regenerates docs/cli.md and docs/scenario-format.md).`).toEqual([]);
  }, 240_000);

  it('the generator really reruns a marked command (a stale block is replaced by the current output)', () => {
    const text = '<!-- output: plenary rules -->\n```text\nstale\n```\n<!-- /output -->';
    const fresh = refreshOutputs(text);
    expect(fresh).not.toContain('stale');
    expect(fresh).toContain('$ plenary rules\n');
    expect(fresh).toContain('qualified-majority');
  });

  it('a session block reruns its commands in a temporary copy of its files, with pipes and exit codes', () => {
    const text = [
      '<!-- output-session: test/fixtures/valid/three-members.yaml -->',
      '```console',
      '$ ls',
      'stale',
      '$ plenary rules | grep -c qualified-majority',
      '$ plenary run three-members.yaml --out three-members.yaml',
      '```',
      '<!-- /output -->',
    ].join('\n');
    const fresh = refreshOutputs(text);
    expect(fresh).not.toContain('stale');
    expect(fresh).toContain('```console\n$ ls\nthree-members.yaml\n$ plenary rules | grep -c qualified-majority\n');
    expect(fresh).toMatch(/\n\$ plenary run three-members\.yaml --out three-members\.yaml\nplenary: --out three-members\.yaml: is also an input file; refusing to overwrite it\n\(exit code 2\)\n```\n<!-- \/output -->$/);
    expect(refreshOutputs(fresh)).toBe(fresh);
  });

  it('no command output is pasted by hand: every "$ plenary" line of the README and docs is in a generated block', () => {
    const problems = documents().flatMap((file) =>
      read(file)
        .replace(/<!-- output[\s\S]*?<!-- \/output -->/g, (block) => block.replace(/[^\n]/g, ''))
        .split('\n')
        .flatMap((line, i) => (/^\$ (npx )?plenary\b/.test(line) ? [`${file}:${i + 1}: ${line}`] : [])),
    );
    expect(problems, 'paste outputs between <!-- output: plenary … --> or <!-- output-session: … --> markers (scripts/docs.mjs), or describe them in prose').toEqual([]);
  });

  it('the README is short (at most ~250 lines) and keeps the two quick-start commands', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm test');
    expect(readme).toContain('<!-- output: plenary run -->');
  });

  it('no absolute path of a machine and nothing outside the repository', () => {
    const files = [...documents(), ...readdirSync(join(ROOT, 'docs/sources')).filter((f) => f.endsWith('.md')).map((f) => `docs/sources/${f}`)];
    const problems = files.flatMap((file) =>
      read(file)
        .split('\n')
        .flatMap((line, i) => (/(^|[\s`'"(=])\/(work|home|Users|root)\/|\.\.\/shared/.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
    );
    expect(problems).toEqual([]);
  });

  it('every relative link in the README and docs names a file that exists', () => {
    const problems: string[] = [];
    for (const file of documents()) {
      for (const m of read(file).matchAll(/\]\(((?!https?:|#|mailto:)[^)\s#]+)(#[^)]*)?\)/g)) {
        if (!existsSync(join(ROOT, dirname(file), m[1]))) problems.push(`${file}: link to ${m[1]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
