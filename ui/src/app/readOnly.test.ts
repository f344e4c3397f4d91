import { describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../api/types';
import { readOnlyBanner } from './readOnly';

const info: WorkspaceInfo = {
  path: '/tmp/acme.kader',
  name: 'acme',
  read_only: null,
  locked_by: null,
  team_word: { singular: 'team', plural: 'teams' },
  seq: 3,
  people: 1,
  roles: 1,
  teams: 1,
};
const holder = { app: 'kader serve', user: 'ann', host: 'laptop-7', pid: 4242, since: Date.UTC(2026, 11, 7, 14, 5) };

describe('the read-only banner', () => {
  it('is absent when the workspace can be changed', () => {
    expect(readOnlyBanner('en', info)).toBeNull();
  });

  it('names who has the file open and since when, in the reader\'s language and time zone', () => {
    const locked = { ...info, read_only: 'kader serve … has it open for editing', locked_by: holder };
    const en = readOnlyBanner('en', locked, 'Europe/Brussels');
    expect(en).toMatch(/^Read-only — kader serve has this file open/);
    expect(en).toContain('ann on laptop-7');
    expect(en).toContain('15:05'); // 14:05 UTC is 15:05 in Brussels in December
    expect(en).toContain('follows');
    const nl = readOnlyBanner('nl', locked, 'Europe/Brussels');
    expect(nl).toMatch(/^Alleen lezen — kader serve heeft dit bestand open/);
    expect(nl).toContain('ann op laptop-7');
    expect(nl).toContain('15:05');
  });

  it('falls back to the process when the user and computer are unknown', () => {
    const locked = { ...info, read_only: 'x', locked_by: { ...holder, user: '', host: '' } };
    expect(readOnlyBanner('en', locked, 'UTC')).toContain('process 4242');
    expect(readOnlyBanner('nl', locked, 'UTC')).toContain('proces 4242');
  });

  it('gives the engine\'s reason for other read-only files', () => {
    expect(readOnlyBanner('en', { ...info, read_only: 'it was written by a newer version of Kader' })).toBe(
      'Read only: it was written by a newer version of Kader',
    );
  });
});
