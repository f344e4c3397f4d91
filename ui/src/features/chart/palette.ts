/**
 * The chart's colours: calm, low-saturation team tints and one accent. The hierarchy lens's
 * fixed colours (support teal, coordination blue, control orange-red, unclassified grey; see
 * `../lens/classes.ts`) are kept out of the team palette so they stay unambiguous.
 */

export const ACCENT = '#3d4db7';
export const ACCENT_SOFT = 'rgba(61, 77, 183, 0.14)';
export const INK = '#1c2230';
export const INK_SOFT = '#4a5263';
export const INK_MUTED = '#7b8292';
export const LINE = '#aab0bd';
export const CARD = '#ffffff';
export const CARD_BORDER = '#d6dae2';
export const CANVAS = '#f6f6f3';
export const NO_TEAM = '#c9ced8';

/** [band tint, stripe and label colour] per team, cycling. */
export const TEAM_COLORS: readonly (readonly [string, string])[] = [
  ['#e9eef7', '#5b79a8'], // slate blue
  ['#eef3e8', '#6b8a4e'], // sage
  ['#f6efe4', '#a27a3f'], // sand
  ['#f1ecf6', '#7e659f'], // lavender
  ['#f7ecee', '#a65f6e'], // rose
  ['#f3ebe6', '#8c6a55'], // clay
  ['#f4f1e2', '#8a7d3a'], // olive
  ['#ecedf0', '#5f6675'], // graphite
];

export function teamColor(team: number): readonly [string, string] {
  return team < 0 ? ['transparent', NO_TEAM] : TEAM_COLORS[team % TEAM_COLORS.length];
}
