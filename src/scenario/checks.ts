/**
 * The meaning of a scenario: named cross-field rules over the parsed document. Each returns its problems as data;
 * all of them run, so the user sees every problem at once.
 */
import { didYouMean, listOf } from '../common/suggest';
import { parseRule } from '../rules/registry';
import { procedure as procedureSchema, type ScenarioDocument } from './schema';
import { RESERVED_OUTCOMES } from './types';
import { POSITION_RULES } from './positionChecks';
import { INSTRUMENT_RULES, knownOutcomes } from './instrumentChecks';

import type { Finding } from './finding';

export type { Finding };

type Rule = (doc: ScenarioDocument) => Finding[];

/** Stance probabilities must sum to 1 within this tolerance. */
export const STANCE_SUM_TOLERANCE = 0.001;

const error = (path: (string | number)[], message: string): Finding => ({ severity: 'error', path, message });
const warning = (path: (string | number)[], message: string): Finding => ({ severity: 'warning', path, message });
const notice = (path: (string | number)[], message: string): Finding => ({ severity: 'warning', path, message, always: true });

function unknownRef(path: (string | number)[], kind: string, value: string, known: readonly string[]): Finding {
  const choices = known.length === 0 ? `none is defined in this scenario` : `known: ${listOf([...known])}`;
  return error(path, `unknown ${kind} "${value}" (${choices}).${didYouMean(value, known)}`.replace(/\.$/, ''));
}

function duplicates(ids: readonly string[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  ids.forEach((id, i) => seen.set(id, [...(seen.get(id) ?? []), i]));
  return new Map([...seen].filter(([, at]) => at.length > 1));
}

const uniqueIds = (section: 'participants' | 'blocs' | 'options' | 'agenda', what: string): Rule => (doc) =>
  [...duplicates(doc[section].map((x) => x.id))].map(([id, at]) =>
    error([section, at[1], 'id'], `${what} "${id}" is listed twice (first at ${section}[${at[0]}]); ids must be unique`),
  );

export const participantIdsAreUnique = uniqueIds('participants', 'participant');
export const blocIdsAreUnique = uniqueIds('blocs', 'bloc');
export const optionIdsAreUnique = uniqueIds('options', 'option');
export const agendaIdsAreUnique = uniqueIds('agenda', 'agenda item');

export const participantsAndBlocsDoNotShareIds: Rule = (doc) => {
  const participants = new Set(doc.participants.map((p) => p.id));
  return doc.blocs.flatMap((b, i) =>
    participants.has(b.id) ? [error(['blocs', i, 'id'], `bloc id "${b.id}" is also a participant id; use distinct ids`)] : [],
  );
};

export const atLeastOneDecidingParticipant: Rule = (doc) =>
  doc.participants.some((p) => p.role === 'participant')
    ? []
    : [error(['participants'], 'no participant with role "participant": somebody must decide')];

export const blocMembersAreParticipants: Rule = (doc) => {
  const ids = doc.participants.map((p) => p.id);
  const known = new Set(ids);
  const findings: Finding[] = [];
  doc.blocs.forEach((b, i) =>
    b.members.forEach((m, j) => {
      if (!known.has(m)) findings.push(unknownRef(['blocs', i, 'members', j], 'participant', m, ids));
    }),
  );
  return findings;
};

export const participantBlocsAreKnown: Rule = (doc) => {
  const blocIds = doc.blocs.map((b) => b.id);
  const known = new Set(blocIds);
  const findings: Finding[] = [];
  doc.participants.forEach((p, i) =>
    p.blocs.forEach((b, j) => {
      if (!known.has(b)) findings.push(unknownRef(['participants', i, 'blocs', j], 'bloc', b, blocIds));
    }),
  );
  return findings;
};

/** Members by bloc: the union of `blocs[].members` and `participants[].blocs`. */
export function blocMembership(doc: Pick<ScenarioDocument, 'participants' | 'blocs'>): Map<string, string[]> {
  const members = new Map<string, string[]>(doc.blocs.map((b) => [b.id, [...b.members]]));
  for (const p of doc.participants) {
    for (const b of p.blocs) {
      const list = members.get(b);
      if (list && !list.includes(p.id)) list.push(p.id);
    }
  }
  return members;
}

export const blocLeadersAreMembers: Rule = (doc) => {
  const members = blocMembership(doc);
  return doc.blocs.flatMap((b, i) =>
    b.leader !== undefined && !(members.get(b.id) ?? []).includes(b.leader)
      ? [error(['blocs', i, 'leader'], `leader "${b.leader}" is not a member of bloc "${b.id}" (members: ${listOf(members.get(b.id) ?? [])})`)]
      : [],
  );
};

/**
 * A participant follows the leader of its primary bloc (the first bloc it belongs to that has a leader).
 * Following must not go round in a circle (A follows B follows A).
 */
export function leaderOf(doc: Pick<ScenarioDocument, 'participants' | 'blocs'>): Map<string, string> {
  const members = blocMembership(doc);
  const blocsOf = new Map<string, string[]>();
  for (const b of doc.blocs) for (const m of members.get(b.id) ?? []) blocsOf.set(m, [...(blocsOf.get(m) ?? []), b.id]);
  // participants list their blocs in order of importance; blocs not listed by the participant come after
  const leaders = new Map<string, string>();
  const byId = new Map(doc.blocs.map((b) => [b.id, b]));
  for (const p of doc.participants) {
    const order = [...p.blocs, ...(blocsOf.get(p.id) ?? []).filter((b) => !p.blocs.includes(b))];
    for (const blocId of order) {
      const leader = byId.get(blocId)?.leader;
      if (leader !== undefined && leader !== p.id) {
        leaders.set(p.id, leader);
        break;
      }
      if (leader === p.id) break; // a leader leads its primary bloc and follows nobody there
    }
  }
  return leaders;
}

export const blocLeadershipHasNoCycle: Rule = (doc) => {
  const leaders = leaderOf(doc);
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const start of leaders.keys()) {
    const chain = [start];
    let at = leaders.get(start);
    while (at !== undefined && !chain.includes(at)) {
      chain.push(at);
      at = leaders.get(at);
    }
    if (at !== undefined) {
      const cycle = chain.slice(chain.indexOf(at));
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        const i = doc.blocs.findIndex((b) => b.leader === at);
        findings.push(
          error(['blocs', Math.max(0, i), 'leader'], `bloc leadership forms a cycle: ${[...cycle, at].join(' follows ')}; a leader must not (indirectly) follow itself`),
        );
      }
    }
  }
  return findings;
};

