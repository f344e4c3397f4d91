import { describe, expect, it } from 'vitest';
import { SHELL_VIEWS, hashOf, viewFromHash } from './view';

describe('the view in the address', () => {
  it('round-trips every view', () => {
    for (const v of SHELL_VIEWS) expect(viewFromHash(hashOf(v))).toBe(v);
    expect(hashOf('chart')).toBe('');
    expect(hashOf('decisions')).toBe('#decisions');
    expect(hashOf('vision')).toBe('#vision');
    expect(hashOf('proposals')).toBe('#proposals');
  });

  it('keeps Proposals for a place inside it (a proposal, a draft, the log)', () => {
    expect(viewFromHash('#proposals/0193a2b4-7c1d-7000-8000-000000000001')).toBe('proposals');
    expect(viewFromHash('#proposals/log')).toBe('proposals');
    expect(viewFromHash('#proposalsx')).toBe('chart');
  });

  it('opens the chart for an empty or unknown hash', () => {
    expect(viewFromHash('')).toBe('chart');
    expect(viewFromHash('#')).toBe('chart');
    expect(viewFromHash('#nope')).toBe('chart');
    expect(viewFromHash('#VISION')).toBe('chart');
  });
});
