import type { DecisionRule } from './types';

/** An entry of the rule registry: how to build a rule from its command-line parameters. */
export interface RuleDefinition {
  readonly name: string;
  /** e.g. `qualified-majority:<threshold>` */
  readonly syntax: string;
  readonly example: string;
  readonly summary: string;
  readonly source: string;
  /** builds the rule, or returns what is wrong with the parameters */
  build(params: readonly string[]): DecisionRule | string;
}

export const NO_GROUPS: readonly string[] = [];
export const COUNTS_ONLY = { counts: true, weights: false, groups: false } as const;
export const EVERYONE = { excludeSubject: false, observersVote: false } as const;

export function noParams(name: string, params: readonly string[]): string | undefined {
  return params.length > 0 ? `rule "${name}" takes no parameters (received "${params.join(':')}")` : undefined;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
