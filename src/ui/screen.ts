/**
 * What the trainer screen shows, as lines of styled spans fitted to a terminal of a given size: the same lines drawn
 * by the ink screen (Trainer.tsx), by a room's clients (`plenary join`) and by the host. Pure: no React, no I/O.
 *
 * Layout by priority, so that a small terminal (80×24) or a projector never loses what matters: the header (title,
 * seat and turn, clock, state, tally) and the moves always show; the participants fold into one line per bloc
 * (`l` lists everyone by full name); the log takes the rows that are left.
 */
import { PROCEDURE_STATE_TITLES } from '../procedure/diagram';
import { UNDECIDED } from '../floor/stanceTable';
import { tallyOf } from '../floor/tally';
import { OBJECT, STANCES, SUPPORT, type Stance } from '../rules/types';
import { comparisonLines, type AlternativeRun, type Debrief } from '../report/debrief';
import { chairMoveKinds, KEYS, SPEEDS, STANCE_KEYS } from './keys';
import { STANCE_SYMBOL, stanceName, type Seat, type TrainerSession } from './session';
import { hours, pad, truncate, wrap } from './text';
import type { ViewState } from './viewState';
import { escapeControl } from '../common/terminalText';

export interface Span {
  readonly text: string;
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}
export type Line = readonly Span[];

export const STANCE_COLOR = ['green', 'cyan', 'yellow', 'red', 'gray'] as const;
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** The runs the debrief compares with, simulated by the caller (never by the screen). */
export interface Comparison {
  readonly simulated?: AlternativeRun;
  readonly rules: readonly AlternativeRun[];
}

export interface ScreenOptions {
  readonly columns: number;
  readonly rows: number;
  /** presenter mode: fewer, bigger elements for a projector */
  readonly present?: boolean;
  /** the seats this screen decides for (a room's client: its own seat; one terminal: every seat) */
  readonly viewer: readonly Seat[];
  readonly comparison?: Comparison;
  /** a prepared demo's caption */
  readonly caption?: string;
  /** lines about the room (host: who is connected) */
  readonly room?: readonly string[];
  /** who looks at the screen, when not a seat (the room's host) */
  readonly who?: string;
  /** footer keys (they differ between one terminal, a room's client and the host) */
  readonly footer?: string;
  readonly debriefFile?: string;
}

const plain = (text: string, style: Omit<Span, 'text'> = {}): Line => [{ text, ...style }];
export const lineText = (line: Line): string => line.map((s) => s.text).join('');

/**
 * Text from scenario files (names, labels) may hold control characters (an ESC sequence that clears the screen, a
 * BEL): the screens show them as visible escapes (`\x1b`), as every other report does (src/common/terminalText.ts).
 */
const safeLines = (lines: readonly Line[]): Line[] =>
  lines.map((line) => (line.some((s) => escapeControl(s.text) !== s.text) ? line.map((s) => ({ ...s, text: escapeControl(s.text) })) : line));

/** Cuts a line of spans to a width (characters), ending in "…" when cut. */
export function fitLine(line: Line, width: number): Line {
  const total = [...lineText(line)].length;
  if (total <= width) return line;
  const out: Span[] = [];
  let room = width - 1;
  for (const span of line) {
    if (room <= 0) break;
    const chars = [...span.text];
    out.push({ ...span, text: chars.slice(0, room).join('') });
    room -= Math.min(room, chars.length);
  }
  out.push({ text: '…' });
  return out;
}

/** Wraps a sequence of spans (each kept whole) into lines of a width. */
function flow(spans: readonly Span[], width: number, indent = ''): Line[] {
  const lines: Span[][] = [];
  let line: Span[] = [];
  let used = 0;
  for (const span of spans) {
    const n = [...span.text].length;
    if (used > 0 && used + [...span.text.trimEnd()].length > width) {
      lines.push(line);
      line = indent ? [{ text: indent }] : [];
      used = indent.length;
    }
    line.push(span);
    used += n;
  }
  if (line.length > 0) lines.push(line);
  // the spaces that separate items are not wanted at a line's end
  return lines.map((l) => (l.length === 0 ? l : [...l.slice(0, -1), { ...l[l.length - 1], text: l[l.length - 1].text.trimEnd() }]));
}

