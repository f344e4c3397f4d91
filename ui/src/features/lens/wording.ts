/**
 * The lens in words, in the user's language: class names and meanings, the rule that decided a
 * line, each reason worded from its structured fields (never the server's English `text`), where
 * it comes from, and what to do next when a line has no signal. Pure functions of a translator
 * `t`, so both languages are tested without React.
 */
import type { LineClass, LineReport, Named, Reason, RoleRef, Rule } from '../../api/types';
import type { T } from '../../i18n/react';
import type { Key } from '../../i18n';

/** More direct reports than this is a wide span (the engine's `lens::WIDE_SPAN`). */
export const WIDE_SPAN = 15;

export type Signal = Reason['signal'];
export const SIGNALS: readonly Signal[] = ['decision', 'accountability', 'pass_through', 'decision_distance', 'wide_span', 'missing_decisions', 'led_decisions', 'no_current_level', 'missing_accountabilities'];

const key = (k: string) => k as Key;

/** "Control" — a class as a name. */
export const className = (t: T, c: LineClass) => t(key(`lens.class.${c}`));

/** "control" — a class inside a sentence. */
export const classWord = (t: T, c: LineClass, locale: string) => className(t, c).toLocaleLowerCase(locale);

/** What a class means, in one line. */
export const classMeaning = (t: T, c: LineClass) => t(key(`lens.class.${c}.meaning`));

/** Why the line has its class. */
export const ruleText = (t: T, r: Rule) => t(key(`lens.rule.${r}`));

/** The short label of a signal: "Decision rights", "Pass-through layer"… */
export const signalLabel = (t: T, s: Signal) => t(key(`lens.signal.${s}`));

/** A level's name and meaning, as the delegation board says them (one wording for the app). */
export const levelName = (t: T, level: number) => t(key(`level.${clampLevel(level)}`));

/** "the manager asks for input, then decides": the board's meaning, inside a sentence. */
export function levelMeaning(t: T, level: number, locale: string): string {
  const m = t(key(`level.${clampLevel(level)}.meaning`));
  return m.charAt(0).toLocaleLowerCase(locale) + m.slice(1);
}

function clampLevel(n: number): number {
  return Math.min(7, Math.max(1, Math.round(n)));
}

/** One reason as a sentence, from its fields; `manager` is the line's manager. */
export function reasonText(t: T, r: Reason, manager: RoleRef, locale: string): string {
  switch (r.signal) {
    case 'decision':
      return t(r.subject.kind === 'role' ? 'lens.reason.decisionRole' : 'lens.reason.decision', {
        domain: r.domain.name,
        subject: r.subject.name,
        level: r.level,
        name: levelName(t, r.level).toLocaleLowerCase(locale),
        meaning: levelMeaning(t, r.level, locale),
      });
    case 'accountability':
      return t('lens.reason.accountability', { manager: manager.name, text: r.accountability, kind: classWord(t, r.class, locale) });
    case 'pass_through':
      return t('lens.reason.passThrough', { manager: manager.name });
    case 'decision_distance':
      return t('lens.reason.distance', { domain: r.domain.name, decider: r.decider.name, hops: r.hops });
    case 'wide_span':
      return t('lens.reason.wideSpan', { manager: manager.name, reports: r.reports, limit: WIDE_SPAN });
    case 'missing_decisions':
      return r.teams.length ? t('lens.reason.missingDecisions', { teams: list(r.teams.map((x) => x.name), t) }) : t('lens.reason.missingDecisionsNoTeam');
    case 'led_decisions':
      return t('lens.reason.ledDecisions', { teams: list(r.teams.map((x) => x.name), t) });
    case 'no_current_level':
      return t('lens.reason.noCurrentLevel', { teams: list(r.teams.map((x) => x.name), t) });
    case 'missing_accountabilities':
      return t('lens.reason.missingAccountabilities', { manager: manager.name });
  }
}

/** Where a reason comes from: the delegation board, the manager's accountabilities, the structure. */
export function reasonSource(t: T, r: Reason, manager: RoleRef): string {
  switch (r.signal) {
    case 'decision':
      return t('lens.source.board', { domain: r.domain.name, level: r.level });
    case 'decision_distance':
      return t('lens.source.distance', { domain: r.domain.name, decider: r.decider.name });
    case 'accountability':
      return t('lens.source.accountability', { manager: manager.name });
    case 'pass_through':
    case 'wide_span':
      return t('lens.source.structure');
    case 'missing_decisions':
    case 'led_decisions':
    case 'no_current_level':
    case 'missing_accountabilities':
      return t('lens.source.missing');
  }
}

/** Whether a reason tells what data is missing (it does not vote). */
export function isMissing(r: Reason): r is Extract<Reason, { signal: 'missing_decisions' | 'led_decisions' | 'no_current_level' | 'missing_accountabilities' }> {
  return r.signal === 'missing_decisions' || r.signal === 'led_decisions' || r.signal === 'no_current_level' || r.signal === 'missing_accountabilities';
}

/** What a reason does to the line: "Counts as control", "Caps at coordination", or nothing. */
export function reasonEffect(t: T, r: Reason, locale: string): { class: LineClass; text: string } | null {
  if (r.signal === 'wide_span') return { class: 'coordination', text: t('lens.effect.cap', { class: classWord(t, 'coordination', locale) }) };
  if (isMissing(r)) return null;
  if (r.class === 'unclassified') return null;
  return { class: r.class, text: t('lens.effect.vote', { class: classWord(t, r.class, locale) }) };
}

export type NextStep =
  | { kind: 'decisions'; team: Named | null; text: string }
  | { kind: 'accountabilities'; manager: RoleRef; text: string };

/** What to do so that an unclassified line gets a class: the data it is missing. */
export function nextSteps(t: T, line: LineReport): NextStep[] {
  const out: NextStep[] = [];
  for (const r of line.reasons) {
    if (r.signal === 'missing_decisions') {
      if (r.teams.length === 0) out.push({ kind: 'decisions', team: null, text: t('lens.next.mapRole') });
      for (const team of r.teams) out.push({ kind: 'decisions', team, text: t('lens.next.mapTeam', { name: team.name }) });
    } else if (r.signal === 'led_decisions') {
      out.push({ kind: 'decisions', team: null, text: t('lens.next.levelForRole') });
    } else if (r.signal === 'no_current_level') {
      for (const team of r.teams) out.push({ kind: 'decisions', team, text: t('lens.next.currentLevel', { name: team.name }) });
    } else if (r.signal === 'missing_accountabilities') {
      out.push({ kind: 'accountabilities', manager: line.manager, text: t('lens.next.tag', { manager: line.manager.name }) });
    }
  }
  return out;
}

/** "A, B and C" / "A, B en C". */
export function list(items: readonly string[], t: T): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t('lens.and')} ${items[items.length - 1]}`;
}

/** A line as one sentence, for the hidden list of lines and for announcements. */
export function lineSummary(t: T, report: string, manager: string, c: LineClass): string {
  return t('lens.lineSummary', { report, manager, class: className(t, c) });
}
