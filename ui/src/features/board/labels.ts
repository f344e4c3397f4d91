/**
 * The board's words: level names and meanings, a cell's accessible label, a history line. Pure
 * functions of a translator `t`, so both languages are tested without React.
 */
import type { Delegation, LevelChange } from '../../api/types';
import type { Key } from '../../i18n';
import type { T } from '../../i18n/react';
import { formatMoment, gapOf, isLevel, type LevelN } from './model';

const templates = new WeakMap<T, Map<Key, string>>();

/**
 * `t(key, params)` for the words a board repeats thousands of times (a label per cell): the
 * message is looked up once per translator and filled here. Its numbers are levels and gaps,
 * small integers that read the same in every language.
 */
function words(t: T, key: Key, params: Record<string, string | number> = {}): string {
  // A count chooses its plural form (`format` through Intl.PluralRules): no cached template.
  if (typeof params.n === 'number') return t(key, params);
  let cache = templates.get(t);
  if (!cache) templates.set(t, (cache = new Map()));
  let template = cache.get(key);
  if (template === undefined) cache.set(key, (template = t(key)));
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

export const levelName = (t: T, n: LevelN) => words(t, `level.${n}`);
export const levelMeaning = (t: T, n: LevelN) => words(t, `level.${n}.meaning`);

/** "3 consult" — a level as it is read out; "not set" without one. */
export function levelSpoken(t: T, n: number | null, locale: string): string {
  return isLevel(n) ? `${n} ${levelName(t, n).toLocaleLowerCase(locale)}` : words(t, 'board.notSet');
}

/** "Hiring in the team, Logistiek: current 3 consult, desired 5 advise". */
export function cellLabel(t: T, locale: string, domain: string, subject: string, entry: Pick<Delegation, 'current' | 'desired'> | undefined): string {
  if (!entry || (entry.current === null && entry.desired === null)) return words(t, 'board.cellEmpty', { domain, subject });
  const label = words(t, 'board.cellLabel', { domain, subject, current: levelSpoken(t, entry.current, locale), desired: levelSpoken(t, entry.desired, locale) });
  const gap = gapOf(entry);
  if (gap === null || gap === 0) return gap === 0 ? `${label}. ${words(t, 'board.gap.none')}` : label;
  return `${label}. ${gapText(t, gap)}`;
}

/** "2 levels more autonomy wanted" / "1 level less autonomy wanted" / "At the desired level". */
export function gapText(t: T, gap: number): string {
  if (gap === 0) return words(t, 'board.gap.none');
  const n = Math.abs(gap);
  if (gap > 0) return words(t, 'board.gap.up', { n });
  return words(t, 'board.gap.down', { n });
}

/** The badge's short text: "+2", "−1" (a true minus sign), "=". */
export function gapBadge(gap: number): string {
  if (gap === 0) return '=';
  return gap > 0 ? `+${gap}` : `\u2212${-gap}`;
}

/** "3 → 5 by Ann, 28 Nov 2026: agreed in the workshop". */
export function historyLine(t: T, locale: string, c: LevelChange, timeZone?: string): string {
  const levels = `${c.current ?? '–'} → ${c.desired ?? '–'}`;
  const params = { levels, by: c.by || t('board.someone'), date: formatMoment(c.at, locale, timeZone), why: c.why };
  return t(c.why.trim() ? 'board.historyLine' : 'board.historyLineNoWhy', params);
}
