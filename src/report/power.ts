/**
 * Reports of the a-priori power analysis: table, JSON, CSV and Markdown read the same results. Table and Markdown
 * group participants with identical power into one row (a 49-member consensus body has two rows, not 49); JSON and
 * CSV list every participant.
 */
import type { MemberPower, PowerResult } from '../analyses/power/indices';
import { fractionString, toNumber, type Rational } from '../analyses/power/rational';
import { csvRow, markdownTable, textTable, type Column } from './table';
import type { Stamp } from '../engine/reportExtras';
import { stampCsvRows, stampLines } from './provenance';
import { escapeMarkdown } from './markdown';

/** The quick form's game as typed, made whole (src/analyses/power/scaling.ts). */
export interface PowerScaling {
  /** 10^d, the factor on every weight */
  readonly scale: string;
  /** the quota as typed */
  readonly quota: string;
  readonly quotaIs: 'weight' | 'share of the total weight';
  readonly scaledQuota: number;
  readonly scaledTotal: number;
}

export interface PowerExtras {
  /** one line: how the typed weights and quota became whole numbers */
  readonly note?: string;
  readonly scaling?: PowerScaling;
  readonly stamp?: Stamp;
}

export type PowerFormat = 'table' | 'json' | 'csv' | 'markdown';
export const POWER_FORMATS: readonly PowerFormat[] = ['table', 'json', 'csv', 'markdown'];

/** Exact fractions are written out for bodies up to this many voters (beyond, numerators run to hundreds of digits). */
export const EXACT_TEXT_LIMIT = 256;

const INDICES = ['banzhafAbsolute', 'banzhafNormalized', 'shapleyShubik', 'colemanPreventive', 'colemanInitiative'] as const;

/** 4 significant digits; tiny values in exponent form (1/2^48 = 3.553e-15), 0 and 1 as such. */
export function indexText(x: number): string {
  if (x === 0) return '0';
  if (x === 1) return '1';
  if (x >= 0.001) return x.toFixed(4);
  return x.toExponential(3);
}

const countText = (x: bigint): string => (x <= 10n ** 15n ? String(x) : Number(x).toExponential(3));

/** "1/2^48" when the denominator is a power of two and the numerator 1, else the reduced fraction (short ones). */
export function exactText(r: Rational): string {
  if (r.num === 1n && r.den > 1024n && (r.den & (r.den - 1n)) === 0n) return `1/2^${r.den.toString(2).length - 1}`;
  return fractionString(r);
}

function flags(m: MemberPower): string {
  const f: string[] = [];
  if (m.veto) f.push('veto');
  if (m.dummy) f.push('dummy');
  if (m.note) f.push(m.note);
  return f.join('; ');
}

interface Group {
  readonly members: MemberPower[];
}

/** participants with the same weight, vote status and indices, in first-appearance order */
function groups(result: PowerResult): Group[] {
  const byKey = new Map<string, Group>();
  for (const m of result.participants) {
    const key = [m.weight, m.votes, m.note ?? '', m.swings, ...INDICES.map((k) => fractionString(m[k])), m.veto, m.dummy].join('|');
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { members: [] }));
    g.members.push(m);
  }
  return [...byKey.values()];
}

function label(g: Group): string {
  const ids = g.members.map((m) => m.id);
  if (ids.length === 1) return ids[0];
  const shown = ids.slice(0, 3).join(', ');
  return `${ids.length} × ${shown}${ids.length > 3 ? ', …' : ''}`;
}

const showWeights = (r: PowerResult): boolean => r.participants.some((m) => m.weight !== 1);

const COLUMNS = (weights: boolean): Column[] => [
  { header: 'Participant' },
  ...(weights ? [{ header: 'Weight', align: 'right' as const }] : []),
  { header: 'Swings', align: 'right' },
  { header: 'Banzhaf abs', align: 'right' },
  { header: 'Banzhaf norm', align: 'right' },
  { header: 'Shapley-Shubik', align: 'right' },
  { header: 'Preventive', align: 'right' },
  { header: 'Initiative', align: 'right' },
  { header: 'Notes' },
];

function rows(result: PowerResult): string[][] {
  const weights = showWeights(result);
  return groups(result).map((g) => {
    const m = g.members[0];
    return [
      label(g),
      ...(weights ? [String(m.weight)] : []),
      countText(m.swings),
      ...INDICES.map((k) => indexText(toNumber(m[k]))),
      flags(m),
    ];
  });
}

function heading(r: PowerResult): string[] {
  const listed = r.participants.length;
  const veto = r.participants.filter((m) => m.veto).length;
  const dummies = r.participants.filter((m) => m.votes && m.dummy).length;
  const exact = r.voters <= EXACT_TEXT_LIMIT ? ` = ${exactText(r.powerToAct)}` : '';
  return [
    `Rule: ${r.rule} (${r.title})`,
    `Voters: ${r.voters}${listed !== r.voters ? ` of ${listed} listed` : ''}; veto players: ${veto}; dummies among voters: ${dummies}; exact (${r.method})`,
    `Power to act (Coleman): ${indexText(toNumber(r.powerToAct))}${exact} (${r.voters <= 60 ? `${r.winning} of the ${r.coalitions}` : `share of the 2^${r.voters}`} coalitions win)`,
  ];
}

