/**
 * The trainer screen: a stateful shell around a `TrainerSession` and its `Controls` (keys → session calls), drawing
 * the lines of screen.ts. Every action is reachable by keyboard and listed in the footer. The debrief's runs under
 * other rules arrive as a prop (`comparison`): the screen never simulates.
 */
import { Box, Text, useApp, useInput, useStdin, useStdout, type Key } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { Controls, SPEEDS, type KeyInfo } from './controls';
import { HELP_LINES } from './help';
import { debriefScreen, MIN_COLUMNS, MIN_ROWS, runScreen, type Comparison, type Line } from './screen';
import type { TrainerSession } from './session';
import { truncate } from './text';

export { SPEEDS, MIN_COLUMNS, MIN_ROWS };

export interface TrainerProps {
  readonly session: TrainerSession;
  /** the runs the debrief compares with, simulated by the caller */
  readonly comparison?: Comparison;
  readonly color: boolean;
  readonly present?: boolean;
  readonly debriefFile?: string;
  /** a prepared demo drives the screen: the caption to show */
  readonly caption?: string;
  /** the screen's controls, when the caller drives them too (a prepared demo) */
  readonly controls?: Controls;
  /** called when the trainee quits (q) */
  readonly onQuit?: () => void;
  /** called on Ctrl-C */
  readonly onInterrupt?: () => void;
  /** bumps when the caller changed the session or the controls (a prepared demo pressed a key) */
  readonly revision?: number;
}

/** Draws lines of styled spans (colour only when asked). */
export function Lines({ lines, color }: { readonly lines: readonly Line[]; readonly color: boolean }) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i}>
          {line.length === 0
            ? ' '
            : line.map((s, k) => (
                <Text
                  key={k}
                  {...(color && s.color ? { color: s.color } : {})}
                  {...(s.bold ? { bold: true } : {})}
                  {...(color && s.dim ? { dimColor: true } : {})}
                  {...(s.inverse ? { inverse: true } : {})}
                >
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}

export function Trainer({ session, comparison, color, present, debriefFile, caption, controls: given, onQuit, onInterrupt, revision }: TrainerProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { isRawModeSupported } = useStdin();
  const [, setTick] = useState(0);
  const controls = useMemo(() => given ?? new Controls(session), [session, given]);
  const [size, setSize] = useState({ columns: stdout.columns || 100, rows: stdout.rows || 40 });
  const redraw = () => setTick((t) => t + 1);

  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 100, rows: stdout.rows || 40 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  // play: one simulated step per tick until a trainee must decide or the item ends
  const st = controls.state;
  useEffect(() => {
    if (!st.playing || st.view !== 'run' || st.help || session.done || session.turn !== undefined) return;
    const timer = setTimeout(() => {
      controls.step();
      redraw();
    }, 1000 / SPEEDS[st.speed]);
    return () => clearTimeout(timer);
  });

  const onKey = (input: string, key: Key): void => {
    const info: KeyInfo = { escape: key.escape, leftArrow: key.leftArrow, rightArrow: key.rightArrow, backspace: key.backspace, delete: key.delete, tab: key.tab, ctrl: key.ctrl };
    const result = controls.key(input, info);
    redraw();
    if (result === 'quit') {
      onQuit?.();
      exit();
    } else if (result === 'interrupt') {
      onInterrupt?.();
      exit();
    }
  };
  useInput(onKey, { isActive: isRawModeSupported === true });
  void revision;

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
  // one row spare: ink's last line must not scroll the terminal
  const options = { columns: size.columns, rows: size.rows - 1, present: present === true, viewer: controls.viewer, ...(comparison ? { comparison } : {}), ...(caption ? { caption } : {}), ...(debriefFile ? { debriefFile } : {}) };
  if (st.help) {
    return <Lines lines={[...HELP_LINES.slice(0, options.rows - 1).map((l) => [{ text: truncate(l, size.columns) }]), [{ text: 'Any key closes the help.', dim: true }]]} color={color} />;
  }
  if (st.view === 'debrief') {
    const debrief = session.debrief(comparison?.rules ?? [], comparison?.simulated);
    return <Lines lines={debriefScreen(debrief, st, options)} color={color} />;
  }
  return <Lines lines={runScreen(session, st, options)} color={color} />;
}