/** The seat whose decision the run waits for, in words, or undefined. */
function turnText(session: TrainerSession): string | undefined {
  const turn = session.turn;
  if (!turn) return undefined;
  if (turn.kind === 'chair') return "the Chair's move";
  const waiting = session.answeringMembers().filter((m) => !session.pending.has(m));
  return waiting.length > 1 ? `answers from ${waiting.map((m) => session.model.names[m]).join(', ')}` : `${session.model.names[turn.member]}'s answer`;
}

function header(session: TrainerSession, o: ScreenOptions): Line[] {
  const { model, run } = session;
  const w = o.columns;
  const c = run.context;
  const item = model.scenario.meeting.item;
  const title = `${model.scenario.meeting.title}${item ? ` — ${item}` : ''}`;
  // the title and the seat line wrap (two lines at most) rather than lose their ends
  const lines: Line[] = wrap(title, w)
    .slice(0, 2)
    .map((t) => plain(t, o.present ? { bold: true, inverse: true } : { bold: true }));
  // seat and turn
  const seats = session.seats;
  const you = o.who !== undefined ? o.who : o.viewer.length === 0 ? 'Replay (simulated chair)' : o.viewer.length === 1 ? youText(session, o.viewer[0]) : `seats: ${o.viewer.map((s) => session.seatName(s)).join(', ')}`;
  const turn = turnText(session);
  const others = seats.length > o.viewer.length ? ` · in the room: ${seats.length} trainee seat${seats.length === 1 ? '' : 's'}` : '';
  const turnSpans: Span[] = turn ? [{ text: 'Turn: ' }, { text: turn, bold: true, color: 'yellow', ...(o.present ? { inverse: true } : {}) }] : run.done ? [{ text: 'the item is over' }] : [];
  const rest: Span[] = [...(others ? [{ text: others }] : []), { text: ` · rule: ${model.rule.title}` }, { text: ` · run ${session.runIndex}, seed "${session.seed}"` }];
  // several seats on one terminal: whose turn it is comes first (it must never be cut)
  const seatLine: Span[] =
    o.viewer.length > 1
      ? [...turnSpans, { text: turnSpans.length > 0 ? ' · ' : '' }, { text: you }, ...rest]
      : [{ text: you, bold: true }, ...(turnSpans.length > 0 ? [{ text: ' · ' }, ...turnSpans] : []), ...rest];
  lines.push(...flow(seatLine.filter((x) => x.text !== ''), w, '  ').slice(0, 2));
  // clock
  // the item's budget as it stands (the chair may have extended it within the session)
  const budget = c.itemBudgetHours;
  const used = c.hours;
  const bar = 12;
  const filled = Math.min(bar, Math.round((used / Math.max(budget, 1e-9)) * bar));
  lines.push([
    { text: 'Clock ' },
    { text: `[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}]`, color: 'blue' },
    { text: ` ${hours(used)} used, ${hours(Math.max(0, budget - used))} left of the item's ${hours(budget)} · tabling ${hours(model.procedure.hoursToTable)}, a round ${hours(model.procedure.hoursPerRound)}` },
  ]);
  // state
  const option = c.option >= 0 ? model.options[c.option].name : 'nothing yet';
  const rounds = c.option >= 0 ? ` · consultations ${c.round} of ${c.maxRoundsPerOption}` : '';
  lines.push([{ text: 'State: ' }, { text: PROCEDURE_STATE_TITLES[run.state], bold: true, ...(o.present ? { inverse: true } : {}) }, { text: ` · on the floor: ${option}${rounds}` }]);
  lines.push(tallyLine(session));
  return lines.map((l) => fitLine(l, w));
}

function youText(session: TrainerSession, seat: Seat): string {
  if (seat.kind === 'chair') return 'You chair the meeting';
  if (seat.kind === 'member') return session.decides(seat.member) ? `You speak for ${session.model.names[seat.member]}` : `You observe for ${session.model.names[seat.member]} (observers press, they do not decide)`;
  return 'Replay (simulated chair)';
}

