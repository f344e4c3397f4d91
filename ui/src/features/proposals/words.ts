/**
 * A proposal's state and dates in the UI language ("Open for comments until 4 Dec, 17:00").
 */
import type { State } from '../../api/types';
import { LOCALE, type Lang } from '../../i18n';
import type { T } from '../../i18n/react';
import { phaseOf, type Phase } from './model';

/** A date and time, with the year only when it is not this year's. */
export function formatWhen(lang: Lang, ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/** A date without the time. */
export function formatDay(lang: Lang, ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const sameYear = d.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(d);
}

/** The state in one line, with its deadline. */
export function stateLine(t: T, lang: Lang, state: State, now: number): string {
  switch (state.state) {
    case 'draft':
      return t('proposals.state.draft');
    case 'comments':
      return t('proposals.state.comments', { date: formatWhen(lang, state.until, now) });
    case 'consent':
      return phaseOf(state, now) === 'round_open'
        ? t('proposals.state.roundOpen', { n: state.round, date: formatWhen(lang, state.until, now) })
        : t('proposals.state.roundClosed', { n: state.round });
    case 'adopted':
      return t('proposals.state.adopted', { date: formatDay(lang, state.at, now) });
    case 'rejected':
      return t('proposals.state.rejected', { date: formatDay(lang, state.at, now) });
    case 'withdrawn':
      return t('proposals.state.withdrawn', { date: formatDay(lang, state.at, now) });
  }
}

export function badgeKey(phase: Phase) {
  return `proposals.badge.${phase}` as const;
}

/** A file name from a title: lower case, letters and digits, dashes. */
export function slug(title: string): string {
  const s = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'proposal';
}
