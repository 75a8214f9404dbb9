/**
 * The meaning of positions on issue dimensions: named cross-field rules, like those in checks.ts (which lists them in
 * SCENARIO_RULES). A position names a declared dimension; a dimension on which a tabled option is placed needs the
 * reversion point (the status quo's position) on it, since every participant weighs a text against the status quo.
 */
import { didYouMean, listOf } from '../common/suggest';
import type { Finding } from './finding';
import type { ScenarioDocument } from './schema';

type Rule = (doc: ScenarioDocument) => Finding[];

const error = (path: (string | number)[], message: string): Finding => ({ severity: 'error', path, message });
const warning = (path: (string | number)[], message: string): Finding => ({ severity: 'warning', path, message });

function unknownDimension(path: (string | number)[], value: string, known: readonly string[]): Finding {
  const choices = known.length === 0 ? 'declare it under dimensions: [{ id, name }]' : `known: ${listOf([...known])}`;
  return error(path, `unknown dimension "${value}" (${choices}).${didYouMean(value, known)}`.replace(/\.$/, ''));
}

export const dimensionIdsAreUnique: Rule = (doc) => {
  const seen = new Map<string, number>();
  return doc.dimensions.flatMap((d, i) => {
    const first = seen.get(d.id);
    if (first === undefined) {
      seen.set(d.id, i);
      return [];
    }
    return [error(['dimensions', i, 'id'], `dimension "${d.id}" is listed twice (first at dimensions[${first}]); ids must be unique`)];
  });
};

export const positionsNameKnownDimensions: Rule = (doc) => {
  const known = doc.dimensions.map((d) => d.id);
  const check = (path: (string | number)[], positions: Record<string, unknown> | undefined) =>
    Object.keys(positions ?? {}).flatMap((d) => (known.includes(d) ? [] : [unknownDimension([...path, d], d, known)]));
  return [
    ...check(['defaults', 'positions'], doc.defaults?.positions),
    ...doc.blocs.flatMap((b, i) => check(['blocs', i, 'defaults', 'positions'], b.defaults?.positions)),
    ...doc.participants.flatMap((p, i) => check(['participants', i, 'positions'], p.positions)),
    ...doc.options.flatMap((o, i) => check(['options', i, 'positions'], o.positions)),
  ];
};

export const statusQuoIsPlacedWhereOptionsAre: Rule = (doc) => {
  const statusQuo = doc.options.findIndex((o) => o.id === doc.statusQuo);
  if (statusQuo < 0) return []; // reported by statusQuoIsOption
  const placed = doc.options[statusQuo].positions ?? {};
  const findings: Finding[] = [];
  doc.options.forEach((o, i) => {
    if (i === statusQuo) return;
    for (const d of Object.keys(o.positions ?? {})) {
      if (placed[d] === undefined && doc.dimensions.some((x) => x.id === d)) {
        findings.push(
          error(['options', i, 'positions', d], `option "${o.id}" is placed on dimension "${d}" but the status quo "${doc.statusQuo}" is not; give it the reversion point (options[${statusQuo}].positions.${d})`),
        );
      }
    }
  });
  return findings;
};

/** Warnings: positions without a source. */
export const positionsAreSourced: Rule = (doc) =>
  doc.participants.flatMap((p, i) =>
    Object.entries(p.positions ?? {}).flatMap(([d, at]) =>
      at.source || p.source ? [] : [warning(['participants', i, 'positions', d], `participant "${p.id}"'s position on "${d}" has no source; cite one, or write source: "assumption: ..."`)],
    ),
  );

export const POSITION_RULES: readonly Rule[] = [dimensionIdsAreUnique, positionsNameKnownDimensions, statusQuoIsPlacedWhereOptionsAre, positionsAreSourced];