function summary(results: readonly PowerResult[], render: typeof textTable): string {
  const columns: Column[] = [
    { header: 'Rule' },
    { header: 'Voters', align: 'right' },
    { header: 'Power to act', align: 'right' },
    { header: 'Exact', align: 'right' },
    { header: 'Veto players', align: 'right' },
    { header: 'Dummies', align: 'right' },
    { header: 'Max Banzhaf abs', align: 'right' },
  ];
  const body = results.map((r) => {
    const voters = r.participants.filter((m) => m.votes);
    const maxAbs = voters.reduce((a, m) => Math.max(a, toNumber(m.banzhafAbsolute)), 0);
    return [
      r.rule,
      String(r.voters),
      indexText(toNumber(r.powerToAct)),
      r.voters <= EXACT_TEXT_LIMIT ? exactText(r.powerToAct) : '',
      String(r.participants.filter((m) => m.veto).length),
      String(voters.filter((m) => m.dummy).length),
      indexText(maxAbs),
    ];
  });
  return render(columns, body);
}

function table(results: readonly PowerResult[], markdown: boolean, extras: PowerExtras): string {
  const render = markdown ? markdownTable : textTable;
  const parts: string[] = [];
  if (extras.note) parts.push(markdown ? `_${extras.note}_` : extras.note, '');
  if (results.length > 1) parts.push(markdown ? '### Rules side by side' : 'Rules side by side', '', summary(results, render), '');
  for (const r of results) {
    const head = heading(r);
    parts.push(...(markdown ? [`### ${head[0]}`, '', ...head.slice(1).map((l) => `${l}  `)] : head), '', render(COLUMNS(showWeights(r)), rows(r)), '');
  }
  parts.push(
    'Banzhaf abs: chance that the member\'s vote decides when all others vote at random. Banzhaf norm: share of all swings.',
    'Shapley-Shubik: share of voting orders in which the member is pivotal. Preventive: share of winning coalitions the',
    'member can stop (1 = veto). Initiative: share of losing coalitions the member can turn into winning ones.',
    'Power to act: share of all coalitions that win. Swings: coalitions of the others that the member\'s vote turns.',
  );
  if (extras.stamp) parts.push('', ...(markdown ? stampLines(extras.stamp).map((l) => `_${l}_  `) : stampLines(extras.stamp)));
  return `${parts.join('\n')}\n`;
}

/** JSON: one object for one rule, an array for several (each element with the stamp, so that the shape stays). */
function json(results: readonly PowerResult[], single: boolean, extras: PowerExtras): string {
  const one = (r: PowerResult) => {
    const exact = r.voters <= EXACT_TEXT_LIMIT;
    return {
      rule: r.rule,
      title: r.title,
      voters: r.voters,
      method: r.method,
      powerToAct: toNumber(r.powerToAct),
      ...(exact ? { powerToActExact: fractionString(r.powerToAct), coalitions: String(r.coalitions), winning: String(r.winning) } : {}),
      participants: r.participants.map((m) => ({
        id: m.id,
        name: m.name,
        weight: m.weight,
        votes: m.votes,
        ...(m.note ? { note: m.note } : {}),
        swings: Number(m.swings),
        banzhafAbsolute: toNumber(m.banzhafAbsolute),
        banzhafNormalized: toNumber(m.banzhafNormalized),
        shapleyShubik: toNumber(m.shapleyShubik),
        colemanPreventive: toNumber(m.colemanPreventive),
        colemanInitiative: toNumber(m.colemanInitiative),
        veto: m.veto,
        dummy: m.dummy,
        ...(exact
          ? { exact: { swings: String(m.swings), ...Object.fromEntries(INDICES.map((k) => [k, fractionString(m[k])])) } }
          : {}),
      })),
    };
  };
  const stamped = (r: PowerResult) => ({ ...one(r), ...(extras.scaling ? { scaling: extras.scaling } : {}), ...(extras.stamp ? { provenance: extras.stamp } : {}) });
  return `${JSON.stringify(single ? stamped(results[0]) : results.map(stamped), null, 2)}\n`;
}

function csv(results: readonly PowerResult[], extras: PowerExtras): string {
  const header = ['rule', 'id', 'name', 'weight', 'votes', 'swings', 'banzhaf_absolute', 'banzhaf_normalized', 'shapley_shubik', 'coleman_preventive', 'coleman_initiative', 'veto', 'dummy', 'power_to_act'];
  const lines = [csvRow(header)];
  for (const r of results) {
    const act = toNumber(r.powerToAct);
    for (const m of r.participants) {
      lines.push(csvRow([r.rule, m.id, m.name, m.weight, m.votes ? 1 : 0, String(m.swings), ...INDICES.map((k) => toNumber(m[k])), m.veto ? 1 : 0, m.dummy ? 1 : 0, act]));
    }
  }
  // the stamp in rows led by "provenance" in the rule column (as in the other reports' CSV: section, key, value)
  if (extras.stamp) lines.push(...stampCsvRows(extras.stamp, header.length));
  return `${lines.join('\n')}\n`;
}

/** `single`: one rule was asked for (JSON is then an object, not an array). */
export function renderPower(results: readonly PowerResult[], format: PowerFormat, single = results.length === 1, extras: PowerExtras = {}): string {
  switch (format) {
    case 'json':
      return json(results, single, extras);
    case 'csv':
      return csv(results, extras);
    case 'markdown':
      return escapeMarkdown(table(results, true, extras));
    default:
      return table(results, false, extras);
  }
}
