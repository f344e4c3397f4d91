import { describe, expect, it } from 'vitest';
import type { SessionView, Timer } from '../../api/session';
import {
  agendaProblem, appViewOf, codeProblem, hashOfPlace, currentAfterMove, formatClock, initialSession, mayChangeStructure, mayEditDocuments, median, moveItem,
  nameProblem, mayPick, normalizeCode, pickedNames, pokerStats, remainingMs, roundKey, sessionReducer, sessionViewOf, skewOf, spacedCode, timerPhase,
} from './model';

function view(over: Partial<SessionView> = {}, role: SessionView['me']['role'] = 'participant'): SessionView {
  return {
    code: 'K7M2QX',
    join_url: 'http://127.0.0.1:7420/join',
    lan: false,
    me: { id: role === 'facilitator' ? null : 'p1', name: role === 'facilitator' ? 'Facilitator' : 'Ann', role, previous_visit: null, team: null },
    participants: [
      { id: 'p1', name: 'Ann', role: 'participant', online: true, joined_at: 1 },
      { id: 'p2', name: 'Bo', role: 'participant', online: false, joined_at: 2 },
      { id: 'p3', name: 'Cy', role: 'observer', online: true, joined_at: 3 },
    ],
    agenda: [],
    current: null,
    timer: null,
    view: null,
    brought: 0,
    locked: false,
    structure_allowed: false,
    poker: null,
    ...over,
  };
}

describe('the join code', () => {
  it('is upper-cased, stripped of spaces and dashes, six characters at most', () => {
    expect(normalizeCode('k7m2qx')).toBe('K7M2QX');
    expect(normalizeCode(' k7m-2qx ')).toBe('K7M2QX');
    expect(normalizeCode('K7M 2QX 99')).toBe('K7M2QX');
    expect(normalizeCode('é!k7')).toBe('K7');
  });
  it('says when it is short or holds a look-alike the codes never use', () => {
    expect(codeProblem('K7M2QX')).toBeNull();
    expect(codeProblem('K7M')).toBe('short');
    expect(codeProblem('K0M2QX')).toBe('lookalike');
    expect(codeProblem('KIM2QL')).toBe('lookalike');
    expect(codeProblem('K1')).toBe('lookalike');
  });
  it('reads out in two groups', () => {
    expect(spacedCode('K7M2QX')).toBe('K7M 2QX');
    expect(spacedCode('K7')).toBe('K7');
  });
  it('takes a display name of 1 to 40 characters after trimming', () => {
    expect(nameProblem('  ')).toBe('empty');
    expect(nameProblem(' Ann ')).toBeNull();
    expect(nameProblem('x'.repeat(40))).toBeNull();
    expect(nameProblem('x'.repeat(41))).toBe('long');
    expect(nameProblem('👩‍🔬'.repeat(5))).toBeNull();
  });
});

describe('the timer', () => {
  const running: Timer = { running: true, remaining_ms: 300_000, ends_at: 1_000_300_000 };
  it('ticks from ends_at on this clock, corrected by the skew seen when the view arrived', () => {
    // The server said 5 minutes left at its 1_000_000_000; we received it at our 999_999_000.
    const skew = skewOf(running, 999_999_000)!;
    expect(skew).toBe(1000);
    expect(remainingMs(running, 999_999_000, skew)).toBe(300_000);
    expect(remainingMs(running, 1_000_059_000, skew)).toBe(240_000);
    expect(remainingMs(running, 1_000_299_000, skew)).toBe(0);
    expect(remainingMs(running, 1_000_309_000, skew)).toBe(-10_000);
  });
  it('shows the remaining time of a paused timer as it is', () => {
    const paused: Timer = { running: false, remaining_ms: 125_000, ends_at: null };
    expect(remainingMs(paused, 5, 1000)).toBe(125_000);
    expect(skewOf(paused, 5)).toBeNull();
    expect(remainingMs(null, 5)).toBeNull();
  });
  it('cannot tell the skew from a running timer the server clamped at zero', () => {
    expect(skewOf({ running: true, remaining_ms: 0, ends_at: 10 }, 50)).toBeNull();
  });
  it('formats minutes and seconds, hours when needed, the overtime with a minus sign', () => {
    expect(formatClock(300_000)).toBe('5:00');
    expect(formatClock(245_300)).toBe('4:06');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(-999)).toBe('0:00');
    expect(formatClock(-42_000)).toBe('\u22120:42');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(600 * 60_000)).toBe('10:00:00');
  });
  it('turns to a warning in the last minute and to over at zero', () => {
    expect(timerPhase(61_000)).toBe('normal');
    expect(timerPhase(60_000)).toBe('warning');
    expect(timerPhase(1)).toBe('warning');
    expect(timerPhase(0)).toBe('over');
    expect(timerPhase(-5000)).toBe('over');
  });
});

