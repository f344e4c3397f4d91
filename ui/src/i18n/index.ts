/**
 * A small typed i18n module: `format` fills a message, `pickLanguage` reads the browser's
 * preference. The React binding is in `./react.tsx`.
 */
import { en, type Key, type Messages } from './en';
import { nl } from './nl';
import type { TeamWord } from '../api/types';

export type Lang = 'en' | 'nl';
export type { Key };
export const LANGS: readonly Lang[] = ['en', 'nl'];
export const MESSAGES: Record<Lang, Messages> = { en, nl };
export const LOCALE: Record<Lang, string> = { en: 'en-GB', nl: 'nl-BE' };

export type Params = Record<string, string | number>;

const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** Fills `{name}` placeholders; numbers are formatted for the language. */
export function format(lang: Lang, key: Key, params: Params = {}, teamWord?: TeamWord): string {
  const word = teamWord ?? { singular: 'team', plural: 'teams' };
  const all: Params = { team: word.singular, teams: word.plural, Team: cap(word.singular), Teams: cap(word.plural), ...params };
  const nf = new Intl.NumberFormat(LOCALE[lang]);
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = all[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? nf.format(v) : v;
  });
}

/** Dutch for any `nl` browser language, English otherwise. */
export function pickLanguage(stored: string | null, languages: readonly string[]): Lang {
  if (stored === 'en' || stored === 'nl') return stored;
  for (const l of languages) {
    const base = l.toLowerCase().split('-')[0];
    if (base === 'nl') return 'nl';
    if (base === 'en') return 'en';
  }
  return 'en';
}