function counts(session: TrainerSession, members: readonly number[]): number[] {
  const { run, model } = session;
  const n = [0, 0, 0, 0, 0];
  const fresh = run.state === 'floor' || run.context.option < 0;
  for (const m of members) if (model.voting[m] === 1) n[fresh ? UNDECIDED : run.stances[m]]++;
  return n;
}

function tallyLine(session: TrainerSession): Line {
  const { run, model } = session;
  const c = run.context;
  if (c.option < 0) return plain('Tally: nothing tabled yet');
  if (run.state === 'floor') return plain(`Tally: positions on "${model.options[c.option].name}" not stated yet`);
  const all = model.ids.map((_, i) => i);
  const n = counts(session, all);
  const spans: Span[] = [{ text: 'Tally: ' }];
  for (let s = 0; s < 4; s++) spans.push({ text: `${STANCE_SYMBOL[s]} ${n[s]} ${STANCES[s]}${s < 3 ? '  ' : ''}`, color: STANCE_COLOR[s] });
  const last = session.lastCall();
  if (last) spans.push({ text: ` · last call: ${last.check} ${last.passed ? 'passed' : 'failed'}` });
  return spans;
}

/** Participants grouped by their first bloc, then those in no bloc, with the bloc's full name. */
export function groupsOf(session: TrainerSession): { readonly label: string; readonly members: readonly number[] }[] {
  const { model } = session;
  const index = new Map(model.ids.map((id, i) => [id, i]));
  const participants = model.scenario.participants.filter((p) => p.role === 'participant');
  const groups = model.scenario.blocs.map((b) => ({
    label: b.name ?? b.id,
    members: participants.filter((p) => p.blocs[0] === b.id).map((p) => index.get(p.id)!),
  }));
  const none = participants.filter((p) => p.blocs.length === 0 || !model.scenario.blocs.some((b) => b.id === p.blocs[0])).map((p) => index.get(p.id)!);
  return [...groups, { label: 'In no bloc', members: none }].filter((g) => g.members.length > 0);
}

function countSpans(n: readonly number[]): Span[] {
  const out: Span[] = [];
  for (let s = 0; s < 5; s++) out.push({ text: `${STANCE_SYMBOL[s]}${String(n[s]).padStart(3)} `, color: STANCE_COLOR[s] });
  return out;
}

/** One line per bloc: its full name and how its members stand; then who objects, by full name. */
function blocSummary(session: TrainerSession, o: ScreenOptions): Line[] {
  const w = o.columns;
  const countsWidth = 25;
  const lines: Line[] = [fitLine(plain(`Blocs (✓ support ○ accept – abstain ✗ object · not yet; ${KEYS.list} lists everyone)`, { dim: true }), w)];
  for (const g of groupsOf(session)) {
    lines.push([{ text: pad(g.label, w - countsWidth - 1) + ' ' }, ...countSpans(counts(session, g.members))]);
  }
  return lines;
}

/** Who objects now, full names (the important names are never cut to a column). */
function objectingLines(session: TrainerSession, w: number, max: number): Line[] {
  const { run, model } = session;
  if (run.context.option < 0 || run.state === 'floor') return [];
  const objecting: string[] = [];
  for (let i = 0; i < model.size; i++) if (model.voting[i] === 1 && run.stances[i] === OBJECT) objecting.push(model.names[i]);
  const text = objecting.length === 0 ? 'Objecting now: nobody.' : `Objecting now (${objecting.length}): ${objecting.join(', ')}.`;
  const wrapped = wrap(text, w);
  const shown = wrapped.length > max ? [...wrapped.slice(0, max - 1), truncate(`  … and more: ${KEYS.list} lists everyone`, w)] : wrapped;
  return shown.map((t) => plain(t, { color: 'red' }));
}

