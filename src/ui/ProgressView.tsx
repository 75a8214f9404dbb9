/** The progress display: a presentational component and a mount that erases itself when closed. */
import { Box, render, Text } from 'ink';
import type { ProgressState } from './progressState';
import { truncate } from './text';

const WIDTH = 30;

const duration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

export function ProgressView({ state, columns }: { readonly state: ProgressState; readonly columns: number }) {
  const { done, total, elapsedMs } = state;
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * WIDTH);
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  const eta = rate > 0 ? ((total - done) / rate) * 1000 : undefined;
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const counted = state.counts.reduce((a, b) => a + b, 0);
  const tallies = state.counts
    .map((c, i) => ({ label: state.labels[i] ?? `#${i + 1}`, share: counted > 0 ? c / counted : 0, c }))
    .filter((t) => t.c > 0)
    .map((t) => `${truncate(t.label, 28)} ${(t.share * 100).toFixed(1)}%`);
  return (
    <Box flexDirection="column">
      <Text>
        {truncate(`${state.title} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0)}%  ${n(done)} of ${n(total)} runs · ${n(rate)} runs/s${eta !== undefined ? ` · ETA ${duration(eta)}` : ''}`, columns)}
      </Text>
      {tallies.length > 0 && <Text>{truncate(`So far: ${tallies.join(' · ')}`, columns)}</Text>}
      <Text dimColor>{'Ctrl-C stops and reports the runs done so far (marked partial).'}</Text>
    </Box>
  );
}

/** Draws on `stream` (stderr); `close` erases the display. */
export function mountProgress(stream: NodeJS.WriteStream): { update(state: ProgressState): void; close(): void } {
  const columns = () => stream.columns || 80;
  let instance: ReturnType<typeof render> | undefined;
  return {
    update(state) {
      const tree = <ProgressView state={state} columns={columns()} />;
      if (instance) instance.rerender(tree);
      else instance = render(tree, { stdout: stream, patchConsole: false, exitOnCtrlC: false });
    },
    close() {
      if (!instance) return;
      instance.rerender(<></>);
      instance.unmount();
      instance = undefined;
    },
  };
}
