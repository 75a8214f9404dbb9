/**
 * A prepared demo for `plenary play --script demo.yaml`: captions, keys and pauses played in order on the trainer
 * screen, for a trainer presenting to a room. Pure: parsed and checked here (every problem with its place), played
 * by the shell (launch.tsx), which owns the time.
 *
 * ```yaml
 * title: Chairing Swakopmund 2009
 * steps:
 *   - caption: The Chair tables the suspension first.
 *   - keys: [t, "1"]
 *   - pause: 2
 *   - keys: [space, c]
 *   - quit: true
 * ```
 */
import { parse } from 'yaml';
import { KEY_NAMES } from './room';

export interface ScriptStep {
  readonly caption?: string;
  /** key names: one character, or space, tab, escape, left, right, backspace */
  readonly keys?: readonly string[];
  /** seconds to wait after the step */
  readonly pause?: number;
  /** end the demo (and the trainer) after this step */
  readonly quit?: boolean;
}

export interface DemoScript {
  readonly title?: string;
  /** seconds between two keys of a step (default 0.4) */
  readonly keyDelay: number;
  readonly steps: readonly ScriptStep[];
}

const STEP_KEYS = ['caption', 'keys', 'pause', 'quit'];

/** Parses a demo script; throws an Error listing every problem as "file: steps[i].field: what is wrong". */
export function parseScript(text: string, file: string): DemoScript {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new Error(`${file}: not YAML (${(error as Error).message.split('\n')[0]})`);
  }
  const problems: string[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${file}: expected a mapping with "steps" (a list of caption, keys, pause, quit)`);
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!['title', 'steps', 'keyDelay'].includes(k)) problems.push(`${file}: ${k}: unknown field (allowed: title, keyDelay, steps)`);
  if (d.title !== undefined && typeof d.title !== 'string') problems.push(`${file}: title: expected text`);
  const keyDelay = d.keyDelay === undefined ? 0.4 : d.keyDelay;
  if (typeof keyDelay !== 'number' || keyDelay < 0 || keyDelay > 10) problems.push(`${file}: keyDelay: expected seconds from 0 to 10`);
  if (!Array.isArray(d.steps) || d.steps.length === 0) problems.push(`${file}: steps: expected a non-empty list`);
  const steps: ScriptStep[] = [];
  (Array.isArray(d.steps) ? d.steps : []).forEach((raw: unknown, i: number) => {
    const at = `${file}: steps[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problems.push(`${at}: expected a mapping (caption, keys, pause, quit)`);
    const s = raw as Record<string, unknown>;
    for (const k of Object.keys(s)) if (!STEP_KEYS.includes(k)) problems.push(`${at}.${k}: unknown field (allowed: ${STEP_KEYS.join(', ')})`);
    const step: { caption?: string; keys?: string[]; pause?: number; quit?: boolean } = {};
    if (s.caption !== undefined) {
      if (typeof s.caption !== 'string') problems.push(`${at}.caption: expected text`);
      else step.caption = s.caption;
    }
    if (s.keys !== undefined) {
      const keys = typeof s.keys === 'string' ? [s.keys] : s.keys;
      if (!Array.isArray(keys)) problems.push(`${at}.keys: expected a list of key names`);
      else {
        keys.forEach((k: unknown, j: number) => {
          const name = typeof k === 'number' ? String(k) : k;
          if (typeof name !== 'string' || !([...name].length === 1 || (KEY_NAMES as readonly string[]).includes(name))) {
            problems.push(`${at}.keys[${j}]: ${JSON.stringify(k)} is not a key (one character, or ${KEY_NAMES.join(', ')})`);
          }
        });
        step.keys = keys.map((k: unknown) => String(k));
      }
    }
    if (s.pause !== undefined) {
      if (typeof s.pause !== 'number' || s.pause < 0 || s.pause > 600) problems.push(`${at}.pause: expected seconds from 0 to 600`);
      else step.pause = s.pause;
    }
    if (s.quit !== undefined) {
      if (typeof s.quit !== 'boolean') problems.push(`${at}.quit: expected true or false`);
      else step.quit = s.quit;
    }
    steps.push(step);
  });
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { ...(typeof d.title === 'string' ? { title: d.title } : {}), keyDelay: keyDelay as number, steps };
}
