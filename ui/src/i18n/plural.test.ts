/**
 * Plurals go through `Intl.PluralRules` in one place (`format`), never through `n === 1 ?` at a
 * call site: the UI once said "1 levels apart", "1 antwoorden" and "1 reacties".
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { en, type Key } from './en';
import { nl } from './nl';
import { format, pluralCategory } from './index';

const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated' && name !== 'node_modules') out.push(...sources(path));
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/**
 * A choice of message by comparing a count with 1: `n === 1 ? 'key.one' : …`, `x.length === 1 ?
 * t(…)`, `1 === n ?`, `n !== 1 ? …`, `n > 1 ? 'roles'`. Comparisons that choose something else
 * than words (`e.deltaMode === 1 ? e.deltaY * 16`) do not match: the branch starts with a string
 * or a call of `t`.
 */
const HAND_PLURAL = [
  /[!=]==?\s*1\s*\?\s*(?:t\(|words\(|['"`])/,
  /\b1\s*[!=]==?\s*[\w.]+\s*\?\s*(?:t\(|words\(|['"`])/,
  /[<>]=?\s*1\s*\?\s*(?:t\(|words\(|['"`])/,
];

/** Messages with `{n}` that is not a count of things named in the message. */
const NOT_COUNTS = new Set<Key>([
  'chart.hidden',
  'chart.more',
  'chart.fte',
  'details.fte',
  'board.editor.guardrailN',
  'board.editor.removeGuardrail',
  'lens.fig.showAll',
  'session.present.joined',
  'session.online',
  'session.agenda.total',
  'session.agenda.titleLabel',
  'session.agenda.minutesLabel',
  'session.agenda.up',
  'session.agenda.down',
  'session.agenda.remove',
  'session.agenda.badTitle',
  'session.agenda.badMinutes',
  'session.now',
  'session.itemOf',
  'poker.pickedCount',
  'poker.histogramBar',
  'proposals.state.roundOpen',
  'proposals.state.roundClosed',
  'proposals.fig.percent',
  'proposals.fig.points',
  'proposals.excerpt.more',
  'proposals.outcome',
  'proposals.objection.round',
  'proposals.reaction.label',
  'proposals.log.change',
]);

describe('plurals', () => {
  it('no source file chooses a plural by comparing a count with 1', () => {
    const found: string[] = [];
    for (const file of sources(SRC)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const comment = /^\s*(\/\/|\/?\*)/.test(line);
          if (!comment && HAND_PLURAL.some((re) => re.test(line))) found.push(`${relative(SRC, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(found, 'use one message with {n} and its `.one` form; `format` picks it').toEqual([]);
  });

  it('no message key names a singular the old way (`…One`, `…1`)', () => {
    // `board.totalOne` beside `board.total`, `board.gap.up1` beside `board.gap.up`.
    const old = (Object.keys(en) as string[]).filter((k) => /(One|1)$/.test(k) && k.replace(/(One|1)$/, '') in en);
    expect(old).toEqual([]);
  });

  it('every message that counts with {n} has its singular form', () => {
    const keys = Object.keys(en) as Key[];
    const counted = keys.filter((k) => !k.endsWith('.one') && en[k].includes('{n}') && !NOT_COUNTS.has(k));
    const missing = counted.filter((k) => !(`${k}.one` in en));
    expect(missing).toEqual([]);
    // And every `.one` belongs to a message.
    expect(keys.filter((k) => k.endsWith('.one') && !(k.slice(0, -4) in en))).toEqual([]);
  });

  it('chooses the form through Intl.PluralRules in both languages', () => {
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('nl', 1)).toBe('one');
    expect(pluralCategory('nl', 0)).toBe('other');
    expect(format('en', 'poker.spread', { min: 3, max: 4, n: 1 })).toBe('From 3 to 4: 1 level apart');
    expect(format('en', 'poker.spread', { min: 2, max: 5, n: 3 })).toBe('From 2 to 5: 3 levels apart');
    expect(format('nl', 'proposals.outcome.respondents', { n: 1 })).toBe('1 antwoord');
    expect(format('nl', 'proposals.outcome.respondents', { n: 0 })).toBe('0 antwoorden');
    expect(format('nl', 'proposals.commentCount', { n: 1 })).toBe('1 reactie');
    expect(format('nl', 'proposals.commentCount', { n: 2 })).toBe('2 reacties');
    expect(format('en', 'import.rows', { n: 1 })).toBe('1 row');
    expect(format('nl', 'app.stats.teams', { n: 1 }, { singular: 'afdeling', plural: 'afdelingen' })).toBe('1 afdeling');
    // A fraction is not "one".
    expect(format('en', 'lens.fig.decisions', { n: 1.5 })).toBe('1.5 decisions');
    expect(nl['poker.spread.one']).toContain('niveau ');
  });
});
