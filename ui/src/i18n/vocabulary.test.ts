/**
 * One word per idea (docs/glossary.md): the catalogue never uses a word the glossary avoids, the
 * level names are verbs, and the Decisions view and its board have one name.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { en } from './en';
import { nl } from './nl';

interface Row {
  idea: string;
  en: string[];
  nl: string[];
  notNl: string[];
  notEn: string[];
}

const GLOSSARY = join(__dirname, '../../../docs/glossary.md');
const ticked = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

function glossary(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(GLOSSARY, 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 5 || cells[0] === 'Idea' || /^-+$/.test(cells[0])) continue;
    // A parenthesis explains; it names no word to avoid.
    const avoid = (c: string) => ticked(c.replace(/\([^)]*\)/g, ''));
    rows.push({ idea: cells[0], en: ticked(cells[1]), nl: ticked(cells[2]), notNl: avoid(cells[3]), notEn: avoid(cells[4]) });
  }
  return rows;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `word` as a whole word (letters in any script around it do not count as a boundary). */
const wordRe = (word: string) => new RegExp(`(?<!\\p{L})${escape(word)}(?!\\p{L})`, 'iu');

/** The catalogue's messages that use a word the glossary avoids, once the preferred words are taken out. */
function offenders(messages: Record<string, string>, preferred: string[], avoided: string[]): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(messages)) {
    let text = value.replace(/\{\w+\}/g, ' ');
    for (const p of preferred) text = text.replace(new RegExp(wordRe(p).source, 'giu'), ' ');
    for (const word of avoided) if (wordRe(word).test(text)) out.push(`${key}: “${word}” in “${value}”`);
  }
  return out;
}

describe('vocabulary (docs/glossary.md)', () => {
  const rows = glossary();

  it('reads the glossary', () => {
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.find((r) => r.idea.startsWith('An area of decisions'))?.notNl).toContain('beslisdomein');
  });

  it.each(rows.filter((r) => r.notNl.length > 0).map((r) => [r.idea, r] as const))('Dutch avoids the other words for: %s', (_idea, row) => {
    expect(offenders(nl, row.nl, row.notNl)).toEqual([]);
  });

  it.each(rows.filter((r) => r.notEn.length > 0).map((r) => [r.idea, r] as const))('English avoids the other words for: %s', (_idea, row) => {
    expect(offenders(en, row.en, row.notEn)).toEqual([]);
  });

  it('names the levels with verbs, as the glossary does', () => {
    const levels = rows.find((r) => r.idea.startsWith('The seven levels'))!;
    const names = [1, 2, 3, 4, 5, 6, 7].map((n) => nl[`level.${n}` as keyof typeof nl].toLowerCase());
    expect(names).toEqual(levels.nl);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => en[`level.${n}` as keyof typeof en].toLowerCase())).toEqual(levels.en);
  });

  it('gives the Decisions view and its board one name', () => {
    expect(nl['board.view.decisions']).toBe(nl['board.title']);
    expect(en['board.view.decisions']).toBe(en['board.title']);
    expect(nl['board.title']).toBe('Delegatiebord');
  });
});
