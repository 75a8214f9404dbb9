/**
 * The meaning of a scenario: named cross-field rules over the parsed document. Each returns its problems as data;
 * all of them run, so the user sees every problem at once.
 */
import { didYouMean, listOf } from '../common/suggest';
import { parseRule } from '../rules/registry';
import type { ScenarioDocument } from './schema';
import { RESERVED_OUTCOMES } from './types';
import { POSITION_RULES } from './positionChecks';

export interface Finding {
  readonly severity: 'error' | 'warning';
  readonly path: (string | number)[];
  readonly message: string;
}

type Rule = (doc: ScenarioDocument) => Finding[];

/** Stance probabilities must sum to 1 within this tolerance. */
export const STANCE_SUM_TOLERANCE = 0.001;

const error = (path: (string | number)[], message: string): Finding => ({ severity: 'error', path, message });
const warning = (path: (string | number)[], message: string): Finding => ({ severity: 'warning', path, message });

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

const deciders = (doc: ScenarioDocument) => doc.participants.filter((p) => p.role === 'participant').map((p) => p.id);

export const chairIsParticipant: Rule = (doc) =>
  doc.meeting.chair === undefined || doc.participants.some((p) => p.id === doc.meeting.chair)
    ? []
    : [unknownRef(['meeting', 'chair'], 'participant', doc.meeting.chair, doc.participants.map((p) => p.id))];

export const subjectIsParticipant: Rule = (doc) =>
  doc.subject === undefined || deciders(doc).includes(doc.subject)
    ? []
    : [unknownRef(['subject'], 'participant', doc.subject, deciders(doc))];

export const statusQuoIsOption: Rule = (doc) =>
  doc.options.some((o) => o.id === doc.statusQuo)
    ? []
    : [unknownRef(['statusQuo'], 'option', doc.statusQuo, doc.options.map((o) => o.id))];

export const someOptionIsTabled: Rule = (doc) =>
  doc.options.some((o) => o.tabled) ? [] : [error(['options'], 'no option is tabled (every option has tabled: false)')];

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
  const outcomes = [...doc.options.map((o) => o.id), ...RESERVED_OUTCOMES];
  const participants = doc.participants.map((p) => p.id);
  return [
    ...(outcomes.includes(doc.actual.outcome) ? [] : [unknownRef(['actual', 'outcome'], 'outcome', doc.actual.outcome, outcomes)]),
    ...doc.actual.blockers.flatMap((b, i) => (participants.includes(b) ? [] : [unknownRef(['actual', 'blockers', i], 'participant', b, participants)])),
  ];
};

/** Warnings: numbers without a source or an explicit assumption. */
export const numbersAreSourced: Rule = (doc) => {
  const findings: Finding[] = [];
  const unsourced = (path: (string | number)[], what: string) =>
    findings.push(warning(path, `${what} has no source; cite a URL or reference section, or write source: "assumption: ..."`));
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
  if (!doc.procedure.source) unsourced(['procedure'], 'the procedure parameters');
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
  blocMembersAreParticipants,
  participantBlocsAreKnown,
  blocLeadersAreMembers,
  blocLeadershipHasNoCycle,
  chairIsParticipant,
  subjectIsParticipant,
  statusQuoIsOption,
  someOptionIsTabled,
  optionIdsAreNotReserved,
  stancesNameOptionsAndSumToOne,
  pressureNamesKnownActors,
  concessionsNameKnownActors,
  ruleIsKnownAndApplicable,
  actualOutcomeIsKnown,
  ...POSITION_RULES,
  numbersAreSourced,
];
