/**
 * Two people's copies of the vision, without a network: the updates one Y.Doc emits, applied to
 * the other, as y-websocket does through the server. Sections are separate fragments under their
 * names; concurrent edits, also made while apart, converge; awareness carries who is present.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { SECTIONS } from './sections';
import { colorOf, presentFrom } from './presence';

const REMOTE = 'remote';

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** Connects two docs both ways; returns the function that cuts the line. */
function link(a: Y.Doc, b: Y.Doc): () => void {
  const ab = (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(b, u, REMOTE);
  const ba = (u: Uint8Array, origin: unknown) => origin !== REMOTE && Y.applyUpdate(a, u, REMOTE);
  a.on('update', ab);
  b.on('update', ba);
  return () => {
    a.off('update', ab);
    b.off('update', ba);
  };
}

/** What a reconnect does: each side sends what the other's state vector lacks. */
function resync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

const text = (doc: Y.Doc, section: string) => doc.getXmlFragment(section).toString();

const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  cleanup.push(() => a.destroy(), () => b.destroy());
  return { a, b };
}

describe('two copies of the vision', () => {
  it('see each other’s edits, each section in its own fragment', () => {
    const { a, b } = pair();
    cleanup.push(link(a, b));
    a.getXmlFragment('purpose').insert(0, [paragraph('We make care simple.')]);
    b.getXmlFragment('values').insert(0, [paragraph('Trust first.')]);
    expect(text(b, 'purpose')).toBe('<paragraph>We make care simple.</paragraph>');
    expect(text(a, 'values')).toBe('<paragraph>Trust first.</paragraph>');
    for (const s of SECTIONS) expect(text(a, s)).toBe(text(b, s));
    expect(text(a, 'goals')).toBe('');
  });

  it('converge after concurrent edits made while apart', () => {
    const { a, b } = pair();
    const cut = link(a, b);
    a.getXmlFragment('goals').insert(0, [paragraph('Shared goal')]);
    cut();
    // Offline: both write in the same section and in others.
    a.getXmlFragment('goals').insert(1, [paragraph('From A')]);
    b.getXmlFragment('goals').insert(1, [paragraph('From B')]);
    const first = b.getXmlFragment('goals').get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert('Shared goal'.length, ', agreed');
    a.getXmlFragment('culture').insert(0, [paragraph('Feedback is a gift.')]);
    expect(text(a, 'goals')).not.toBe(text(b, 'goals'));

    resync(a, b);
    for (const s of SECTIONS) expect(text(a, s), s).toBe(text(b, s));
    const goals = text(a, 'goals');
    expect(goals).toContain('Shared goal, agreed');
    expect(goals).toContain('From A');
    expect(goals).toContain('From B');
    expect(text(b, 'culture')).toBe('<paragraph>Feedback is a gift.</paragraph>');
  });

  it('carry the people present and their colors through awareness', () => {
    const { a, b } = pair();
    const awA = new Awareness(a);
    const awB = new Awareness(b);
    cleanup.push(() => awA.destroy(), () => awB.destroy());
    awA.setLocalStateField('user', { name: 'Anna', color: colorOf('Anna') });
    awB.setLocalStateField('user', { name: 'Bert', color: colorOf('Bert') });
    applyAwarenessUpdate(awB, encodeAwarenessUpdate(awA, [a.clientID]), REMOTE);
    applyAwarenessUpdate(awA, encodeAwarenessUpdate(awB, [b.clientID]), REMOTE);
    const seenByB = presentFrom(awB.getStates() as Map<number, Record<string, unknown>>, b.clientID, 'Someone', 'en');
    expect(seenByB.map((p) => [p.name, p.self])).toEqual([
      ['Bert', true],
      ['Anna', false],
    ]);
    const seenByA = presentFrom(awA.getStates() as Map<number, Record<string, unknown>>, a.clientID, 'Someone', 'en');
    // Both see Anna in the same color.
    expect(seenByA.find((p) => p.name === 'Anna')?.colorIndex).toBe(seenByB.find((p) => p.name === 'Anna')?.colorIndex);
  });
});
