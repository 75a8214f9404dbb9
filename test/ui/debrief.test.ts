import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { alternativeRun, buildDebrief, comparisonRuns, debriefMarkdown, otherRuleSpecs } from '../../src/report/debrief';
import { ruleOrThrow, RULES } from '../../src/rules/registry';
import { loadScenario } from '../../src/scenario/load';
import { compileModel } from '../../src/floor/model';
import { runRng } from '../../src/engine/rng';
import { PlenaryRun } from '../../src/engine/plenaryRun';
import { TrainerSession } from '../../src/ui/session';
import { sessionDebriefMarkdown } from '../../src/cli/commands/trainer';
import { DEFAULT_SCENARIO, PACKAGE_ROOT } from '../../src/common/paths';

const SMALL = join(__dirname, 'fixtures', 'small-plenary.yaml');
const small = loadScenario(SMALL);
const smallModel = compileModel(small, ruleOrThrow(small.rule));

/** Plays the small plenary as chair: table the sanction, call for consensus, offer the concession, call again. */
function chairedSession(): TrainerSession {
  const s = new TrainerSession(smallModel, 'debrief', 0, { kind: 'chair' });
  const pick = (label: string) => {
    const c = s.allowedMoves().find((x) => x.label.startsWith(label));
    if (!c) throw new Error(`no choice ${label}: ${s.allowedMoves().map((x) => x.label).join(' | ')}`);
    s.move(c.event);
  };
  pick('table "Sanction"');
  s.stepSimulated();
  pick('call for consensus');
  pick('offer a concession');
  s.stepSimulated();
  pick('call for consensus');
  return s;
}

