/**
 * Reading scenario files safely: size limit before parsing, UTF-8 check, YAML 1.2 core schema only
 * (no custom tags, no code), a cap on alias expansion, and line numbers for every node.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, visit, isNode, type Document } from 'yaml';
import type { Problem } from './problems';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
const MAX_ALIAS_COUNT = 100;
const CORE_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
]);

export interface YamlSource {
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  readonly data: unknown;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

const fail = (file: string, message: string, line?: number, column?: number): Read<never> => ({
  ok: false,
  problems: [{ severity: 'error', file, line, column, path: '', message }],
});

/** Reads a file as UTF-8 text with the checks every input file gets. */
export function readText(file: string): Read<string> {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fail(file, 'is a folder, not a scenario file (give a .yaml file)');
    if (!stat.isFile()) return fail(file, 'is not a regular file');
    size = stat.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(file, 'no such file');
    if (code === 'EACCES') return fail(file, 'cannot be read (permission denied)');
    return fail(file, `cannot be read (${code ?? 'unknown error'})`);
  }
  if (size > MAX_FILE_BYTES) {
    return fail(file, `is ${(size / 1024 / 1024).toFixed(1)} MB; scenario files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(file, code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'unknown error'})`);
  }
  if (bytes.includes(0)) return fail(file, 'is a binary file, not YAML text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(file, `is not valid UTF-8 text (first bad byte at offset ${at})`);
  }
  return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 1; i <= bytes.length; i++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i));
    } catch {
      // a truncated multi-byte sequence at the end is not yet an error: keep going until it cannot be completed
      if (i === bytes.length || i - lastBoundary(bytes, i) > 4) return i - 1;
    }
  }
  return bytes.length;
}
const lastBoundary = (bytes: Buffer, end: number): number => {
  let i = end - 1;
  while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
  return i;
};

/** Parses YAML text into a mapping with line information; every syntax problem is reported with line and column. */
export function parseYaml(file: string, text: string): Read<YamlSource> {
  if (text.trim() === '') return fail(file, 'is empty; a scenario is a YAML mapping (see `plenary schema`)', 1);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core' });
  const problems: Problem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const pos = error.linePos?.[0];
    problems.push({
      severity: 'error',
      file,
      line: pos?.line,
      column: pos?.col,
      path: '',
      message: `YAML ${error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}: ${firstLine(error.message)}`,
    });
  }
  visit(doc, (_key, node) => {
    if (isNode(node) && node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const pos = node.range ? lines.linePos(node.range[0]) : undefined;
      problems.push({
        severity: 'error',
        file,
        line: pos?.line,
        column: pos?.col,
        path: '',
        message: `custom YAML tag ${node.tag} is not allowed (scenario files are plain data)`,
      });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      return fail(file, `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}): the file looks like an alias bomb`);
    }
    return fail(file, `YAML could not be read: ${firstLine(message)}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const kind = Array.isArray(data) ? 'a list' : data === null ? 'empty (null)' : `a single ${typeof data} value`;
    return fail(file, `must be a YAML mapping of scenario fields (id, meeting, rule, ...), but it is ${kind}`, 1);
  }
  return { ok: true, value: { file, doc, lines, data } };
}

const firstLine = (message: string): string => message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');

/** Line and column of the node at `path`, or of its nearest ancestor that exists. */
export function locate(source: YamlSource, path: readonly (string | number)[]): { line?: number; column?: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = source.lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
    // for a missing key, point at the key of the closest pair
  }
  return { line: 1 };
}

/** Line of a mapping key (better than the value's line for unknown keys). */
export function locateKey(source: YamlSource, path: readonly (string | number)[], key: string): { line?: number } {
  const parent = source.doc.getIn(path, true) as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined;
  const pair = parent?.items?.find((item) => item.key?.value === key);
  if (pair?.key?.range) return { line: source.lines.linePos(pair.key.range[0]).line };
  return locate(source, path);
}