/**
 * The chair is a present, deciding participant: an observer cannot chair a plenary (in the KP the Chair is a
 * Participant), and an absent participant cannot table motions. Both are refused, not guessed around.
 */
export const chairIsPresentParticipant: Rule = (doc) => {
  const chair = doc.meeting.chair;
  if (chair === undefined) return [];
  const p = doc.participants.find((x) => x.id === chair);
  if (!p) return [unknownRef(['meeting', 'chair'], 'participant', chair, doc.participants.map((x) => x.id))];
  if (p.role === 'observer') {
    return [error(['meeting', 'chair'], `"${chair}" is an observer; the chair must be a deciding participant (role: participant), since observers neither decide nor table motions. Name a participant, or leave out chair`)];
  }
  if (!p.present) {
    return [error(['meeting', 'chair'], `"${chair}" is absent (present: false); an absent participant cannot chair the meeting. Name a present participant, or leave out chair`)];
  }
  return [];
};

/**
 * The subject is a known participant or observer (the party concerned may be absent: a boycott is part of the
 * story; it may be a non-deciding party such as an applicant, whose voluntary act can end the item).
 */
export const subjectIsParticipant: Rule = (doc) => {
  const known = doc.participants.map((p) => p.id);
  if (doc.subject === undefined || known.includes(doc.subject)) return [];
  return [unknownRef(['subject'], 'participant', doc.subject, known)];
};

/** Somebody who decides is in the room: with every deciding participant absent, "consensus" would be a consensus of nobody. */
export const someDecidingParticipantIsPresent: Rule = (doc) => {
  const deciding = doc.participants.filter((p) => p.role === 'participant');
  if (deciding.length === 0 || deciding.some((p) => p.present)) return [];
  return [error(['participants'], `every deciding participant is absent (present: false on all ${deciding.length}); nobody is there to decide. Mark at least one present`)];
};

