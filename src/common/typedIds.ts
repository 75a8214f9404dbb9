/**
 * Ids typed on the command line (`--as Zimbabwe`, `participants[id=South Africa]`, `--target Suspend`, `--outcome`,
 * `--map-group adpa=SADC`, reform and rule names): the one place they are matched against the ids a scenario, the rule
 * registry or the reform catalogue knows. Ids in scenario files are lower-case by the schema; what
 * a person types is read generously:
 *
 *   1. the id exactly as written;
 *   2. else the one id equal to it ignoring case, accents, and spaces or underscores for dashes (`South_Africa`);
 *   3. else the one entry whose display name is equal to it that way (`"South Africa"` → `south-africa`,
 *      `"Cote d'Ivoire"` → `cote-divoire`).
 *
 * Two entries matching at the same step is refused as ambiguous (naming both); no match at all is refused with the
 * near matches and the ids to choose from. Pure: entries in, an id or a message out.
 */
import { UserError } from './errors';
import { editDistance, listOf } from './suggest';

export interface IdEntry {
  readonly id: string;
  /** the display name (a participant's name, an option's label), matched when no id is */
  readonly name?: string;
}

export type IdMatch =
  | { readonly id: string }
  /** more than one entry matches at the same step: their ids */
  | { readonly ambiguous: readonly string[]; readonly by: 'id' | 'name' }
  /** nothing matches: the nearest ids (closest first), possibly none */
  | { readonly near: readonly string[] };

/** The form two spellings are compared in: no accents, lower case, spaces and underscores as dashes. */
export function idKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-');
}

/** The entry `typed` names, or why none does. */
export function matchId(typed: string, entries: readonly IdEntry[]): IdMatch {
  const exact = entries.find((e) => e.id === typed);
  if (exact) return { id: exact.id };
  const key = idKey(typed);
  if (key === '') return { near: [] };
  const unique = (ids: string[]) => [...new Set(ids)];
  const byId = unique(entries.filter((e) => idKey(e.id) === key).map((e) => e.id));
  if (byId.length === 1) return { id: byId[0] };
  if (byId.length > 1) return { ambiguous: byId, by: 'id' };
  const byName = unique(entries.filter((e) => e.name !== undefined && idKey(e.name) === key).map((e) => e.id));
  if (byName.length === 1) return { id: byName[0] };
  if (byName.length > 1) return { ambiguous: byName, by: 'name' };
  return { near: nearIds(key, entries) };
}

/** Up to three ids whose id or name is a likely misspelling of `key` (or contains it), closest first. */
function nearIds(key: string, entries: readonly IdEntry[]): string[] {
  const limit = Math.max(2, Math.floor(key.length / 3));
  const scored = entries.flatMap((e) => {
    const distances = [e.id, ...(e.name === undefined ? [] : [e.name])].map((s) => {
      const other = idKey(s);
      const d = editDistance(key, other);
      // a part of the id ("africa" for south-africa) counts as near
      return key.length >= 3 && (other.includes(key) || key.includes(other)) ? Math.min(d, limit) : d;
    });
    const d = Math.min(...distances);
    return d <= limit ? [{ id: e.id, d }] : [];
  });
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((s) => s.id);
}

export interface TypedIdContext {
  /** the option as typed, e.g. `--as Zimbabw` or `--vary participants[id=x].flexibility=0:1:0.1` */
  readonly where: string;
  /** what the ids are, singular: "participant", "tabled option", "bloc" */
  readonly kind: string;
  /** whose ids they are, e.g. `scenario "kp-2009-swakopmund"` (none: the kind says it, e.g. "bundled reform") */
  readonly scope?: string;
  /** what the list of ids in the message is called (default: the kind, plural), e.g. "seats" */
  readonly listed?: string;
  /** how to see them all, e.g. "plenary participants SCENARIO lists them" */
  readonly hint?: string;
}

/** The message for a typed id that names nothing, or more than one thing. */
export function idProblem(typed: string, match: Exclude<IdMatch, { id: string }>, entries: readonly IdEntry[], context: TypedIdContext): string {
  const { where, kind, scope, listed, hint } = context;
  if ('ambiguous' in match) {
    const names = new Map(entries.map((e) => [e.id, e.name]));
    const which = match.ambiguous.map((id) => (match.by === 'name' ? `${id} "${names.get(id)}"` : id)).join(', ');
    return `${where}: "${typed}" is ambiguous: it matches the ${match.by === 'id' ? 'ids' : 'names'} of ${match.ambiguous.length} ${kind}s${scope ? ` of ${scope}` : ''} ignoring case (${which}); type the id exactly`;
  }
  const ids = [...new Set(entries.map((e) => e.id))];
  const guess = match.near.length === 0 ? '' : ` Did you mean ${match.near.map((id) => `"${id}"`).join(' or ')}?`;
  return `${where}: not ${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}${scope ? ` of ${scope}` : ''} (${listed ?? `${kind}s`}: ${listOf(ids, 12) || 'none'}${hint ? `; ${hint}` : ''}).${guess}`;
}

/** The id `typed` names among `entries`; a UserError (exit 2) saying why not. */
export function idOrThrow(typed: string, entries: readonly IdEntry[], context: TypedIdContext): string {
  const match = matchId(typed, entries);
  if ('id' in match) return match.id;
  throw new UserError(idProblem(typed, match, entries, context));
}

