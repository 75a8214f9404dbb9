/**
 * The trainer's keys turned into session calls, for one screen: one terminal (every seat of a hot-seat), a room's
 * client (its own seat) or the host. A key always does the same kind of move (keys.ts); when the move is not allowed
 * now, or not this seat's, the screen says why instead. No React, no I/O: Trainer.tsx and the room call `key()`.
 */
import { OBJECT, STANCES, type Stance } from '../rules/types';
import { chairMoveKinds, KEYS, SPEEDS, stanceOfKey } from './keys';
import { groupsOf } from './screen';
import { pressOutcome, pressureNote } from './pressureNote';
import { sameSeat, type Seat, type TrainerSession } from './session';
import type { Picker, Target, ViewState } from './viewState';

export { SPEEDS };

export type { Picker, Target };

/** What the screen shows besides the session. */
export type { ViewState };

export interface ControlOptions {
  /** the seats this screen decides for (default: every seat of the session, a hot-seat) */
  readonly viewer?: readonly Seat[];
  /** stepping, going back and playing are the screen's own (false for a room's client: the host steps) */
  readonly drives?: boolean;
}

/** The key pressed, as ink reports it (only what the trainer reads). */
export interface KeyInfo {
  readonly escape?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly tab?: boolean;
  readonly ctrl?: boolean;
}

export type KeyResult = 'quit' | 'interrupt' | undefined;

export class Controls {
  readonly state: ViewState = { view: 'run', help: false, list: false, page: 0, alt: -1, playing: false, speed: 2 };
  private readonly drives: boolean;

  constructor(
    readonly session: TrainerSession,
    private readonly options: ControlOptions = {},
  ) {
    this.drives = options.drives ?? true;
    // said once, when the screen opens: a press that cannot move anybody is explained, not silently offered
    this.state.message = pressureNote(session, this.viewer);
  }

  /** The seats this screen decides for. */
  get viewer(): readonly Seat[] {
    return this.options.viewer ?? this.session.seats;
  }

  private say(message: string | undefined): undefined {
    this.state.message = message;
    return undefined;
  }

  /** After the session moved: leave play at the end and show the debrief. */
  private moved(): void {
    this.state.picker = undefined;
    this.say(undefined);
    if (this.session.done) {
      this.state.playing = false;
      this.state.view = 'debrief';
    }
  }

