#!/usr/bin/env node
/**
 * `npm run docs`: regenerates every output pasted in README.md and docs/*.md, the CLI reference (docs/cli.md, from
 * each command's own --help) and the scenario-format reference (docs/scenario-format.md, from scenarios/schema.json,
 * which a test pins to the zod schema). test/docs/docs.test.ts calls `staleDocs()` and fails when anything differs.
 *
 * A pasted output is a block between markers; the command after `output:` is run with the built CLI from the
 * repository root (CI=true, so no progress display) and its standard output replaces the block:
 *
 *     <!-- output: plenary run --runs 1000 -->
 *     ```text
 *     ...
 *     ```
 *     <!-- /output -->
 *
 * `<!-- output-raw: plenary ... -->` pastes the output as it is (for commands that print Markdown).
 *
 * A session shows several commands as a user types them in a shell (pipes, loops, files written and read back, error
 * messages and exit codes). Its commands are the block's `$ ` lines; everything else in the block is regenerated:
 *
 *     <!-- output-session: test/fixtures/invalid test/fixtures/valid/three-members.yaml -->
 *     ```console
 *     $ plenary validate custom-tag.yaml
 *     ...
 *     ```
 *     <!-- /output -->
 *
 * Each command runs with bash, stdout and stderr together as a terminal shows them, in a fresh temporary folder that
 * holds copies of the files and folders named after `output-session:` (a folder's files are copied into it), with
 * `plenary` the built CLI. A command that exits other than 0 is followed by `(exit code N)`. Nothing outside the
 * temporary folder is written, and it is removed afterwards.
 *
 * Needs the built CLI (`node build.mjs`; npm test and npm run docs build first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'plenary.mjs');
export const FIX = 'npm run docs';

/** Words of a command line, with "double" or 'single' quotes. */
export function splitArgs(line) {
  const words = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

/** Runs `plenary ARGS` with the built CLI; its stdout. Exit codes other than 0 are allowed only when expected. */
// PLENARY_DATE: the provenance stamp's date is fixed, so that pasted outputs do not go stale by the calendar
const ENV = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', COLUMNS: '120', PLENARY_DATE: '2026-11-30' };

export function plenary(args) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: ENV, timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

const MARKER = /<!-- output(-raw)?: (plenary(?: [^>]*?)?) -->\n[\s\S]*?<!-- \/output -->/g;
const SESSION = /<!-- output-session(?:: ([^>]*?))? -->\n```(\w*)\n([\s\S]*?)```\n<!-- \/output -->/g;

/** Runs a session's commands (the `$ ` lines of `block`) in a temporary folder holding copies of `files`; the block regenerated. */
export function runSession(files, block) {
  const commands = block.split('\n').filter((line) => line.startsWith('$ ')).map((line) => line.slice(2));
  if (commands.length === 0) throw new Error(`an output-session block without a "$ " command line:\n${block}`);
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'plenary-docs-')));
  try {
    for (const file of files) {
      const from = join(ROOT, file);
      if (!existsSync(from)) throw new Error(`output-session: ${file} does not exist`);
      if (statSync(from).isDirectory()) cpSync(from, dir, { recursive: true });
      else cpSync(from, join(dir, basename(file)));
    }
    // plenary is the built CLI, as a shell function so that loops and pipes can call it
    const define = `plenary() { ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"; }`;
    const lines = [];
    for (const command of commands) {
      const r = spawnSync('bash', ['-c', `${define}\n{ ${command}\n} 2>&1`], { cwd: dir, encoding: 'utf8', env: ENV, timeout: 120_000 });
      if (r.error) throw r.error;
      // the temporary folder's name would make the docs differ from run to run
      const out = r.stdout.split(dir).join('.').replace(/\s+$/, '');
      lines.push(`$ ${command}`, ...(out === '' ? [] : [out]), ...(r.status === 0 ? [] : [`(exit code ${r.status ?? 1})`]));
    }
    return `${lines.join('\n')}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text with every output block regenerated. */
export function refreshOutputs(text) {
  const sessions = text.replace(SESSION, (_block, files, fence, body) => {
    const names = splitArgs(files ?? '');
    return `<!-- output-session${names.length > 0 ? `: ${files}` : ''} -->\n\`\`\`${fence}\n${runSession(names, body)}\`\`\`\n<!-- /output -->`;
  });
  return sessions.replace(MARKER, (_block, raw, command) => {
    const [, ...args] = splitArgs(command);
    const r = plenary(args);
    // a command shown for its error message pastes its stderr and exit code
    const out = r.code === 0 ? r.stdout : `${r.stdout}${r.stderr}(exit code ${r.code})\n`;
    // output-raw: the command prints Markdown itself (a table, a fenced diagram), pasted as it is
    if (raw) return `<!-- output-raw: ${command} -->\n${out.replace(/\s+$/, '')}\n<!-- /output -->`;
    return `<!-- output: ${command} -->\n\`\`\`text\n$ ${command}\n${out.replace(/\s+$/, '')}\n\`\`\`\n<!-- /output -->`;
  });
}

