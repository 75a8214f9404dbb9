/**
 * A room end to end on the loopback address, with the built CLI: `plenary serve` and three `plenary join` clients
 * (the chair and two delegations) through a whole item to the debrief, one client dropping and rejoining its seat;
 * the errors a trainee can meet (seat taken, unknown id, no host, host gone). Every wait is bounded.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../../src/common/paths';
import { parseClientMessage } from '../../src/ui/room';

const BIN = join(PACKAGE_ROOT, 'bin', 'plenary.mjs');
const SMALL = join(PACKAGE_ROOT, 'test', 'ui', 'fixtures', 'small-plenary.yaml');
const { CI: _ci, ...env } = process.env;

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'))) spawnSync(process.execPath, [join(PACKAGE_ROOT, 'build.mjs')], { cwd: PACKAGE_ROOT });
});

const running: Proc[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.kill();
});

class Proc {
  out = '';
  err = '';
  code: number | null | undefined = undefined;
  readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;
  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: PACKAGE_ROOT, env });
    this.child.stdout.on('data', (d) => (this.out += String(d)));
    this.child.stderr.on('data', (d) => (this.err += String(d)));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve((this.code = code))));
    running.push(this);
  }
  /** the last screen a client printed */
  screen(): string {
    const i = this.out.lastIndexOf('--- screen ---');
    return i < 0 ? '' : this.out.slice(i);
  }
  /** the last screen with its white space (line ends too) as single spaces: for lines that wrap */
  flat(): string {
    return this.screen().replace(/\s+/g, ' ');
  }
  send(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }
  /** waits (up to 20 s) until `test` passes */
  async until(test: (p: Proc) => boolean, what: string): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if (test(this)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`never saw ${what}\n--- stdout ---\n${this.out.slice(-3000)}\n--- stderr ---\n${this.err}`);
  }
  async exit(): Promise<number | null> {
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000));
    const result = await Promise.race([this.exited, timeout]);
    if (result === 'timeout') throw new Error(`did not exit\n${this.err}`);
    return result;
  }
  kill(): void {
    if (this.code === undefined) this.child.kill('SIGKILL');
  }
}

async function serve(extra: string[] = []): Promise<{ host: Proc; address: string }> {
  const host = new Proc(['serve', SMALL, '--port', '0', '--pace', '0', '--seed', 'room', ...extra]);
  await host.until((p) => /on ws:\/\/127\.0\.0\.1:\d+/.test(p.out), 'the address');
  const address = /ws:\/\/(127\.0\.0\.1:\d+)/.exec(host.out)![1];
  return { host, address };
}

async function joined(address: string, seat: string): Promise<Proc> {
  const p = new Proc(['join', address, '--as', seat]);
  await p.until((x) => x.err.includes('Joined as'), `${seat} joined`);
  return p;
}

