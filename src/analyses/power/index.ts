/** A-priori voting power (Banzhaf, Shapley–Shubik, Coleman) of any decision rule, exact. */
export { powerOfRule, powerOfGame, powerOfWeightedGame, weightedGame, bodyUnderRule, type PowerOptions, type RulePowerOptions, type WeightedGameOptions } from './analyze';
export { powerIndices, type PowerResult, type MemberPower } from './indices';
export { gameOfRule, type PowerGame, type BodyMember } from './game';
export { exactCounts, plan } from './exact';
export { bruteForceCounts } from './brute';
export { toNumber, fractionString, type Rational } from './rational';
