/** The bundled case library (scenarios/history) and the rosters by year it builds on. */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backtestCommand, HISTORY_DIR } from '../../../src/cli/commands/backtest';
import { expandScenarioPaths } from '../../../src/cli/scenarioFiles';
import { SCENARIOS_DIR } from '../../../src/common/paths';
import { validateFile, validateText } from '../../../src/scenario/load';
import { renderProblem } from '../../../src/scenario/problems';
import { backtestCase } from '../../../src/analyses/backtest/backtest';
import { PARAMETERS_FILE, readParameters } from '../../../src/scenario/parameters';

const cases = expandScenarioPaths([HISTORY_DIR]);
// the global parameters every case uses (scenarios/parameters/model.yaml), without their source
const { source: _source, ...shared } = readParameters(PARAMETERS_FILE);

describe('the bundled historical cases', () => {
  it('are the sourced KP cases of the reference §3.15 and docs/sources/cases/kp.md, and the CCAMLR, CITES, Montreal Protocol, OSCE and WTO cases of docs/sources/cases/ (the Swakopmund case is the default scenario)', () => {
    expect(cases.map((f) => relative(HISTORY_DIR, f)).sort()).toEqual([
      'ccamlr-2014-ross-sea.yaml',
      'ccamlr-2015-ross-sea.yaml',
      'ccamlr-2016-ross-sea.yaml',
      'cites-2010-bluefin-tuna.yaml',
      'kp-2004-roc-removal.yaml',
      'kp-2007-venezuela.yaml',
      'kp-2009-guinea.yaml',
      'kp-2010-tel-aviv.yaml',
      'kp-2011-kinshasa.yaml',
      'kp-2011-venezuela-ultimatum.yaml',
      'kp-2012-definition.yaml',
      'kp-2013-car-suspension.yaml',
      'kp-2013-cote-divoire.yaml',
      'kp-2014-vice-chair.yaml',
      'kp-2015-car-resumption.yaml',
      'kp-2020-chair-postponement.yaml',
      'kp-2022-kasane.yaml',
      'kp-2023-victoria-falls.yaml',
      'kp-2024-car-readmission.yaml',
      'kp-2025-definition.yaml',
      'montreal-2016-kigali.yaml',
      'osce-2020-appointments.yaml',
      'osce-2020-mandates.yaml',
      'osce-2023-chairmanship.yaml',
      'osce-2023-mandates.yaml',
      'wto-2014-tfa-july.yaml',
      'wto-2014-tfa-november.yaml',
    ]);
  });

  it('cite only source notes that exist, at sections that exist (docs/sources/cases/<file>.md §N)', () => {
    const root = join(HISTORY_DIR, '..', '..');
    const cited: string[] = [];
    for (const file of [...cases, ...expandScenarioPaths([join(HISTORY_DIR, '..', 'rosters')])]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/docs\/sources\/cases\/([a-z0-9-]+\.md)((?:\s*§\d+(?:,\s*§\d+)*)?)/g)) {
        const notes = readFileSync(join(root, 'docs', 'sources', 'cases', m[1]), 'utf8');
        for (const s of m[2].matchAll(/§(\d+)/g)) {
          expect(notes, `${relative(root, file)} cites ${m[1]} §${s[1]}`).toMatch(new RegExp(`^## ${s[1]}\\. `, 'm'));
          cited.push(`${m[1]} §${s[1]}`);
        }
      }
    }
    expect(cited.length).toBeGreaterThan(50);
  });

  it('cases added after the first seven record their first simulated result in the header, hit or miss', () => {
    const first = ['kp-2004-roc-removal', 'kp-2010-tel-aviv', 'kp-2011-kinshasa', 'kp-2013-car-suspension', 'kp-2022-kasane', 'kp-2023-victoria-falls'];
    for (const file of cases.filter((f) => !first.some((id) => f.endsWith(`${id}.yaml`)))) {
      expect(readFileSync(file, 'utf8'), relative(HISTORY_DIR, file)).toMatch(/^# First result \(plenary [0-9a-f]{7}, default model, 1000 runs, seed "[^"]+"\): p\(actual\)=[01]\.\d{3}, modal=.+, (hit|miss)/m);
    }
  });

  it.each(cases.map((f) => [relative(HISTORY_DIR, f), f]))('%s validates without errors or unsourced numbers, records what happened, and runs with a fixed seed', (_name, file) => {
    const result = validateFile(file);
    expect(result.errors.map(renderProblem)).toEqual([]);
    expect(result.warnings.map(renderProblem)).toEqual([]);
    const scenario = result.scenario!;
    expect(scenario.actual?.source).toBeTruthy();
    expect(scenario.model).toEqual(shared); // the shared parameters file, never per case (no model name: the default floor model)
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

  it('the bundled backtest scores every case and skips none', async () => {
    const { result } = await backtestCommand({ runs: 100, seed: 'ci', format: 'json' });
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
