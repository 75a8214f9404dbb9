/**
 * Presentational leaves of the trainer screen: each takes readonly props and draws them; the shell (Trainer.tsx)
 * owns the session and the keys. Stances are shown by a symbol and a colour, so the screen reads without colour
 * (NO_COLOR) too: ✓ support, ○ accept, – abstain, ✗ object, · undecided.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { PROCEDURE_STATE_TITLES } from '../procedure/diagram';
import { UNDECIDED } from '../floor/stanceTable';
import type { Debrief, AlternativeRun } from '../report/debrief';
import type { Model } from '../floor/model';
import { STANCE_SYMBOL, stanceName, type Choice, type TrainerSession } from './session';
import { hours, pad, truncate, wrap } from './text';

const STANCE_COLOR = ['green', 'cyan', 'yellow', 'red', 'gray'] as const;

export interface Look {
  readonly width: number;
  /** colour on (off with NO_COLOR) */
  readonly color: boolean;
}

function Colored({ look, color, bold, dim, children }: { readonly look: Look; readonly color?: string; readonly bold?: boolean; readonly dim?: boolean; readonly children: ReactNode }) {
  return (
    <Text {...(look.color && color ? { color } : {})} {...(bold ? { bold } : {})} {...(look.color && dim ? { dimColor: true } : {})}>
      {children}
    </Text>
  );
}

export function Header({ session, look }: { readonly session: TrainerSession; readonly look: Look }) {
  const { model } = session;
  const seat =
    session.seat.kind === 'chair' ? 'You chair the meeting' : session.seat.kind === 'member' ? `You speak for ${model.names[session.seat.member]}` : 'Replay (simulated chair)';
  return (
    <Box flexDirection="column">
      <Colored look={look} bold>
        {truncate(model.scenario.meeting.title, look.width)}
      </Colored>
      <Text>{truncate(`${seat} · rule: ${model.rule.title} (${model.rule.spec}) · run ${session.runIndex}, seed "${session.seed}"`, look.width)}</Text>
    </Box>
  );
}

export function Clock({ session, look }: { readonly session: TrainerSession; readonly look: Look }) {
  const { model } = session;
  const used = session.run.context.hours;
  const budget = model.procedure.itemBudgetHours;
  const left = Math.max(0, budget - used);
  const barWidth = 16;
  const filled = Math.min(barWidth, Math.round((used / Math.max(budget, 1e-9)) * barWidth));
  const agenda = model.scenario.agenda;
  const rest = agenda.reduce((s, a) => s + a.hours, 0);
  const item = model.scenario.meeting.item;
  return (
    <Box flexDirection="column">
      {item !== undefined && <Text>{truncate(`Item: ${item}`, look.width)}</Text>}
      <Text>
        {'Clock '}
        <Colored look={look} color="blue">{`[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`}</Colored>
        {truncate(` ${hours(used)} used, ${hours(left)} left of the item's ${hours(budget)} · session ${hours(model.sessionHours)}, other items ${hours(rest)}`, look.width - barWidth - 8)}
      </Text>
    </Box>
  );
}

export function Procedure({ session, look }: { readonly session: TrainerSession; readonly look: Look }) {
  const { run, model } = session;
  const c = run.context;
  const option = c.option >= 0 ? model.options[c.option].name : 'nothing yet';
  const rounds = c.option >= 0 ? ` · consultations ${c.round} of ${c.maxRoundsPerOption}` : '';
  const counts = [0, 0, 0, 0];
  const fresh = run.state === 'floor';
  if (c.option >= 0 && !fresh) for (let i = 0; i < model.size; i++) if (model.voting[i] === 1 && run.stances[i] < 4) counts[run.stances[i]]++;
  return (
    <Box flexDirection="column">
      <Text>
        {'State: '}
        <Colored look={look} bold>{PROCEDURE_STATE_TITLES[run.state]}</Colored>
        {truncate(` (${run.state}) · on the floor: ${option}${rounds}`, look.width - PROCEDURE_STATE_TITLES[run.state].length - 7)}
      </Text>
      {c.option >= 0 && !fresh && (
        <Text>
          {'Those who decide: '}
          {counts.map((n, s) => (
            <Text key={s}>
              <Colored look={look} color={STANCE_COLOR[s]}>{`${STANCE_SYMBOL[s]} ${n} ${stanceName(s)}`}</Colored>
              {s < 3 ? '  ' : ''}
            </Text>
          ))}
          {c.lastCheck ? `  · last call: ${c.lastCheck.kind} ${c.lastCheck.passed ? 'passed' : 'failed'}` : ''}
        </Text>
      )}
    </Box>
  );
}

