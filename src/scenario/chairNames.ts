/**
 * The simulated chairs a scenario may name (`procedure.chair`, `--chair`): light on purpose, the CLI parses --chair
 * at start-up. src/chair/registry.ts implements them (a test keeps both lists equal).
 */
export const CHAIR_NAMES = ['in-order', 'reads-the-room'] as const;
export type ChairName = (typeof CHAIR_NAMES)[number];
