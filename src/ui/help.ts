/** The trainer's help screen: every key, and what the symbols mean. */
import { chairMoveKinds, KEYS, STANCE_KEYS } from './keys';

const kinds = chairMoveKinds(2)
  .map((k) => `${k.key} ${k.label}`)
  .join(' · ');

export const HELP_LINES: readonly string[] = [
  'Keys (a key always does the same kind of move; greyed in brackets like (v) when not allowed now)',
  `  Chair:        ${kinds}`,
  `  Delegation:   ${STANCE_KEYS[0]} support (yes) · ${STANCE_KEYS[1]} accept · ${STANCE_KEYS[2]} abstain (stand aside) · ${STANCE_KEYS[3]} object (block)`,
  `  Observer:     ${KEYS.press} press delegations toward a stance (observers never decide)`,
  '  1-9           pick from a list (which option to table, whom to press); Esc cancels',
  '  space, →      one step (the floor answers or the simulated chair moves)',
  `  ${KEYS.play}             play / pause; + and - change the speed`,
  `  ${KEYS.back}, ←          back one step (the run is replayed from the start; your decisions are kept)`,
  `  ${KEYS.list}             everyone by full name (again: next page, then back to the blocs)`,
  '  Tab           the debrief (the run so far) and back',
  `  ${KEYS.rule}             in the debrief: the same run under the next rule`,
  '  ?, h          this help; any key closes it',
  '  q, Esc        quit (with --debrief FILE the debrief is written on the way out); Ctrl-C exits 130',
  '',
  'Stances',
  '  ✓ support   ○ accept   – abstain   ✗ object   · not yet stated on the option on the floor',
  '  * leads its bloc (others may follow it)   (name) has no say under the rule   » your seat',
  '',
  'The moves offered are those the procedure statechart allows in its current state (its guards: time left,',
  "rounds left, options not yet tabled); everything else is simulated with the run's own random generator,",
  'so the same seed and run index always give the same meeting.',
];