/** Participants grouped by their first bloc, then those in no bloc. */
export function groupsOf(model: Model): { readonly label: string; readonly members: readonly number[] }[] {
  const index = new Map(model.ids.map((id, i) => [id, i]));
  const participants = model.scenario.participants.filter((p) => p.role === 'participant');
  const groups = model.scenario.blocs.map((b) => ({
    label: b.id,
    members: participants.filter((p) => p.blocs[0] === b.id).map((p) => index.get(p.id)!),
  }));
  const none = participants.filter((p) => p.blocs.length === 0 || !model.scenario.blocs.some((b) => b.id === p.blocs[0])).map((p) => index.get(p.id)!);
  return [...groups, { label: 'no bloc', members: none }].filter((g) => g.members.length > 0);
}

const LABEL_WIDTH = 13;
const CELL_WIDTH = 20;

/** How many rows the participants panel takes at a width. */
export function participantRows(model: Model, width: number): number {
  const perRow = Math.max(1, Math.floor((width - LABEL_WIDTH) / CELL_WIDTH));
  return groupsOf(model).reduce((n, g) => n + Math.ceil(g.members.length / perRow), 0) + 1;
}

function MemberCell({ session, member, look }: { readonly session: TrainerSession; readonly member: number; readonly look: Look }) {
  const { model, run } = session;
  const stance = run.state === 'floor' || run.context.option < 0 ? UNDECIDED : run.stances[member];
  const isLeader = model.leader.some((l) => l === member);
  const counts = model.voting[member] === 1;
  const you = session.seat.kind === 'member' && session.seat.member === member;
  const name = `${model.names[member]}${isLeader ? '*' : ''}`;
  const shown = counts ? name : `(${name})`;
  const text = pad(`${you ? '»' : ' '}${STANCE_SYMBOL[stance]} ${shown}`, CELL_WIDTH);
  return (
    <Colored look={look} color={STANCE_COLOR[stance]} bold={you} dim={!counts}>
      {text}
    </Colored>
  );
}

export function Participants({ session, look }: { readonly session: TrainerSession; readonly look: Look }) {
  const perRow = Math.max(1, Math.floor((look.width - LABEL_WIDTH) / CELL_WIDTH));
  const rows: { label: string; members: number[] }[] = [];
  for (const g of groupsOf(session.model)) {
    for (let k = 0; k < g.members.length; k += perRow) rows.push({ label: k === 0 ? g.label : '', members: g.members.slice(k, k + perRow) });
  }
  return (
    <Box flexDirection="column">
      <Text>{truncate('Participants by bloc (* leads its bloc, (name) has no say under this rule):', look.width)}</Text>
      {rows.map((r, i) => (
        <Text key={i}>
          {pad(r.label, LABEL_WIDTH)}
          {r.members.map((m) => (
            <MemberCell key={m} session={session} member={m} look={look} />
          ))}
        </Text>
      ))}
    </Box>
  );
}

/** Observers, their stance and whom they press (scenario.pressure), for the option on the floor if there is one. */
export function observerLines(session: TrainerSession): { readonly member: number; readonly text: string }[] {
  const { model, run } = session;
  const onFloor = run.context.option >= 0 ? model.options[run.context.option].id : undefined;
  const nameOf = (id: string) => {
    const i = model.ids.indexOf(id);
    if (i >= 0) return model.names[i];
    return model.scenario.blocs.find((b) => b.id === id)?.id ?? id;
  };
  return model.scenario.participants
    .filter((p) => p.role === 'observer')
    .map((p) => {
      const member = model.ids.indexOf(p.id);
      const pressure = model.scenario.pressure.filter((x) => x.by === p.id && (onFloor === undefined || x.option === undefined || x.option === onFloor));
      const presses = pressure.map((x) => `${x.on.map(nameOf).join(', ')} toward ${x.toward}${x.option && onFloor === undefined ? ` on ${x.option}` : ''} (${x.strength})`);
      return { member, text: `${p.name}${presses.length > 0 ? ` presses ${presses.join('; ')}` : ' (no pressure on this option)'}` };
    });
}

export function Observers({ session, look }: { readonly session: TrainerSession; readonly look: Look }) {
  const lines = observerLines(session);
  if (lines.length === 0) return null;
  const { run } = session;
  return (
    <Box flexDirection="column">
      {lines.map((l) => {
        const stance = run.state === 'floor' || run.context.option < 0 ? UNDECIDED : run.stances[l.member];
        return (
          <Text key={l.member}>
            {pad('observer', LABEL_WIDTH)}
            <Colored look={look} color={STANCE_COLOR[stance]}>{` ${STANCE_SYMBOL[stance]} `}</Colored>
            {truncate(l.text, look.width - LABEL_WIDTH - 3)}
          </Text>
        );
      })}
    </Box>
  );
}