/** Everyone, full names, with stance, a page at a time. */
function everyone(session: TrainerSession, o: ScreenOptions, rows: number, page: number): { lines: Line[]; pages: number } {
  const { model, run } = session;
  const cell = 30;
  const perRow = Math.max(1, Math.floor(o.columns / cell));
  const members = groupsOf(session).flatMap((g) => g.members);
  const observers = model.ids.map((_, i) => i).filter((i) => session.roleOf(i) === 'observer');
  const all = [...members, ...observers];
  const rowsAvailable = Math.max(1, rows - 1);
  const perPage = rowsAvailable * perRow;
  const pages = Math.max(1, Math.ceil(all.length / perPage));
  const p = page % pages;
  const slice = all.slice(p * perPage, (p + 1) * perPage);
  const lines: Line[] = [fitLine(plain(`Everyone by name (page ${p + 1} of ${pages}; ${KEYS.list}: next page / back to blocs; (name): no say, * leads a bloc, » your seat)`, { dim: true }), o.columns)];
  const fresh = run.state === 'floor' || run.context.option < 0;
  for (let k = 0; k < slice.length; k += perRow) {
    lines.push(
      slice.slice(k, k + perRow).map((m) => {
        const stance = fresh ? UNDECIDED : run.stances[m];
        const you = o.viewer.some((s) => s.kind === 'member' && s.member === m);
        const lead = model.leader.some((l) => l === m) ? '*' : '';
        const name = model.voting[m] === 1 ? `${model.names[m]}${lead}` : `(${model.names[m]})`;
        return { text: pad(`${you ? '»' : ' '}${STANCE_SYMBOL[stance]} ${name}`, cell), color: STANCE_COLOR[stance], ...(you ? { bold: true } : {}) };
      }),
    );
  }
  return { lines, pages };
}

/** Observers and whom they press (the scenario's pressure and the trainees'), for the option on the floor. */
function observerLines(session: TrainerSession, w: number): Line[] {
  const { model, run } = session;
  const onFloor = run.context.option >= 0 ? model.options[run.context.option].id : undefined;
  const nameOf = (id: string) => {
    const i = model.ids.indexOf(id);
    if (i >= 0) return model.names[i];
    return model.scenario.blocs.find((b) => b.id === id)?.name ?? id;
  };
  return model.scenario.participants
    .filter((p) => p.role === 'observer')
    .map((p) => {
      const pressure = model.scenario.pressure.filter((x) => x.by === p.id && (onFloor === undefined || x.option === undefined || x.option === onFloor));
      const presses = pressure.map((x) => `${x.on.map(nameOf).join(', ')} toward ${x.toward}`);
      return fitLine(plain(`Observer ${p.name}${presses.length > 0 ? ` presses ${presses.join('; ')}` : ' (no pressure on this option)'}`, { dim: true }), w);
    });
}

function logLines(session: TrainerSession, o: ScreenOptions, rows: number): Line[] {
  const entries = session.timeline;
  const out: Line[] = [];
  const w = o.columns - 2;
  // whole entries, newest at the bottom; the newest is cut at its end (never shown as the tail of a sentence)
  for (let i = entries.length - 1; i >= 0 && out.length < rows; i--) {
    const wrapped = entries[i].lines.flatMap((l) => wrap(l, w));
    const latest = i === entries.length - 1;
    const room = rows - out.length;
    if (wrapped.length > room) {
      if (!latest) break;
      out.unshift(...[...wrapped.slice(0, room - 1), '  … (the whole entry: Tab, the debrief)'].map((t) => plain(`  ${t}`, { bold: true })));
      break;
    }
    out.unshift(...wrapped.map((t) => plain(`  ${t}`, latest ? { bold: true } : { dim: true })));
  }
  if (entries.length === 0) {
    const turn = session.turn;
    const first =
      turn?.kind === 'chair'
        ? 'Nothing has happened yet. Your move as Chair: the keys are below.'
        : turn?.kind === 'answer'
          ? 'Nothing has happened yet. Your answer: the keys are below.'
          : 'Nothing has happened yet. Press space to take the first step.';
    out.push(plain(`  ${first}`, { bold: true }));
  }
  return [plain('What just happened:', { dim: true }), ...out];
}

