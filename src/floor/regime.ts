/**
 * What a stance means under the rule in force, in words for reports (the floor models read `FloorRun.mode`,
 * src/floor/types.ts):
 * - `consensus` (also reverse consensus, and consensus-then-vote until the vote is called): an objection is a
 *   public veto; under the spatial model standing apart is costly (src/floor/costlyVeto.ts);
 * - `vote`: a participant votes by its utility (yes when the text beats the status quo, no when it is worse) and
 *   abstains when indifferent; a no vote blocks nothing alone and costs nothing;
 * - `written`: silence is consent; only an objection put in writing counts, at the cost of a veto.
 */
import type { FloorMode } from './types';

export const BEHAVIOUR_UNDER: Readonly<Record<FloorMode, string>> = {
  consensus: 'an objection is a public veto; standing apart is costly',
  vote: 'each votes its utility and abstains when indifferent',
  written: 'silence is consent; an objection must be put in writing',
};
