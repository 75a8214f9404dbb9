/**
 * The trainer's keys: one mnemonic key per kind of move, the same in every state and every seat, so that a key
 * pressed in front of a room always means the same thing. The kinds of chair move come from the procedure's own
 * list of chair events (`chairMoves`), so an event the procedure adds later (EXTEND, REFER, ...) gets a key from
 * the fallback without a change here. Numbers only pick which one (which option to table, whom to press).
 */
import { chairMoves, type ProcedureEvent } from '../procedure/machine';
import type { Stance } from '../rules/types';

export interface MoveKind {
  /** the chair event type (TABLE, CALL_FOR_CONSENSUS, ...) */
  readonly type: string;
  readonly key: string;
  /** short name for the move bar */
  readonly label: string;
}

/** Keys that are not moves: stepping, going back, the screens. No move kind may take them. */
export const KEYS = {
  step: ' ',
  back: 'u',
  play: 'p',
  list: 'l',
  rule: 'r',
  help: '?',
  quit: 'q',
  press: 'w',
} as const;

/** Play speeds, steps per second (+ and - choose). */
export const SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** The answers of a delegation: y yes (support), a accept, s stand aside (abstain), b block (object). */
export const STANCE_KEYS: readonly string[] = ['y', 'a', 's', 'b'];
export const stanceOfKey = (key: string): Stance | undefined => {
  const i = STANCE_KEYS.indexOf(key);
  return i < 0 ? undefined : (i as Stance);
};

/** The known chair events; anything else gets a key from its name (fallback). */
const KNOWN: Record<string, { readonly key: string; readonly label: string }> = {
  TABLE: { key: 't', label: 'table' },
  CALL_FOR_CONSENSUS: { key: 'c', label: 'call for consensus' },
  CALL_VOTE: { key: 'v', label: 'vote' },
  CONSULT: { key: 'o', label: 'consult' },
  OFFER_CONCESSION: { key: 'n', label: 'concession' },
  DEFER: { key: 'd', label: 'defer' },
  CLOSE: { key: 'x', label: 'close' },
  EXTEND: { key: 'e', label: 'extend time' },
  REFER: { key: 'f', label: 'refer' },
  // the instruments (issue 13): draft a text, the friends of the chair, declare (the chair's action)
  DRAFT: { key: 'g', label: 'draft text' },
  DECLARE: { key: 'k', label: 'declare' },
  CONVENE_FRIENDS: { key: 'i', label: 'friends of the chair' },
};

const RESERVED = new Set<string>([...Object.values(KEYS), ...STANCE_KEYS, 'h']);

/** Kinds of move for a list of chair event types, in the order given; unknown types get the first free letter. */
export function moveKindsOf(types: readonly string[]): MoveKind[] {
  const used = new Set<string>(RESERVED);
  const kinds: MoveKind[] = [];
  const unique = [...new Set(types)];
  for (const type of unique) {
    const known = KNOWN[type];
    if (known && !used.has(known.key)) {
      used.add(known.key);
      kinds.push({ type, ...known });
    }
  }
  for (const type of unique) {
    if (kinds.some((k) => k.type === type)) continue;
    const label = KNOWN[type]?.label ?? type.toLowerCase().replace(/_/g, ' ');
    const letters = [...label.replace(/[^a-z]/g, ''), ...'abcdefghijklmnopqrstuvwxyz'];
    const key = letters.find((c) => !used.has(c));
    if (key === undefined) continue; // 26 kinds of chair move: none left
    used.add(key);
    kinds.push({ type, key, label });
  }
  return kinds;
}

/** The kinds of chair move of an item with `options` tabled options, from the procedure's list of chair events. */
export const chairMoveKinds = (options: number): MoveKind[] => moveKindsOf(chairMoves(options).map((e: ProcedureEvent) => e.type));
