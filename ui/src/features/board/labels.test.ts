import { describe, expect, it } from 'vitest';
import { format, type Key, type Lang } from '../../i18n';
import type { T } from '../../i18n/react';
import { cellLabel, gapBadge, gapText, historyLine, levelMeaning, levelName } from './labels';
import { LEVELS } from './model';

const tr = (lang: Lang): T => (key: Key, params) => format(lang, key, params);
const en = tr('en');
const nl = tr('nl');

describe('level labels', () => {
  it('names the seven levels in both languages', () => {
    expect(LEVELS.map((n) => levelName(en, n))).toEqual(['Tell', 'Sell', 'Consult', 'Agree', 'Advise', 'Inquire', 'Delegate']);
    expect(LEVELS.map((n) => levelName(nl, n))).toEqual(['Vertellen', 'Verkopen', 'Raadplegen', 'Overeenkomen', 'Adviseren', 'Informeren', 'Delegeren']);
  });

  it('says what each level means', () => {
    expect(levelMeaning(en, 1)).toBe('The manager decides and announces');
    expect(levelMeaning(nl, 1)).toBe('De leidinggevende beslist en deelt mee');
    for (const n of LEVELS) expect(levelMeaning(nl, n), `level ${n}`).not.toBe(levelMeaning(en, n));
  });
});

describe('a cell read aloud', () => {
  it('names the domain, the subject and both levels', () => {
    expect(cellLabel(en, 'en-GB', 'Hiring in the team', 'Logistiek', { current: 3, desired: 5 })).toBe(
      'Hiring in the team, Logistiek: current 3 consult, desired 5 advise. 2 levels more autonomy wanted',
    );
    expect(cellLabel(nl, 'nl-BE', 'Aanwerven', 'Logistiek', { current: 4, desired: 4 })).toBe('Aanwerven, Logistiek: nu 4 overeenkomen, gewenst 4 overeenkomen. Op het gewenste niveau');
  });

  it('says when a level is missing or the cell is empty', () => {
    expect(cellLabel(en, 'en-GB', 'Budget', 'Sales', { current: 2, desired: null })).toBe('Budget, Sales: current 2 sell, desired not set');
    expect(cellLabel(en, 'en-GB', 'Budget', 'Sales', undefined)).toBe('Budget, Sales: no level yet. Set a level');
    expect(cellLabel(en, 'en-GB', 'Budget', 'Sales', { current: null, desired: null })).toBe('Budget, Sales: no level yet. Set a level');
  });

  it('puts the gap into words and into a short badge', () => {
    expect(gapText(en, 1)).toBe('1 level more autonomy wanted');
    expect(gapText(en, -3)).toBe('3 levels less autonomy wanted');
    expect(gapText(nl, 2)).toBe('2 niveaus meer autonomie gewenst');
    expect([gapBadge(2), gapBadge(-1), gapBadge(0)]).toEqual(['+2', '\u22121', '=']);
  });
});

describe('history', () => {
  const at = Date.UTC(2026, 10, 28, 10, 0);
  it('says who changed what, when and why, in the UI’s language', () => {
    expect(historyLine(en, 'en-GB', { current: 3, desired: 5, by: 'Ann', at, why: 'agreed in the workshop' }, 'UTC')).toBe(
      '3 → 5 by Ann, 28 Nov 2026: agreed in the workshop',
    );
    expect(historyLine(nl, 'nl-BE', { current: 3, desired: null, by: 'Ann', at, why: '' }, 'UTC')).toBe('3 → – door Ann, 28 nov 2026');
    expect(historyLine(en, 'en-GB', { current: null, desired: 6, by: '', at, why: ' ' }, 'UTC')).toBe('– → 6 by someone, 28 Nov 2026');
  });
});
