import { COUNTS_ONLY, EVERYONE, NO_GROUPS, noParams, plural, type RuleDefinition } from './definition';
import type { DecisionRule, Tally } from './types';

/**
 * The measure stands unless there is consensus to stop it. A participant that supports the measure would formally
 * object to stopping it, so the measure stands while at least one participant present supports it. Those who merely
 * accept it are taken not to object to stopping it (documented modelling choice).
 */
export const noConsensusToStop = (t: Tally): boolean => t.support > 0;

export const reverseConsensusRule: DecisionRule = {
  spec: 'reverse-consensus',
  name: 'reverse-consensus',
  title: 'Reverse consensus',
  description: 'The measure stands unless there is consensus to stop it: one participant supporting it keeps it.',
  source: 'Draft Jerusalem AD 2010 (exports continue "unless the WGM reaches consensus"): docs/sources/kp-reference.md §1.4, §4',
  mode: 'reverse',
  electorate: EVERYONE,
  groups: NO_GROUPS,
  uses: COUNTS_ONLY,
  adopts: noConsensusToStop,
  explain: (t) =>
    noConsensusToStop(t)
      ? `${plural(t.support, 'participant')} supporting it, so no consensus to stop it`
      : 'no participant supports it: consensus to stop it',
};

export const reverseConsensus: RuleDefinition = {
  name: 'reverse-consensus',
  syntax: 'reverse-consensus',
  example: 'reverse-consensus',
  summary: 'the measure stands unless there is consensus to stop it (one supporter keeps it)',
  source: reverseConsensusRule.source,
  build: (params) => noParams('reverse-consensus', params) ?? reverseConsensusRule,
};
