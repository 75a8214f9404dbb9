/** `plenary import ktab` on KTAB's own example CSVs (test/fixtures/ktab/README.md names their source). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/common/paths';
import { csvFields, importKtab, ktabCompromise, parseKtabCsv } from '../../src/import/ktab';
import { importKtabCommand } from '../../src/cli/commands/import';
import { validateText } from '../../src/scenario/load';
import { renderProblem } from '../../src/scenario/problems';
import { compileModel } from '../../src/floor/model';
import { ruleOrThrow } from '../../src/rules/registry';
import { runJob } from '../../src/engine/job';
import { UserError } from '../../src/common/errors';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'ktab');
const fixture = (name: string) => join(FIXTURES, name);

describe('KTAB CSV', () => {
  it('reads fields with quotes, spaces and the trailing comma of every KTAB row', () => {
    expect(csvFields('DummyData_3Dim ,"Dummy scenario, to test",7,3,')).toEqual(['DummyData_3Dim', 'Dummy scenario, to test', '7', '3']);
    expect(csvFields('XJ,Xi Jinping,100,30,30, ')).toEqual(['XJ', 'Xi Jinping', '100', '30', '30']);
  });

  it.each([
    ['dummyData_3Dim.csv', 7, ['dimension-1', 'dimension-2', 'dimension-3']],
    ['SOE-Policy.csv', 26, ['policy']],
    ['SOE-Pol-Comp.csv', 13, ['policy', 'competitive']],
  ])('%s: every actor, dimension, position, salience and influence is read', (name, actors, dimensions) => {
    const parsed = parseKtabCsv(readFileSync(fixture(name), 'utf8'), name);
    expect(parsed.actors).toHaveLength(actors);
    expect(parsed.dimensions.map((d) => d.id)).toEqual(dimensions);
    for (const a of parsed.actors) for (const p of a.positions) expect(p.salience).toBeLessThanOrEqual(100);
  });

  it('keeps the numbers of the file (first and last actor of the policy example)', () => {
    const parsed = parseKtabCsv(readFileSync(fixture('SOE-Policy.csv'), 'utf8'));
    expect(parsed.name).toBe('China Policy; scen 0');
    expect(parsed.actors[0]).toMatchObject({ id: 'xj', description: 'Xi Jinping', influence: 100, positions: [{ position: 30, salience: 30 }] });
    expect(parsed.actors[25]).toMatchObject({ id: 'zgb', influence: 15, positions: [{ position: 20, salience: 50 }] });
  });

  it('the compromise is the salience x influence weighted mean (by hand on two actors)', () => {
    const two = 'T,two actors,2,1,\nActor,Description,Influence,P Position,P Salience,\nA,a,10,0,50,\nB,b,30,100,50,\n';
    expect(ktabCompromise(parseKtabCsv(two))).toEqual([75]);
  });

  it('says what it had to assume, and takes a salience above 100 as 100 with a note', () => {
    const result = importKtab(readFileSync(fixture('dummyData_3Dim.csv'), 'utf8'), 'dummyData_3Dim.csv');
    expect(result.assumptions.join('\n')).toMatch(/status quo/);
    expect(result.assumptions.join('\n')).toMatch(/rule is consensus/);
    expect(result.assumptions.join('\n')).toMatch(/procedure/);
    expect(result.assumptions.join('\n')).toMatch(/compromise/);
    expect(result.assumptions.some((a) => a.includes('dummyData_3Dim.csv:3') && a.includes('105.91'))).toBe(true);
    expect(result.yaml.split('\n')[2]).toMatch(/^# What plenary had to assume/);
  });

  it.each(['dummyData_3Dim.csv', 'SOE-Policy.csv', 'SOE-Pol-Comp.csv'])('%s converts to a scenario that validates without warnings and runs', (name) => {
    const { yaml } = importKtabCommand(fixture(name));
    const v = validateText(yaml, name);
    expect(v.errors.map(renderProblem)).toEqual([]);
    expect(v.warnings.map(renderProblem)).toEqual([]);
    const model = compileModel(v.scenario!, ruleOrThrow(v.scenario!.rule));
    expect(model.floor).toBe('spatial');
    const t = runJob(model, 'ktab', 200);
    expect(t.runs).toBe(200);
    expect(t.outcomes.reduce((a, b) => a + b, 0)).toBe(200);
  });

  it('refuses a malformed file with file:line, what is wrong and what is allowed', () => {
    const bad = 'T,desc,2,1,\nActor,Description,Influence,P Position,P Salience,\nA,a,10,0,50,\nB,b,lots,140,50,\n';
    expect(() => parseKtabCsv(bad, 'bad.csv')).toThrow(UserError);
    try {
      parseKtabCsv(bad, 'bad.csv');
    } catch (e) {
      expect((e as UserError).problems).toEqual([
        'bad.csv:4 B influence: expected a number from 0 to 1000000000, received "lots"',
        'bad.csv:4 B P position: expected a number from 0 to 100, received "140"',
      ]);
    }
    expect(() => parseKtabCsv('T,desc,x,1,\nActor,Description,Influence,P Position,P Salience,\n', 'c.csv')).toThrow(/c\.csv:1 actor count: expected a whole number/);
    expect(() => parseKtabCsv('T,desc,3,1,\nActor,Description,Influence,P Position,P Salience,\nA,a,1,2,3,\n', 'd.csv')).toThrow(/announces 3 actors but 1 rows follow/);
  });

  it('plenary import ktab writes the scenario and lists the assumptions on stderr; a missing file is exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ktab-'));
    const out = join(dir, 'soe.yaml');
    const bin = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');
    const r = spawnSync(process.execPath, [bin, 'import', 'ktab', fixture('SOE-Policy.csv'), '--out', out], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/assumed/);
    expect(readFileSync(out, 'utf8')).toMatch(/^# China Policy; scen 0: imported/);
    const run = spawnSync(process.execPath, [bin, 'run', out, '--runs', '100'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Compromise text/);
    writeFileSync(join(dir, 'x'), '');
    const missing = spawnSync(process.execPath, [bin, 'import', 'ktab', join(dir, 'nope.csv')], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the KTAB CSV/);
    expect(missing.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
