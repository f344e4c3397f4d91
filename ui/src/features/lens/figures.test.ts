import { describe, expect, it } from 'vitest';
import { histogramBars, shares } from './figures';

describe('class shares', () => {
  it('gives each class its share and where its segment starts', () => {
    const s = shares({ support: 1, coordination: 1, control: 2, unclassified: 0 });
    expect(s.total).toBe(4);
    expect(s.share).toEqual({ support: 0.25, coordination: 0.25, control: 0.5, unclassified: 0 });
    expect(s.start).toEqual({ support: 0, coordination: 0.25, control: 0.5, unclassified: 1 });
  });

  it('gives no share to anything without lines', () => {
    expect(shares({ support: 0, coordination: 0, control: 0, unclassified: 0 }).share.control).toBe(0);
  });
});

describe('span histogram', () => {
  it('has one bar per count up to the widest span, empty counts included', () => {
    const bars = histogramBars({ 1: 3, 2: 1, 5: 2 });
    expect(bars.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(bars.map((b) => b.managers)).toEqual([3, 1, 0, 0, 2]);
  });

  it('groups wide spans in ranges, the wide-span limit always an edge', () => {
    const bars = histogramBars({ 1: 20, 9: 3, 15: 5, 19: 1, 20: 3, 23: 1 });
    expect(bars.map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11–15', '16–20', '21–30']);
    expect(bars.find((b) => b.label === '11–15')?.managers).toBe(5);
    expect(bars.find((b) => b.label === '16–20')?.managers).toBe(4);
    expect(bars.reduce((s, b) => s + b.managers, 0), 'every manager counted once').toBe(33);
  });

  it('ends with an open range for the widest spans, and is empty without managers', () => {
    const bars = histogramBars({ 3: 1, 25000: 1 });
    expect(bars.at(-1)).toMatchObject({ label: '10001+', managers: 1 });
    expect(bars.length).toBeLessThan(25);
    expect(histogramBars({})).toEqual([]);
  });
});