  /** One simulated step (space), or why not. */
  step(): undefined {
    const s = this.session;
    if (s.done) return this.say('The item is over: Tab for the debrief.');
    const turn = s.turn;
    if (turn) {
      const keys = turn.kind === 'chair' ? 'the key of a move in brackets' : 'y support, a accept, s abstain or b object';
      return this.say(`${turn.kind === 'chair' ? "The Chair's move" : `${s.model.names[turn.member]}'s answer`} first: press ${keys}.`);
    }
    s.stepSimulated();
    this.moved();
    return undefined;
  }

  key(input: string, key: KeyInfo = {}): KeyResult {
    const st = this.state;
    const s = this.session;
    if (key.ctrl && input === 'c') return 'interrupt';
    if (st.help) {
      st.help = false;
      return undefined;
    }
    if (key.escape && st.picker) {
      st.picker = undefined;
      return this.say('Cancelled.');
    }
    if (input === KEYS.quit || key.escape) {
      st.playing = false;
      return 'quit';
    }
    if (input === KEYS.help || input === 'h') {
      st.help = true;
      return undefined;
    }
    if (key.tab || input === '\t') {
      st.view = st.view === 'run' ? 'debrief' : 'run';
      return undefined;
    }
    if (this.drives && (input === KEYS.back || key.leftArrow || key.backspace || key.delete)) {
      st.picker = undefined;
      if (s.back()) {
        st.view = 'run';
        return this.say(undefined);
      }
      return this.say('Already at the start of the run.');
    }
    if (st.view === 'debrief') {
      if (input === KEYS.rule) st.alt += 1;
      return undefined;
    }
    if (input === KEYS.list) {
      if (!st.list) {
        st.list = true;
        st.page = 0;
      } else {
        st.page += 1;
        if (st.page >= this.pages()) st.list = false;
      }
      return undefined;
    }
    if (/^[1-9]$/.test(input)) return this.pick(Number(input) - 1);
    if (this.drives && (input === KEYS.step || key.rightArrow)) return this.step();
    if (this.drives && input === KEYS.play) {
      if (!s.done) st.playing = !st.playing;
      return this.say(undefined);
    }
    if (this.drives && (input === '+' || input === '=')) {
      st.speed = Math.min(SPEEDS.length - 1, st.speed + 1);
      return undefined;
    }
    if (this.drives && (input === '-' || input === '_')) {
      st.speed = Math.max(0, st.speed - 1);
      return undefined;
    }
    if (st.picker?.kind === 'press-toward') {
      const stance = stanceOfKey(input);
      if (stance !== undefined) return this.pressToward(stance);
    }
    const stance = stanceOfKey(input);
    if (stance !== undefined) return this.answer(stance);
    if (input === KEYS.press) return this.startPress();
    const kind = chairMoveKinds(s.model.options.length).find((k) => k.key === input);
    if (kind) return this.chairMove(kind.type, kind.label);
    return undefined;
  }

  private pages(): number {
    const members = this.session.model.size;
    return Math.max(1, Math.ceil(members / 24));
  }

  private chairSeat(): Seat | undefined {
    return this.viewer.find((x) => x.kind === 'chair');
  }

  private chairMove(type: string, label: string): KeyResult {
    const s = this.session;
    if (s.done) return this.say('The item is over: Tab for the debrief.');
    const chair = this.chairSeat();
    if (!chair) return this.say(`"${label}" is a move of the Chair; ${this.viewer.length === 0 ? 'in a replay the Chair is simulated (space steps)' : `you are ${this.viewer.map((x) => s.seatName(x)).join(', ')}`}.`);
    if (s.turn?.kind !== 'chair') return this.say(`Not the Chair's turn: ${s.turn ? `waiting for ${s.model.names[(s.turn as { member: number }).member]}'s answer` : 'the floor answers next (space steps)'}.`);
    const events = s.run.allowedChairMoves().filter((e) => e.type === type);
    if (events.length === 0) return this.say(`Not allowed now: ${label} (${whyNot(s, type)}).`);
    if (events.length === 1) {
      s.move(events[0]);
      this.moved();
      return undefined;
    }
    this.state.picker = { kind: 'table', options: events.map((e) => ({ label: e.type === 'TABLE' ? (s.model.options[e.option]?.name ?? s.moveLabel(e)) : s.moveLabel(e), event: e })) };
    return this.say(undefined);
  }

  private answer(stance: Stance): KeyResult {
    const s = this.session;
    const turn = s.turn;
    const observer = this.viewer.find((x) => x.kind === 'member' && !s.decides(x.member));
    const answering = this.viewer.filter((x) => x.kind === 'member' && s.decides(x.member));
    if (answering.length === 0) {
      if (observer) return this.say(`Observers do not decide: ${s.seatName(observer)} cannot ${STANCES[stance]}. Press ${KEYS.press} to press delegations.`);
      return this.say(`"${STANCES[stance]}" is a delegation's answer; ${this.chairSeat() ? 'you chair the meeting' : 'in a replay the floor is simulated'}.`);
    }
    // the floor answers together: the seat whose turn it is first (one terminal), else any of this screen's seats still to answer
    const member =
      turn?.kind === 'answer' && answering.some((x) => sameSeat(x, turn.seat))
        ? turn.member
        : turn?.kind === 'answer'
          ? answering.flatMap((x) => (x.kind === 'member' && !s.pending.has(x.member) ? [x.member] : []))[0]
          : undefined;
    if (member === undefined) {
      return this.say(turn?.kind === 'chair' ? "Not the floor's turn: the Chair moves next." : turn ? `Already answered: waiting for ${s.model.names[turn.member]}.` : 'Not your turn: the floor is not asked now.');
    }
    s.answer(member, stance);
    this.moved();
    return undefined;
  }

  private startPress(): KeyResult {
    const s = this.session;
    const observer = this.viewer.find((x) => x.kind === 'member' && !s.decides(x.member));
    if (!observer || observer.kind !== 'member') return this.say('Pressing delegations is what observers do: take an observer seat (--as an observer id).');
    if (s.done || s.run.context.option < 0) return this.say('Nothing is on the floor to press for yet.');
    const targets = pressTargets(s);
    this.state.picker = { kind: 'press-whom', by: observer.member, targets };
    return this.say(undefined);
  }

  private pressToward(stance: Stance): KeyResult {
    const p = this.state.picker;
    if (p?.kind !== 'press-toward') return undefined;
    if (stance === OBJECT) return this.say('Press toward support, accept or abstain.');
    this.session.press(p.by, p.target.members, stance);
    this.state.picker = undefined;
    return this.say(`You press ${p.target.label} toward ${STANCES[stance]}: ${pressOutcome(this.session)}`);
  }

  private pick(i: number): KeyResult {
    const p = this.state.picker;
    if (!p) return this.say(`Numbers pick from a list: ${chairMoveKinds(1)[0].key} to table an option${this.viewer.some((x) => x.kind === 'member' && !this.session.decides(x.member)) ? `, ${KEYS.press} to press delegations` : ''}.`);
    if (p.kind === 'table') {
      const choice = p.options[i];
      if (!choice) return this.say(`No option ${i + 1}.`);
      this.session.move(choice.event);
      this.moved();
      return undefined;
    }
    if (p.kind === 'press-whom') {
      const target = p.targets[i];
      if (!target) return this.say(`No ${i + 1} in the list.`);
      this.state.picker = { kind: 'press-toward', by: p.by, target };
      return this.say(undefined);
    }
    return undefined;
  }
}

/** Why the procedure refuses a kind of chair move now, in words. */
function whyNot(s: TrainerSession, type: string): string {
  const c = s.run.context;
  const state = s.run.state;
  switch (type) {
    case 'TABLE':
      return c.tabledMask === (1 << c.options.length) - 1 ? 'every option has been tabled' : state === 'chairToMove' || state === 'objected' ? 'not enough time left to table' : 'an option is on the floor; it can be replaced only after an objection';
    case 'CALL_FOR_CONSENSUS':
    case 'CALL_VOTE':
      return state === 'positionsStated' ? `the rule ${s.model.rule.title} ${type === 'CALL_VOTE' ? 'calls for consensus, not a vote' : 'votes'}` : state === 'objected' ? (type === 'CALL_VOTE' ? 'no vote is available on this option now' : 'consult first: the objection stands') : 'the floor has to state positions first';
    case 'CONSULT':
    case 'OFFER_CONCESSION':
      return state !== 'objected' ? 'there is no objection to consult on' : type === 'OFFER_CONCESSION' ? 'no concession is due in this round' : 'no consultation round (or no time) left on this option';
    case 'EXTEND':
      return 'the item is extended only when the time left cannot hold the next step, and only within the session';
    case 'DEFER':
    case 'CLOSE':
      return state === 'chairToMove' || state === 'objected' ? 'not in this state of the procedure' : 'the floor has to answer first';
    default:
      return `the procedure does not allow it in "${state}"`;
  }
}

/** Whom an observer can press: each bloc, then each objecting or abstaining delegation, by name (at most 9). */
export function pressTargets(s: TrainerSession): Target[] {
  const { model, run } = s;
  const targets: Target[] = [];
  for (let i = 0; i < model.size && targets.length < 5; i++) {
    if (model.voting[i] === 1 && (run.stances[i] === OBJECT || run.stances[i] === 2) && run.state !== 'floor') targets.push({ label: model.names[i], members: [i] });
  }
  for (const g of groupsOf(s)) if (targets.length < 9 && g.label !== 'In no bloc') targets.push({ label: g.label, members: g.members });
  return targets;
}