/** The narration of the last steps, newest at the bottom, the latest step in bold. */
export function Log({ session, look, rows }: { readonly session: TrainerSession; readonly look: Look; readonly rows: number }) {
  const entries = session.timeline;
  const out: { text: string; latest: boolean }[] = [];
  for (let i = entries.length - 1; i >= 0 && out.length < rows; i--) {
    const wrapped = entries[i].lines.flatMap((l) => wrap(l, look.width - 2));
    for (let k = wrapped.length - 1; k >= 0 && out.length < rows; k--) out.unshift({ text: wrapped[k], latest: i === entries.length - 1 });
  }
  if (entries.length === 0) out.push({ text: 'Nothing has happened yet. Press space to take the first step.', latest: true });
  return (
    <Box flexDirection="column">
      <Text>{'What just happened:'}</Text>
      {out.map((l, i) => (
        <Colored key={i} look={look} bold={l.latest} dim={!l.latest}>
          {`  ${l.text}`}
        </Colored>
      ))}
    </Box>
  );
}

/** "What can happen next": the trainee's choices, read from the statechart, or what the simulation does next. */
export function Next({ session, look, choices }: { readonly session: TrainerSession; readonly look: Look; readonly choices: readonly Choice[] }) {
  const { run, model } = session;
  if (run.done) return <Text>{truncate('The item is over. Press d for the debrief.', look.width)}</Text>;
  if (session.awaiting === 'answer' && session.seat.kind === 'member') {
    const m = session.seat.member;
    const opt = model.options[run.context.option];
    const brief = model.scenario.participants.find((p) => p.id === model.ids[m])?.stances[opt.id];
    const briefText = brief ? `Your brief (the scenario's odds for ${model.names[m]}): ${brief.map((p, s) => (p > 0 ? `${stanceName(s)} ${Math.round(p * 100)}%` : '')).filter(Boolean).join(', ')}.` : '';
    const now = run.state === 'consulting' ? ` You now: ${stanceName(run.stances[m])}.` : '';
    return (
      <Box flexDirection="column">
        <Text>{truncate(`Your answer on "${opt.name}" (${run.state === 'floor' ? 'the floor states positions' : 'consultations'}):${now}`, look.width)}</Text>
        <Text>{truncate(`  ${choices.map((c) => `[${c.key}] ${STANCE_SYMBOL[c.answer!]} ${c.label}`).join('   ')}`, look.width)}</Text>
        {briefText !== '' && <Text>{truncate(`  ${briefText}`, look.width)}</Text>}
      </Box>
    );
  }
  if (session.awaiting === 'chair') {
    return (
      <Box flexDirection="column">
        <Text>{'Your move as Chair (the moves the procedure allows now):'}</Text>
        {choices.map((c) => (
          <Text key={c.key}>{truncate(`  [${c.key}] ${c.label}`, look.width)}</Text>
        ))}
      </Box>
    );
  }
  const lines: string[] = [];
  if (run.floorNext) lines.push(run.state === 'floor' ? 'The floor states positions on the option.' : 'A consultation round: delegations may move.');
  else {
    const allowed = session.allowedMoves().map((m) => m.label);
    const pick = session.simulatedChairMove();
    lines.push(`The Chair may: ${allowed.join(' · ')}`);
    if (pick) lines.push(`The simulated Chair will: ${session.moveLabel(pick)}`);
  }
  return (
    <Box flexDirection="column">
      <Text>{'What can happen next:'}</Text>
      {lines.map((l, i) => (
        <Text key={i}>{truncate(`  ${l}`, look.width)}</Text>
      ))}
    </Box>
  );
}

export interface FooterProps {
  readonly look: Look;
  readonly playing: boolean;
  readonly speed: number;
  readonly view: 'run' | 'debrief';
  readonly done: boolean;
  readonly debriefFile?: string;
  readonly message?: string;
}

export function Footer({ look, playing, speed, view, done, debriefFile, message }: FooterProps) {
  const keys =
    view === 'debrief'
      ? `r other rule · b back a step · d run screen · ? help · q quit${debriefFile ? ` (debrief → ${debriefFile})` : ''}`
      : `space step · p ${playing ? 'pause' : 'play'} (${speed}/s, +/-) · b back · ${done ? 'd debrief · ' : ''}? help · q quit`;
  return (
    <Box flexDirection="column">
      {message !== undefined && <Colored look={look} color="yellow">{truncate(message, look.width)}</Colored>}
      <Colored look={look} color="gray">
        {truncate(`${playing ? '▶ playing  ' : ''}${keys}`, look.width)}
      </Colored>
    </Box>
  );
}

