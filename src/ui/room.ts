/**
 * A room: one plenary hosted for several trainees, each at their own terminal (`plenary serve` / `plenary join`).
 * The room holds the one authoritative run (a `TrainerSession`, deterministic from the seed and the trainees'
 * decisions); simulated participants fill the seats nobody took. This file is the room's logic without sockets:
 * messages in, messages out (the small JSON protocol of docs/trainer-guide.md). The shells (serve.ts, join.ts) only
 * carry the messages over WebSockets and draw the screens.
 */
import { Controls, type KeyInfo } from './controls';
import { debriefScreen, runScreen, type Comparison, type Line } from './screen';
import { sameSeat, seatNamed, type Seat, type TrainerSession } from './session';

// ---- the protocol --------------------------------------------------------------------------------------------

/** Client → host. */
export type ClientMessage =
  | { readonly type: 'join'; readonly seat: string; readonly columns?: number; readonly rows?: number }
  | { readonly type: 'key'; readonly key: string }
  | { readonly type: 'resize'; readonly columns: number; readonly rows: number };

/** Why a join is refused. */
export type RefusalReason = 'seat-taken' | 'unknown-seat' | 'not-joined' | 'bad-message' | 'ended';

/** Host → client. */
export type HostMessage =
  | { readonly type: 'welcome'; readonly seat: string; readonly name: string; readonly rejoined: boolean }
  | { readonly type: 'refused'; readonly reason: RefusalReason; readonly message: string }
  | { readonly type: 'screen'; readonly lines: readonly Line[]; readonly turn: string | null; readonly done: boolean }
  | { readonly type: 'debrief'; readonly markdown: string }
  | { readonly type: 'end'; readonly message: string };

/** Key names on the wire: one character, or one of these. */
export const KEY_NAMES = ['space', 'tab', 'escape', 'left', 'right', 'backspace'] as const;

/** A message from a client, checked; a string saying what is wrong otherwise. */
export function parseClientMessage(text: string): ClientMessage | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const m = value as Record<string, unknown>;
  const size = (x: unknown) => x === undefined || (Number.isInteger(x) && (x as number) >= 20 && (x as number) <= 1000);
  switch (m.type) {
    case 'join':
      if (typeof m.seat !== 'string' || m.seat.length === 0 || m.seat.length > 200) return 'join.seat: a seat id ("chair" or a participant id) is needed';
      if (!size(m.columns) || !size(m.rows)) return 'join.columns/rows: whole numbers from 20 to 1000';
      return { type: 'join', seat: m.seat, ...(m.columns !== undefined ? { columns: m.columns as number } : {}), ...(m.rows !== undefined ? { rows: m.rows as number } : {}) };
    case 'key':
      if (typeof m.key !== 'string' || !([...m.key].length === 1 || (KEY_NAMES as readonly string[]).includes(m.key))) return `key.key: one character or one of ${KEY_NAMES.join(', ')}`;
      return { type: 'key', key: m.key };
    case 'resize':
      if (!size(m.columns) || !size(m.rows) || m.columns === undefined || m.rows === undefined) return 'resize.columns/rows: whole numbers from 20 to 1000';
      return { type: 'resize', columns: m.columns as number, rows: m.rows as number };
    default:
      return `type: unknown message type ${JSON.stringify(m.type)} (allowed: join, key, resize)`;
  }
}

/** A key name from the wire as the controls read it. */
export function keyOf(name: string): { readonly input: string; readonly key: KeyInfo } {
  switch (name) {
    case 'space':
      return { input: ' ', key: {} };
    case 'tab':
      return { input: '\t', key: { tab: true } };
    case 'escape':
      return { input: '', key: { escape: true } };
    case 'left':
      return { input: '', key: { leftArrow: true } };
    case 'right':
      return { input: '', key: { rightArrow: true } };
    case 'backspace':
      return { input: '', key: { backspace: true } };
    default:
      return { input: name, key: {} };
  }
}

// ---- the room ------------------------------------------------------------------------------------------------

/** One trainee's place in the room: a seat, its screen's controls, whether its connection is up. */
interface Place {
  readonly id: string;
  readonly seat: Seat;
  readonly controls: Controls;
  connected: boolean;
  columns: number;
  rows: number;
}

/** What happened, for the host's log (and the shells). */
export type RoomEvent = { readonly kind: 'joined' | 'rejoined' | 'dropped'; readonly id: string } | { readonly kind: 'step'; readonly lines: readonly string[] } | { readonly kind: 'ended' };

export class Room {
  private readonly places = new Map<string, Place>();
  /** the host plays (steps on its own when no trainee has to decide) */
  playing = false;
  ended = false;
  private seen = 0;
  private readonly hostControls: Controls;

  constructor(
    readonly session: TrainerSession,
    private readonly comparison: Comparison | undefined,
    private readonly debriefMarkdown: () => string,
  ) {
    this.hostControls = new Controls(session, { viewer: [], drives: false });
  }

  /** A seat as a trainee typed it (an id or name in any case) → the seat and its id, or why not. */
  seatOf(typed: string): { readonly seat: Seat; readonly id: string } | string {
    return seatNamed(this.session.model, typed, `unknown seat "${typed}"`);
  }

