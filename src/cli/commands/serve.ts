/**
 * `plenary serve`: hosts one plenary for a room of trainees on the loopback address. The room (src/ui/room.ts)
 * holds the one authoritative run; this shell carries its JSON messages over WebSockets (the `ws` package), ticks
 * the simulated steps while the host plays, and draws the host's screen (a terminal) or logs plain lines (a pipe).
 * Host keys: p play/pause, space step (past a trainee who has not decided), e end. From a pipe: lines "play",
 * "pause", "step", "end".
 */
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { UserError } from '../../common/errors';
import { releaseTerminal, takeTerminal } from '../roomTerminal';
import { Room, parseClientMessage, type HostMessage } from '../../ui/room';
import { ansiScreen } from '../../ui/ansi';
import { prepareSession, sessionComparison, sessionDebriefMarkdown, type PlayOptions } from './trainer';

export const LOOPBACK = ['127.0.0.1', 'localhost', '::1'] as const;

export interface ServeOptions extends Omit<PlayOptions, 'as'> {
  readonly port: number;
  readonly host: string;
  /** seconds between simulated steps while the host plays */
  readonly pace: number;
  /** write every debrief line to stdout as well (a pipe) */
  readonly log: (line: string) => void;
}

/** The loopback address or a UserError: a room is for one machine's terminals (no authentication, no TLS). */
export function checkLoopback(host: string, flag: string): string {
  if ((LOOPBACK as readonly string[]).includes(host)) return host === 'localhost' ? '127.0.0.1' : host;
  throw new UserError(`${flag} ${host}: a room listens and connects on the loopback address only (127.0.0.1, localhost or ::1): it has no authentication or encryption`);
}

export interface Served {
  readonly markdown: string;
  readonly interrupted: boolean;
}

/** Hosts the plenary until the host ends it; returns the debrief (Markdown). */
export async function serveCommand(options: ServeOptions): Promise<Served> {
  const host = checkLoopback(options.host, '--host');
  const session = prepareSession({ ...options, as: undefined });
  // the debrief's comparison runs are simulated here, by the caller of the room, once
  const comparison = sessionComparison(session);
  const room = new Room(session, comparison, () => sessionDebriefMarkdown(session, comparison));
  const { WebSocketServer } = await import('ws');
  const server = new WebSocketServer({ host, port: options.port });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UserError(`--port ${options.port}: the port is in use; choose another (or --port 0 for any free port)`) : error),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const tty = process.stdout.isTTY === true && process.stdin.isTTY === true;
  const log = (line: string) => (tty ? undefined : options.log(line));
  const clients = new Map<WebSocket, string>();
  let debriefSent = false;

  const send = (socket: WebSocket, message: HostMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const drawHost = () => {
    if (!tty) return;
    process.stdout.write(ansiScreen(room.hostScreen(process.stdout.columns || 100, (process.stdout.rows || 30) - 1), true));
  };
  const update = () => {
    for (const event of room.takeEvents()) {
      if (event.kind === 'step') for (const l of event.lines) log(`  ${l}`);
      else if (event.kind === 'ended') log('The host ended the plenary.');
      else log(`${event.kind}: ${event.id}`);
    }
    for (const [socket, id] of clients) {
      const screen = room.screenFor(id);
      if (screen) send(socket, screen);
    }
    if (session.done && !debriefSent) {
      debriefSent = true;
      const markdown = room.debrief();
      for (const socket of clients.keys()) send(socket, { type: 'debrief', markdown });
      log(`The item is over: ${session.debrief().ending}. Debrief sent to ${clients.size} trainee${clients.size === 1 ? '' : 's'}.`);
    }
    drawHost();
  };

  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = parseClientMessage(String(data));
      const id = clients.get(socket);
      if (typeof message === 'string') return send(socket, { type: 'refused', reason: 'bad-message', message });
      if (message.type === 'join') {
        if (id !== undefined) return send(socket, { type: 'refused', reason: 'bad-message', message: `already joined as ${id}` });
        const reply = room.join(message.seat, message.columns, message.rows);
        send(socket, reply);
        if (reply.type === 'refused') {
          log(`refused ${message.seat}: ${reply.message}`);
          socket.close(1000);
          return;
        }
        clients.set(socket, reply.type === 'welcome' ? reply.seat : message.seat); // the seat's id as the scenario writes it (the trainee may have typed Zimbabwe)
        return update();
      }
      if (id === undefined) return send(socket, { type: 'refused', reason: 'not-joined', message: 'join a seat first: {"type":"join","seat":"chair"}' });
      if (message.type === 'key') room.key(id, message.key);
      else room.resize(id, message.columns, message.rows);
      update();
    });
    socket.on('close', () => {
      const id = clients.get(socket);
      clients.delete(socket);
      if (id !== undefined && !room.ended) {
        room.drop(id);
        update();
      }
    });
    socket.on('error', () => socket.terminate());
  });

  log(`Serving "${session.model.scenario.meeting.title}" (rule ${session.model.rule.spec}, seed "${session.seed}", run ${session.runIndex}) on ws://${host === '::1' ? '[::1]' : host}:${port}`);
  log(`Trainees: plenary join ${host === '::1' ? '[::1]' : host}:${port} --as chair (or a participant id). Host: play, pause, step, end.`);

  return new Promise<Served>((resolve) => {
    let interrupted = false;
    const ticker = setInterval(() => {
      if (room.tick()) update();
    }, Math.max(10, options.pace * 1000));
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(ticker);
      room.end();
      for (const socket of clients.keys()) send(socket, { type: 'end', message: 'The host ended the plenary.' });
      update();
      for (const socket of clients.keys()) socket.close(1000);
      process.off('SIGINT', onSigint);
      releaseTerminal(tty, input);
      server.close(() => resolve({ markdown: room.debrief(), interrupted }));
    };
    const onSigint = () => {
      interrupted = true;
      finish();
    };
    process.once('SIGINT', onSigint);
    const act = (what: string) => {
      if (what === 'play' || what === 'pause' || what === 'p') room.playing = what === 'p' ? !room.playing : what === 'play';
      else if (what === 'step' || what === ' ') room.step();
      else if (what === 'end' || what === 'e' || what === 'q') return finish();
      else if (what === '\u0003') return onSigint();
      else return log(`unknown host command "${what}" (play, pause, step, end)`);
      log(room.playing ? 'playing' : 'paused');
      update();
    };
    let input: ReturnType<typeof createInterface> | undefined;
    if (tty) {
      takeTerminal(act);
      process.stdout.on('resize', drawHost);
      drawHost();
    } else {
      input = createInterface({ input: process.stdin });
      input.on('line', (line) => {
        const what = line.trim();
        if (what !== '') act(what);
      });
    }
  });
}
