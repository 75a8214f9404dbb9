/**
 * Every command that offers --workers uses it; one that runs on one thread does not offer it (rather than accept it
 * and ignore it): --workers there is an unknown option, exit 2.
 */
import { describe, expect, it } from 'vitest';
import { plenaryInProcess as plenary, STACK_TRACE } from '../robustness/inProcess';

describe('--workers only where threads are used', () => {
  it('calibrate runs on one thread and refuses --workers with a usage error', async () => {
    const r = await plenary(['calibrate', 'scenarios/history/kp-2007-venezuela.yaml', '--runs', '10', '--workers', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--workers'");
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
