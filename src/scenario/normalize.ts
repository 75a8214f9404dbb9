/** Resolves defaults: participant value, else its blocs' defaults (in its order), else scenario defaults, else the model's. */
import { blocMembership } from './checks';
import type { DimensionPositionDocument, ScenarioDocument, StanceDistributionDocument } from './schema';
import { DRAFTED_COMPROMISE, type Bloc, type DimensionPosition, type ModelParameters, type Option, type Participant, type Scenario, type StanceVector } from './types';
import type { InputSite } from './inputs';
import { BUILT_IN_PARAMETERS, GLOBAL_PARAMETER_NAMES, type GlobalParameterName, type GlobalParameters } from './parameters';
import { hasOverrides, resolveParameter, type ParameterOverrides } from './parameterOverrides';

/** When nothing is said about a participant's stance on an option: it states no position (abstains). */
export const UNSTATED_STANCE: StanceVector = [0, 0, 1, 0];

function toVector(d: StanceDistributionDocument): StanceVector {
  const raw = [d.support ?? 0, d.accept ?? 0, d.abstain ?? 0, d.object ?? 0];
  const sum = raw[0] + raw[1] + raw[2] + raw[3];
  return sum > 0 ? [raw[0] / sum, raw[1] / sum, raw[2] / sum, raw[3] / sum] : UNSTATED_STANCE;
}

/** A voluntary act in words, after the actor's name. */
export const ACT_WORDS = { withdraws: 'withdraws', 'self-suspends': 'suspends itself', 'accepts-monitor': 'accepts a monitor', concedes: 'concedes' } as const;

/**
 * Where a compromise drafted on the floor lies: per dimension, the mean of the present deciding participants'
 * positions weighted by salience × clout (the KTAB / DEU weighted mean). Dimensions nobody is placed on are left out.
 */
export function weightedMeanPositions(dimensions: readonly string[], participants: readonly Participant[]): Record<string, number> {
  const at: Record<string, number> = {};
  for (const d of dimensions) {
    let sum = 0;
    let weights = 0;
    for (const p of participants) {
      const x = p.positions[d];
      if (x === undefined || p.role !== 'participant' || !p.present) continue;
      const w = x.salience * x.clout;
      sum += w * x.position;
      weights += w;
    }
    if (weights > 0) at[d] = Math.round((sum / weights) * 100) / 100;
  }
  return at;
}

export interface NormalizeOptions {
  /** global model parameters for what `model:` does not set (default: the built-in values) */
  readonly parameters?: GlobalParameters;
  /** the input sites of the document as written (kept for reports; default: none) */
  readonly inputs?: readonly InputSite[];
  /** global parameters set on the command line (`--param`): they win over the scenario's `model:` and the parameters file */
  readonly overrides?: ParameterOverrides;
}

/** The model parameters: --param, else the scenario's own, else the global parameters' (src/scenario/parameterOverrides.ts). */
function resolveModel(doc: ScenarioDocument, parameters: GlobalParameters, overrides: ParameterOverrides): ModelParameters {
  const m = doc.model;
  const value = (name: GlobalParameterName): number => resolveParameter(name, m[name], parameters, overrides).value;
  return {
    ...(m.name !== undefined ? { name: m.name } : {}),
    ...(Object.fromEntries(GLOBAL_PARAMETER_NAMES.map((name) => [name, value(name)])) as Record<GlobalParameterName, number>),
  };
}

