/** Ids typed on the command line: exact, then any case, then a display name; ambiguity refused; near matches offered. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/common/errors';
import { idKey, idOrThrow, matchId } from '../../src/common/typedIds';

const KP = [
  { id: 'south-africa', name: 'South Africa' },
  { id: 'zimbabwe', name: 'Zimbabwe' },
  { id: 'zambia', name: 'Zambia' },
  { id: 'cote-divoire', name: "Côte d'Ivoire" },
  { id: 'eu', name: 'European Union' },
];
const context = { where: '--as X', kind: 'participant', scope: 'scenario "kp"' };

describe('matchId', () => {
  it('takes the id as written, then in any case, accents and spacing aside', () => {
    expect(matchId('zimbabwe', KP)).toEqual({ id: 'zimbabwe' });
    expect(matchId('Zimbabwe', KP)).toEqual({ id: 'zimbabwe' });
    expect(matchId('ZIMBABWE', KP)).toEqual({ id: 'zimbabwe' });
    expect(matchId('South_Africa', KP)).toEqual({ id: 'south-africa' });
    expect(matchId(' EU ', KP)).toEqual({ id: 'eu' });
  });

  it('takes a display name when no id matches', () => {
    expect(matchId('South Africa', KP)).toEqual({ id: 'south-africa' });
    expect(matchId('european union', KP)).toEqual({ id: 'eu' });
    expect(matchId("Cote d'Ivoire", KP)).toEqual({ id: 'cote-divoire' });
    expect(idKey("Côte d'Ivoire")).toBe("cote-d'ivoire");
  });

  it('an id wins over another entry whose name reads the same', () => {
    const entries = [{ id: 'chair', name: 'Chair' }, { id: 'x', name: 'chair' }];
    expect(matchId('CHAIR', entries)).toEqual({ id: 'chair' });
  });

  it('refuses when two ids differ only in case, or two names read the same', () => {
    expect(matchId('abc', [{ id: 'ABC' }, { id: 'Abc' }])).toEqual({ ambiguous: ['ABC', 'Abc'], by: 'id' });
    expect(matchId('Abc', [{ id: 'ABC' }, { id: 'Abc' }])).toEqual({ id: 'Abc' }); // written exactly: no doubt
    expect(matchId('congo', [{ id: 'drc', name: 'Congo' }, { id: 'roc', name: 'Congo' }])).toEqual({ ambiguous: ['drc', 'roc'], by: 'name' });
  });

  it('offers near matches, closest first, at most three', () => {
    expect(matchId('zimbabw', KP)).toEqual({ near: ['zimbabwe'] });
    expect(matchId('zamb', KP)).toEqual({ near: ['zambia'] });
    expect(matchId('africa', KP)).toEqual({ near: ['south-africa'] });
    expect(matchId('qqqqqqqq', KP)).toEqual({ near: [] });
    expect(matchId('', KP)).toEqual({ near: [] });
  });
});

describe('idOrThrow', () => {
  it('returns the id as the entries spell it', () => {
    expect(idOrThrow('Zambia', KP, context)).toBe('zambia');
  });

  it('says where, what was typed, what is allowed and what was probably meant', () => {
    const error = (() => {
      try {
        idOrThrow('Zimbabw', KP, { ...context, where: '--as Zimbabw', hint: 'plenary participants lists them' });
      } catch (e) {
        return e as UserError;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toBe(
      '--as Zimbabw: not a participant of scenario "kp" (participants: south-africa, zimbabwe, zambia, cote-divoire, eu; plenary participants lists them). Did you mean "zimbabwe"?',
    );
  });

  it('names both candidates of an ambiguous match', () => {
    expect(() => idOrThrow('abc', [{ id: 'ABC' }, { id: 'Abc' }], { where: '--target abc', kind: 'option', scope: 'scenario "s"' })).toThrow(
      '--target abc: "abc" is ambiguous: it matches the ids of 2 options of scenario "s" ignoring case (ABC, Abc); type the id exactly',
    );
    expect(() => idOrThrow('Congo', [{ id: 'drc', name: 'Congo' }, { id: 'roc', name: 'Congo' }], context)).toThrow(/matches the names of 2 participants .*\(drc "Congo", roc "Congo"\)/);
  });
});