/** A participant's weight as the simulation resolves it: its own, else its blocs' defaults, else the scenario's, else 1. */
function effectiveWeight(doc: ScenarioDocument, p: ScenarioDocument['participants'][number], membership: Map<string, string[]>): number {
  if (p.weight !== undefined) return p.weight;
  const byId = new Map(doc.blocs.map((b) => [b.id, b]));
  const order = [...p.blocs, ...doc.blocs.filter((b) => !p.blocs.includes(b.id) && (membership.get(b.id) ?? []).includes(p.id)).map((b) => b.id)];
  for (const b of order) {
    const w = byId.get(b)?.defaults?.weight;
    if (w !== undefined) return w;
  }
  return doc.defaults?.weight ?? 1;
}

/** Weights are shares of a vote: if every present deciding participant weighs 0, no weighted count means anything. */
export const weightsAreNotAllZero: Rule = (doc) => {
  const membership = blocMembership(doc);
  const present = doc.participants.filter((p) => p.role === 'participant' && p.present);
  if (present.length === 0 || present.some((p) => effectiveWeight(doc, p, membership) > 0)) return [];
  return [error(['participants'], `every present deciding participant has weight 0 (weights come from participants, bloc defaults and defaults); weights are shares of the vote, so at least one must be above 0`)];
};

/** A calendar date: 2009-13-45 matches YYYY-MM-DD but is no day. */
function dateProblem(text: string): string | undefined {
  const [y, m, d] = text.split('-').map(Number);
  if (m < 1 || m > 12) return `"${text}" is not a date: month ${m} (months are 01 to 12)`;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > days) return `"${text}" is not a date: ${y}-${String(m).padStart(2, '0')} has days 01 to ${days}`;
  return undefined;
}

export const datesAreCalendarDates: Rule = (doc) => {
  const dates = doc.meeting.dates;
  if (!dates) return [];
  const findings: Finding[] = [];
  const from = dateProblem(dates.from);
  if (from) findings.push(error(['meeting', 'dates', 'from'], from));
  const to = dates.to === undefined ? undefined : dateProblem(dates.to);
  if (to) findings.push(error(['meeting', 'dates', 'to'], to));
  if (!from && !to && dates.to !== undefined && dates.to < dates.from) findings.push(error(['meeting', 'dates', 'to'], `the meeting ends (${dates.to}) before it starts (${dates.from})`));
  return findings;
};

/** Time must exist for the item: a session of 0 hours, or an item budget longer than the session, is a mistake. */
export const procedureHoursAreConsistent: Rule = (doc) => {
  const p = doc.procedure;
  const findings: Finding[] = [];
  if (p.sessionHours === 0) findings.push(error(['procedure', 'sessionHours'], 'is 0: the meeting has no time for the item; give the plenary time in hours (default 24)'));
  if (p.itemBudgetHours !== undefined && p.itemBudgetHours > p.sessionHours) {
    findings.push(error(['procedure', 'itemBudgetHours'], `${p.itemBudgetHours} h is more than the whole session (sessionHours: ${p.sessionHours} h); the item cannot use more time than the meeting has`));
  }
  if (p.itemBudgetHours === 0 && p.sessionHours > 0) findings.push(error(['procedure', 'itemBudgetHours'], 'is 0: the chair would defer the item before tabling it; leave it out to give the item the whole session'));
  if (p.hoursToTable === 0 && p.hoursPerRound === 0 && p.sessionHours > 0) {
    findings.push(notice(['procedure'], 'hoursToTable and hoursPerRound are both 0: tabling and consultation take no time, so every hours figure will be 0 and time never limits the item'));
  }
  return findings;
};

/** A concession offered after the last consultation round is never offered. */
export const concessionsAreReachable: Rule = (doc) => {
  const last = doc.procedure.maxRoundsPerOption;
  return doc.options.flatMap((o, i) =>
    o.concessions.flatMap((c, j) =>
      c.offeredAtRound > last
        ? [notice(['options', i, 'concessions', j, 'offeredAtRound'], `round ${c.offeredAtRound} is never reached: consultation stops after ${last} round${last === 1 ? '' : 's'} per option (procedure.maxRoundsPerOption), so concession "${c.id}" is never offered`)]
        : [],
    ),
  );
};

