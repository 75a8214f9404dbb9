/** The floor models a scenario may name (`model: { name }`, `--model`): light on purpose, the CLI parses --model at start-up. */
export const FLOOR_MODEL_NAMES = ['ordinal', 'spatial', 'compromise', 'ensemble'] as const;
export type FloorModelName = (typeof FLOOR_MODEL_NAMES)[number];