/** What the seat's objection would do, from the rule and the floor as it stands (before the seat objects). */
export function objectionEffect(session: TrainerSession, member: number): string {
  const { model, run } = session;
  const c = run.context;
  const rule = model.rule;
  if (model.voting[member] === 0) return `Under ${rule.title} your stance does not count (no say).`;
  const option = c.option >= 0 ? model.options[c.option].name : 'the option';
  const known = run.state !== 'floor' && c.option >= 0;
  const stances = known ? run.stances.slice() : new Uint8Array(model.size).fill(SUPPORT);
  const adoptsWith = (s: Stance) => {
    stances[member] = s;
    return rule.adopts(tallyOf(model, stances));
  };
  const withObjection = adoptsWith(OBJECT);
  const without = adoptsWith(SUPPORT);
  if (!known) {
    return withObjection
      ? `If you object: under ${rule.title} one objection does not block "${option}" (it takes more).`
      : `If you object: under ${rule.title} your objection alone blocks "${option}" (even if everyone else supports).`;
  }
  if (!withObjection && without) return `If you object: your objection alone blocks "${option}" now.`;
  if (!withObjection && !without) return `If you object: "${option}" fails anyway now (others block it); your objection adds to theirs.`;
  return `If you object: "${option}" still passes under ${rule.title} (your objection does not block it).`;
}

/** Which of a screen's delegation seats answers now: the seat whose turn it is, else the first still to answer. */
function answerer(session: TrainerSession, turnMember: number, answering: readonly number[]): number | undefined {
  if (answering.includes(turnMember)) return turnMember;
  return answering.find((m) => !session.pending.has(m));
}

function movesSection(session: TrainerSession, state: ViewState, o: ScreenOptions): Line[] {
  const { run, model } = session;
  const w = o.columns;
  const lines: Line[] = [];
  const turn = session.turn;
  const viewerChair = o.viewer.some((s) => s.kind === 'chair');
  const answering = o.viewer.flatMap((s) => (s.kind === 'member' && session.decides(s.member) ? [s.member] : []));
  const observing = o.viewer.flatMap((s) => (s.kind === 'member' && !session.decides(s.member) ? [s.member] : []));
  if (run.done) {
    lines.push(plain(`The item is over: ${session.debrief([]).ending}. Tab: the debrief.`, { bold: true }));
    return lines.map((l) => fitLine(l, w));
  }
  // the chair's move bar: every kind, the same key in every state, greyed when the procedure does not allow it now
  const allowed = new Set<string>(session.run.allowedChairMoves().map((e) => e.type));
  if (viewerChair || o.viewer.length === 0) {
    const mine = turn?.kind === 'chair' && viewerChair;
    const spans: Span[] = [{ text: viewerChair ? 'Chair: ' : 'Chair moves: ' }];
    for (const k of chairMoveKinds(model.options.length)) {
      const on = allowed.has(k.type);
      spans.push(on && mine ? { text: `[${k.key}] ${k.label}  `, bold: true } : on ? { text: `[${k.key}] ${k.label}  ` } : { text: `(${k.key}) ${k.label}  `, dim: true, color: 'gray' });
    }
    lines.push(...flow(spans, w, '       '));
  }
  for (const member of answering) {
    const mine = turn?.kind === 'answer' && answerer(session, turn.member, answering) === member;
    const given = session.pending.get(member);
    const spans: Span[] = [{ text: `${model.names[member]}: ` }];
    STANCE_KEYS.forEach((key, s) => spans.push(mine ? { text: `[${key}] ${STANCE_SYMBOL[s]} ${STANCES[s]}  `, bold: true, color: STANCE_COLOR[s] } : { text: `(${key}) ${STANCES[s]}  `, dim: true, color: 'gray' }));
    if (given !== undefined) spans.push({ text: `answered: ${STANCES[given]}` });
    lines.push(...flow(spans, w, '  '));
    if (run.floorNext || run.state === 'objected' || run.state === 'positionsStated') for (const t of wrap(`  ${objectionEffect(session, member)}`, w)) lines.push(plain(t, { color: 'magenta' }));
  }
  for (const member of observing) {
    lines.push([{ text: `${model.names[member]}: ` }, { text: `[${KEYS.press}] press delegations toward a stance`, bold: run.context.option >= 0 }, { text: ' · observers do not decide: no support, no objection, no vote' }]);
  }
  // the prompt: a picker, whose turn it is, or what the simulation does next
  if (state.picker) {
    const p = state.picker;
    const title = p.kind === 'table' ? 'Table which option?' : p.kind === 'press-whom' ? 'Press whom?' : `Press ${p.target.label} toward which stance?`;
    const items: Span[] =
      p.kind === 'press-toward'
        ? STANCE_KEYS.slice(0, 3).map((key, s) => ({ text: `[${key}] ${STANCES[s]}  `, bold: true }))
        : (p.kind === 'table' ? p.options : p.targets).map((t, i) => ({ text: `[${i + 1}] ${t.label}  `, bold: true }));
    lines.push(...flow([{ text: `${title} ` }, ...items, { text: '(Esc: cancel)', dim: true }], w, '  '));
  } else if (turn?.kind === 'chair' && viewerChair) {
    lines.push(plain('Your move as Chair: press the key of a move in brackets.', { color: 'yellow', bold: true }));
  } else if (turn?.kind === 'answer' && answerer(session, turn.member, answering) !== undefined) {
    const who = answerer(session, turn.member, answering)!;
    const opt = model.options[run.context.option];
    const brief = model.scenario.participants.find((p) => p.id === model.ids[who])?.stances[opt.id];
    const briefText = brief ? ` Brief: ${brief.map((p, s) => (p > 0 ? `${stanceName(s)} ${Math.round(p * 100)}%` : '')).filter(Boolean).join(', ')}.` : '';
    lines.push(plain(`${model.names[who]}, your answer on "${opt.name}" (${run.state === 'floor' ? 'the floor states positions' : 'consultations'}).${briefText}`, { color: 'yellow', bold: true }));
  } else if (turn) {
    lines.push(plain(`Waiting for ${turnText(session)}.`, { color: 'yellow' }));
  } else if (run.floorNext) {
    lines.push(plain(run.state === 'floor' ? 'Next: the floor states positions on the option.' : 'Next: a consultation round; delegations may move.'));
  } else {
    const pick = session.simulatedChairMove();
    lines.push(plain(`Next: the simulated Chair will ${pick ? session.moveLabel(pick) : 'move'}.`));
  }
  return lines.map((l) => fitLine(l, w));
}

