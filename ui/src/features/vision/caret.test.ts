import { describe, expect, it } from 'vitest';
import { renderCaret, selectionAttrs } from './caret';
import { PALETTE, caretClass, colorIndexOf, selectionClass } from './presence';

/** Just enough of a DOM to see what `renderCaret` builds (the tests run without a browser). */
class FakeNode {
  className = '';
  textContent = '';
  children: FakeNode[] = [];
  attributes = new Map<string, string>();
  constructor(
    readonly tag: string,
    text = '',
  ) {
    this.textContent = text;
  }
  append(...nodes: FakeNode[]) {
    this.children.push(...nodes);
  }
  setAttribute(name: string, value: string) {
    this.attributes.set(name, value);
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML must not be used');
  }
}
const fakeDocument = {
  createElement: (tag: string) => new FakeNode(tag),
  createTextNode: (text: string) => new FakeNode('#text', text),
} as unknown as Document;

describe('other people’s carets', () => {
  it('are drawn with the palette class of the announced color, the name as text', () => {
    const caret = renderCaret({ name: '<img src=x onerror=alert(1)>', color: PALETTE[3] }, fakeDocument) as unknown as FakeNode;
    expect(caret.className).toBe(`collab-caret ${caretClass(3)}`);
    const label = caret.children.find((c) => c.className === 'collab-caret-label')!;
    expect(label.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(caret.attributes.has('style')).toBe(false);
    expect(label.attributes.has('style')).toBe(false);
  });

  it('fall back to the name’s color for a color outside the palette', () => {
    const caret = renderCaret({ name: 'Bert', color: 'transparent' }, fakeDocument) as unknown as FakeNode;
    expect(caret.className).toBe(`collab-caret ${caretClass(colorIndexOf('Bert'))}`);
  });

  it('mark a selection with a class, never a style attribute', () => {
    const attrs = selectionAttrs({ name: 'Anna', color: PALETTE[7] });
    expect(attrs).toEqual({ class: `collab-selection ${selectionClass(7)}` });
    expect(Object.keys(attrs)).not.toContain('style');
  });
});