export const HELP_LINES = [
  'Keys',
  '  space, n, →     one step (the floor answers or the chair moves)',
  '  p               play / pause; + and - change the speed',
  '  b, ←            back one step (the run is replayed from the start; your decisions are kept)',
  '  1-9             your choice, when it is your turn (the choices are listed under "What can happen next")',
  '  d               the debrief (at the end of the item)',
  '  r               in the debrief: the same run under another rule',
  '  ?, h            this help; any key closes it',
  '  q, Esc          quit (with --debrief FILE the debrief is written on the way out)',
  '',
  'Stances',
  '  ✓ support   ○ accept   – abstain   ✗ object   · undecided (not stated yet on the option on the floor)',
  '  * leads its bloc (others may follow it)   (name) has no say under the rule   » your delegation',
  '',
  'The moves offered are those the procedure statechart allows in its current state (its guards: time left,',
  'rounds left, options not yet tabled); everything else is simulated with the run\'s own random generator,',
  'so the same seed and run index always give the same meeting.',
];

export function Help({ look }: { readonly look: Look }) {
  return (
    <Box flexDirection="column">
      {HELP_LINES.map((l, i) => (
        <Text key={i}>{truncate(l, look.width)}</Text>
      ))}
    </Box>
  );
}

export function DebriefView({ debrief, alternative, look, rows }: { readonly debrief: Debrief; readonly alternative?: AlternativeRun; readonly look: Look; readonly rows: number }) {
  const d = debrief;
  const w = look.width;
  const lines: { text: string; bold?: boolean }[] = [];
  const push = (text: string, bold = false) => lines.push(...wrap(text, w).map((t) => ({ text: t, bold })));
  push(
    d.finished
      ? `Outcome: ${d.outcome}${d.adoptedBy ? `, adopted by ${d.adoptedBy === 'vote' ? 'a vote' : 'consensus'}` : ''}, after ${hours(d.hours)} of ${hours(d.budget)}.`
      : `Stopped after ${hours(d.hours)}: ${d.outcome}.`,
    true,
  );
  push('Options:', true);
  for (const o of d.options) push(`  ${o.option}: ${o.text}`);
  push(`Decisive blockers: ${d.decisive.length > 0 ? d.decisive.map((x) => `${x.option}: ${x.blockers.join(', ')}`).join('; ') : 'none'}`, true);
  const alt: string[] = [];
  if (alternative) {
    alt.push(
      alternative.error
        ? `Under ${alternative.label} (${alternative.spec}): not applicable (${alternative.error})`
        : `Same run under ${alternative.label} (${alternative.spec}): ${alternative.outcome}${alternative.adoptedBy ? ` (by ${alternative.adoptedBy})` : ''} after ${hours(alternative.hours ?? 0)}; decisive: ${(alternative.decisive ?? []).join(', ') || 'none'}`,
    );
    for (const l of alternative.lines ?? []) alt.push(`  ${l}`);
  } else alt.push('Press r to see the same run (same seed and run index) under another rule.');
  const altRows = alt.flatMap((t) => wrap(t, w));
  push(`Who objected when (${d.objections.length} calls), your decisions: ${d.decisions.length}, moves in consultations: ${d.moves.length}`, true);
  const room = Math.max(0, rows - lines.length - Math.min(altRows.length, 8));
  const objections = d.objections.map((o) => `  ${pad(hours(o.hours), 6)} ${o.option}: ${o.check} ${o.passed ? 'passed' : 'failed'}${o.objectors.length > 0 ? ` — ${o.objectors.join(', ')}` : ''}`);
  const shown = objections.length > room ? [...objections.slice(0, Math.max(0, room - 1)), `  ... ${objections.length - room + 1} more in the debrief file`] : objections;
  for (const o of shown) lines.push({ text: truncate(o, w) });
  return (
    <Box flexDirection="column">
      <Colored look={look} bold>
        {truncate(`Debrief — ${d.title}`, w)}
      </Colored>
      {lines.map((l, i) => (
        <Colored key={i} look={look} bold={l.bold ?? false}>
          {l.text}
        </Colored>
      ))}
      {altRows.slice(0, 8).map((t, i) => (
        <Colored key={`a${i}`} look={look} color="magenta">
          {t}
        </Colored>
      ))}
    </Box>
  );
}
