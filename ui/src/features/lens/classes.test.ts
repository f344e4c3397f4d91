import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { CLASSES, LINE_STYLES, classIndexOf, sampleStrokes, tint } from './classes';

describe('class styles', () => {
  it('gives every class its own line style, so a line reads without colour', () => {
    const signature = (c: (typeof CLASSES)[number]) => {
      const s = LINE_STYLES[c];
      return `${s.dash.length ? 'dashed' : 'solid'}|${s.gap ? 'double' : 'single'}|${s.dash.join(',')}|${s.width}`;
    };
    expect(new Set(CLASSES.map(signature)).size).toBe(4);
    expect(LINE_STYLES.support.dash, 'support: solid').toEqual([]);
    expect(LINE_STYLES.support.width, 'support: the thickest single line').toBeGreaterThan(LINE_STYLES.coordination.width);
    expect(LINE_STYLES.coordination.dash[0], 'coordination: long dashes').toBeGreaterThan(8);
    expect(LINE_STYLES.control.gap, 'control: a double line').toBeGreaterThan(0);
    expect(LINE_STYLES.unclassified.dash[0], 'unclassified: dots').toBeLessThan(1);
    expect(LINE_STYLES.unclassified.width, 'unclassified: the thinnest').toBeLessThan(LINE_STYLES.coordination.width);
  });

  it('uses the fixed lens colours of the stylesheet, one per class', () => {
    const css = fs.readFileSync(path.resolve(__dirname, '../../app/app.css'), 'utf8');
    for (const c of CLASSES) {
      const m = css.match(new RegExp(`--lens-${c}:\\s*(#[0-9a-fA-F]{6})`));
      expect(m?.[1].toLowerCase(), c).toBe(LINE_STYLES[c].color.toLowerCase());
    }
    expect(new Set(CLASSES.map((c) => LINE_STYLES[c].color)).size).toBe(4);
  });

  it('draws legend samples like the chart: two strokes for the double line, dashes as dasharray', () => {
    expect(sampleStrokes('control', 6, 30)).toHaveLength(2);
    expect(sampleStrokes('coordination', 6, 30)).toEqual([{ d: 'M0 6h30', width: 3.5, dash: '16 8', cap: 'butt' }]);
    expect(sampleStrokes('support', 6, 30)[0].dash).toBeUndefined();
  });

  it('indexes classes and tints colours', () => {
    expect(CLASSES.map(classIndexOf)).toEqual([0, 1, 2, 3]);
    expect(tint('#d1492e', 0.5)).toBe('rgba(209, 73, 46, 0.5)');
  });
});
