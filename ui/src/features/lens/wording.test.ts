import { describe, expect, it } from 'vitest';
import type { LineReport, Reason, RoleRef, Rule } from '../../api/types';
import { format, LOCALE, type Lang } from '../../i18n';
import type { T } from '../../i18n/react';
import { CLASSES } from './classes';
import { className, classMeaning, lineSummary, list, nextSteps, reasonEffect, reasonSource, reasonText, ruleText, signalLabel, SIGNALS, type Signal } from './wording';

const tr = (lang: Lang, teamWord = { singular: 'team', plural: 'teams' }): T => (k, p) => format(lang, k, p, teamWord);
const en = tr('en');
const nl = tr('nl');

const manager: RoleRef = { id: 'm', external_id: '10473', name: 'Teamleider Logistiek' };
const decider: RoleRef = { id: 'd', external_id: null, name: 'COO' };

/** One reason of every signal, as the server sends them (with its English `text`, never shown). */
const REASONS: Record<Signal, Reason> = {
  decision: { signal: 'decision', class: 'control', domain: { id: 'h', name: 'Aanwerven in het team' }, subject: { kind: 'team', id: 't', name: 'Logistiek' }, level: 3, text: 'server text' },
  accountability: { signal: 'accountability', class: 'support', id: 'a', accountability: 'Coach new operators', kind: 'support', text: 'server text' },
  pass_through: { signal: 'pass_through', class: 'control', text: 'server text' },
  decision_distance: { signal: 'decision_distance', class: 'control', domain: { id: 'b', name: 'Budget' }, hops: 4, decider, text: 'server text' },
  wide_span: { signal: 'wide_span', reports: 20, text: 'server text' },
  missing_decisions: { signal: 'missing_decisions', teams: [{ id: 't', name: 'Logistiek' }, { id: 'u', name: 'Aankoop' }], text: 'server text' },
  led_decisions: { signal: 'led_decisions', teams: [{ id: 'o', name: 'Onderhoud' }], text: 'server text' },
  no_current_level: { signal: 'no_current_level', teams: [{ id: 't', name: 'Logistiek' }], text: 'server text' },
  missing_accountabilities: { signal: 'missing_accountabilities', text: 'server text' },
};

const EXPECTED: Record<Lang, Record<Signal, string>> = {
  en: {
    decision: 'Aanwerven in het team for Logistiek: level 3, consult — the manager asks for input, then decides',
    accountability: 'Teamleider Logistiek is accountable for “Coach new operators”, tagged support',
    pass_through: 'Teamleider Logistiek has exactly one direct report: a layer of control without coordination',
    decision_distance: 'Budget is decided by COO, 4 reporting steps away: slow, distant decisions',
    wide_span: 'Teamleider Logistiek has 20 direct reports (more than 15): no room to support each one',
    missing_decisions: 'No decision domains mapped for Logistiek and Aankoop yet',
    led_decisions: 'The decisions mapped for Onderhoud are this role’s own, as their lead: they say nothing about the line above. A level for this role itself would classify it',
    no_current_level: 'The decision domains of Logistiek have no current level yet: a current level would classify the line',
    missing_accountabilities: 'Teamleider Logistiek has no accountability tagged support, coordination or control towards this role',
  },
  nl: {
    decision: 'Aanwerven in het team voor Logistiek: niveau 3, raadplegen — de leidinggevende vraagt input en beslist dan',
    accountability: 'Teamleider Logistiek is verantwoordelijk voor “Coach new operators”, gelabeld als ondersteuning',
    pass_through: 'Teamleider Logistiek heeft precies één directe medewerker: een laag controle zonder coördinatie',
    decision_distance: 'Budget wordt beslist door COO, 4 stappen verderop in de hiërarchie: trage beslissingen op afstand',
    wide_span: 'Teamleider Logistiek heeft 20 directe medewerkers (meer dan 15): geen ruimte om elk van hen te ondersteunen',
    missing_decisions: 'Nog geen beslissingsdomeinen in kaart voor Logistiek en Aankoop',
    led_decisions: 'De beslissingen in kaart voor Onderhoud neemt deze rol zelf, als leidinggevende: ze zeggen niets over de lijn erboven. Een niveau voor deze rol zelf zou de lijn classificeren',
    no_current_level: 'De beslissingsdomeinen van Logistiek hebben nog geen huidig niveau: een huidig niveau zou de lijn classificeren',
    missing_accountabilities: 'Teamleider Logistiek heeft geen verantwoordelijkheid gelabeld als ondersteuning, coördinatie of controle tegenover deze rol',
  },
};

