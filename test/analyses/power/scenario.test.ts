/** The power analysis of scenario bodies: who decides under which rule, on the bundled Swakopmund scenario and a fixture. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, PACKAGE_ROOT } from '../../../src/common/paths';
import { UserError } from '../../../src/common/errors';
import { ruleOrThrow } from '../../../src/rules/registry';
import { loadScenario } from '../../../src/scenario/load';
import { powerOfRule } from '../../../src/analyses/power/index';
import { fractionString } from '../../../src/analyses/power/rational';

const FIXTURE = join(PACKAGE_ROOT, 'test', 'fixtures', 'valid', 'three-members.yaml');

describe('three-member fixture', () => {
  const scenario = loadScenario(FIXTURE);

  it('consensus: every member is a veto player; power to act 1/8', () => {
    const r = powerOfRule(scenario, ruleOrThrow('consensus'));
    expect(fractionString(r.powerToAct)).toBe('1/8');
    expect(r.participants.map((m) => [m.id, m.veto, fractionString(m.shapleyShubik)])).toEqual([
      ['a', true, '1/3'],
      ['b', true, '1/3'],
      ['c', true, '1/3'],
    ]);
  });

  it('simple majority of three: each decides half the time, nobody vetoes', () => {
    const r = powerOfRule(scenario, ruleOrThrow('simple-majority'));
    expect(fractionString(r.powerToAct)).toBe('1/2');
    for (const m of r.participants) {
      expect(fractionString(m.banzhafAbsolute)).toBe('1/2');
      expect(m.veto).toBe(false);
    }
  });

  it('a rule excluding the party concerned needs a scenario that names one', () => {
    expect(() => powerOfRule(scenario, ruleOrThrow('consensus-minus-subject'))).toThrow(UserError);
    expect(() => powerOfRule(scenario, ruleOrThrow('consensus-minus-subject'))).toThrow(/names no subject/);
  });
});

describe.skipIf(!existsSync(DEFAULT_SCENARIO))('Swakopmund 2009 body', () => {
  const scenario = existsSync(DEFAULT_SCENARIO) ? loadScenario(DEFAULT_SCENARIO) : (undefined as never);
  const participants = () => scenario.participants.filter((p) => p.role === 'participant');
  const absent = () => participants().filter((p) => !p.present).map((p) => p.id);

  it('consensus: every participant present is a veto player; power to act 1/2^n; observers are not listed', () => {
    const r = powerOfRule(scenario, ruleOrThrow('consensus'));
    const n = participants().length - absent().length;
    expect(r.voters).toBe(n);
    expect(r.powerToAct).toEqual({ num: 1n, den: 1n << BigInt(n) });
    expect(r.participants.map((m) => m.id)).toEqual(participants().map((p) => p.id));
    for (const m of r.participants) {
      if (absent().includes(m.id)) expect([m.dummy, m.votes, m.note]).toEqual([true, false, 'absent']);
      else expect([m.veto, fractionString(m.colemanPreventive)]).toEqual([true, '1']);
    }
  });

  it('--all-present counts every participant (the body as constituted)', () => {
    const r = powerOfRule(scenario, ruleOrThrow('consensus'), { allPresent: true });
    expect(r.voters).toBe(participants().length);
    expect(r.powerToAct).toEqual({ num: 1n, den: 1n << BigInt(participants().length) });
  });

  it('consensus-minus-subject: the party concerned is a dummy with no vote, the others still veto', () => {
    const r = powerOfRule(scenario, ruleOrThrow('consensus-minus-subject'));
    const subject = r.participants.find((m) => m.id === scenario.subject)!;
    expect(subject).toMatchObject({ votes: false, dummy: true, veto: false, swings: 0n });
    expect(subject.note).toMatch(/party concerned/);
    expect(r.participants.filter((m) => m.votes).every((m) => m.veto)).toBe(true);
  });

  it('two thirds: nobody vetoes, all voters have equal power, and the body acts far more often than under consensus', () => {
    const qm = powerOfRule(scenario, ruleOrThrow('qualified-majority:2/3'));
    const consensus = powerOfRule(scenario, ruleOrThrow('consensus'));
    const voters = qm.participants.filter((m) => m.votes);
    expect(voters.some((m) => m.veto)).toBe(false);
    expect(new Set(voters.map((m) => fractionString(m.shapleyShubik))).size).toBe(1);
    expect(qm.winning > consensus.winning * 1_000_000_000n).toBe(true);
  });

  it('observers appear only when the rule gives them a vote', () => {
    const observers = scenario.participants.filter((p) => p.role === 'observer').map((p) => p.id);
    expect(observers.length).toBeGreaterThan(0);
    const without = powerOfRule(scenario, ruleOrThrow('qualified-majority:2/3'));
    expect(without.participants.some((m) => observers.includes(m.id))).toBe(false);
    const withObservers = powerOfRule(scenario, ruleOrThrow('qualified-majority:2/3+observers'));
    const listed = withObservers.participants.filter((m) => observers.includes(m.id));
    expect(listed.map((m) => m.id)).toEqual(observers);
    expect(listed.every((m) => m.votes && m.swings > 0n)).toBe(true);
    expect(withObservers.voters).toBe(without.voters + observers.length);
  });

  it('a double majority with scenario blocs: both exact methods agree on the 49-member body', () => {
    const rule = ruleOrThrow('double-majority:2/3:sadc:western');
    const a = powerOfRule(scenario, rule, { method: 'class-enumeration' });
    const b = powerOfRule(scenario, rule, { method: 'sums-dp' });
    const text = (r: typeof a) => r.participants.map((m) => `${m.id} ${m.swings} ${fractionString(m.shapleyShubik)}`);
    expect(text(b)).toEqual(text(a));
    expect(fractionString(b.powerToAct)).toBe(fractionString(a.powerToAct));
    // members of a small group weigh more than members of no group
    const sadc = scenario.blocs.find((x) => x.id === 'sadc')!.members.find((id) => a.participants.find((m) => m.id === id)?.votes)!;
    const grouped = new Set([...scenario.blocs.find((x) => x.id === 'sadc')!.members, ...scenario.blocs.find((x) => x.id === 'western')!.members]);
    const ungrouped = a.participants.find((m) => m.votes && !grouped.has(m.id));
    if (ungrouped) expect(a.participants.find((m) => m.id === sadc)!.swings > ungrouped.swings).toBe(true);
  });
});