function footerLines(state: ViewState, o: ScreenOptions, playingNow: boolean): Line[] {
  const lines: Line[] = [];
  // a message wraps to three lines at most (a note such as pressureNote's is read whole at 80 columns)
  if (state.message !== undefined) for (const t of wrap(state.message, o.columns).slice(0, 3)) lines.push(fitLine(plain(t, { color: 'yellow' }), o.columns));
  const playing = playingNow;
  const keys =
    o.footer ??
    (state.view === 'debrief'
      ? `${KEYS.rule} next rule · Tab run screen · ${KEYS.back} back a step · ? help · q quit${o.debriefFile ? ` (debrief → ${o.debriefFile})` : ''}`
      : `space step · ${KEYS.play} ${playing ? 'pause' : 'play'} (${SPEEDS[state.speed]}/s, +/-) · ${KEYS.back} back · ${KEYS.list} list · Tab debrief · ? help · q quit`);
  lines.push(fitLine(plain(`${playing ? '▶ playing  ' : ''}${keys}`, { dim: true, color: 'gray' }), o.columns));
  return lines;
}

/** The run screen, at most `rows` lines of at most `columns` characters. */
export function runScreen(session: TrainerSession, state: ViewState, o: ScreenOptions): Line[] {
  const top = header(session, o);
  const caption = o.caption ? wrap(o.caption, o.columns).slice(0, 3).map((t) => plain(t, { bold: true, inverse: true })) : [];
  const room = (o.room ?? []).flatMap((t) => wrap(t, o.columns)).map((t) => plain(t, { color: 'cyan' }));
  const moves = movesSection(session, state, o);
  const foot = footerLines(state, o, state.playing && !session.done && session.turn === undefined);
  let middle = o.rows - top.length - caption.length - room.length - moves.length - foot.length;
  const gap = o.present && middle > 12 ? 1 : 0;
  middle -= gap * 2;
  const body: Line[] = [];
  if (state.list) {
    body.push(...everyone(session, o, Math.max(2, middle - 3), state.page).lines);
  } else {
    const blocs = blocSummary(session, o);
    const observers = o.present ? [] : observerLines(session, o.columns);
    const objecting = objectingLines(session, o.columns, o.present ? 1 : 2);
    const logMin = 4;
    if (middle - logMin >= blocs.length + objecting.length + observers.length) body.push(...blocs, ...objecting, ...observers);
    else if (middle - logMin >= blocs.length + objecting.length) body.push(...blocs, ...objecting);
    else if (middle - logMin >= blocs.length) body.push(...blocs);
    else body.push(...objecting.slice(0, 1));
  }
  const logRows = Math.max(1, middle - body.length - 1);
  const log = logLines(session, o, o.present ? Math.min(logRows, 4) : logRows);
  const blank: Line[] = gap ? [plain('')] : [];
  const all = [...caption, ...top, ...room, ...blank, ...body, ...log, ...blank, ...moves, ...foot];
  // never more rows than the terminal: drop from the log (the middle) first
  while (all.length > o.rows) {
    const i = all.indexOf(log[0]) + 1;
    if (i > 0 && i < all.length - moves.length - foot.length && log.length > 1) {
      all.splice(i, 1);
      log.splice(1, 1);
    } else break;
  }
  return safeLines(all.slice(0, Math.max(o.rows, 1)));
}

