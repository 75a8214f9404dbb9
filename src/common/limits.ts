/**
 * Limits shared by the command line (which refuses a value beyond them) and the shard checks (which refuse a shard
 * file claiming more than any command could have written).
 */

/** Most runs of one job (`--runs`); a larger job is split with `--shard i/n`. */
export const MAX_RUNS = 10_000_000;

/** Any text is a seed, used as given; the only limit guards against pasting a file by mistake. */
export const MAX_SEED_LENGTH = 10_000;
