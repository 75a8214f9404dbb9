/**
 * The invalid-scenario corpus: one minimal bad file per problem under test/fixtures/invalid/, with the expected
 * problems in expectations.json (table-driven), plus the cases generated here because they cannot or should not
 * be committed (a file over the size limit, bad UTF-8, binary, folders, missing and unreadable paths, symlinks).
 */
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/common/errors';
import { loadScenario, validateFile, validateText } from '../../src/scenario/load';
import { renderProblem } from '../../src/scenario/problems';
import { MAX_FILE_BYTES } from '../../src/scenario/source';

const CORPUS = resolve(__dirname, '../fixtures/invalid');
interface Expectation {
  readonly line: number;
  readonly includes: string;
  readonly file?: string;
}
const { files } = JSON.parse(readFileSync(join(CORPUS, 'expectations.json'), 'utf8')) as { files: Record<string, Expectation[]> };

const VALID = `id: ok
meeting: { body: Test body, title: Valid }
rule: consensus
participants:
  - { id: a, name: A }
options:
  - { id: act, name: Act }
  - { id: nothing, name: Nothing, tabled: false }
statusQuo: nothing
`;

describe('invalid scenario corpus (test/fixtures/invalid)', () => {
  it('every file in the folder has expectations, and every expectation has a file', () => {
    const onDisk = readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort();
    expect(onDisk).toEqual(Object.keys(files).sort());
  });

  it.each(Object.entries(files))('%s', (name, expected) => {
    const file = join(CORPUS, name);
    const result = validateFile(file);
    expect(result.scenario).toBeUndefined();
    expect(result.errors.length).toBeGreaterThanOrEqual(expected.length); // every problem reported at once
    const rendered = result.errors.map(renderProblem);
    for (const e of expected) {
      const inFile = e.file ? join(CORPUS, e.file) : file;
      const match = result.errors.find((p) => p.file === inFile && p.line === e.line && renderProblem(p).includes(e.includes));
      expect(match, `expected line ${e.line}: ${e.includes}\nreceived:\n${rendered.join('\n')}`).toBeDefined();
    }
    // every problem names a file and a line; messages are one line, never a stack trace
    for (const p of result.errors) {
      expect(p.line, renderProblem(p)).toBeGreaterThanOrEqual(1);
      expect(renderProblem(p).startsWith(p.file)).toBe(true);
      expect(p.message).not.toMatch(/\n|\bat .+:\d+:\d+\)?$/);
    }
    // loadScenario turns the same problems into one UserError (exit 2) listing all of them
    try {
      loadScenario(file);
      expect.unreachable('loadScenario accepted an invalid file');
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems).toEqual(rendered);
    }
  });
});

