/**
 * A small typed i18n module: `format` fills a message, `pickLanguage` reads the browser's
 * preference. The React binding is in `./react.tsx`.
 *
 * Plurals: a message that counts something takes the count as `{n}` and has its singular form
 * under the same key with `.one` appended (`'poker.spread'` and `'poker.spread.one'`).
 * `format` chooses between them through `Intl.PluralRules` for the language — never with
 * `n === 1 ?` at the call site (a test scans the source for that pattern, and another checks that
 * every message with `{n}` that counts has its `.one`).
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
  return MESSAGES[lang][pluralKey(lang, key, params.n)].replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = all[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? nf.format(v) : v;
  });
}

const RULES: Partial<Record<Lang, Intl.PluralRules>> = {};

/** The plural category of `n` in `lang` ("one", "other"…), through `Intl.PluralRules`. */
export function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  const rules = (RULES[lang] ??= new Intl.PluralRules(LOCALE[lang]));
  return rules.select(n);
}

/** The key of the form of `key` that fits the count `n`: `<key>.<category>` when the catalogue has it. */
export function pluralKey(lang: Lang, key: Key, n: string | number | undefined): Key {
  if (typeof n !== 'number') return key;
  const form = `${key}.${pluralCategory(lang, n)}`;
  return form in MESSAGES[lang] ? (form as Key) : key;
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