/** The debrief screen: the trainee's run against the simulated chair's first, then every rule, then the details. */
export function debriefScreen(debrief: Debrief, state: ViewState, o: ScreenOptions): Line[] {
  const d = debrief;
  const w = o.columns;
  const caption = o.caption ? wrap(o.caption, w).slice(0, 3).map((t) => plain(t, { bold: true, inverse: true })) : [];
  const out: Line[] = [...caption, fitLine(plain(`Debrief — ${d.title}`, o.present ? { bold: true, inverse: true } : { bold: true }), w)];
  const push = (text: string, style: Omit<Span, 'text'> = {}) => out.push(...wrap(text, w).map((t) => plain(t, style)));
  push(d.finished ? `Your run: ${d.ending}, after ${hours(d.hours)} of ${hours(d.budget)}.` : `Stopped after ${hours(d.hours)}: not finished.`, { bold: true });
  for (const l of comparisonLines(d)) push(l);
  const rules = o.comparison?.rules ?? d.alternatives;
  if (rules.length > 0) {
    push(`The same run under every rule (everyone simulated; ${KEYS.rule}: details of the next):`, { bold: true });
    const sel = state.alt >= 0 ? state.alt % rules.length : -1;
    rules.forEach((a, i) => {
      const label = `${i === sel ? '»' : ' '} ${a.label}${a.inForce ? ' (in force)' : ''}`;
      const what = a.error ? `not applicable: ${a.error}` : `${a.ending ?? a.outcome} · ${hours(a.hours ?? 0)}`;
      out.push(fitLine([{ text: pad(label, Math.max(36, Math.min(52, Math.floor(w * 0.4)))), ...(a.inForce ? { bold: true } : {}) }, { text: ` ${what}`, color: 'magenta' }], w));
    });
    if (sel >= 0) {
      const a = rules[sel];
      push(`Same run under ${a.label} (${a.spec}): ${a.error ? `not applicable (${a.error})` : `decisive: ${(a.decisive ?? []).join(', ') || 'none'}`}`, { color: 'magenta' });
      for (const l of (a.lines ?? []).slice(0, 4)) push(`  ${l}`, { color: 'magenta' });
    }
  }
  push('Options:', { bold: true });
  for (const opt of d.options) push(`  ${opt.option}: ${opt.text}`);
  push(`Decisive blockers: ${d.decisive.length > 0 ? d.decisive.map((x) => `${x.option}: ${x.blockers.join(', ')}`).join('; ') : 'none'}`, { bold: true });
  push(`Who objected when (${d.objections.length} calls), your decisions: ${d.decisions.length}, moves in consultations: ${d.moves.length}`, { bold: true });
  for (const ob of d.objections) out.push(fitLine(plain(`  ${pad(hours(ob.hours), 6)} ${ob.option}: ${ob.check} ${ob.passed ? 'passed' : 'failed'}${ob.objectors.length > 0 ? ` — ${ob.objectors.join(', ')}` : ''}`), w));
  const foot = footerLines(state, o, false);
  const room = o.rows - foot.length;
  const body = out.length > room ? [...out.slice(0, room - 1), plain(`… ${out.length - room + 1} more lines in the debrief file (--debrief FILE)`, { dim: true })] : out;
  return safeLines([...body, ...foot]);
}