describe('generated bad inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-invalid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`refuses a file over ${MAX_FILE_BYTES / 1024 / 1024} MB before reading or parsing it`, () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, VALID);
    truncateSync(file, MAX_FILE_BYTES + 1); // sparse: the tail is NUL bytes, so parsing it would report "binary"
    const result = validateFile(file);
    expect(result.errors.map(renderProblem)).toEqual([`${file} is 5.0 MB; scenario files are limited to 5 MB`]);
  });

  it('accepts a file of exactly the limit as far as size goes', () => {
    const file = join(dir, 'at-limit.yaml');
    writeFileSync(file, VALID + '#'.repeat(MAX_FILE_BYTES - Buffer.byteLength(VALID)));
    expect(validateFile(file).errors.map(renderProblem)).toEqual([]);
  });

  it('invalid UTF-8: names the line and the byte', () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('id: x\nmeeting: { body: B, title: "C'), Buffer.from([0xf4, 0x74, 0x65]), Buffer.from(' d\'Ivoire" }\n')]));
    const [problem, ...rest] = validateFile(file).errors;
    expect(rest).toEqual([]);
    expect(renderProblem(problem)).toBe(`${file}:2:30 is not valid UTF-8 text (first bad byte at offset 35); save it as UTF-8`);
  });

  it('invalid UTF-8 anywhere: the reported offset is exactly where valid text ends', () => {
    const file = join(dir, 'random-bytes.yaml');
    const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => !b.includes(0)), (body) => {
        const bytes = Buffer.concat([Buffer.from('id: x\n'), body]);
        let valid = true;
        try {
          decode(bytes);
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        writeFileSync(file, bytes);
        const [problem] = validateFile(file).errors;
        const offset = Number(/offset (\d+)/.exec(problem.message)?.[1]);
        expect(() => decode(bytes.subarray(0, offset))).not.toThrow();
        expect(() => decode(bytes.subarray(0, offset + 4 <= bytes.length ? offset + 4 : bytes.length))).toThrow();
        expect(problem.line).toBe(bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('a binary file', () => {
    const file = join(dir, 'binary.yaml');
    writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    expect(validateFile(file).errors.map(renderProblem)).toEqual([`${file} is a binary file, not YAML text`]);
  });

  it('a UTF-8 byte order mark is accepted', () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, `\ufeff${VALID}`);
    expect(validateFile(file).errors).toEqual([]);
  });

  it('a folder, a missing path', () => {
    expect(validateFile(dir).errors.map(renderProblem)).toEqual([`${dir} is a folder, not a scenario file (give a .yaml file)`]);
    const missing = join(dir, 'no-such.yaml');
    expect(validateFile(missing).errors.map(renderProblem)).toEqual([`${missing} no such file`]);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(root)('an unreadable file (skipped when running as root: root reads files with mode 000)', () => {
    const file = join(dir, 'unreadable.yaml');
    writeFileSync(file, VALID);
    chmodSync(file, 0o000);
    try {
      expect(validateFile(file).errors.map(renderProblem)).toEqual([`${file} cannot be read (permission denied)`]);
    } finally {
      chmodSync(file, 0o644);
    }
  });

  it('a roster include that escapes the folder tree through a symlink is refused; one inside is followed', () => {
    const tree = join(dir, 'collection');
    const outside = join(dir, 'outside');
    mkdirSync(join(tree, 'rosters'), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(tree, 'schema.json'), '{}'); // marks the collection root
    const roster = 'participants:\n  - { id: a, name: A }\n';
    writeFileSync(join(outside, 'secret.yaml'), roster);
    writeFileSync(join(tree, 'rosters', 'real.yaml'), roster);
    symlinkSync(join(outside, 'secret.yaml'), join(tree, 'rosters', 'escape.yaml'));
    symlinkSync(outside, join(tree, 'rosters', 'outside-dir'));
    symlinkSync(join(tree, 'rosters', 'real.yaml'), join(tree, 'rosters', 'inside.yaml'));
    const scenario = (include: string) => VALID.replace(/participants:\n.*\n/, `roster: ${include}\n`);
    const check = (name: string, include: string) => {
      const file = join(tree, 'cases', `${name}.yaml`);
      mkdirSync(join(tree, 'cases'), { recursive: true });
      writeFileSync(file, scenario(include));
      return validateFile(file);
    };
    for (const [name, include] of [['escape', '../rosters/escape.yaml'], ['dir', '../rosters/outside-dir/secret.yaml'], ['dotdot', '../../outside/secret.yaml']]) {
      const result = check(name, include);
      expect(result.errors.map(renderProblem)).toEqual([
        `${join(tree, 'cases', `${name}.yaml`)}:4:9 roster: "${include}" resolves outside the scenario folder tree (${tree}); includes may not escape it`,
      ]);
    }
    const inside = check('inside', '../rosters/inside.yaml');
    expect(inside.errors).toEqual([]);
    expect(inside.scenario?.participants.map((p) => p.id)).toEqual(['a']);
  });
});

describe('scenario files are data', () => {
  it('no environment-variable expansion: ${HOME} and $HOME stay literal', () => {
    const result = validateText(VALID.replace('name: A', 'name: "${HOME} $HOME %HOME% `id`"').replace('title: Valid', 'title: "${HOME}"'));
    expect(result.errors).toEqual([]);
    expect(result.scenario?.participants[0].name).toBe('${HOME} $HOME %HOME% `id`');
    expect(result.scenario?.meeting.title).toBe('${HOME}');
  });

  it('no code: custom tags are refused with their line, whatever they would construct', () => {
    for (const tag of ['!!js/function "() => 1"', '!!js/undefined ""', '!!python/object/apply:os.system ["id"]', '!<tag:example.com,2000:x> 1', '!env HOME', '!!binary aGVsbG8=', '!!set { a }', '!!omap [ a: 1 ]', '!!timestamp 2009-11-02']) {
      const result = validateText(VALID.replace('title: Valid', `title: ${tag}`), 'tagged.yaml');
      expect(result.scenario, tag).toBeUndefined();
      expect(result.errors.map(renderProblem).join('\n'), tag).toMatch(/^tagged\.yaml:2:\d+ custom YAML tag \S+ is not allowed/);
    }
  });

  it('YAML 1.2 core schema: on, off, yes and no stay text (no YAML 1.1 booleans)', () => {
    const result = validateText(VALID.replace('name: A', 'name: A, note: no').replace('title: Valid', 'title: on'));
    expect(result.errors).toEqual([]);
    expect(result.scenario?.meeting.title).toBe('on');
  });

  it('merge keys (<<) are not expanded into fields', () => {
    const result = validateText(`${VALID}base: &b { x: 1 }\nextra:\n  <<: *b\n`);
    expect(result.scenario).toBeUndefined();
    expect(result.errors.map(renderProblem).join('\n')).toMatch(/unknown key "base"/);
  });
});
