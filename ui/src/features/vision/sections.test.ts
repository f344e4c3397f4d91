import { describe, expect, it } from 'vitest';
import { format, LANGS } from '../../i18n';
import { en } from '../../i18n/en';
import { PILLARS, SECTIONS, VISION_DOC, hintKey, titleKey } from './sections';

describe('the vision sections', () => {
  it('are the seven fragments of the document `vision`, by their exact names', () => {
    // The server and other clients rely on these names: never rename one.
    expect(VISION_DOC).toBe('vision');
    expect(SECTIONS).toEqual(['purpose', 'future', 'values', 'goals', 'culture', 'leaders', 'structure']);
    expect(PILLARS).toEqual(['culture', 'leaders', 'structure']);
  });

  it.each(LANGS)('has a heading and a one-line hint for each section in %s', (lang) => {
    const titles = SECTIONS.map((s) => format(lang, titleKey(s)));
    const hints = SECTIONS.map((s) => format(lang, hintKey(s)));
    expect(new Set(titles).size, 'headings differ').toBe(SECTIONS.length);
    expect(new Set(hints).size, 'hints differ').toBe(SECTIONS.length);
    for (const text of [...titles, ...hints]) {
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text, 'one line').not.toMatch(/\n/);
      expect(text, 'every placeholder filled').not.toMatch(/\{\w+\}/);
    }
    expect(format(lang, 'board.view.vision').length).toBeGreaterThan(0);
  });

  it('has its keys in the message catalogue', () => {
    for (const s of SECTIONS) {
      expect(en).toHaveProperty(titleKey(s));
      expect(en).toHaveProperty(hintKey(s));
    }
  });

  it('names the workspace word for a team in the structure hint', () => {
    const word = { singular: 'kring', plural: 'kringen' };
    expect(format('nl', hintKey('structure'), {}, word)).toContain('kringen');
    expect(format('en', hintKey('structure'), {}, { singular: 'circle', plural: 'circles' })).toContain('circles');
  });

  it('says Vision and Visie in the view switch', () => {
    expect(format('en', 'board.view.vision')).toBe('Vision');
    expect(format('nl', 'board.view.vision')).toBe('Visie');
  });
});
