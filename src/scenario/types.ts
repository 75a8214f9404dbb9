/** The normalized scenario: every default resolved, every reference checked. What the simulation reads. */
import type { ScenarioDocument } from './schema';
import type { InputSite } from './inputs';
import type { GlobalParameters, ModelParameters } from './modelParameters';
import type { ParameterOverrides } from './parameterOverrides';

export type { ModelParameters };

export type StanceVector = readonly [support: number, accept: number, abstain: number, object: number];

export interface Participant {
  readonly id: string;
  readonly name: string;
  readonly role: 'participant' | 'observer';
  /** bloc ids, primary bloc first */
  readonly blocs: readonly string[];
  readonly weight: number;
  readonly salience: number;
  readonly flexibility: number;
  readonly present: boolean;
  /** per option id: probabilities of support, accept, abstain, object */
  readonly stances: Readonly<Record<string, StanceVector>>;
  readonly source?: string;
  /** option ids whose stance the participant or one of its blocs states: a sourced stance overrides its positions */
  readonly statedStances: readonly string[];
  /** per dimension id: where it stands (own entry, else its blocs', else the scenario defaults) */
  readonly positions: Readonly<Record<string, DimensionPosition>>;
}

/** A participant on one issue dimension. */
export interface DimensionPosition {
  /** 0..100 */
  readonly position: number;
  /** 0..1 (the file's 0..100 divided by 100) */
  readonly salience: number;
  /** relative influence on this dimension */
  readonly clout: number;
}

export interface Dimension {
  readonly id: string;
  readonly name: string;
}

export interface Bloc {
  readonly id: string;
  readonly name: string;
  readonly members: readonly string[];
  readonly leader?: string;
  readonly cohesion: number;
  readonly source?: string;
}

export interface ConcessionEffect {
  readonly on: readonly string[];
  readonly to: 'support' | 'accept' | 'abstain' | 'object';
  readonly probability: number;
}

export interface Concession {
  readonly id: string;
  readonly name: string;
  readonly offeredAtRound: number;
  readonly effects: readonly ConcessionEffect[];
}

export interface Option {
  readonly id: string;
  readonly name: string;
  readonly tabled: boolean;
  readonly concessions: readonly Concession[];
  /** per dimension id: where the text (the reversion point, for the status quo) lies, 0..100 */
  readonly positions: Readonly<Record<string, number>>;
  readonly source?: string;
  /** a text the chair drafts on the floor (DRAFT), not tabled in order */
  readonly draft?: boolean;
  /** drafted by plenary itself at the weighted mean of the positions (`procedure.draftCompromise`) */
  readonly born?: boolean;
  /** the chair's action or declaration (DECLARE): stands unless a participant objects */
  readonly chairsAction?: boolean;
  /** election: the candidate participant, and whether its veto of rivals is tied to its candidacy */
  readonly candidate?: string;
  readonly vetoesRivals?: boolean;
}

export interface VoluntaryAct {
  readonly id: string;
  readonly name: string;
  readonly by: string;
  readonly act: 'withdraws' | 'self-suspends' | 'accepts-monitor' | 'concedes';
  readonly probability: number;
  readonly fromRound: number;
  readonly option?: string;
  /** an option id or "no-decision"; undefined: the act changes the item (effects) */
  readonly ends?: string;
  readonly effects: readonly ConcessionEffect[];
}

export interface Walkout {
  readonly by: readonly string[];
  readonly round: number;
  readonly probability: number;
  readonly option?: string;
}

export interface Attendance {
  readonly count?: number;
  readonly probability?: number;
  /** participant, observer or bloc ids; empty: the default set */
  readonly among?: readonly string[];
}

export interface FriendsOfTheChair {
  readonly members?: readonly string[];
  readonly size?: number;
  readonly rounds: number;
  readonly hours: number;
}

export interface Pressure {
  readonly by: string;
  readonly on: readonly string[];
  readonly toward: 'support' | 'accept' | 'abstain' | 'object';
  readonly option?: string;
  readonly strength: number;
}

export interface AgendaItem {
  readonly id: string;
  readonly name: string;
  readonly hours: number;
}

export interface Procedure {
  readonly sessionHours: number;
  readonly itemBudgetHours: number;
  readonly hoursToTable: number;
  readonly hoursPerRound: number;
  readonly maxRoundsPerOption: number;
  readonly fallbackToNextOption: boolean;
  readonly referral?: { readonly to: 'intersessional' | 'written-procedure' };
  readonly friendsOfTheChair?: FriendsOfTheChair;
  readonly quorum?: number;
  /** the simulated chair (src/chair/registry.ts); undefined: in-order */
  readonly chair?: string;
}


export interface Meeting {
  readonly body: string;
  readonly title: string;
  readonly venue?: string;
  readonly dates?: { readonly from: string; readonly to?: string };
  readonly chair?: string;
  readonly item?: string;
}

export interface Actual {
  readonly outcome: string;
  readonly blockers: readonly string[];
  readonly blockersByOption?: Readonly<Record<string, readonly string[]>>;
  readonly source?: string;
  readonly note?: string;
}

export interface Scenario {
  readonly id: string;
  /** the file it was loaded from, for messages and reports */
  readonly file?: string;
  readonly meeting: Meeting;
  readonly rule: string;
  readonly ruleSource?: string;
  readonly procedure: Procedure;
  readonly model: ModelParameters;
  readonly participants: readonly Participant[];
  readonly blocs: readonly Bloc[];
  readonly subject?: string;
  /** issue dimensions; empty when nobody is placed on one */
  readonly dimensions: readonly Dimension[];
  readonly options: readonly Option[];
  readonly statusQuo: string;
  readonly pressure: readonly Pressure[];
  readonly voluntaryActs: readonly VoluntaryAct[];
  readonly walkouts: readonly Walkout[];
  readonly attendance?: Attendance;
  readonly agenda: readonly AgendaItem[];
  readonly actual?: Actual;
  // ---- provenance and uncertainty (issue 14) ----
  /** every judgement number of the file with its source and, if the file gives one, its distribution */
  readonly inputs: readonly InputSite[];
  /** the document with every distribution at its mean, for deriving scenarios with other input values */
  readonly document?: ScenarioDocument;
  /** the global parameters this scenario was resolved with (for the model parameters it does not set) */
  readonly parameters?: GlobalParameters;
  /** global parameters set on the command line (`--param`), which won over `model:` and the parameters file */
  readonly overrides?: ParameterOverrides;
  /** named sources that `source` fields may refer to */
  readonly sources?: Readonly<Record<string, string>>;
  /** the files it was read from: the scenario, then every roster it includes (for the provenance stamp) */
  readonly files?: readonly string[];
}

/** Outcome ids besides option ids. */
export const NO_DECISION = 'no-decision';
export const DEFERRED = 'deferred';
export const REFERRED = 'referred';
export const RESERVED_OUTCOMES: readonly string[] = [NO_DECISION, DEFERRED, REFERRED];
/** the id of the compromise plenary drafts at the weighted mean of the positions (`procedure.draftCompromise`) */
export const DRAFTED_COMPROMISE = 'drafted-compromise';
