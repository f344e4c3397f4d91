import { describe, expect, it } from 'vitest';
import { VIEWS, hashOf, viewFromHash } from './view';

describe('the view in the address', () => {
  it('round-trips every view', () => {
    for (const v of VIEWS) expect(viewFromHash(hashOf(v))).toBe(v);
    expect(hashOf('chart')).toBe('');
    expect(hashOf('decisions')).toBe('#decisions');
    expect(hashOf('vision')).toBe('#vision');
  });

  it('opens the chart for an empty or unknown hash', () => {
    expect(viewFromHash('')).toBe('chart');
    expect(viewFromHash('#')).toBe('chart');
    expect(viewFromHash('#nope')).toBe('chart');
    expect(viewFromHash('#VISION')).toBe('chart');
  });
});
