/**
 * The meaning of the instruments' vocabulary (issue 13): voluntary acts, walkouts, attendance, the friends of the
 * chair, drafted and declared texts, candidacies, referral and the recorded blockers per option. Named rules over
 * the parsed document, each returning its problems as data (as in checks.ts).
 */
import { didYouMean, listOf } from '../common/suggest';
import type { ScenarioDocument } from './schema';
import { DRAFTED_COMPROMISE, NO_DECISION, RESERVED_OUTCOMES } from './types';
import type { Finding } from './finding';

type Rule = (doc: ScenarioDocument) => Finding[];

const error = (path: (string | number)[], message: string): Finding => ({ severity: 'error', path, message });
const warning = (path: (string | number)[], message: string): Finding => ({ severity: 'warning', path, message });

function unknownRef(path: (string | number)[], kind: string, value: string, known: readonly string[]): Finding {
  const choices = known.length === 0 ? `none is defined in this scenario` : `known: ${listOf([...known])}`;
  return error(path, `unknown ${kind} "${value}" (${choices}).${didYouMean(value, known)}`.replace(/\.$/, ''));
}

const actorIds = (doc: ScenarioDocument) => doc.participants.map((p) => p.id);
const actorOrBlocIds = (doc: ScenarioDocument) => [...actorIds(doc), ...doc.blocs.map((b) => b.id)];
/** every option id, with the compromise plenary drafts when the procedure asks for one */
const optionIds = (doc: ScenarioDocument) => [...doc.options.map((o) => o.id), ...(doc.procedure.draftCompromise === true ? [DRAFTED_COMPROMISE] : [])];

function targets(path: (string | number)[], list: readonly string[], doc: ScenarioDocument): Finding[] {
  const known = actorOrBlocIds(doc);
  return list.flatMap((t, j) => (known.includes(t) ? [] : [unknownRef([...path, j], 'participant, observer or bloc', t, known)]));
}

function optionRef(path: (string | number)[], option: string | undefined, doc: ScenarioDocument): Finding[] {
  if (option === undefined) return [];
  const known = optionIds(doc);
  return known.includes(option) ? [] : [unknownRef(path, 'option', option, known)];
}

/** A voluntary act names who acts (the subject by default), a known option, and an ending that is an option or "no-decision". */
export const voluntaryActsAreKnown: Rule = (doc) =>
  (doc.voluntaryActs ?? []).flatMap((a, i) => {
    const path = ['voluntaryActs', i];
    const findings: Finding[] = [];
    const by = a.by ?? doc.subject;
    if (by === undefined) findings.push(error([...path, 'by'], `voluntary act "${a.id}" names nobody who acts: add by: <participant id>, or a subject for the scenario`));
    else if (!actorIds(doc).includes(by)) findings.push(unknownRef([...path, 'by'], 'participant or observer', by, actorIds(doc)));
    findings.push(...optionRef([...path, 'option'], a.option, doc));
    if (a.ends !== undefined && a.ends !== NO_DECISION && !optionIds(doc).includes(a.ends)) {
      findings.push(unknownRef([...path, 'ends'], 'option or "no-decision"', a.ends, [...optionIds(doc), NO_DECISION]));
    }
    if (a.ends !== undefined && a.effects.length > 0) findings.push(error([...path, 'effects'], `voluntary act "${a.id}" ends the item (ends: ${a.ends}), so its effects never matter: give ends or effects, not both`));
    if (a.ends === undefined && a.effects.length === 0) findings.push(error([...path], `voluntary act "${a.id}" neither ends the item (ends:) nor changes it (effects:): say what it does`));
    a.effects.forEach((e, k) => findings.push(...targets([...path, 'effects', k, 'on'], e.on, doc)));
    return findings;
  });

export const walkoutsAreKnown: Rule = (doc) =>
  (doc.walkouts ?? []).flatMap((w, i) => [...targets(['walkouts', i, 'by'], w.by, doc), ...optionRef(['walkouts', i, 'option'], w.option, doc)]);