/** The command names `plenary --help` lists, in its order. */
export function commandNames() {
  const help = plenary(['--help']).stdout;
  const section = help.slice(help.indexOf('Commands:'));
  return [...section.matchAll(/^  ([a-z][a-z-]*)\b/gm)].map((m) => m[1]).filter((n) => n !== 'help');
}

export function cliReference() {
  const names = commandNames();
  const parts = [
    '# Command-line reference',
    '',
    `<!-- generated by ${FIX} from each command's --help; do not edit by hand -->`,
    '',
    'Every command and option of `plenary`, as the commands themselves print them (`plenary <command> --help`).',
    'Generated from the command definitions, so it cannot drift: `npm test` fails when it is out of date.',
    '',
    names.map((n) => `[${n}](#plenary-${n})`).join(' · '),
    '',
    '## plenary',
    '',
    '```text',
    plenary(['--help']).stdout.replace(/\s+$/, ''),
    '```',
  ];
  for (const name of names) parts.push('', `## plenary ${name}`, '', '```text', plenary([name, '--help']).stdout.replace(/\s+$/, ''), '```');
  return `${parts.join('\n')}\n`;
}

// ---- the scenario-format reference, from the JSON Schema -----------------------------------------------------

function resolve(schema, node) {
  let n = node;
  for (let i = 0; i < 20 && n && n.$ref; i++) n = n.$ref.split('/').slice(1).reduce((o, k) => o?.[k], schema);
  return n ?? {};
}

function typeOf(schema, node, depth = 0) {
  const n = resolve(schema, node);
  if (depth > 3) return 'value';
  if (n.enum) return n.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (n.const !== undefined) return JSON.stringify(n.const);
  const alts = n.anyOf ?? n.oneOf;
  if (alts) return [...new Set(alts.map((a) => typeOf(schema, a, depth + 1)))].join(' or ');
  if (n.type === 'array') return `list of ${typeOf(schema, n.items ?? {}, depth + 1)}`;
  if (n.type === 'object' || n.properties) return n.properties ? 'object' : 'map';
  if (Array.isArray(n.type)) return n.type.join(' or ');
  if (n.type === 'number' || n.type === 'integer') {
    const lo = n.minimum ?? n.exclusiveMinimum;
    const hi = n.maximum ?? n.exclusiveMaximum;
    return `${n.type}${lo !== undefined || hi !== undefined ? ` (${lo ?? '…'} to ${hi ?? '…'})` : ''}`;
  }
  return n.type ?? 'value';
}