export const statusQuoIsOption: Rule = (doc) =>
  doc.options.some((o) => o.id === doc.statusQuo)
    ? []
    : [unknownRef(['statusQuo'], 'option', doc.statusQuo, doc.options.map((o) => o.id))];

export const someOptionIsTabled: Rule = (doc) =>
  doc.options.some((o) => o.tabled || o.draft === true || o.chairsAction === true) || doc.procedure.draftCompromise === true
    ? []
    : [error(['options'], 'no option is tabled (every option has tabled: false), drafted (draft: true) or declared by the chair (chairsAction: true)')];

export const optionIdsAreNotReserved: Rule = (doc) =>
  doc.options.flatMap((o, i) =>
    RESERVED_OUTCOMES.includes(o.id) ? [error(['options', i, 'id'], `"${o.id}" is reserved for an outcome; choose another option id`)] : [],
  );

function stanceProblems(path: (string | number)[], stances: Record<string, Record<string, unknown>> | undefined, options: readonly string[]): Finding[] {
  if (!stances) return [];
  const findings: Finding[] = [];
  for (const [optionId, dist] of Object.entries(stances)) {
    if (!options.includes(optionId)) {
      findings.push(unknownRef([...path, optionId], 'option', optionId, options));
      continue;
    }
    const sum = ['support', 'accept', 'abstain', 'object'].reduce((s, k) => s + ((dist[k] as number | undefined) ?? 0), 0);
    if (Math.abs(sum - 1) > STANCE_SUM_TOLERANCE) {
      findings.push(error([...path, optionId], `stance probabilities sum to ${Number(sum.toFixed(6))}, not 1 (tolerance ${STANCE_SUM_TOLERANCE})`));
    }
  }
  return findings;
}

export const stancesNameOptionsAndSumToOne: Rule = (doc) => {
  const options = doc.options.map((o) => o.id);
  return [
    ...stanceProblems(['defaults', 'stances'], doc.defaults?.stances, options),
    ...doc.blocs.flatMap((b, i) => stanceProblems(['blocs', i, 'defaults', 'stances'], b.defaults?.stances, options)),
    ...doc.participants.flatMap((p, i) => stanceProblems(['participants', i, 'stances'], p.stances, options)),
  ];
};

function targetProblems(path: (string | number)[], targets: readonly string[], doc: ScenarioDocument): Finding[] {
  const known = [...doc.participants.map((p) => p.id), ...doc.blocs.map((b) => b.id)];
  return targets.flatMap((t, j) => (known.includes(t) ? [] : [unknownRef([...path, j], 'participant or bloc', t, known)]));
}

export const pressureNamesKnownActors: Rule = (doc) => {
  const actors = doc.participants.map((p) => p.id);
  const options = doc.options.map((o) => o.id);
  return doc.pressure.flatMap((pr, i) => [
    ...(actors.includes(pr.by) ? [] : [unknownRef(['pressure', i, 'by'], 'observer or participant', pr.by, actors)]),
    ...(pr.option === undefined || options.includes(pr.option) ? [] : [unknownRef(['pressure', i, 'option'], 'option', pr.option, options)]),
    ...targetProblems(['pressure', i, 'on'], pr.on, doc),
  ]);
};

export const concessionsNameKnownActors: Rule = (doc) =>
  doc.options.flatMap((o, i) =>
    o.concessions.flatMap((c, j) => c.effects.flatMap((e, k) => targetProblems(['options', i, 'concessions', j, 'effects', k, 'on'], e.on, doc))),
  );

export const ruleIsKnownAndApplicable: Rule = (doc) => {
  const rule = parseRule(doc.rule);
  if (typeof rule === 'string') return [error(['rule'], rule)];
  const findings: Finding[] = [];
  if (rule.electorate.excludeSubject && doc.subject === undefined) {
    findings.push(error(['rule'], `rule "${rule.spec}" excludes the party concerned, but the scenario names no subject (add subject: <participant id>)`));
  }
  const blocIds = doc.blocs.map((b) => b.id);
  for (const group of rule.groups) {
    if (!blocIds.includes(group)) findings.push(error(['rule'], `rule "${rule.spec}" needs the group "${group}", which is not a bloc of this scenario (blocs: ${listOf(blocIds)})`));
  }
  return findings;
};

