import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandScenarioPaths } from '../../src/cli/scenarioFiles';
import { schemaCommand } from '../../src/cli/commands/schema';
import { DEFAULT_SCENARIO, SCENARIOS_DIR } from '../../src/common/paths';
import { parseRule } from '../../src/rules/registry';
import { loadScenario, validateFile } from '../../src/scenario/load';
import { renderProblem } from '../../src/scenario/problems';
import { runJob } from '../../src/engine/job';
import { compileModel } from '../../src/floor/model';
import { summarize } from '../../src/engine/summarize';
import { BUILT_IN_PARAMETERS, GLOBAL_PARAMETER_NAMES, PARAMETERS_FILE, readParameters } from '../../src/scenario/parameters';

const bundled = expandScenarioPaths([SCENARIOS_DIR]).filter((f) => !f.includes('/reforms/'));

describe('bundled scenarios', () => {
  it('are found', () => {
    expect(bundled.map((f) => relative(SCENARIOS_DIR, f))).toContain('kp-2009-swakopmund.yaml');
  });

  it.each(bundled.map((f) => [relative(SCENARIOS_DIR, f), f]))('%s validates without errors or unsourced numbers, and runs with a fixed seed', (_name, file) => {
    const result = validateFile(file);
    expect(result.errors.map(renderProblem)).toEqual([]);
    expect(result.warnings.map(renderProblem)).toEqual([]);
    const scenario = result.scenario!;
    const rule = parseRule(scenario.rule);
    if (typeof rule === 'string') throw new Error(rule);
    const model = compileModel(scenario, rule);
    const summary = summarize(model, runJob(model, 'ci', 200), 'ci');
    expect(summary.runs).toBe(200);
    expect(summary.outcomes.reduce((s, o) => s + o.count, 0)).toBe(200);
  });

  it('use the parameters file (scenarios/parameters/model.yaml) for every model: value they do not set', () => {
    const file = readParameters(PARAMETERS_FILE);
    // the file holds fitted values that differ from the built-in ones, so a loader that ignored it would fail below
    expect(GLOBAL_PARAMETER_NAMES.filter((k) => file[k] !== BUILT_IN_PARAMETERS[k]).length).toBeGreaterThan(0);
    for (const path of bundled) {
      const scenario = loadScenario(path);
      const own = scenario.document?.model ?? {};
      const rule = parseRule(scenario.rule);
      if (typeof rule === 'string') throw new Error(rule);
      const compiled = compileModel(scenario, rule).scenario.model;
      for (const k of GLOBAL_PARAMETER_NAMES) expect([relative(SCENARIOS_DIR, path), k, compiled[k]]).toEqual([relative(SCENARIOS_DIR, path), k, own[k] ?? file[k]]);
    }
  });

  it('start with the yaml-language-server schema comment so editors autocomplete', () => {
    for (const file of bundled) expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
  });

  it('the published JSON Schema is the one generated from the code schema', () => {
    expect(JSON.parse(readFileSync(join(SCENARIOS_DIR, 'schema.json'), 'utf8'))).toEqual(JSON.parse(schemaCommand()));
    expect(JSON.parse(readFileSync(join(SCENARIOS_DIR, 'roster.schema.json'), 'utf8'))).toEqual(JSON.parse(schemaCommand('roster')));
  });
});

describe('the Swakopmund 2009 scenario', () => {
  const scenario = loadScenario(DEFAULT_SCENARIO);

  it('has the 49 participants of 2009 and the two observers', () => {
    expect(scenario.participants.filter((p) => p.role === 'participant')).toHaveLength(49);
    expect(scenario.participants.filter((p) => p.role === 'observer').map((p) => p.id).sort()).toEqual(['csc', 'wdc']);
  });

  it('under consensus, the modal outcome is the joint work plan, as happened, and Zimbabwe is among the decisive blockers of suspension', () => {
    const model = compileModel(scenario, parseRule('consensus') as never);
    const s = summarize(model, runJob(model, 'ci', 1000), 'ci');
    expect(s.outcomes[0].outcome).toBe('joint-work-plan');
    expect(s.outcomes.find((o) => o.outcome === 'suspend')!.share).toBeLessThan(0.1);
    const zimbabwe = s.blockers.find((b) => b.participant === 'zimbabwe');
    expect(zimbabwe?.byOption.suspend).toBeGreaterThan(0.5);
  });
});
