/**
 * Reading scenario files safely: size limit before parsing, UTF-8 check, YAML 1.2 core schema only
 * (no custom tags, no code), a cap on alias expansion, and line numbers for every node.
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, visit, isCollection, isNode, type Document } from 'yaml';
import { noteInputRead } from '../common/inputFiles';
import type { Problem } from './problems';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/**
 * Work limit of the YAML parser: a few MB of tiny nodes (`[0,0,0,...]`) take many seconds and gigabytes to parse,
 * far below the byte limit. Nodes are estimated before parsing by their separators (`,` `[` `{` newline, `- `,
 * `: `), an upper bound for the nodes of ordinary files; a 10,000-participant roster in flow style is ~100,000.
 */
export const MAX_YAML_NODES = 200_000;

/** The separator count that bounds the number of YAML nodes (see MAX_YAML_NODES); stops counting past `stop`. */
export function estimateYamlNodes(text: string, stop = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x0a || c === 0x5b || c === 0x7b) n++; // , newline [ {
    else if ((c === 0x3a || c === 0x2d) && text.charCodeAt(i + 1) === 0x20) n++; // ": " "- "
  }
  return n;
}
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

/**
 * Reads a file as UTF-8 text with the checks every input file gets. `what` names it for the --out guard
 * ("a roster included by x.yaml"): no command may overwrite a file it reads.
 */
export function readText(file: string, what = 'an input file'): Read<string> {
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
  noteInputRead(file, what);
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
  const encoding = otherEncoding(bytes);
  if (encoding) return fail(file, `is ${encoding} text; save it as UTF-8 (scenario files are UTF-8)`, 1);
  if (bytes.includes(0)) return fail(file, 'is a binary file, not YAML text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).filter((b) => b === 0x0a).length + 1;
    return fail(file, `is not valid UTF-8 text (first bad byte at offset ${at}); save it as UTF-8`, line, at - bytes.lastIndexOf(0x0a, at - 1));
  }
  if (text.includes('\r') && !text.includes('\n')) {
    return fail(file, 'has CR-only line endings (old Mac style), which YAML does not read as line breaks; save it with LF (Unix) or CRLF (Windows) line endings', 1);
  }
  return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** UTF-16 or UTF-32 text, by its byte-order mark or (without one) by the NUL byte in every other position. */
function otherEncoding(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'UTF-32 (big-endian, with a byte-order mark)';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'UTF-32 (little-endian, with a byte-order mark)';
  if (a === 0xfe && b === 0xff) return 'UTF-16 (big-endian, with a byte-order mark)';
  if (a === 0xff && b === 0xfe) return 'UTF-16 (little-endian, with a byte-order mark)';
  // ASCII text saved as UTF-16 without a mark: a NUL in every even (BE) or odd (LE) byte of the start
  const n = Math.min(bytes.length, 64) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0 && bytes[i + 1] !== 0) evenNul++;
      if (bytes[i + 1] === 0 && bytes[i] !== 0) oddNul++;
    }
    if (evenNul === n / 2) return 'UTF-16 (big-endian, no byte-order mark)';
    if (oddNul === n / 2) return 'UTF-16 (little-endian, no byte-order mark)';
  }
  return undefined;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const n = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n > bytes.length - 1) return i;
    let cp = lead & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (bytes[i + k] & 0x3f);
    }
    const min = n === 1 ? 0x80 : n === 2 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return bytes.length;
}

/** Parses YAML text into a mapping with line information; every syntax problem is reported with line and column. */
export function parseYaml(file: string, text: string): Read<YamlSource> {
  if (text.trim() === '') return fail(file, 'is empty; a scenario is a YAML mapping (see `plenary schema`)', 1);
  if (estimateYamlNodes(text, MAX_YAML_NODES) > MAX_YAML_NODES) {
    return fail(file, `has more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML nodes (values, list entries and keys), the limit for one file (MAX_YAML_NODES); refused before parsing. Split it, or trim what the scenario does not need`, 1);
  }
  try {
    return parseNonEmpty(file, text);
  } catch (error) {
    // the yaml library reports problems as data; this catches what it cannot (e.g. a stack overflow on deep nesting)
    return fail(file, `YAML could not be read: ${yamlMessage(error instanceof Error ? error.message : String(error))}`);
  }
}

function parseNonEmpty(file: string, text: string): Read<YamlSource> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core' });
  const problems: Problem[] = [];
  const tagged = new Set<number>();
  const problemAt = (offset: number | undefined, message: string) => {
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    problems.push({ severity: 'error', file, line: pos?.line, column: pos?.col, path: '', message });
    return pos;
  };
  // one walk over the document: custom tags on any node, collections used as mapping keys
  visit(doc, {
    Node(_key, node) {
      if (node.tag === undefined || CORE_TAGS.has(node.tag)) return;
      const message = `custom YAML tag ${shortTag(node.tag)} is not allowed (scenario files are plain data; allowed: strings, numbers, booleans, null, lists, mappings)`;
      const pos = problemAt(node.range?.[0], message);
      if (pos) tagged.add(pos.line);
    },
    Pair(_key, pair) {
      if (isCollection(pair.key)) problemAt(pair.key.range?.[0], 'a mapping key must be plain text, not a list or mapping');
    },
  });
  for (const error of [...doc.errors, ...doc.warnings]) {
    // prettyErrors is off (it would copy source lines into messages), so positions come from the line counter
    const pos = error.linePos?.[0] ?? (error.pos ? lines.linePos(error.pos[0]) : undefined);
    if (error.code === 'TAG_RESOLVE_FAILED' && pos && tagged.has(pos.line)) continue; // reported above, with the tag
    problems.push({
      severity: 'error',
      file,
      line: pos?.line,
      column: pos?.col,
      path: '',
      message: yamlProblem(error.code, error.message, error.pos ? text.slice(error.pos[0]) : ''),
    });
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (problems.length > 0) return { ok: false, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      const at = firstAlias(doc, lines);
      return fail(file, `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}): the file looks like an alias bomb; write the values out instead of repeating *aliases`, at?.line, at?.col);
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
const yamlMessage = (message: string): string =>
  /maximum call stack/i.test(message) ? 'the YAML is nested too deeply to read' : firstLine(message).replaceAll('tag:yaml.org,2002:', '!!');

/** A YAML library error in the user's terms (`rest` is the source text from the error's position on). */
function yamlProblem(code: string, message: string, rest: string): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^[^:\n,{}]*/.exec(rest)?.[0].trim().replace(/^["']|["']$/g, '');
    return `YAML duplicate key${key ? ` "${key}"` : ''}: a key may appear only once in a mapping; remove or merge the repeated one`;
  }
  if (code === 'MULTIPLE_DOCS') return 'YAML syntax error: the file holds several YAML documents (separated by ---); a scenario file holds exactly one';
  return `YAML syntax error: ${yamlMessage(message)}`;
}
/** `!!js/function` rather than `tag:yaml.org,2002:js/function`: the tag as the user wrote it. */
const shortTag = (tag: string): string => (tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag);

function firstAlias(doc: Document.Parsed, lines: LineCounter): { line: number; col: number } | undefined {
  let at: { line: number; col: number } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.range) at = lines.linePos(node.range[0]);
      return visit.BREAK;
    },
  });
  return at;
}

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