/** The object a node describes, looking through arrays, records and alternatives. */
function objectOf(schema, node, depth = 0) {
  const n = resolve(schema, node);
  if (depth > 4) return undefined;
  if (n.properties) return { node: n, suffix: '' };
  if (n.type === 'array' && n.items) {
    const inner = objectOf(schema, n.items, depth + 1);
    return inner && { node: inner.node, suffix: `[]${inner.suffix}` };
  }
  if (n.additionalProperties && typeof n.additionalProperties === 'object') {
    const inner = objectOf(schema, n.additionalProperties, depth + 1);
    return inner && { node: inner.node, suffix: `.<key>${inner.suffix}` };
  }
  for (const a of n.anyOf ?? n.oneOf ?? []) {
    const inner = objectOf(schema, a, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function fieldRows(schema, node, prefix, rows, seen) {
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (key === '$schema') continue;
    const n = resolve(schema, child);
    const path = `${prefix}${key}`;
    const dflt = n.default !== undefined ? `\`${JSON.stringify(n.default)}\`` : '';
    rows.push(`| \`${cell(path)}\` | ${cell(typeOf(schema, child))} | ${required.has(key) ? 'yes' : ''} | ${cell(dflt)} | ${cell(n.description ?? '')} |`);
    const inner = objectOf(schema, child);
    if (inner && !seen.has(inner.node) && prefix.split('.').length < 5) {
      seen.add(inner.node);
      fieldRows(schema, inner.node, `${path}${inner.suffix}.`, rows, seen);
      seen.delete(inner.node);
    }
  }
}

export function scenarioReference() {
  const parts = [
    '# Scenario file format',
    '',
    `<!-- generated by ${FIX} from scenarios/schema.json (itself generated from the zod schema in src/scenario/schema.ts and pinned by a test); do not edit by hand -->`,
    '',
    'A scenario is a YAML (or JSON) file. This reference lists every field: its path (`[]` is an element of a list,',
    '`<key>` a key of a map), its type, whether it is required, its default and what it means. Editors that read',
    'JSON Schema complete and check fields when the file starts with `# yaml-language-server: $schema=./schema.json`.',
    'Check a file with `plenary validate FILE`; a roster file (shared participant lists, `scenarios/rosters/`) has its',
    'own schema, `plenary schema --roster`.',
  ];
  for (const [title, file] of [['Scenario files', 'scenarios/schema.json'], ['Roster files', 'scenarios/roster.schema.json']]) {
    const path = join(ROOT, file);
    if (!existsSync(path)) continue;
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    const root = resolve(schema, schema);
    parts.push('', `## ${title} (\`${file}\`)`);
    for (const [key, child] of Object.entries(root.properties ?? {})) {
      if (key === '$schema') continue;
      const n = resolve(schema, child);
      const rows = ['| Field | Type | Required | Default | Meaning |', '| --- | --- | --- | --- | --- |'];
      const top = { properties: { [key]: child }, required: (root.required ?? []).includes(key) ? [key] : [] };
      fieldRows(schema, top, '', rows, new Set());
      parts.push('', `### \`${key}\``, '', ...(n.description ? [cell(n.description), ''] : []), ...rows);
    }
  }
  return `${parts.join('\n')}\n`;
}

// ---- all docs --------------------------------------------------------------------------------------------------

/** Markdown files that may hold output blocks: README.md and docs/*.md (not docs/sources). */
export function documents() {
  const docs = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => join('docs', f));
  return ['README.md', ...docs.sort()];
}

/** Every generated file and document with its expected content. */
export function expectedDocs() {
  const expected = new Map();
  expected.set('docs/cli.md', cliReference());
  expected.set('docs/scenario-format.md', scenarioReference());
  for (const file of documents()) {
    if (expected.has(file)) continue;
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (text.includes('<!-- output')) expected.set(file, refreshOutputs(text));
  }
  return expected;
}

/** Files whose content on disk differs from what `npm run docs` would write. */
export function staleDocs() {
  const stale = [];
  for (const [file, content] of expectedDocs()) {
    const path = join(ROOT, file);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) stale.push(file);
  }
  return stale;
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  let changed = 0;
  for (const [file, content] of expectedDocs()) {
    const path = join(ROOT, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
    writeFileSync(path, content);
    changed++;
    console.log(`updated ${file}`);
  }
  console.log(changed === 0 ? 'docs are up to date' : `${changed} file${changed === 1 ? '' : 's'} updated`);
}
