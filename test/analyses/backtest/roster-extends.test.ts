/** Roster chains (`extends`, `remove`): later-year rosters derive from earlier ones, inside the collection root. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateFile } from '../../../src/scenario/load';
import { renderProblem } from '../../../src/scenario/problems';

let dir: string;
const write = (rel: string, text: string) => {
  const file = join(dir, rel);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
};

const scenario = (roster: string, extra = '') => `id: case
meeting: { body: Test, title: Test }
rule: consensus
ruleSource: "assumption: test"
roster: ${roster}
options:
  - { id: act, name: Act }
  - { id: nothing, name: Nothing, tabled: false }
statusQuo: nothing
${extra}`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plenary-roster-'));
  write('collection/schema.json', '{}');
  write(
    'collection/rosters/y1.yaml',
    `year: 2009
participants:
  - { id: a, name: A, blocs: [south] }
  - { id: b, name: B, blocs: [south] }
  - { id: c, name: C }
blocs:
  - { id: south, name: South }
`,
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const errors = (file: string) => validateFile(file).errors.map(renderProblem).join('\n');

describe('roster extends', () => {
  it('adds, overrides and removes participants of the extended roster', () => {
    write(
      'collection/rosters/y2.yaml',
      `year: 2012
extends: y1.yaml
remove: [b]
participants:
  - { id: d, name: D, blocs: [south] }
  - { id: c, name: C renamed }
`,
    );
    const result = validateFile(write('collection/history/case.yaml', scenario('../rosters/y2.yaml')));
    expect(errors(join(dir, 'collection/history/case.yaml'))).toBe('');
    const s = result.scenario!;
    expect(s.participants.map((p) => p.id)).toEqual(['a', 'c', 'd']);
    expect(s.participants.find((p) => p.id === 'c')!.name).toBe('C renamed');
    expect(s.blocs.find((b) => b.id === 'south')!.members).toEqual(['a', 'd']);
  });

  it('chains through several rosters', () => {
    write('collection/rosters/y2.yaml', 'extends: y1.yaml\nparticipants:\n  - { id: d, name: D }\n');
    write('collection/rosters/y3.yaml', 'extends: y2.yaml\nremove: [a]\n');
    const s = validateFile(write('collection/case.yaml', scenario('rosters/y3.yaml'))).scenario!;
    expect(s.participants.map((p) => p.id)).toEqual(['b', 'c', 'd']);
  });

  it('reports a loop instead of recursing', () => {
    write('collection/rosters/p.yaml', 'extends: q.yaml\n');
    write('collection/rosters/q.yaml', 'extends: p.yaml\n');
    const text = errors(write('collection/case.yaml', scenario('rosters/p.yaml')));
    expect(text).toMatch(/extend each other in a loop: rosters\/p.yaml extends rosters\/q.yaml extends rosters\/p.yaml/);
  });

  it('reports a roster that extends itself', () => {
    write('collection/rosters/self.yaml', 'extends: self.yaml\n');
    expect(errors(write('collection/case.yaml', scenario('rosters/self.yaml')))).toMatch(/loop/);
  });

  it('never leaves the collection root, also through extends (relative path or symlink)', () => {
    write('outside.yaml', 'participants:\n  - { id: x, name: X }\n');
    write('collection/rosters/escape.yaml', 'extends: ../../outside.yaml\n');
    expect(errors(write('collection/case.yaml', scenario('rosters/escape.yaml')))).toMatch(/extends: "..\/..\/outside.yaml" resolves outside the scenario folder tree/);
    symlinkSync(join(dir, 'outside.yaml'), join(dir, 'collection/rosters/link.yaml'));
    write('collection/rosters/via-link.yaml', 'extends: link.yaml\n');
    expect(errors(write('collection/case2.yaml', scenario('rosters/via-link.yaml')))).toMatch(/resolves outside the scenario folder tree/);
    write('collection/rosters/absolute.yaml', `extends: ${join(dir, 'outside.yaml')}\n`);
    expect(errors(write('collection/case3.yaml', scenario('rosters/absolute.yaml')))).toMatch(/is an absolute path/);
  });

  it('rejects removing a participant the extended roster does not list, with a suggestion', () => {
    write('collection/rosters/y2.yaml', 'extends: y1.yaml\nremove: [cc]\n');
    expect(errors(write('collection/case.yaml', scenario('rosters/y2.yaml')))).toMatch(/remove\[0\]: "cc" is not a participant of the extended roster y1.yaml. Did you mean "c"\?/);
  });

  it('rejects remove without extends', () => {
    write('collection/rosters/lonely.yaml', 'remove: [a]\nparticipants: []\n');
    expect(errors(write('collection/case.yaml', scenario('rosters/lonely.yaml')))).toMatch(/remove needs extends/);
  });

  it('locates a problem in an inherited entry in the file that defines it', () => {
    write('collection/rosters/bad.yaml', 'participants:\n  - { id: a, name: A }\n  - { id: z, name: Z, blocs: [nowhere] }\n');
    write('collection/rosters/top.yaml', 'extends: bad.yaml\nparticipants:\n  - { id: d, name: D }\n');
    const text = errors(write('collection/case.yaml', scenario('rosters/top.yaml')));
    expect(text).toMatch(/rosters\/bad.yaml:3:\d+ participants\[1\]\.blocs\[0\]: unknown bloc "nowhere"/);
  });

  it('reports a missing extended roster', () => {
    write('collection/rosters/top.yaml', 'extends: gone.yaml\n');
    expect(errors(write('collection/case.yaml', scenario('rosters/top.yaml')))).toMatch(/rosters\/top\.yaml:1:10 extends: "gone\.yaml" \(.*gone\.yaml\): no such file/);
  });
});