  /** A client asks for a seat (as typed). Returns the reply (welcome or refusal); the welcome names the seat's id. */
  join(typed: string, columns = 100, rows = 30): HostMessage {
    if (this.ended) return { type: 'refused', reason: 'ended', message: 'the plenary has ended' };
    const named = this.seatOf(typed);
    if (typeof named === 'string') return { type: 'refused', reason: 'unknown-seat', message: named };
    const { seat, id } = named;
    const place = this.places.get(id);
    if (place?.connected) return { type: 'refused', reason: 'seat-taken', message: `the seat "${id}" is taken: another trainee is connected to it` };
    if (place) {
      place.connected = true;
      place.columns = columns;
      place.rows = rows;
      this.events.push({ kind: 'rejoined', id });
      return { type: 'welcome', seat: id, name: this.session.seatName(seat), rejoined: true };
    }
    this.session.claim(seat);
    this.places.set(id, { id, seat, controls: new Controls(this.session, { viewer: [seat], drives: false }), connected: true, columns, rows });
    this.events.push({ kind: 'joined', id });
    return { type: 'welcome', seat: id, name: this.session.seatName(seat), rejoined: false };
  }

  /** The client's connection dropped: its seat waits for it (the host can step past it). */
  drop(id: string): void {
    const place = this.places.get(id);
    if (!place || !place.connected) return;
    place.connected = false;
    this.events.push({ kind: 'dropped', id });
  }

  /** A key from a joined client. */
  key(id: string, name: string): void {
    const place = this.places.get(id);
    if (!place || this.ended) return;
    const { input, key } = keyOf(name);
    place.controls.key(input, key);
    this.noteSteps();
  }

  resize(id: string, columns: number, rows: number): void {
    const place = this.places.get(id);
    if (!place) return;
    place.columns = columns;
    place.rows = rows;
  }

  /** The host steps once: a simulated step, or past a trainee who has not decided (simulated this once). */
  step(): boolean {
    if (this.ended) return false;
    const moved = this.session.stepForced();
    this.noteSteps();
    return moved;
  }

  /** While playing: one simulated step if nobody has to decide. Returns true when it stepped. */
  tick(): boolean {
    if (!this.playing || this.ended || this.session.done || this.session.turn !== undefined) return false;
    const moved = this.session.stepSimulated();
    this.noteSteps();
    return moved;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.playing = false;
    this.events.push({ kind: 'ended' });
  }

  /** Events since the last call (the host's log). */
  readonly events: RoomEvent[] = [];
  takeEvents(): RoomEvent[] {
    return this.events.splice(0, this.events.length);
  }

  private noteSteps(): void {
    const t = this.session.timeline;
    if (t.length < this.seen) this.seen = 0;
    for (; this.seen < t.length; this.seen++) this.events.push({ kind: 'step', lines: t[this.seen].lines });
  }

  /** The room in a few words, for every screen: who sits where, who is connected, whose turn. */
  status(): string[] {
    const parts = [...this.places.values()].map((p) => `${this.session.seatName(p.seat)} ${p.connected ? '●' : '○ dropped'}`);
    const turn = this.session.turn;
    const waiting = turn ? [...this.places.values()].find((p) => sameSeat(p.seat, turn.seat)) : undefined;
    const note = waiting && !waiting.connected ? ` · waiting for ${this.session.seatName(waiting.seat)} (dropped; the host can step past)` : '';
    return [`Room: ${parts.length > 0 ? parts.join(', ') : 'nobody yet'}; the other seats are simulated${this.playing ? '' : ' · the host has paused'}${note}`];
  }

  /** Ids of the joined seats (connected or not). */
  joined(): string[] {
    return [...this.places.keys()];
  }

  connected(id: string): boolean {
    return this.places.get(id)?.connected === true;
  }

  /** The screen message for a client. */
  screenFor(id: string): HostMessage | undefined {
    const place = this.places.get(id);
    if (!place) return undefined;
    const st = place.controls.state;
    const options = {
      columns: place.columns,
      rows: place.rows,
      viewer: [place.seat],
      room: this.status(),
      ...(this.comparison ? { comparison: this.comparison } : {}),
      footer: st.view === 'debrief' ? 'r next rule · Tab run screen · ? help · q leave' : 'l list · Tab debrief · ? help · q leave (you can rejoin your seat)',
    };
    const lines = st.view === 'debrief' || this.session.done ? debriefScreen(this.session.debrief(this.comparison?.rules ?? [], this.comparison?.simulated), { ...st, view: 'debrief' }, options) : runScreen(this.session, st, options);
    const turn = this.session.turn;
    const turnId = turn === undefined ? null : turn.kind === 'chair' ? 'chair' : this.session.model.ids[turn.member];
    return { type: 'screen', lines, turn: turnId, done: this.session.done };
  }

  /** The host's own screen (everyone's view, the room's status). */
  hostScreen(columns: number, rows: number): Line[] {
    const controls = this.hostControls;
    return runScreen(this.session, { ...controls.state, playing: this.playing }, {
      columns,
      rows,
      viewer: [],
      who: 'The host (trainees decide in their seats; the rest is simulated)',
      room: this.status(),
      footer: `${this.playing ? 'p pause' : 'p play'} · space step (past a trainee who has not decided) · e end the plenary`,
    });
  }

  debrief(): string {
    return this.debriefMarkdown();
  }
}
