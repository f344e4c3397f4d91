/**
 * The decision matrix as a file (`import_decisions`, `export_decisions`): the name and bytes of an
 * export, and what an import changed, worded for people. Pure functions of a translator `t`.
 */
import type { DecisionsReport } from '../../api/types';
import type { Lang } from '../../i18n';
import type { T } from '../../i18n/react';

/** The file an export is saved as: the name `kader decisions export` users expect per language. */
export function exportFileName(lang: Lang): string {
  return lang === 'nl' ? 'beslissingen.csv' : 'decisions.csv';
}

/**
 * The export's text as the file should hold it. The Dutch export starts with a byte order mark
 * (Excel in Flanders then reads it as UTF-8, and `kader decisions export --dutch` writes it), but a
 * browser's `Response.text()` drops a leading one: it is put back. The English export has none.
 */
export function exportFileText(text: string, lang: Lang): string {
  const bare = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return lang === 'nl' ? `\uFEFF${bare}` : bare;
}

/** The export languages in the order offered: the UI's language first, as the default. */
export function exportLangs(ui: Lang): Lang[] {
  return ui === 'nl' ? ['nl', 'en'] : ['en', 'nl'];
}

export interface MatrixSummary {
  /** Whether the workspace changed (an undo then undoes the import). */
  changed: boolean;
  title: string;
  /** What was read: file, rows, encoding and delimiter. */
  read: string;
  /** One line per kind of change, in reading order. */
  lines: string[];
}

/** "A, B and C" in the UI's language. */
function list(names: string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}

function delimiterWord(t: T, d: string): string {
  if (d === ',') return t('board.matrix.delim.comma');
  if (d === ';') return t('board.matrix.delim.semicolon');
  if (d === '\t') return t('board.matrix.delim.tab');
  return `“${d}”`;
}

/** What an import did, for the result dialog. */
export function matrixSummary(t: T, locale: string, file: string, r: DecisionsReport): MatrixSummary {
  const changed = r.domains_created.length > 0 || r.domains_updated.length > 0 || r.entries_set > 0;
  const read = t('board.matrix.read', {
    file,
    n: r.rows,
    encoding: r.encoding,
    delimiter: delimiterWord(t, r.delimiter),
  });
  const lines: string[] = [];
  const created = r.domains_created.length;
  if (created) lines.push(t('board.matrix.created', { n: created, names: list(r.domains_created, locale) }));
  const updated = r.domains_updated.length;
  if (updated) lines.push(t('board.matrix.updated', { n: updated, names: list(r.domains_updated, locale) }));
  if (r.entries_set) lines.push(t('board.matrix.set', { n: r.entries_set }));
  if (r.entries_unchanged) lines.push(t('board.matrix.unchanged', { n: r.entries_unchanged }));
  return { changed, title: t(changed ? 'board.matrix.done' : 'board.matrix.nothing'), read, lines };
}
