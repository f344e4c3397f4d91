/**
 * The other people's carets and selections, drawn with classes only: the CSP (`style-src 'self'`)
 * blocks `style` attributes, which TipTap's default caret and y-prosemirror's default selection
 * (`{ style: 'background-color: …' }`) would set. The name is a text node, never markup.
 */
import { caretClass, cleanName, colorIndexOfUser, selectionClass } from './presence';

interface CaretUser {
  name?: unknown;
  color?: unknown;
  clientId?: number;
}

/** The caret widget: a colored bar with the person's name above it. */
export function renderCaret(user: CaretUser, doc: Document = document): HTMLElement {
  const i = colorIndexOfUser(user, user.clientId ?? 0);
  const caret = doc.createElement('span');
  caret.className = `collab-caret ${caretClass(i)}`;
  const label = doc.createElement('span');
  label.className = 'collab-caret-label';
  label.textContent = cleanName(user.name) ?? '?';
  // Word joiners keep the caret from breaking a line on its own, as y-prosemirror's does.
  caret.append(doc.createTextNode('\u2060'), label, doc.createTextNode('\u2060'));
  return caret;
}

/** The decoration attributes of a selection: a class, never a `style`. */
export function selectionAttrs(user: CaretUser): { class: string } {
  return { class: `collab-selection ${selectionClass(colorIndexOfUser(user, user.clientId ?? 0))}` };
}
