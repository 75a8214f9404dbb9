/**
 * `plenary join HOST:PORT --as ID`: a trainee's terminal in a room. Sends the seat and the keys to the host
 * (`plenary serve`), draws the screens it sends back. In a terminal: keys as pressed (q leaves; the seat waits for a
 * rejoin). From a pipe: each line holds key names separated by spaces ("t 1", "space", "c"), every screen is printed
 * as plain text after a line "--- screen ---".
 */
import { createInterface } from 'node:readline';
import { UserError } from '../../common/errors';
import { releaseTerminal, takeTerminal } from '../roomTerminal';
import { ansiScreen, plainText } from '../../ui/ansi';
import { KEY_NAMES, type HostMessage } from '../../ui/room';
import { checkLoopback } from './serve';

export interface JoinOptions {
  readonly address: string;
  readonly as: string;
  /** write the debrief the host sends at the end of the item */
  readonly onDebrief?: (markdown: string) => Promise<void>;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** "127.0.0.1:7070" → host and port, loopback only. */
export function parseAddress(text: string): { readonly host: string; readonly port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new UserError(`join ${text}: expected HOST:PORT, e.g. 127.0.0.1:7070 (what plenary serve printed)`);
  const host = m[1].replace(/^\[|\]$/g, '');
  return { host: checkLoopback(host, 'join'), port: Number(m[2]) };
}

/** Terminal key bytes → key names of the protocol. */
function keyNames(chunk: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < chunk.length; i++) {
    const rest = chunk.slice(i);
    if (rest.startsWith('\u001B[D')) (names.push('left'), (i += 2));
    else if (rest.startsWith('\u001B[C')) (names.push('right'), (i += 2));
    else if (rest.startsWith('\u001B[')) i += 2;
    else if (rest[0] === '\u001B') names.push('escape');
    else if (rest[0] === ' ') names.push('space');
    else if (rest[0] === '\t') names.push('tab');
    else if (rest[0] === '\u007F' || rest[0] === '\b') names.push('backspace');
    else if (rest[0] === '\u0003') names.push('ctrl-c');
    else names.push(rest[0]);
  }
  return names;
}

export type Left = 'ended' | 'left' | 'interrupted';

export async function joinCommand(options: JoinOptions): Promise<Left> {
  const { host, port } = parseAddress(options.address);
  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
  const { WebSocket } = await import('ws');
  const socket = new WebSocket(url);
  const columns = () => Math.max(20, Math.min(1000, process.stdout.columns || 100));
  const rows = () => Math.max(20, Math.min(1000, (process.stdout.rows || 30) - 1));

  return new Promise<Left>((resolve, reject) => {
    let welcomed = false;
    let done = false;
    let input: ReturnType<typeof createInterface> | undefined;
    const cleanup = () => {
      releaseTerminal(tty, input);
      process.off('SIGINT', onSigint);
    };
    const finish = (result: Left | Error) => {
      if (done) return;
      done = true;
      cleanup();
      socket.removeAllListeners();
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onSigint = () => finish('interrupted');
    process.once('SIGINT', onSigint);
    const sendKey = (name: string) => {
      if (name === 'ctrl-c') return finish('interrupted');
      if (name === 'q' || name === 'quit') return finish('left');
      if ([...name].length !== 1 && !(KEY_NAMES as readonly string[]).includes(name)) return options.err(`unknown key "${name}" (one character or ${KEY_NAMES.join(', ')})`);
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'key', key: name }));
    };

    socket.on('open', () => socket.send(JSON.stringify({ type: 'join', seat: options.as, columns: columns(), rows: rows() })));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!welcomed) finish(new UserError(`no plenary at ${options.address} (${error.code === 'ECONNREFUSED' ? 'connection refused' : error.message}): is plenary serve running there?`));
      else finish(new UserError(`the host is gone (${error.message})`));
    });
    socket.on('close', () => {
      if (!done) finish(new UserError(welcomed ? 'the host is gone: the connection closed before the host ended the plenary' : `no plenary at ${options.address}: the connection closed`));
    });
    socket.on('message', (data) => {
      let message: HostMessage;
      try {
        message = JSON.parse(String(data)) as HostMessage;
      } catch {
        return;
      }
      switch (message.type) {
        case 'welcome':
          welcomed = true;
          options.err(`Joined as ${message.name}${message.rejoined ? ' (rejoined your seat)' : ''}. Keys go to the host; q leaves (your seat waits for you).`);
          if (tty) {
            takeTerminal((chunk) => keyNames(chunk).forEach(sendKey));
            process.stdout.on('resize', () => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ type: 'resize', columns: columns(), rows: rows() })));
          } else {
            input = createInterface({ input: process.stdin });
            input.on('line', (line) => line.trim().split(/\s+/).filter(Boolean).forEach(sendKey));
          }
          return;
        case 'refused':
          return finish(new UserError(`cannot join as ${options.as}: ${message.message}`));
        case 'screen':
          if (tty) process.stdout.write(ansiScreen(message.lines, process.env.NO_COLOR === undefined || process.env.NO_COLOR === ''));
          else options.out(`--- screen ---\n${plainText(message.lines)}\n`);
          return;
        case 'debrief':
          if (options.onDebrief) void options.onDebrief(message.markdown);
          if (!tty) options.out('--- debrief received ---\n');
          return;
        case 'end':
          finish('ended');
          options.err(message.message);
          return;
      }
    });
  });
}
