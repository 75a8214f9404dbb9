/** A room's seats are asked for as a trainee types them (any case, or the name); one seat whatever the spelling. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareSession } from '../../src/cli/commands/trainer';
import { PACKAGE_ROOT } from '../../src/common/paths';
import { Room } from '../../src/ui/room';

const SMALL = join(PACKAGE_ROOT, 'test', 'ui', 'fixtures', 'small-plenary.yaml');

describe('room seats', () => {
  it('a seat typed in another case is the seat; the same seat in another spelling is taken', () => {
    const room = new Room(prepareSession({ scenario: SMALL, seed: 's', run: 0 }), undefined, () => '');
    expect(room.join('NORTH')).toMatchObject({ type: 'welcome', seat: 'north', rejoined: false });
    expect(room.join('north')).toMatchObject({ type: 'refused', reason: 'seat-taken', message: 'the seat "north" is taken: another trainee is connected to it' });
    expect(room.join('Chair')).toMatchObject({ type: 'welcome', seat: 'chair' });
    const unknown = room.join('Nort');
    expect(unknown).toMatchObject({ type: 'refused', reason: 'unknown-seat' });
    expect(unknown.type === 'refused' && unknown.message).toMatch(/^unknown seat "Nort": not a participant of scenario "small-plenary" \(seats: chair, north, .*\)\. Did you mean "north"\?$/);
  });
});
