/**
 * The trainer screen: a stateful shell around a `TrainerSession` (one run stepped by hand), drawing the panels and
 * turning keys into session calls. Every action is reachable by keyboard and listed in the footer.
 */
import { Box, Text, useApp, useInput, useStdin, useStdout, type Key } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { alternativeRun, type AlternativeRun } from '../report/debrief';
import { Clock, DebriefView, Footer, Header, Help, Log, Next, Observers, Participants, participantRows, Procedure, type Look } from './panels';
import type { TrainerSession } from './session';

export const SPEEDS = [0.5, 1, 2, 4, 8] as const;
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export interface TrainerProps {
  readonly session: TrainerSession;
  /** rule specs the debrief cycles through with `r` */
  readonly otherRules: readonly string[];
  readonly color: boolean;
  readonly debriefFile?: string;
  /** called with the final session state when the trainee quits */
  readonly onQuit?: () => void;
}

/** What the screen shows besides the session: kept in a ref so that a key pressed right after another sees it. */
interface ScreenState {
  playing: boolean;
  speed: number;
  help: boolean;
  view: 'run' | 'debrief';
  message?: string;
  /** index into otherRules of the other-rule run shown in the debrief, -1 for none */
  alt: number;
}

export function Trainer({ session, otherRules, color, debriefFile, onQuit }: TrainerProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { isRawModeSupported } = useStdin();
  const [, setTick] = useState(0);
  const ui = useRef<ScreenState>({ playing: false, speed: 2, help: false, view: 'run', alt: -1 });
  const [size, setSize] = useState({ columns: stdout.columns || 100, rows: stdout.rows || 40 });
  const update = (change: Partial<ScreenState>) => {
    Object.assign(ui.current, change);
    setTick((t) => t + 1);
  };

  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 100, rows: stdout.rows || 40 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  const alternatives = useMemo(() => new Map<number, AlternativeRun>(), [session]);
  const alternativeAt = (k: number): AlternativeRun | undefined => {
    if (k < 0 || otherRules.length === 0) return undefined;
    const i = k % otherRules.length;
    if (!alternatives.has(i)) alternatives.set(i, alternativeRun(session.model.scenario, otherRules[i], session.seed, session.runIndex));
    return alternatives.get(i);
  };

  /** after the session moved: leave play at the end and show the debrief */
  const moved = () => update(session.done ? { playing: false, view: 'debrief', message: undefined } : { message: undefined });

  const step = (): void => {
    if (session.done) return;
    if (session.awaiting !== undefined) {
      update({ message: session.awaiting === 'chair' ? 'Your move as Chair: press the number of a move.' : 'Your answer: press 1 support, 2 accept, 3 abstain or 4 object.' });
      return;
    }
    session.stepSimulated();
    moved();
  };

  // play: one simulated step per tick until the trainee must decide or the item ends
  const s = ui.current;
  useEffect(() => {
    if (!s.playing || s.view !== 'run' || s.help || session.done || session.awaiting !== undefined) return;
    const timer = setTimeout(step, 1000 / SPEEDS[s.speed]);
    return () => clearTimeout(timer);
  });

  const onKey = (input: string, key: Key): void => {
    const now = ui.current;
    if (now.help) return update({ help: false });
    if (input === 'q' || key.escape) {
      update({ playing: false });
      onQuit?.();
      return exit();
    }
    if (input === '?' || input === 'h') return update({ help: true });
    if (input === 'b' || key.leftArrow || key.backspace || key.delete) {
      if (session.back()) return update({ view: 'run', message: undefined });
      return update({ message: 'Already at the start of the run.' });
    }
    if (input === 'd' && session.done) return update({ view: now.view === 'run' ? 'debrief' : 'run' });
    if (now.view === 'debrief') {
      if (input === 'r') update({ alt: now.alt + 1 });
      return;
    }
    if (input === ' ' || input === 'n' || key.rightArrow) return step();
    if (input === 'p') return session.done ? undefined : update({ playing: !now.playing, message: undefined });
    if (input === '+' || input === '=') return update({ speed: Math.min(SPEEDS.length - 1, now.speed + 1) });
    if (input === '-' || input === '_') return update({ speed: Math.max(0, now.speed - 1) });
    if (/^[1-9]$/.test(input)) {
      if (session.awaiting === undefined) {
        return update({ message: session.seat.kind === 'none' ? 'This is a replay: the chair and the floor are simulated; step with space.' : 'Not your turn: press space to step.' });
      }
      if (!session.choose(input)) return update({ message: `No choice ${input} now.` });
      return moved();
    }
  };
  useInput(onKey, { isActive: isRawModeSupported === true });

  const { playing, speed, help, view, message } = s;
  const look: Look = { width: size.columns, color };
  if (size.columns < MIN_COLUMNS || size.rows < MIN_ROWS) {
    return (
      <Box flexDirection="column">
        <Text>{`The terminal is too small (${size.columns}×${size.rows}).`}</Text>
        <Text>{`plenary play needs at least ${MIN_COLUMNS}×${MIN_ROWS}.`}</Text>
        <Text>{'Enlarge the window (the screen redraws) or press q.'}</Text>
        <Text>{'The same run as text: plenary trace'}</Text>
      </Box>
    );
  }
  const footer = <Footer look={look} playing={playing} speed={SPEEDS[speed]} view={view} done={session.done} debriefFile={debriefFile} message={message} />;
  if (help) {
    return (
      <Box flexDirection="column">
        <Help look={look} />
        {footer}
      </Box>
    );
  }
  if (view === 'debrief') {
    const alt = alternativeAt(s.alt);
    const debrief = session.debrief(alt ? [alt] : []);
    return (
      <Box flexDirection="column">
        <DebriefView debrief={debrief} alternative={alt} look={look} rows={size.rows - 4} />
        {footer}
      </Box>
    );
  }
  const choices = session.choices();
  const observers = session.model.scenario.participants.filter((p) => p.role === 'observer').length;
  const nextRows = session.awaiting === 'chair' ? choices.length + 1 : 3;
  const fixed = 2 + (session.model.scenario.meeting.item !== undefined ? 2 : 1) + 2 + participantRows(session.model, size.columns) + observers + 1 + nextRows + 2 + 1;
  const logRows = Math.max(2, size.rows - fixed);
  return (
    <Box flexDirection="column">
      <Header session={session} look={look} />
      <Clock session={session} look={look} />
      <Procedure session={session} look={look} />
      <Participants session={session} look={look} />
      <Observers session={session} look={look} />
      <Log session={session} look={look} rows={logRows} />
      <Next session={session} look={look} choices={choices} />
      {footer}
    </Box>
  );
}