export const actualOutcomeIsKnown: Rule = (doc) => {
  if (!doc.actual) return [];
  const outcomes = knownOutcomes(doc);
  const participants = doc.participants.map((p) => p.id);
  return [
    ...(outcomes.includes(doc.actual.outcome) ? [] : [unknownRef(['actual', 'outcome'], 'outcome', doc.actual.outcome, outcomes)]),
    ...doc.actual.blockers.flatMap((b, i) => (participants.includes(b) ? [] : [unknownRef(['actual', 'blockers', i], 'participant', b, participants)])),
  ];
};

const DEFAULT_PROCEDURE = procedureSchema.parse({});
const isDefaultProcedure = (p: ScenarioDocument['procedure']): boolean =>
  (Object.keys(DEFAULT_PROCEDURE) as (keyof typeof DEFAULT_PROCEDURE)[]).every((k) => p[k] === DEFAULT_PROCEDURE[k]) && p.itemBudgetHours === undefined;

/** Warnings: numbers without a source or an explicit assumption. */
export const numbersAreSourced: Rule = (doc) => {
  const findings: Finding[] = [];
  const unsourced = (path: (string | number)[], what: string, verb = 'has') =>
    findings.push(warning(path, `${what} ${verb} no source; cite a URL or reference section, or write source: "assumption: ..."`));
  if (!doc.ruleSource) unsourced(['rule'], 'the rule in force (ruleSource)');
  doc.participants.forEach((p, i) => {
    const hasNumbers = p.weight !== undefined || p.salience !== undefined || p.flexibility !== undefined;
    if (hasNumbers && !p.source) unsourced(['participants', i], `participant "${p.id}"'s weight/salience/flexibility`);
    for (const [option, dist] of Object.entries(p.stances ?? {})) {
      if (!dist.source && !p.source) unsourced(['participants', i, 'stances', option], `participant "${p.id}"'s stance on "${option}"`);
    }
  });
  doc.blocs.forEach((b, i) => {
    if ((b.cohesion !== undefined || b.defaults !== undefined) && !b.source && !b.defaults?.source) unsourced(['blocs', i], `bloc "${b.id}"'s cohesion/defaults`);
  });
  doc.pressure.forEach((p, i) => {
    if (!p.source) unsourced(['pressure', i], `pressure by "${p.by}"`);
  });
  doc.options.forEach((o, i) =>
    o.concessions.forEach((c, j) =>
      c.effects.forEach((e, k) => {
        if (!e.source && !c.source) unsourced(['options', i, 'concessions', j, 'effects', k], `concession "${c.id}"'s effect`);
      }),
    ),
  );
  doc.agenda.forEach((a, i) => {
    if (!a.source) unsourced(['agenda', i], `agenda item "${a.id}"'s hours`);
  });
  // a file without procedure numbers uses the defaults and claims nothing; numbers it does give need a source
  if (!doc.procedure.source && !isDefaultProcedure(doc.procedure)) unsourced(['procedure'], 'the procedure parameters', 'have');
  return findings;
};

/** Every named rule, in the order their problems are reported. */
export const SCENARIO_RULES: readonly Rule[] = [
  participantIdsAreUnique,
  blocIdsAreUnique,
  optionIdsAreUnique,
  agendaIdsAreUnique,
  participantsAndBlocsDoNotShareIds,
  atLeastOneDecidingParticipant,
  someDecidingParticipantIsPresent,
  weightsAreNotAllZero,
  blocMembersAreParticipants,
  participantBlocsAreKnown,
  blocLeadersAreMembers,
  blocLeadershipHasNoCycle,
  chairIsPresentParticipant,
  subjectIsParticipant,
  datesAreCalendarDates,
  procedureHoursAreConsistent,
  concessionsAreReachable,
  statusQuoIsOption,
  someOptionIsTabled,
  optionIdsAreNotReserved,
  stancesNameOptionsAndSumToOne,
  pressureNamesKnownActors,
  concessionsNameKnownActors,
  ruleIsKnownAndApplicable,
  actualOutcomeIsKnown,
  ...POSITION_RULES,
  ...INSTRUMENT_RULES,
  numbersAreSourced,
];