describe('a room on the loopback address', () => {
  it('serve and three joins (chair, two delegations) play an item to the debrief; a dropped delegation rejoins its seat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-room-'));
    const file = join(dir, 'room.md');
    const { host, address } = await serve(['--debrief', file]);
    const chair = await joined(address, 'chair');
    let subject = await joined(address, 'subj');
    const north = await joined(address, 'north');
    expect(chair.err).toContain('Joined as the Chair.');
    expect(subject.err).toContain('Joined as Subject.');
    await chair.until((p) => p.flat().includes('Room: the Chair ●, Subject ●, North ●; the other seats are simulated'), 'the room');
    host.send('play');
    await chair.until((p) => p.screen().includes('Your move as Chair'), "the chair's turn");
    await north.until((p) => p.screen().includes("Turn: the Chair's move"), 'north sees the turn');
    chair.send('t 1');
    await subject.until((p) => p.screen().includes('Subject, your answer on "Sanction"'), "the subject's turn");
    // the floor answers together: the screens say who has still to answer
    await north.until((p) => p.screen().includes('Turn: answers from Subject, North') && p.screen().includes('North, your answer on "Sanction"'), 'north asked too');
    north.send('y');
    await subject.until((p) => p.screen().includes("Turn: Subject's answer"), 'north answered');
    expect(north.screen()).toContain('answered: support');
    north.send('a');
    await north.until((p) => p.screen().includes("Already answered: waiting for Subject."), 'one answer per seat');
    subject.send('b');
    await chair.until((p) => p.screen().includes('Objecting: Subject.'), 'the floor answered');
    chair.send('c');
    await chair.until((p) => p.screen().includes('The call for consensus fails'), 'the failed call');
    chair.send('n');
    await subject.until((p) => p.screen().includes('Subject, your answer on "Sanction" (consultations)'), 'the round');
    // the subject's terminal drops; the run waits for its seat
    subject.kill();
    await chair.until((p) => p.flat().includes('Subject ○ dropped') && p.flat().includes('waiting for Subject (dropped; the host can step past)'), 'the drop');
    // a second trainee cannot take a seat held by a connected one; the dropped trainee rejoins
    subject = await joined(address, 'subj');
    expect(subject.err).toContain('Joined as Subject (rejoined your seat).');
    const intruder = new Proc(['join', address, '--as', 'subj']);
    expect(await intruder.exit()).toBe(2);
    expect(intruder.err).toContain('plenary: cannot join as subj: the seat "subj" is taken: another trainee is connected to it');
    await subject.until((p) => p.screen().includes('Subject, your answer on "Sanction" (consultations)'), 'the seat again');
    subject.send('a');
    north.send('y');
    await chair.until((p) => p.screen().includes('Now: 3 support, 1 accept, 0 abstain, 0 object.') || p.screen().includes('Now: 4 support'), 'the round answered');
    chair.send('c');
    for (const p of [chair, subject, north]) await p.until((x) => x.screen().includes('Debrief — Small plenary (test)') && x.out.includes('--- debrief received ---'), 'the debrief');
    expect(chair.screen()).toContain('Your run: Sanction, adopted by consensus, after 3 h of 8 h.');
    expect(chair.screen()).toContain('The simulated chair (same run, same rule Consensus)');
    expect(host.out).toContain('joined: chair');
    expect(host.out).toContain('dropped: subj');
    expect(host.out).toContain('rejoined: subj');
    expect(host.out).toContain('The item is over: Sanction, adopted by consensus. Debrief sent to 3 trainees.');
    host.send('end');
    expect(await host.exit()).toBe(0);
    for (const p of [chair, subject, north]) {
      expect(await p.exit()).toBe(0);
      expect(p.err).toContain('The host ended the plenary.');
    }
    const md = readFileSync(file, 'utf8');
    expect(md).toContain('Trainee: the Chair, Subject, North.');
    expect(md).toContain('| 1 h | you (the Chair): call for consensus |');
    expect(md).toContain('| 1 h | you (North): support on "Sanction"; you (Subject): object on "Sanction" |');
  });

  it('says so when the id is unknown, when nobody serves, and when the host is gone', async () => {
    const { host, address } = await serve();
    const unknown = new Proc(['join', address, '--as', 'atlantis']);
    expect(await unknown.exit()).toBe(2);
    expect(unknown.err).toContain('plenary: cannot join as atlantis: unknown seat "atlantis": not a participant of scenario "small-plenary" (seats: chair, north, east, south, subj');
    const client = await joined(address, 'north');
    host.kill();
    expect(await client.exit()).toBe(2);
    expect(client.err).toContain('plenary: the host is gone');
    const nobody = new Proc(['join', address, '--as', 'chair']);
    expect(await nobody.exit()).toBe(2);
    expect(nobody.err).toContain(`plenary: no plenary at ${address} (connection refused): is plenary serve running there?`);
    const far = new Proc(['serve', SMALL, '--host', '0.0.0.0', '--port', '0']);
    expect(await far.exit()).toBe(2);
    expect(far.err).toContain('--host 0.0.0.0: a room listens and connects on the loopback address only');
  });
});

describe('the room protocol', () => {
  it('accepts the documented messages and says what is wrong with others', () => {
    expect(parseClientMessage('{"type":"join","seat":"chair","columns":80,"rows":24}')).toEqual({ type: 'join', seat: 'chair', columns: 80, rows: 24 });
    expect(parseClientMessage('{"type":"key","key":"c"}')).toEqual({ type: 'key', key: 'c' });
    expect(parseClientMessage('{"type":"key","key":"space"}')).toEqual({ type: 'key', key: 'space' });
    expect(parseClientMessage('{"type":"resize","columns":120,"rows":40}')).toEqual({ type: 'resize', columns: 120, rows: 40 });
    expect(parseClientMessage('nope')).toBe('not JSON');
    expect(parseClientMessage('{"type":"key","key":"ctrl"}')).toContain('key.key: one character or one of space, tab');
    expect(parseClientMessage('{"type":"join"}')).toContain('join.seat');
    expect(parseClientMessage('{"type":"vote"}')).toBe('type: unknown message type "vote" (allowed: join, key, resize)');
  });
});
