/**
 * The floor models plenary knows, behind one interface (src/floor/types.ts), chosen by `model:` in the scenario or
 * `--model` on the command line. docs/model.md gives each one's literature, assumptions, parameters and limits.
 */
import type { FloorModelName } from '../scenario/schema';
import { compromiseFloor } from './compromise';
import { ensembleFloor } from './ensemble';
import type { Model } from './model';
import { ordinalFloor } from './ordinal';
import { spatialFloor } from './spatial';
import { floorMode, type FloorMode, type FloorModel } from './types';
import type { Scenario } from '../scenario/types';
import type { ParameterSet } from '../scenario/parameterOverrides';
import { parametersSetOf } from '../scenario/parameterOrigin';

export { FLOOR_MODEL_NAMES, type FloorModelName } from '../scenario/schema';
export { DEFAULT_FLOOR_MODEL } from './defaultModel';

export interface FloorModelInfo {
  readonly name: FloorModelName;
  readonly title: string;
  /** one line: what makes participants move */
  readonly summary: string;
  readonly build: (model: Model) => FloorModel;
  /** how behaviour differs with the rule, in words, per floor mode */
  readonly behaviour: Readonly<Record<FloorMode, string>>;
}

const SAME = 'the same behaviour under every rule (stances as written for the item)';

export const FLOOR_MODELS: Readonly<Record<FloorModelName, FloorModelInfo>> = {
  ordinal: {
    name: 'ordinal',
    title: 'Ordinal stances',
    summary: 'stances drawn per option from their distributions; softening, pressure, bloc cues and concessions in consultations',
    build: () => ordinalFloor,
    behaviour: { consensus: SAME, vote: SAME, written: SAME },
  },
  spatial: {
    name: 'spatial',
    title: 'Spatial bargaining with a costly veto',
    summary: 'stances follow positions against the status quo; under consensus a holdout stands aside unless its loss outweighs the cost of standing apart',
    build: spatialFloor,
    behaviour: {
      consensus: 'an objection is a public veto: objectors weigh it against the cost of standing apart, which grows as fewer others object',
      vote: 'each votes its utility (yes if the text beats the status quo, no if worse) and abstains when indifferent; a no vote costs nothing',
      written: 'silence is consent: only an objection worth the cost of standing apart is put in writing',
    },
  },
  compromise: {
    name: 'compromise',
    title: 'Compromise (salience- and clout-weighted mean)',
    summary: 'in consultations everyone moves toward the salience x clout weighted mean position',
    build: compromiseFloor,
    behaviour: {
      consensus: 'consultations pull everyone toward the weighted compromise; an objection blocks until it moves',
      vote: 'each votes its utility and abstains when indifferent; consultations pull toward the compromise',
      written: 'one circulation: stances as positions imply, no convergence',
    },
  },
  ensemble: {
    name: 'ensemble',
    title: 'Ensemble of ordinal, spatial and compromise',
    summary: 'each run simulated by one of the three models, drawn with equal chances; the spread between them is model uncertainty',
    build: ensembleFloor,
    behaviour: {
      consensus: 'a third of the runs each: ordinal, spatial (costly veto), compromise',
      vote: 'a third of the runs each: ordinal, spatial (utility votes), compromise',
      written: 'a third of the runs each: ordinal, spatial (costly written objection), compromise',
    },
  },
};

/**
 * What a result says about the floor model it used: its name, title, how it behaves under the rule in force, and the
 * global parameters set on the command line (`--param`) with what they replaced, so that no number's origin is hidden.
 */
export interface FloorStatement {
  readonly name: FloorModelName;
  readonly title: string;
  readonly behaviour: string;
  /** only when --param set some */
  readonly parameters?: readonly ParameterSet[];
}

export function floorStatement(model: Pick<Model, 'floor' | 'rule'> & { readonly scenario?: Scenario }): FloorStatement {
  const info = FLOOR_MODELS[model.floor];
  const behaviour = info.behaviour[floorMode(model.rule.mode)];
  const thenVote = model.rule.mode === 'consensus-then-vote' && info.name !== 'ordinal';
  const scenario = model.scenario;
  const set = scenario ? parametersSetOf(scenario) : [];
  return { name: info.name, title: info.title, behaviour: thenVote ? `${behaviour}; the fallback vote counts the stances as they stand after the last round` : behaviour, ...(set.length > 0 ? { parameters: set } : {}) };
}

/** The scenario run under another floor model (`--model`); unchanged when no model is given. */
export function withFloorModel(scenario: Scenario, name: FloorModelName | undefined): Scenario {
  return name === undefined ? scenario : { ...scenario, model: { ...scenario.model, name } };
}