describe('debrief', () => {
  it('says why an item ended: deferred by the Chair or because time ran out, closed by the Chair or out of options', () => {
    const byChair = new TrainerSession(smallModel, 'why', 0, { kind: 'chair' });
    byChair.move({ type: 'TABLE', option: 0 });
    byChair.stepSimulated();
    byChair.move({ type: 'DEFER' });
    expect(byChair.debrief().ending).toBe("Deferred by the Chair, with 7 h of the item's 8 h left");
    expect(debriefMarkdown(byChair.debrief())).toContain("**Deferred by the Chair, with 7 h of the item's 8 h left**, after 1 h");
    expect(debriefMarkdown(byChair.debrief())).not.toContain('time ran out');
    const closed = new TrainerSession(smallModel, 'why', 0, { kind: 'chair' });
    closed.move({ type: 'CLOSE' });
    expect(closed.debrief().ending).toBe('No decision: the Chair closed the item with 2 options never tabled (the status quo, Nothing, stands)');
    // the simulated chair defers only when there is no time left for what it would do next (here: a 2 h round)
    const tight = { ...small, procedure: { ...small.procedure, itemBudgetHours: 2 } };
    expect(comparisonRuns(tight, 'consensus', 'why', 0).simulated.ending).toBe('Deferred: time ran out (1 h left; tabling takes 1 h, a consultation round 2 h)');
    expect(comparisonRuns(small, 'consensus', 'why', 0).simulated.ending).toBe('Sanction, adopted by consensus');
  });

  it('compares with every rule, the rule in force among them and marked', () => {
    const { simulated, rules } = comparisonRuns(small, 'consensus', 'debrief', 0);
    expect(simulated.label).toBe('the simulated chair, same rule');
    expect(rules.map((r) => r.spec)).toContain('consensus');
    expect(rules.filter((r) => r.inForce).map((r) => r.spec)).toEqual(['consensus']);
    expect(rules.length).toBe(new Set(RULES.map((r) => r.example)).size);
  });

  it('lists who objected when, who moved, the trainee\'s decisions and how each option fared', () => {
    const s = chairedSession();
    expect(s.done).toBe(true);
    const d = s.debrief();
    expect(d.outcome).toBe('Sanction');
    expect(d.adoptedBy).toBe('consensus');
    expect(d.objections).toEqual([
      { hours: 1, option: 'Sanction', check: 'consensus', passed: false, objectors: ['Subject'] },
      { hours: 3, option: 'Sanction', check: 'consensus', passed: true, objectors: [] },
    ]);
    expect(d.moves).toEqual([{ hours: 3, option: 'Sanction', round: 1, participant: 'Subject', from: 'object', to: 'accept', why: 'concession' }]);
    expect(d.decisions.map((x) => `${x.hours} ${x.text}`)).toEqual([
      '0 you (the Chair): table "Sanction"',
      '1 you (the Chair): call for consensus',
      '1 you (the Chair): offer a concession: Phased sanction (+2 h)',
      '3 you (the Chair): call for consensus',
    ]);
    expect(d.options.map((o) => `${o.option}: ${o.text}`)).toEqual([
      'Sanction: tabled at 0 h; 1 failed call (1 objection), then adopted by consensus at 3 h.',
      'Work plan: never tabled: another option was adopted at 3 h, with 5 h of the 8 h budget left — enough to table it (1 h).',
      'Nothing: the status quo: it stands if nothing is adopted.',
    ]);
    // the sanction passed in the end, so no objection was decisive
    expect(d.decisive).toEqual([]);
  });

  it('names the decisive blockers the run itself found', () => {
    const model = compileModel(loadScenario(DEFAULT_SCENARIO), ruleOrThrow('consensus'));
    for (let k = 0; k < 20; k++) {
      const s = new TrainerSession(model, 'blockers', k);
      s.stepUntilDecision();
      const expected = new PlenaryRun(model, runRng('blockers', k)).runToEnd().decisive;
      const d = s.debrief();
      expect(d.decisive).toEqual(
        model.options.map((o, i) => ({ option: o.name, blockers: (expected[i] ?? []).map((m) => model.names[m]) })).filter((x) => x.blockers.length > 0),
      );
      // every failed call's objectors include its decisive blockers under consensus
      for (const x of d.decisive) {
        const last = d.objections.filter((o) => o.option === x.option && !o.passed).at(-1)!;
        for (const b of x.blockers) expect(last.objectors).toContain(b);
      }
    }
  });

  it('says when the trainee stopped before the end', () => {
    const s = new TrainerSession(smallModel, 'debrief', 0, { kind: 'chair' });
    s.move({ type: 'TABLE', option: 0 });
    const d = s.debrief();
    expect(d.finished).toBe(false);
    const md = debriefMarkdown(d);
    expect(md).toContain('**The trainee stopped before the end of the item.**');
    expect(md).toContain('Not reached: stopped after 1 h of the 8 h the chair gave the item.');
    expect(md).toContain('- **Work plan**: never tabled: the trainee stopped at 1 h');
  });

  it('runs the same run under other rules, and says why a rule cannot apply', () => {
    expect(otherRuleSpecs('consensus')).not.toContain('consensus');
    expect(otherRuleSpecs('consensus').length).toBe(RULES.length - 1);
    const minusSubject = alternativeRun(small, 'consensus-minus-subject', 'debrief', 0);
    expect(minusSubject.outcome).toBe('Sanction');
    expect(minusSubject.lines).toHaveLength(1);
    expect(minusSubject.lines![0]).toMatch(/^Sanction: consensus passes \(/);
    expect(minusSubject.decisive).toEqual([]);
    const noSubject = loadScenario(join(PACKAGE_ROOT, 'test', 'fixtures', 'valid', 'three-members.yaml'));
    const na = alternativeRun(noSubject, 'consensus-minus-subject', 'x', 0);
    expect(na.error).toContain('names no subject');
    expect(debriefMarkdown(buildDebrief({ model: compileModel(noSubject, ruleOrThrow('consensus')), seed: 'x', runIndex: 0, seat: 'nobody', steps: [], result: { outcome: 0, hours: 0, rounds: 0, decisive: [] }, finished: false, alternatives: [na] }))).toContain(
      '| Consensus minus the party concerned (`consensus-minus-subject`) | not applicable: rule "consensus-minus-subject" excludes the party concerned',
    );
  });

  it('the Markdown file has every section, the comparison with everyone simulated, and is deterministic', () => {
    const md = sessionDebriefMarkdown(chairedSession());
    for (const h of ['# Debrief: Small plenary (test)', '## Outcome', '## You and the simulated chair', '## Options: which were reachable', '## Decisive blockers', '## Who objected when', '## Who moved', '## Your decisions', '## The same run under other rules', '## Timeline']) {
      expect(md).toContain(h);
    }
    // the simulated chair on the same run and rule comes first, then every rule with the one in force marked
    expect(md.indexOf('## You and the simulated chair')).toBeLessThan(md.indexOf('## Options'));
    expect(md).toContain('- Your run (the Chair): Sanction, adopted by consensus, after 3 h.');
    expect(md).toContain('- The simulated chair (same run, same rule Consensus): Sanction, adopted by consensus, after 3 h.');
    expect(md).toContain('- The same outcome in the same time.');
    expect(md).toContain('| Consensus (`consensus`) — in force | Sanction, adopted by consensus | 3 h | — |');
    expect(md).toContain('| Consensus minus the party concerned (`consensus-minus-subject`) | Sanction, adopted by consensus | 1 h | — |');
    expect(md).toContain('- 0 h — The Chair (South) tables: Sanction.');
    expect(md).toContain('Replay the simulated version of this run: `plenary trace');
    expect(sessionDebriefMarkdown(chairedSession())).toBe(md);
  });
});
