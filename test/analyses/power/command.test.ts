/** `plenary power`: the command body (a plain function) and its errors through the CLI's single exit point. */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';
import { powerCommand } from '../../../src/cli/commands/power';

function fakeIO() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    emit: async (text) => {
      out.push(text);
    },
    err: (text) => err.push(text),
    interactive: false,
    exitCode: 0,
    interrupted: () => false,
  };
  return { io, out, err };
}

async function plenary(...args: string[]) {
  const { io, out, err } = fakeIO();
  const code = await main(['node', 'plenary', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('\n') };
}

const EEC = { weights: '4,4,4,2,2,1', quota: '12', names: 'FR,DE,IT,NL,BE,LU' };

describe('plenary power --weights (quick form)', () => {
  it('JSON has the documented shape with exact fractions; Luxembourg is a dummy (EEC 1958)', () => {
    const r = JSON.parse(powerCommand({ ...EEC, format: 'json' }));
    expect(r.rule).toBe('[12; 4, 4, 4, 2, 2, 1]');
    expect(r.powerToAct).toBeCloseTo(7 / 32, 12);
    expect(r.powerToActExact).toBe('7/32');
    expect(r.participants.map((p: { id: string }) => p.id)).toEqual(['FR', 'DE', 'IT', 'NL', 'BE', 'LU']);
    const fr = r.participants[0];
    for (const key of ['swings', 'banzhafAbsolute', 'banzhafNormalized', 'shapleyShubik', 'colemanPreventive', 'colemanInitiative', 'veto', 'dummy']) expect(fr).toHaveProperty(key);
    expect(fr.exact).toMatchObject({ swings: '10', banzhafNormalized: '5/21', shapleyShubik: '7/30', banzhafAbsolute: '5/16' });
    expect(r.participants[5]).toMatchObject({ id: 'LU', swings: 0, dummy: true, veto: false, shapleyShubik: 0 });
  });

  it('--min-members adds "at least m yes members"', () => {
    const loose = JSON.parse(powerCommand({ weights: '5,1,1,1', quota: '5', format: 'json' }));
    const strict = JSON.parse(powerCommand({ weights: '5,1,1,1', quota: '5', minMembers: '3', format: 'json' }));
    expect(loose.participants[0].veto).toBe(true);
    expect(loose.participants[1].dummy).toBe(true);
    expect(strict.rule).toBe('[5; 5, 1, 1, 1] and at least 3 members');
    expect(strict.participants[1].dummy).toBe(false);
    expect(strict.powerToActExact).toBe('1/4');
  });

  it('table groups identical players and marks dummies; markdown and CSV carry the same numbers', () => {
    const table = powerCommand({ ...EEC, format: 'table' });
    expect(table).toMatch(/3 × FR, DE, IT\s+4\s+10\s+0\.3125\s+0\.2381\s+0\.2333/);
    expect(table).toMatch(/LU\s+1\s+0\s+0\s+0\s+0\s+0\s+0\s+dummy/);
    expect(powerCommand({ ...EEC, format: 'markdown' })).toContain('| 3 × FR, DE, IT | 4 | 10 | 0.3125 | 0.2381 | 0.2333 |');
    const csv = powerCommand({ ...EEC, format: 'csv' }).trim().split('\n');
    expect(csv[0]).toBe('rule,id,name,weight,votes,swings,banzhaf_absolute,banzhaf_normalized,shapley_shubik,coleman_preventive,coleman_initiative,veto,dummy,power_to_act');
    expect(csv).toHaveLength(7);
    expect(csv[6]).toBe('"[12; 4, 4, 4, 2, 2, 1]",LU,LU,1,1,0,0,0,0,0,0,0,1,0.21875');
  });

  it('is byte-identical across calls', () => {
    expect(powerCommand({ ...EEC, format: 'json' })).toBe(powerCommand({ ...EEC, format: 'json' }));
  });
});

describe('plenary power on the scenario', () => {
  it('--rules gives a JSON array, one entry per rule, in order', () => {
    const r = JSON.parse(powerCommand({ rules: 'consensus,qualified-majority:2/3,consensus-minus-subject', format: 'json' }));
    expect(r.map((x: { rule: string }) => x.rule)).toEqual(['consensus', 'qualified-majority:2/3', 'consensus-minus-subject']);
    expect(r[0].powerToAct).toBeLessThan(r[1].powerToAct);
    const subject = r[2].participants.find((p: { id: string }) => p.id === 'zimbabwe');
    expect(subject).toMatchObject({ votes: false, dummy: true, swings: 0 });
  });

  it('the table puts rules side by side with the power to act', () => {
    const text = powerCommand({ rules: 'consensus,qualified-majority:2/3', format: 'table' });
    expect(text).toContain('Rules side by side');
    expect(text).toMatch(/consensus\s+48\s+3\.553e-15\s+1\/2\^48\s+48\s+0/);
  });
});

describe('errors exit 2 with a message and no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['power', '--weights', '4,1.5x', '--quota', '3'], /weight 2 is "1\.5x" \(not a number\); weights are numbers >= 0 separated by commas, whole or decimal/],
    [['power', '--weights', '4,1', '--quota', '2/0'], /--quota: "2\/0" divides by zero/],
    [['power', '--weights', '1.25,1', '--quota', '5/4'], /--quota: 5\/4 is more than the whole of the total weight/],
    [['power', '--weights', '4,-1', '--quota', '3'], /weight 2 is "-1"/],
    [['power', '--weights', '4,1', '--quota', '6'], /--quota: 6 is above the total weight 5/],
    [['power', '--weights', ',', '--quota', '1'], /--weights: the body is empty/],
    [['power', '--weights', '4,1'], /--weights needs --quota/],
    [['power', '--weights', '4,1', '--quota', '2', '--min-members', '3'], /--min-members: 3 is not a whole number from 0 to 2/],
    [['power', '--weights', '1,1', '--quota', '2', '--names', 'a'], /--names: 1 names for 2 weights/],
    [['power', '--quota', '2'], /--quota belongs to the quick form/],
    [['power', '--rule', 'consensus', '--rules', 'consensus'], /either --rule or --rules/],
    [['power', '--rule', 'consensus-minus-subjekt'], /Did you mean "consensus-minus-subject"/],
    [['power', 'no-such-file.yaml'], /no-such-file\.yaml/],
    [['power', '--format', 'xml'], /unknown format "xml"/],
  ];
  for (const [args, message] of cases) {
    it(args.slice(1).join(' '), async () => {
      const r = await plenary(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }
});
