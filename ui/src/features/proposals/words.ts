/**
 * A proposal's state and dates in the UI language ("Open for comments until 4 Dec, 17:00").
 */
import type { Op, Proposed, State } from '../../api/types';
import { LOCALE, type Lang } from '../../i18n';
import type { T } from '../../i18n/react';
import { SECTIONS, titleKey, type VisionSection } from '../vision/sections';
import { phaseOf, stagedOf, type Phase } from './model';
import { levelText } from './Levels';

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

/**
 * What a proposal changes, one line each, in the UI's language with names (`name` of a role or
 * team id; a role a draft adds is named by its title); operations it cannot word are counted.
 */
export function whatChanged(t: T, p: Proposed, name: (id: string) => string | null): string[] {
  if (p.kind === 'vision')
    return p.sections.map((s) => t('proposals.log.section', { section: (SECTIONS as readonly string[]).includes(s.section) ? t(titleKey(s.section as VisionSection)) : s.section }));
  if (p.kind === 'framework') return frameworkWhat(t, p.ops, name);
  const { staged, other } = stagedOf(p.ops);
  const added = new Map(staged.flatMap((s) => (s.kind === 'add' ? [[s.id, s.title] as const] : [])));
  const title = (id: string | null) => (id ? (name(id) ?? added.get(id) ?? t('proposals.unnamed')) : '—');
  const lines = staged.map((s) =>
    s.kind === 'move'
      ? t('proposals.stage.moved', { role: title(s.role), manager: title(s.manager) })
      : s.kind === 'add'
        ? t('proposals.stage.added', { title: s.title, manager: title(s.manager) })
        : t('proposals.stage.removed', { role: title(s.role) }),
  );
  if (other.length) lines.push(t('proposals.log.other', { n: other.length }));
  return lines;
}

/** A framework change in words: a domain's name is the one its operations carry, when they do. */
function frameworkWhat(t: T, ops: readonly Op[], name: (id: string) => string | null): string[] {
  const flat = ops.flatMap((op) => (op.op === 'batch' ? op.ops : [op]));
  const domains = new Map<string, string>();
  for (const op of flat) if (op.op === 'add_domain' || op.op === 'update_domain') domains.set(op.domain.id, op.domain.name);
  const domain = (id: string) => domains.get(id) ?? t('proposals.what.aDomain');
  return flat.map((op) => {
    switch (op.op) {
      case 'add_domain':
        return t('proposals.what.domainAdded', { domain: op.domain.name });
      case 'update_domain':
        return t('proposals.what.domainChanged', { domain: op.domain.name, rails: op.domain.guardrails.length });
      case 'remove_domain':
        return t('proposals.what.domainRemoved', { domain: domain(op.id) });
      case 'set_delegation':
        return t('proposals.what.levels', {
          domain: domain(op.domain),
          subject: name(op.subject.id) ?? t('proposals.unnamed'),
          current: levelText(t, op.current),
          desired: levelText(t, op.desired),
        });
      default:
        return t('proposals.log.other', { n: 1 });
    }
  });
}