/** Attendance gives a count or a probability (not both), and a count no larger than the list it draws from. */
export const attendanceIsConsistent: Rule = (doc) => {
  const a = doc.attendance;
  if (a === undefined) return [];
  const findings: Finding[] = [...targets(['attendance', 'among'], a.among ?? [], doc)];
  if ((a.count === undefined) === (a.probability === undefined)) findings.push(error(['attendance'], 'give either count (how many attend) or probability (the chance each attends), exactly one of them'));
  if (a.count !== undefined && (a.among ?? []).length > 0) {
    const blocs = new Map(doc.blocs.map((b) => [b.id, b.members]));
    const size = new Set((a.among ?? []).flatMap((t) => blocs.get(t) ?? [t])).size;
    if (a.count > size) findings.push(error(['attendance', 'count'], `${a.count} attend, but only ${size} are listed in among`));
  }
  return findings;
};

export const friendsOfTheChairAreKnown: Rule = (doc) => {
  const f = doc.procedure.friendsOfTheChair;
  if (f === undefined) return [];
  const findings = targets(['procedure', 'friendsOfTheChair', 'members'], f.members ?? [], doc);
  if (f.members !== undefined && f.size !== undefined) findings.push(error(['procedure', 'friendsOfTheChair'], 'name the members or give the size of the group, not both'));
  if (f.members === undefined && f.size === undefined) findings.push(error(['procedure', 'friendsOfTheChair'], 'name the members of the group (members: [...]) or give its size (size: 5)'));
  return findings;
};

/** A drafted text is not also the chair's action, and neither is the status quo. */
export const draftedAndDeclaredTextsAreConsistent: Rule = (doc) => {
  const findings: Finding[] = [];
  doc.options.forEach((o, i) => {
    if (o.draft === true && o.chairsAction === true) findings.push(error(['options', i], `option "${o.id}" is both drafted on the floor (draft) and the chair's action (chairsAction): choose one`));
    if ((o.draft === true || o.chairsAction === true) && o.id === doc.statusQuo) findings.push(error(['options', i], `option "${o.id}" is the status quo; the status quo is never drafted or declared`));
    if (o.vetoesRivals === true && o.candidate === undefined) findings.push(error(['options', i, 'vetoesRivals'], `option "${o.id}" ties a veto to a candidacy but names no candidate (candidate: <participant id>)`));
    if (o.candidate !== undefined && !actorIds(doc).includes(o.candidate)) findings.push(unknownRef(['options', i, 'candidate'], 'participant', o.candidate, actorIds(doc)));
  });
  if (doc.procedure.draftCompromise === true) {
    if (doc.dimensions.length === 0) findings.push(error(['procedure', 'draftCompromise'], 'a compromise drafted at the weighted mean of the positions needs issue dimensions (dimensions:) and participants placed on them'));
    if (doc.options.some((o) => o.id === DRAFTED_COMPROMISE)) findings.push(error(['procedure', 'draftCompromise'], `the option id "${DRAFTED_COMPROMISE}" is the compromise plenary drafts; rename your option or leave out draftCompromise`));
  }
  return findings;
};

/** The recorded outcome "referred" needs a referral the chair can make; blockers per option name known options and participants. */
export const actualInstrumentsAreKnown: Rule = (doc) => {
  const actual = doc.actual;
  if (actual === undefined) return [];
  const findings: Finding[] = [];
  if (actual.outcome === 'referred' && doc.procedure.referral === undefined) findings.push(warning(['actual', 'outcome'], 'the recorded outcome is "referred", but the procedure allows no referral (procedure.referral), so no run can end that way'));
  for (const [option, blockers] of Object.entries(actual.blockersByOption ?? {})) {
    findings.push(...optionRef(['actual', 'blockersByOption', option], option, doc));
    blockers.forEach((b, j) => {
      if (!actorIds(doc).includes(b)) findings.push(unknownRef(['actual', 'blockersByOption', option, j], 'participant', b, actorIds(doc)));
    });
  }
  return findings;
};

/** Outcome ids the recorded outcome may name: the options (drafted ones too) and the reserved outcomes. */
export const knownOutcomes = (doc: ScenarioDocument): string[] => [...optionIds(doc), ...RESERVED_OUTCOMES];

export const INSTRUMENT_RULES: readonly Rule[] = [
  voluntaryActsAreKnown,
  walkoutsAreKnown,
  attendanceIsConsistent,
  friendsOfTheChairAreKnown,
  draftedAndDeclaredTextsAreConsistent,
  actualInstrumentsAreKnown,
];