describe('reasons in the user’s language', () => {
  for (const lang of ['en', 'nl'] as const) {
    const t = tr(lang);
    it.each(SIGNALS)(`words a %s reason from its fields in ${lang}`, (signal) => {
      const r = REASONS[signal];
      const text = reasonText(t, r, manager, LOCALE[lang]);
      expect(text).toBe(EXPECTED[lang][signal]);
      expect(text, 'never the server’s English sentence').not.toContain('server text');
      expect(signalLabel(t, signal).length).toBeGreaterThan(3);
      expect(reasonSource(t, r, manager).length).toBeGreaterThan(3);
    });
  }

  it('names a role subject as a role, and a team without one', () => {
    const r: Reason = { ...(REASONS.decision as Extract<Reason, { signal: 'decision' }>), subject: { kind: 'role', id: 'x', name: 'Planner' }, level: 6, class: 'support' };
    expect(reasonText(en, r, manager, 'en-GB')).toBe('Aanwerven in het team for the role Planner: level 6, inquire — the team decides and informs afterwards');
    expect(reasonText(nl, r, manager, 'nl-BE')).toBe('Aanwerven in het team voor de rol Planner: niveau 6, informeren — het team beslist en informeert achteraf');
    const none: Reason = { signal: 'missing_decisions', teams: [], text: '' };
    expect(reasonText(tr('en', { singular: 'circle', plural: 'circles' }), none, manager, 'en-GB')).toBe('No decision domains mapped for this role yet, and it is in no circle');
  });

  it('says where each reason comes from', () => {
    expect(reasonSource(en, REASONS.decision, manager)).toBe('Decisions board · Aanwerven in het team · level 3');
    expect(reasonSource(nl, REASONS.decision, manager)).toBe('Delegatiebord · Aanwerven in het team · niveau 3');
    expect(reasonSource(en, REASONS.accountability, manager)).toBe('Accountabilities of Teamleider Logistiek');
    expect(reasonSource(en, REASONS.pass_through, manager)).toBe('Reporting structure');
    expect(reasonSource(nl, REASONS.decision_distance, manager)).toBe('Delegatiebord · Budget · beslist door COO');
  });

  it('says what a reason does to the line: a vote, a cap, or nothing for missing data', () => {
    expect(reasonEffect(en, REASONS.decision, 'en-GB')).toEqual({ class: 'control', text: 'Counts as control' });
    expect(reasonEffect(nl, REASONS.accountability, 'nl-BE')).toEqual({ class: 'support', text: 'Telt als ondersteuning' });
    expect(reasonEffect(en, REASONS.wide_span, 'en-GB')).toEqual({ class: 'coordination', text: 'At most coordination' });
    expect(reasonEffect(nl, REASONS.wide_span, 'nl-BE')?.text).toBe('Hoogstens coördinatie');
    expect(reasonEffect(en, REASONS.missing_decisions, 'en-GB')).toBeNull();
    expect(reasonEffect(en, REASONS.missing_accountabilities, 'en-GB')).toBeNull();
  });
});

describe('classes and rules', () => {
  const RULES: Rule[] = ['no_signal', 'agreement', 'majority', 'tie_towards_control', 'wide_span_cap'];

  it('explains every rule, differently, in both languages', () => {
    for (const t of [en, nl]) {
      const texts = RULES.map((r) => ruleText(t, r));
      expect(new Set(texts).size).toBe(RULES.length);
      for (const x of texts) expect(x).not.toMatch(/^lens\./);
    }
    expect(ruleText(en, 'majority')).toBe('Signals disagree: the majority decides.');
    expect(ruleText(nl, 'tie_towards_control')).toMatch(/^Gelijke stand: de meest controlerende klasse telt/);
  });

  it('names and explains every class in both languages', () => {
    expect(CLASSES.map((c) => className(en, c))).toEqual(['Support', 'Coordination', 'Control', 'Unclassified']);
    expect(CLASSES.map((c) => className(nl, c))).toEqual(['Ondersteuning', 'Coördinatie', 'Controle', 'Niet ingedeeld']);
    for (const c of CLASSES) expect(classMeaning(nl, c)).not.toBe(classMeaning(en, c));
    expect(lineSummary(nl, 'Operator', 'Teamleider', 'control')).toBe('Operator → Teamleider: Controle');
  });

  it('joins names as people write them', () => {
    expect(list([], en)).toBe('');
    expect(list(['A'], en)).toBe('A');
    expect(list(['A', 'B', 'C'], en)).toBe('A, B and C');
    expect(list(['A', 'B'], nl)).toBe('A en B');
  });
});

describe('what to do next for an unclassified line', () => {
  const line: LineReport = {
    report: { id: 'r', external_id: null, name: 'Operator Data' },
    manager,
    class: 'unclassified',
    rule: 'no_signal',
    reasons: [REASONS.missing_decisions, REASONS.missing_accountabilities],
  };

  it('maps a decision domain per team and tags an accountability of the manager', () => {
    const steps = nextSteps(en, line);
    expect(steps.map((s) => s.text)).toEqual([
      'Map a decision domain for Logistiek',
      'Map a decision domain for Aankoop',
      'Tag an accountability of Teamleider Logistiek as support, coordination or control',
    ]);
    expect(steps[0]).toMatchObject({ kind: 'decisions', team: { name: 'Logistiek' } });
    expect(steps[2]).toMatchObject({ kind: 'accountabilities', manager });
    expect(nextSteps(nl, line)[0].text).toBe('Breng een beslissingsdomein in kaart voor Logistiek');
  });

  it('asks for a domain or a team when the role is in no team, and nothing for a classified line', () => {
    const alone = { ...line, reasons: [{ signal: 'missing_decisions', teams: [], text: '' } as Reason] };
    expect(nextSteps(nl, alone).map((s) => s.text)).toEqual(['Breng een beslissingsdomein in kaart voor deze rol, of plaats de rol in een team']);
    expect(nextSteps(en, { ...line, class: 'control', rule: 'agreement', reasons: [REASONS.decision] })).toEqual([]);
  });
});