export function normalize(doc: ScenarioDocument, file?: string, options: NormalizeOptions = {}): Scenario {
  const parameters = options.parameters ?? BUILT_IN_PARAMETERS;
  const overrides = options.overrides ?? {};
  const model = resolveModel(doc, parameters, overrides);
  const membership = blocMembership(doc);
  const blocById = new Map(doc.blocs.map((b) => [b.id, b]));
  const blocs: Bloc[] = doc.blocs.map((b) => ({
    id: b.id,
    name: b.name,
    members: membership.get(b.id) ?? [],
    ...(b.leader !== undefined ? { leader: b.leader } : {}),
    cohesion: b.cohesion ?? model.cohesion,
    ...(b.source !== undefined ? { source: b.source } : {}),
  }));
  const participants: Participant[] = doc.participants.map((p) => {
    const order = [...p.blocs, ...doc.blocs.filter((b) => !p.blocs.includes(b.id) && (membership.get(b.id) ?? []).includes(p.id)).map((b) => b.id)];
    const layers = [...order.map((b) => blocById.get(b)?.defaults), doc.defaults].filter((x) => x !== undefined);
    const pick = <K extends 'weight' | 'salience' | 'flexibility'>(key: K): number | undefined =>
      p[key] ?? layers.find((l) => l[key] !== undefined)?.[key];
    const stances: Record<string, StanceVector> = {};
    const statedStances: string[] = [];
    const blocLayers = layers.filter((l) => l !== doc.defaults);
    for (const o of doc.options) {
      const dist = p.stances?.[o.id] ?? layers.find((l) => l.stances?.[o.id] !== undefined)?.stances?.[o.id];
      stances[o.id] = dist ? toVector(dist) : UNSTATED_STANCE;
      if (p.stances?.[o.id] !== undefined || blocLayers.some((l) => l.stances?.[o.id] !== undefined)) statedStances.push(o.id);
    }
    const weight = pick('weight') ?? 1;
    const ownSalience = pick('salience');
    const placed: Record<string, DimensionPositionDocument> = {};
    for (const layer of [...[...layers].reverse(), p]) for (const [d, at] of Object.entries(layer.positions ?? {})) placed[d] = at;
    const placedSaliences = Object.values(placed).flatMap((at) => (at.salience === undefined ? [] : [at.salience / 100]));
    // placed on the issue without an item salience of its own: the issue matters to it as much as its most salient dimension
    const salience = ownSalience ?? (placedSaliences.length > 0 ? Math.max(...placedSaliences) : model.salience);
    const positions: Record<string, DimensionPosition> = {};
    for (const [d, at] of Object.entries(placed)) {
      positions[d] = { position: at.position, salience: at.salience !== undefined ? at.salience / 100 : salience, clout: at.clout ?? weight };
    }
    return {
      id: p.id,
      name: p.name,
      role: p.role,
      blocs: order,
      weight,
      salience,
      flexibility: pick('flexibility') ?? model.flexibility,
      present: p.present,
      stances,
      statedStances,
      positions,
      ...(p.source !== undefined ? { source: p.source } : {}),
    };
  });
  const { procedure: proc } = doc;
  const scenarioOptions: Option[] = doc.options.map((o) => ({
    id: o.id,
    name: o.name,
    tabled: o.tabled,
    concessions: o.concessions.map((c) => ({ id: c.id, name: c.name, offeredAtRound: c.offeredAtRound, effects: c.effects })),
    positions: o.positions ?? {},
    ...(o.source !== undefined ? { source: o.source } : {}),
    ...(o.draft === true ? { draft: true } : {}),
    ...(o.chairsAction === true ? { chairsAction: true } : {}),
    ...(o.candidate !== undefined ? { candidate: o.candidate } : {}),
    ...(o.vetoesRivals === true ? { vetoesRivals: true } : {}),
  }));
  if (proc.draftCompromise === true && !scenarioOptions.some((o) => o.id === DRAFTED_COMPROMISE)) {
    scenarioOptions.push({
      id: DRAFTED_COMPROMISE,
      name: 'Drafted compromise (weighted mean of the positions)',
      tabled: false,
      concessions: [],
      positions: weightedMeanPositions(doc.dimensions.map((d) => d.id), participants),
      draft: true,
      born: true,
    });
    for (const p of participants) (p.stances as Record<string, StanceVector>)[DRAFTED_COMPROMISE] = UNSTATED_STANCE;
  }
  return {
    id: doc.id,
    ...(file !== undefined ? { file } : {}),
    meeting: doc.meeting,
    rule: doc.rule,
    ...(doc.ruleSource !== undefined ? { ruleSource: doc.ruleSource } : {}),
    procedure: {
      sessionHours: proc.sessionHours,
      itemBudgetHours: proc.itemBudgetHours ?? proc.sessionHours,
      hoursToTable: proc.hoursToTable,
      hoursPerRound: proc.hoursPerRound,
      maxRoundsPerOption: proc.maxRoundsPerOption,
      fallbackToNextOption: proc.fallbackToNextOption,
      ...(proc.referral !== undefined ? { referral: { to: proc.referral.to } } : {}),
      ...(proc.friendsOfTheChair !== undefined
        ? {
            friendsOfTheChair: {
              ...(proc.friendsOfTheChair.members !== undefined ? { members: proc.friendsOfTheChair.members } : {}),
              ...(proc.friendsOfTheChair.size !== undefined ? { size: proc.friendsOfTheChair.size } : {}),
              rounds: proc.friendsOfTheChair.rounds,
              hours: proc.friendsOfTheChair.hours ?? proc.hoursPerRound,
            },
          }
        : {}),
      ...(proc.quorum !== undefined ? { quorum: proc.quorum } : {}),
      ...(proc.chair !== undefined ? { chair: proc.chair } : {}),
    },
    model,
    dimensions: doc.dimensions.map((d) => ({ id: d.id, name: d.name })),
    participants,
    blocs,
    ...(doc.subject !== undefined ? { subject: doc.subject } : {}),
    options: scenarioOptions,
    statusQuo: doc.statusQuo,
    pressure: doc.pressure,
    voluntaryActs: (doc.voluntaryActs ?? []).map((a) => {
      const by = a.by ?? doc.subject ?? '';
      return {
        id: a.id,
        name: a.name ?? `${doc.participants.find((p) => p.id === by)?.name ?? by} ${ACT_WORDS[a.act]}`,
        by,
        act: a.act,
        probability: a.probability,
        fromRound: a.fromRound,
        ...(a.option !== undefined ? { option: a.option } : {}),
        ...(a.ends !== undefined ? { ends: a.ends } : {}),
        effects: a.effects,
      };
    }),
    walkouts: (doc.walkouts ?? []).map((w) => ({ by: w.by, round: w.round, probability: w.probability, ...(w.option !== undefined ? { option: w.option } : {}) })),
    ...(doc.attendance !== undefined
      ? { attendance: { ...(doc.attendance.count !== undefined ? { count: doc.attendance.count } : {}), ...(doc.attendance.probability !== undefined ? { probability: doc.attendance.probability } : {}), ...(doc.attendance.among !== undefined ? { among: doc.attendance.among } : {}) } }
      : {}),
    agenda: doc.agenda,
    ...(doc.actual !== undefined ? { actual: doc.actual } : {}),
    inputs: options.inputs ?? [],
    document: doc,
    parameters,
    ...(hasOverrides(overrides) ? { overrides } : {}),
    ...(doc.sources !== undefined ? { sources: doc.sources } : {}),
  };
}