describe('delegation poker', () => {
  it('gives the spread, the median and a histogram of the cards', () => {
    const s = pokerStats([3, 4, 4, 5])!;
    expect(s).toEqual({ count: 4, min: 3, max: 5, median: 4, histogram: [0, 0, 1, 2, 1, 0, 0], peak: 2 });
    expect(pokerStats([7])).toEqual({ count: 1, min: 7, max: 7, median: 7, histogram: [0, 0, 0, 0, 0, 0, 1], peak: 1 });
    expect(pokerStats([])).toBeNull();
    expect(pokerStats([0, 8, 2.5])).toBeNull();
  });
  it('takes the middle card, or the mean of the middle two with a half rounded up', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([3, 5])).toBe(4);
    expect(median([3, 4])).toBe(4);
    expect(median([1, 2, 6, 7])).toBe(4);
    expect(median([])).toBeNull();
  });
  it('names who has picked, the facilitator included', () => {
    const v = view({ poker: { domain: 'd', team: 't', round: 1, picked: ['p2', 'facilitator', 'gone'], revealed: false, cards: [], mine: null, spread: null } });
    expect(pickedNames(v, 'Facilitator')).toEqual(['Bo', 'Facilitator', '?']);
  });
  it('tells rounds apart by cell and number: a second round on the same cell is a new round', () => {
    const poker = { domain: 'd', team: 't', round: 1, picked: [], revealed: false, cards: [], mine: null, spread: null };
    expect(roundKey(view({ poker }))).toBe('d|t|1');
    expect(roundKey(view({ poker: { ...poker, round: 2 } }))).toBe('d|t|2');
    expect(roundKey(view())).toBeNull();
  });
  it('gives the cards to the facilitator and participants until the reveal, never to observers', () => {
    const poker = { domain: 'd', team: 't', round: 1, picked: [], revealed: false, cards: [], mine: null, spread: null };
    const as = (role: 'facilitator' | 'participant' | 'observer', revealed = false) => view({ poker: { ...poker, revealed } }, role);
    expect(mayPick(as('facilitator'))).toBe(true);
    expect(mayPick(as('participant'))).toBe(true);
    expect(mayPick(as('observer'))).toBe(false);
    expect(mayPick(as('facilitator', true))).toBe(false);
    expect(mayPick(view())).toBe(false);
  });
});

describe('the agenda editor', () => {
  it('moves an item and keeps the current one with its item', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
    expect(currentAfterMove(0, 0, 1)).toBe(1);
    expect(currentAfterMove(1, 0, 1)).toBe(0);
    expect(currentAfterMove(1, 2, 1)).toBe(2);
    expect(currentAfterMove(2, 0, 1)).toBe(2);
    expect(currentAfterMove(null, 0, 1)).toBeNull();
  });
  it('finds what the server would refuse: an empty or long title, minutes outside 1–600', () => {
    expect(agendaProblem([{ title: 'Vision', minutes: 20 }])).toBeNull();
    expect(agendaProblem([{ title: 'Vision', minutes: 20 }, { title: '  ', minutes: 5 }])).toEqual({ index: 1, what: 'title' });
    expect(agendaProblem([{ title: 'x'.repeat(121), minutes: 5 }])).toEqual({ index: 0, what: 'title' });
    expect(agendaProblem([{ title: 'Poker', minutes: 0 }])).toEqual({ index: 0, what: 'minutes' });
    expect(agendaProblem([{ title: 'Poker', minutes: 601 }])).toEqual({ index: 0, what: 'minutes' });
    expect(agendaProblem([{ title: 'Poker', minutes: 2.5 }])).toEqual({ index: 0, what: 'minutes' });
  });
});

describe('views and rights', () => {
  it('maps the session’s board to the Decisions view and back', () => {
    expect(appViewOf('board')).toBe('decisions');
    expect(appViewOf('vision')).toBe('vision');
    expect(appViewOf('chart')).toBe('chart');
    expect(appViewOf(null)).toBeNull();
    expect(appViewOf('lens')).toBeNull();
    expect(sessionViewOf('decisions')).toBe('board');
    expect(sessionViewOf('vision')).toBe('vision');
  });
  it('brings everyone to Proposals, or to the one proposal the facilitator has open', () => {
    const id = '0190a8f2-7c1e-7d3a-9b7f-3c2d1e0f4a5b';
    expect(sessionViewOf('proposals', '#proposals')).toBe('proposals');
    expect(sessionViewOf('proposals', `#proposals/${id}`)).toBe(`proposals/${id}`);
    // A new draft and the decision log are the facilitator's own: everyone goes to the list.
    expect(sessionViewOf('proposals', '#proposals/new')).toBe('proposals');
    expect(sessionViewOf('proposals', '#proposals/log')).toBe('proposals');
    expect(appViewOf('proposals')).toBe('proposals');
    expect(appViewOf(`proposals/${id}`)).toBe('proposals');
    expect(appViewOf('proposals/not-an-id')).toBeNull();
    expect(hashOfPlace(`proposals/${id}`)).toBe(`#proposals/${id}`);
    expect(hashOfPlace('proposals')).toBe('#proposals');
    expect(hashOfPlace('board')).toBe('#decisions');
    expect(hashOfPlace('chart')).toBe('');
    expect(hashOfPlace('lens')).toBeNull();
  });
  it('lets a participant edit the documents unless locked, an observer never', () => {
    expect(mayEditDocuments(view())).toBe(true);
    expect(mayEditDocuments(view({ locked: true }))).toBe(false);
    expect(mayEditDocuments(view({ locked: true }, 'facilitator'))).toBe(true);
    expect(mayEditDocuments(view({}, 'observer'))).toBe(false);
    expect(mayEditDocuments(null)).toBe(true);
  });
  it('takes a participant’s structural changes only when allowed', () => {
    expect(mayChangeStructure(view())).toBe(false);
    expect(mayChangeStructure(view({ structure_allowed: true }))).toBe(true);
    expect(mayChangeStructure(view({ structure_allowed: true }, 'observer'))).toBe(false);
    expect(mayChangeStructure(view({}, 'facilitator'))).toBe(true);
  });
});

