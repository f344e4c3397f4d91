import { describe, expect, it } from 'vitest';
import type { DecisionsReport } from '../../api/types';
import { format, type Key, type Lang, type Params } from '../../i18n';
import { exportFileName, exportFileText, exportLangs, matrixSummary } from './matrix';

const tr = (lang: Lang) => (k: Key, p?: Params) => format(lang, k, p);

const report = (r: Partial<DecisionsReport> = {}): DecisionsReport => ({
  encoding: 'Windows-1252',
  delimiter: ';',
  rows: 4,
  domains_created: [],
  domains_updated: [],
  entries_set: 0,
  entries_unchanged: 0,
  ...r,
});

describe('the decision matrix export', () => {
  it('names the file as the command line does, per language', () => {
    expect(exportFileName('en')).toBe('decisions.csv');
    expect(exportFileName('nl')).toBe('beslissingen.csv');
  });

  it('offers the UI language first', () => {
    expect(exportLangs('nl')).toEqual(['nl', 'en']);
    expect(exportLangs('en')).toEqual(['en', 'nl']);
  });

  it('puts back the byte order mark of the Dutch file, and never doubles it', () => {
    expect(exportFileText('Domein;Team\n', 'nl')).toBe('\uFEFFDomein;Team\n');
    expect(exportFileText('\uFEFFDomein;Team\n', 'nl')).toBe('\uFEFFDomein;Team\n');
    expect(exportFileText('Domain,Team\n', 'en')).toBe('Domain,Team\n');
    expect(exportFileText('\uFEFFDomain,Team\n', 'en')).toBe('Domain,Team\n');
  });
});

describe('what an import changed, in words', () => {
  it('lists new and updated domains by name and counts the levels', () => {
    const s = matrixSummary(tr('en'), 'en-GB', 'beslissingen.csv', report({ domains_created: ['Hiring', 'Budget'], domains_updated: ['Schedules'], entries_set: 5, entries_unchanged: 1 }));
    expect(s.changed).toBe(true);
    expect(s.title).toBe('Decision matrix imported');
    expect(s.read).toBe('Read 4 rows from beslissingen.csv (Windows-1252, separated by semicolons).');
    expect(s.lines).toEqual(['2 new decision domains: Hiring and Budget', 'A decision domain updated: Schedules', '5 levels set', '1 level was already as in the file']);
  });

  it('speaks Dutch, with Dutch lists and numbers', () => {
    const s = matrixSummary(tr('nl'), 'nl-BE', 'm.csv', report({ delimiter: ',', rows: 1, domains_created: ['Aanwerving', 'Budget', 'Werkroosters'], entries_set: 1, entries_unchanged: 1200 }));
    expect(s.title).toBe('Beslissingsmatrix geïmporteerd');
    expect(s.read).toBe('1 rij gelezen uit m.csv (Windows-1252, gescheiden door komma’s).');
    expect(s.lines).toEqual(['3 nieuwe beslissingsdomeinen: Aanwerving, Budget en Werkroosters', '1 niveau ingesteld', '1.200 niveaus stonden al zoals in het bestand']);
  });

  it('says when nothing changed, so no undo is offered', () => {
    const s = matrixSummary(tr('en'), 'en-GB', 'decisions.csv', report({ delimiter: '\t', entries_unchanged: 3 }));
    expect(s.changed).toBe(false);
    expect(s.title).toBe('Nothing to change');
    expect(s.read).toMatch(/separated by tabs/);
    expect(s.lines).toEqual(['3 levels were already as in the file']);
  });

  it('counts a domain listed without entries as a change', () => {
    expect(matrixSummary(tr('en'), 'en-GB', 'x.csv', report({ domains_created: ['Tools'] })).changed).toBe(true);
  });
});
