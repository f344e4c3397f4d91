import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { format, pickLanguage } from './index';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has the same keys in English and Dutch', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('fills the same placeholders in both languages: %s', (key) => {
    expect(placeholders(nl[key]), `Dutch "${nl[key]}" vs English "${en[key]}"`).toEqual(placeholders(en[key]));
    expect(nl[key].trim().length, 'no empty translation').toBeGreaterThan(0);
  });

  it('fills parameters and the workspace word for a team', () => {
    const word = { singular: 'circle', plural: 'circles' };
    expect(format('en', 'search.placeholder', {}, word)).toBe('Search people, roles, circles…');
    expect(format('en', 'details.kind.team', {}, word)).toBe('Circle');
    expect(format('nl', 'details.noTeam', {}, { singular: 'afdeling', plural: 'afdelingen' })).toBe('Niet in een afdeling');
  });

  it('formats numbers for the language', () => {
    expect(format('nl', 'chart.fte', { n: 0.8 })).toBe('0,8 VTE');
    expect(format('en', 'chart.fte', { n: 0.8 })).toBe('0.8 FTE');
    expect(format('nl', 'chart.hidden', { n: 12345 })).toBe('+12.345');
  });

  it('picks Dutch for a Dutch browser, English otherwise, and a stored choice first', () => {
    expect(pickLanguage(null, ['nl-BE', 'en'])).toBe('nl');
    expect(pickLanguage(null, ['fr-BE', 'nl'])).toBe('nl');
    expect(pickLanguage(null, ['en-US'])).toBe('en');
    expect(pickLanguage(null, ['fr-FR'])).toBe('en');
    expect(pickLanguage('en', ['nl-BE'])).toBe('en');
  });
});
