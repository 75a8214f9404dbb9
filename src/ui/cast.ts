/**
 * An asciicast v2 recording of a trainer session (asciinema's format): a header line of JSON, then one event per
 * line, `[time, "o", data]`, times in seconds from the start, in order. Pure: the clock is given by the shell (the
 * core never reads the time).
 */
export interface CastHeader {
  readonly version: 2;
  readonly width: number;
  readonly height: number;
  /** Unix time of the start, seconds (from the shell) */
  readonly timestamp?: number;
  readonly title?: string;
  readonly env?: Readonly<Record<string, string>>;
}

export class CastRecorder {
  private readonly events: string[] = [];
  private readonly start: number;
  private last = 0;

  constructor(
    private readonly header: CastHeader,
    /** seconds, from any origin (e.g. performance.now() / 1000) */
    private readonly clock: () => number,
  ) {
    this.start = clock();
  }

  /** Output written to the terminal. */
  output(data: string): void {
    if (data === '') return;
    // times never go back, whatever the clock does
    const t = Math.max(this.last, Math.round((this.clock() - this.start) * 1e6) / 1e6);
    this.last = t;
    this.events.push(JSON.stringify([t, 'o', data]));
  }

  /** The file: the header line and the events, one JSON value per line. */
  text(): string {
    return `${[JSON.stringify(this.header), ...this.events].join('\n')}\n`;
  }
}

/** Reads an asciicast v2 file back (the tests; a trainer checking a file): the header and the output events. */
export function parseCast(text: string): { readonly header: CastHeader; readonly events: readonly (readonly [number, string, string])[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new Error('an empty cast file');
  const header = JSON.parse(lines[0]) as CastHeader;
  if (header.version !== 2 || !Number.isInteger(header.width) || !Number.isInteger(header.height)) throw new Error('line 1: not an asciicast v2 header');
  const events = lines.slice(1).map((l, i) => {
    const e = JSON.parse(l) as unknown;
    if (!Array.isArray(e) || e.length !== 3 || typeof e[0] !== 'number' || typeof e[1] !== 'string' || typeof e[2] !== 'string') throw new Error(`line ${i + 2}: not an event [time, code, data]`);
    return e as unknown as readonly [number, string, string];
  });
  return { header, events };
}