describe('the session reducer', () => {
  it('goes from loading to none for a facilitator without a session, and to active with one', () => {
    const none = sessionReducer(initialSession, { type: 'view', view: null, at: 0 });
    expect(none.status).toBe('none');
    const active = sessionReducer(none, { type: 'view', view: view({}, 'facilitator'), at: 0 });
    expect(active.status).toBe('active');
    expect(active.view?.code).toBe('K7M2QX');
    expect(sessionReducer(active, { type: 'view', view: null, at: 0 }).status).toBe('none');
  });
  it('brings a participant each time the facilitator brings everyone, and only then', () => {
    let s = sessionReducer(initialSession, { type: 'view', view: view(), at: 0 });
    expect(s.bring).toBeNull();
    s = sessionReducer(s, { type: 'view', view: view({ view: 'vision', brought: 1 }), at: 0 });
    expect(s.bring).toEqual({ view: 'vision', hash: '#vision', n: 1 });
    // Another change (a lock) does not move anyone.
    s = sessionReducer(s, { type: 'view', view: view({ view: 'vision', brought: 1, locked: true }), at: 0 });
    expect(s.bring).toEqual({ view: 'vision', hash: '#vision', n: 1 });
    s = sessionReducer(s, { type: 'view', view: view({ view: 'board', brought: 2 }), at: 0 });
    expect(s.bring).toEqual({ view: 'decisions', hash: '#decisions', n: 2 });
    // Brought again to the same view: those who wandered off come back.
    s = sessionReducer(s, { type: 'view', view: view({ view: 'board', brought: 3 }), at: 0 });
    expect(s.bring).toEqual({ view: 'decisions', hash: '#decisions', n: 3 });
  });
  it('brings a participant who arrives to where everyone is', () => {
    expect(sessionReducer(initialSession, { type: 'view', view: view({ view: 'vision', brought: 4 }), at: 0 }).bring).toEqual({ view: 'vision', hash: '#vision', n: 1 });
  });
  it('never moves the facilitator', () => {
    const s = sessionReducer(initialSession, { type: 'view', view: view({ view: 'vision' }, 'facilitator'), at: 0 });
    expect(s.bring).toBeNull();
  });
  it('keeps the clock skew from the last view that could tell it', () => {
    let s = sessionReducer(initialSession, { type: 'view', view: view({ timer: { running: true, remaining_ms: 1000, ends_at: 10_000 } }), at: 8500 });
    expect(s.skew).toBe(500);
    s = sessionReducer(s, { type: 'view', view: view({ timer: { running: false, remaining_ms: 1000, ends_at: null } }), at: 20_000 });
    expect(s.skew).toBe(500);
  });
  it('ends for good: a revoked participant sees nothing after it', () => {
    let s = sessionReducer(initialSession, { type: 'view', view: view(), at: 0 });
    s = sessionReducer(s, { type: 'ended', reason: 'the session has ended' });
    expect(s.status).toBe('ended');
    expect(sessionReducer(s, { type: 'view', view: view(), at: 0 })).toBe(s);
    // A participant told "no session" has lost theirs too.
    const t = sessionReducer(sessionReducer(initialSession, { type: 'view', view: view(), at: 0 }), { type: 'view', view: null, at: 0 });
    expect(t.status).toBe('ended');
  });
  it('ends a participant’s session on a 401, and only a participant’s', () => {
    const participant = sessionReducer(initialSession, { type: 'view', view: view(), at: 0 });
    expect(sessionReducer(participant, { type: 'unauthorized', reason: 'x' }).status).toBe('ended');
    const facilitator = sessionReducer(initialSession, { type: 'view', view: view({}, 'facilitator'), at: 0 });
    expect(sessionReducer(facilitator, { type: 'unauthorized', reason: 'x' })).toBe(facilitator);
    expect(sessionReducer(initialSession, { type: 'unauthorized', reason: 'x' }).status).toBe('unavailable');
  });
  it('is unavailable only when it never loaded', () => {
    expect(sessionReducer(initialSession, { type: 'unavailable', reason: 'x' }).status).toBe('unavailable');
    const active = sessionReducer(initialSession, { type: 'view', view: view(), at: 0 });
    expect(sessionReducer(active, { type: 'unavailable', reason: 'x' })).toBe(active);
  });
});
