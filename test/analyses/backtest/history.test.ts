/** The bundled case library (scenarios/history) and the rosters by year it builds on. */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestCommand, HISTORY_DIR } from '../../../src/cli/commands/backtestRun';
import { expandScenarioPaths } from '../../../src/cli/commands/catalog';
import { SCENARIOS_DIR } from '../../../src/common/paths';
import { validateFile, validateText } from '../../../src/scenario/load';
import { renderProblem } from '../../../src/scenario/problems';
import { backtestCase } from '../../../src/analyses/backtest/backtest';

const cases = expandScenarioPaths([HISTORY_DIR]);

describe('the bundled historical cases', () => {
  it('cover the sourced cases of the reference §3.15 (the Swakopmund case is the default scenario)', () => {
    expect(cases.map((f) => relative(HISTORY_DIR, f)).sort()).toEqual([
      'kp-2004-roc-removal.yaml',
      'kp-2010-tel-aviv.yaml',
      'kp-2011-kinshasa.yaml',
      'kp-2013-car-suspension.yaml',
      'kp-2022-kasane.yaml',
      'kp-2023-victoria-falls.yaml',
    ]);
  });

  it.each(cases.map((f) => [relative(HISTORY_DIR, f), f]))('%s validates without errors or unsourced numbers, records what happened, and runs with a fixed seed', (_name, file) => {
    const result = validateFile(file);
    expect(result.errors.map(renderProblem)).toEqual([]);
    expect(result.warnings.map(renderProblem)).toEqual([]);
    const scenario = result.scenario!;
    expect(scenario.actual?.source).toBeTruthy();
    expect(scenario.model).toEqual({ resistance: 0.8, pressureEffect: 1, cohesion: 0.5, salience: 0.5, flexibility: 0.3 }); // shared defaults, never per case
    const a = backtestCase(scenario, { runs: 200, seed: 'ci' });
    const b = backtestCase(scenario, { runs: 200, seed: 'ci' });
    expect(a).toEqual(b);
    expect(a.outcomes.reduce((s, o) => s + o.share, 0)).toBeCloseTo(1, 12);
  });

  it('each file header says how unnamed actors were handled, and no file overrides the model parameters', () => {
    for (const file of cases) {
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^# yaml-language-server: \$schema=\.\.\/schema\.json/);
      expect(text).toMatch(/unnamed/i);
      expect(text).not.toMatch(/^model:/m);
    }
  });

  it('the Kinshasa 2011 boycott: the civil society observer is absent', () => {
    const s = validateFile(join(HISTORY_DIR, 'kp-2011-kinshasa.yaml')).scenario!;
    expect(s.participants.find((p) => p.id === 'csc')).toMatchObject({ role: 'observer', present: false });
  });

  it('the RoC 2004 removal is a body of one deciding participant, the Chair', () => {
    const s = validateFile(join(HISTORY_DIR, 'kp-2004-roc-removal.yaml')).scenario!;
    expect(s.participants.filter((p) => p.role === 'participant').map((p) => p.id)).toEqual(['canada']);
    expect(s.meeting.chair).toBe('canada');
  });

  it('the CAR 2013 suspension uses the written procedure', () => {
    expect(validateFile(join(HISTORY_DIR, 'kp-2013-car-suspension.yaml')).scenario!.rule).toMatch(/^written-procedure:/);
  });

  it('the bundled backtest scores every case and skips none', () => {
    const { result } = backtestCommand({ runs: 100, seed: 'ci', format: 'json' });
    expect(result.skipped).toEqual([]);
    expect(result.cases.map((c) => c.id)).toContain('kp-2009-swakopmund');
    expect(result.cases).toHaveLength(cases.length + 1);
  });
});

describe('rosters by year', () => {
  const deciding = (year: number) => {
    const text = `id: t\nmeeting: { body: T, title: T }\nrule: consensus\nroster: rosters/kp-${year}.yaml\noptions: [{ id: act, name: Act }, { id: no, name: No, tabled: false }]\nstatusQuo: no\n`;
    const result = validateText(text, join(SCENARIOS_DIR, `roster-probe-${year}.yaml`));
    expect(result.errors.map(renderProblem)).toEqual([]);
    return result.scenario!.participants.filter((p) => p.role === 'participant').map((p) => p.id);
  };

  it('grow from 49 (2009) by the sourced and marked changes', () => {
    expect(deciding(2009)).toHaveLength(49);
    expect(deciding(2010)).toEqual(deciding(2009));
    expect(deciding(2011)).toEqual([...deciding(2009), 'eswatini']); // 50 in Dec 2011
    expect(deciding(2013)).toHaveLength(54); // + Cameroon, Kazakhstan, Cambodia, Panama (2012)
    const y2022 = deciding(2022);
    expect(y2022).toHaveLength(57); // 59 sourced; two unidentified admissions left out (header)
    expect(y2022).not.toContain('croatia');
    for (const id of ['mali', 'gabon', 'kyrgyzstan', 'united-kingdom']) expect(y2022).toContain(id);
    expect(deciding(2023)).toEqual(y2022);
    expect(deciding(2024)).toEqual([...y2022, 'uzbekistan']);
  });

  it('every roster entry cites a source', () => {
    for (const year of [2010, 2011, 2013, 2022, 2023, 2024]) {
      const text = readFileSync(join(SCENARIOS_DIR, 'rosters', `kp-${year}.yaml`), 'utf8');
      expect(text).toMatch(/^extends: kp-20\d\d\.yaml$/m);
      for (const line of text.split('\n').filter((l) => l.trim().startsWith('- { id:'))) expect(line).toMatch(/source: "/);
    }
  });
});
