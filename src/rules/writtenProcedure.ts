import { COUNTS_ONLY, EVERYONE, NO_GROUPS, plural, type RuleDefinition } from './definition';
import { fractionText, parseThreshold, reaches, type Fraction } from './fraction';
import { yesVotes, type DecisionRule, type Tally } from './types';

/** The minimum of supporting replies: a number, or a fraction of the electorate present. */
export type ReplyMinimum = { readonly count: number } | { readonly share: Fraction };

const replies = (n: number): string => `${n} supporting ${n === 1 ? 'reply' : 'replies'}`;

const enoughReplies = (min: ReplyMinimum, t: Tally): boolean =>
  'count' in min ? yesVotes(t) >= min.count : reaches(yesVotes(t), t.members, min.share);

/** Enough supporting replies (support or accept) and no written objection; silence (abstain) is no objection. */
export const writtenApproval = (min: ReplyMinimum) => (t: Tally): boolean => t.object === 0 && enoughReplies(min, t);

export function writtenProcedureRule(min: ReplyMinimum): DecisionRule {
  const param = 'count' in min ? String(min.count) : fractionText(min.share);
  const needed = 'count' in min ? replies(min.count) : `supporting replies from ${param} of the participants`;
  const adopts = writtenApproval(min);
  return {
    spec: `written-procedure:${param}`,
    name: 'written-procedure',
    title: `Written procedure (${'count' in min ? `${min.count} replies` : `${param} of participants`}, no objection)`,
    description: `Adopted with ${needed} and no written objection by the deadline; silence counts as no objection.`,
    source: 'KP written procedure (CAR suspension 2013; CAR resumption 2015, 30 supporting votes): docs/sources/kp-reference.md §1.2, §3.9',
    mode: 'written',
    electorate: EVERYONE,
    groups: NO_GROUPS,
    uses: COUNTS_ONLY,
    adopts,
    explain: (t) => `${replies(yesVotes(t))}, ${plural(t.object, 'written objection')} (${needed} and none needed)`,
  };
}

export const writtenProcedure: RuleDefinition = {
  name: 'written-procedure',
  syntax: 'written-procedure:<replies> | written-procedure:<fraction>',
  example: 'written-procedure:30',
  summary: 'enough supporting replies (a number, or a fraction of participants present) and no written objection; silence is no objection',
  source: 'KP written procedure, CAR 2013 and 2015: docs/sources/kp-reference.md §1.2 (the minimum is not documented: a parameter)',
  build(params) {
    if (params.length !== 1) return 'written-procedure needs one parameter, the minimum of supporting replies: a number (written-procedure:30) or a fraction of participants (written-procedure:2/3)';
    const text = params[0].trim();
    if (/^\d+$/.test(text)) {
      const count = Number(text);
      if (count > 100_000) return `written-procedure:${text}: at most 100000 replies can be required`;
      return writtenProcedureRule({ count });
    }
    const share = parseThreshold(text);
    return typeof share === 'string' ? `written-procedure:${text}: ${share} (or give a whole number of replies)` : writtenProcedureRule({ share });
  },
};
