/**
 * Ids typed on the command line match in any case (and a participant's or option's name matches its id), through the
 * CLI entry (main): --as, sweep paths, --target, --outcome, --map-group, reform and rule names. A typed id that names
 * nothing is refused with the near matches; one that names two things is refused as ambiguous. Exit 2, never a guess.
 */
import { describe, expect, it } from 'vitest';
import { plenaryInProcess as plenary, STACK_TRACE } from '../robustness/inProcess';

const SAME_NAMES = 'test/fixtures/ids/same-names.yaml';
const COUNCIL = 'test/fixtures/council/river-council.yaml';
/** The result without the command line that produced it (the provenance stamp repeats it as typed). */
const result = (r: { stdout: string }) => r.stdout.replace(/^.*("command":|Reproduce:|provenance,command).*$/gm, '');
/** play's answer once the seat is accepted: the trainer itself needs a terminal, which a test does not have */
const SEAT_ACCEPTED = 'the trainer needs an interactive terminal';

describe('a bundled scenario by id', () => {
  it('in any case, or with spaces for dashes; an unknown id is refused with the near ones', async () => {
    const exact = await plenary(['run', 'kp-2010-tel-aviv', '--runs', '20', '--format', 'json']);
    expect(exact.code).toBe(0);
    expect(result(await plenary(['run', 'KP 2010 Tel Aviv', '--runs', '20', '--format', 'json']))).toBe(result(exact));
    const unknown = await plenary(['run', 'kp-2010-tel-avv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plenary: kp-2010-tel-avv: not a scenario file or bundled scenario id \(bundled scenarios: .*; plenary scenarios lists them\)\. Did you mean "kp-2010-tel-aviv"\?\n$/);
  });
});

describe('--as (play, and the seat a room trainee asks for)', () => {
  it('takes participant ids in any case, names, and several seats', async () => {
    for (const as of ['Zimbabwe', 'ZIMBABWE', 'South Africa', 'chair,Zimbabwe,south-africa', 'CSC']) {
      const r = await plenary(['play', '--as', as]);
      expect(r.stderr, `--as ${as}`).toContain(SEAT_ACCEPTED);
    }
  });

  it('a seat named twice in two spellings is still named twice', async () => {
    const r = await plenary(['play', '--as', 'zimbabwe,Zimbabwe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the seat "zimbabwe" is named twice');
  });

  it('refuses an unknown seat with the near matches, and an ambiguous name with both ids', async () => {
    const unknown = await plenary(['play', '--as', 'Zimbabw']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^plenary: --as Zimbabw: not a participant of scenario "kp-2009-swakopmund" \(seats: chair, .*\)\. Did you mean "zimbabwe"\?\n$/);
    const ambiguous = await plenary(['play', SAME_NAMES, '--as', 'congo']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe('plenary: --as congo: "congo" is ambiguous: it matches the names of 2 participants of scenario "same-names" ignoring case (drc "Congo", roc "Congo"); type the id exactly\n');
    expect((await plenary(['play', SAME_NAMES, '--as', 'ROC'])).stderr).toContain(SEAT_ACCEPTED);
    expect((await plenary(['play', SAME_NAMES, '--as', "cote d'ivoire"])).stderr).toContain(SEAT_ACCEPTED);
    for (const r of [unknown, ambiguous]) expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('sweep paths', () => {
  const sweep = (path: string) => plenary(['sweep', '--vary', `${path}=0:1:0.5`, '--runs', '30', '--format', 'json']);

  it('an id in another case, or a name, is the same sweep as the id: byte for byte, the path spelled as the scenario spells it', async () => {
    const exact = await sweep('participants[id=zimbabwe].flexibility');
    expect(exact.code).toBe(0);
    expect(exact.stdout).toContain('"path": "participants[id=zimbabwe].flexibility"');
    for (const typed of ['participants[id=Zimbabwe].flexibility', 'participants[id=ZIMBABWE].flexibility']) {
      expect(result(await sweep(typed)), typed).toBe(result(exact));
    }
    expect(result(await sweep('participants.Zimbabwe.flexibility'))).toBe(result(await sweep('participants.zimbabwe.flexibility')));
    const byName = await sweep('participants[id=South Africa].flexibility');
    expect(byName.code).toBe(0);
    expect(result(byName)).toBe(result(await sweep('participants[id=south-africa].flexibility')));
    expect(result(await sweep('blocs.SADC.cohesion'))).toBe(result(await sweep('blocs.sadc.cohesion')));
  }, 60_000);

  it('refuses an unknown id with the near matches', async () => {
    const r = await sweep('participants[id=Zimbabw].flexibility');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^plenary: --vary participants\[id=Zimbabw\]\.flexibility: not an id of participants \(ids: .*\)\. Did you mean "zimbabwe"\?\n$/);
  });

  it('--outcome in any case or as the outcome label', async () => {
    const args = ['sweep', '--vary', 'blocs.sadc.cohesion=0:1:1', '--runs', '20', '--format', 'json', '--outcome'];
    const exact = await plenary([...args, 'joint-work-plan']);
    expect(exact.code).toBe(0);
    expect(result(await plenary([...args, 'Joint-Work-Plan']))).toBe(result(exact));
    const wrong = await plenary([...args, 'joint-plan']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--outcome joint-plan: not an outcome of this scenario (outcomes: ');
  });
});

describe('--target (what-would-it-take)', () => {
  const wwit = (target: string) => plenary(['what-would-it-take', '--target', target, '--runs', '20', '--max-size', '1', '--candidates', '2']);

  it('an option id in any case, or its name, is the same search', async () => {
    const exact = await wwit('suspend');
    expect(exact.code).toBe(0);
    expect(result(await wwit('Suspend'))).toBe(result(exact));
    expect(result(await wwit('SUSPEND'))).toBe(result(exact));
  }, 60_000);

  it('refuses an option that is not tabled, with the tabled ones', async () => {
    const r = await wwit('suspnd');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^plenary: --target suspnd: not a tabled option of scenario "kp-2009-swakopmund" \(tabled options: .*suspend.*\)\. Did you mean "suspend"\?\n$/);
  });
});

describe('rules, reforms and groups', () => {
  const compare = (...args: string[]) => plenary(['compare', COUNCIL, '--runs', '20', '--format', 'json', ...args]);

  it('rule names, reform ids and --map-group blocs in any case', async () => {
    const exact = await compare('--rules', 'qualified-majority:2/3');
    expect(exact.code).toBe(0);
    expect(result(await compare('--rules', 'Qualified-Majority:2/3'))).toBe(result(exact));
    const reform = await compare('--reforms', 'montreal-double-majority', '--map-group', 'adpa=upstream', '--map-group', 'western=downstream');
    expect(reform.code).toBe(0);
    expect(result(await compare('--reforms', 'Montreal-Double-Majority', '--map-group', 'adpa=Upstream', '--map-group', 'western=DOWNSTREAM'))).toBe(result(reform));
  });

  it('an unknown bloc or reform is refused with the near match', async () => {
    const bloc = await compare('--reforms', '--map-group', 'adpa=upstrem');
    expect(bloc.code).toBe(2);
    expect(bloc.stderr).toContain('--map-group adpa=upstrem: not a bloc of scenario "river-council" (blocs: upstream, downstream). Did you mean "upstream"?');
    const reform = await compare('--reforms', 'montreal-double');
    expect(reform.code).toBe(2);
    expect(reform.stderr).toContain('--reforms montreal-double: not a bundled reform (reforms: ');
    expect(reform.stderr).toContain('Did you mean "montreal-double-majority"?');
  });
});
