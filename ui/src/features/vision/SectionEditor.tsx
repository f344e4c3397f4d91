/**
 * One section of the vision: its heading and hint, and a TipTap editor bound to the section's
 * `Y.XmlFragment` of the shared document. Undo and redo come from Collaboration (Yjs's undo
 * manager: only your own changes, per section), so StarterKit's own history is off.
 */
import { useEffect, useRef } from 'react';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Placeholder } from '@tiptap/extensions';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { useI18n } from '../../i18n/react';
import { hintKey, titleKey, type VisionSection } from './sections';
import { renderCaret, selectionAttrs } from './caret';
import type { Collab } from './useCollab';
import type { CollabUser } from './presence';

export const headingId = (s: VisionSection) => `vision-${s}-heading`;
const hintId = (s: VisionSection) => `vision-${s}-hint`;

export function SectionEditor(props: {
  section: VisionSection;
  collab: Collab;
  user: CollabUser;
  editable: boolean;
  onFocus(editor: Editor): void;
}) {
  const { section, collab, editable } = props;
  const { t } = useI18n();
  const placeholder = useRef(t('vision.placeholder'));
  placeholder.current = t('vision.placeholder');
  const onFocus = useRef(props.onFocus);
  onFocus.current = props.onFocus;

  const editor = useEditor(
    {
      // TipTap would add a <style> element, which the CSP blocks: its rules are in vision.css.
      injectCSS: false,
      editable,
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          // Headings inside a section sit below the section's own heading (h2).
          heading: { levels: [3, 4] },
          // Prose only: no links (nothing to click through to), no code.
          link: false,
          code: false,
          codeBlock: false,
          // Added by each client on its own, a trailing paragraph would multiply under Yjs.
          trailingNode: false,
        }),
        Placeholder.configure({ placeholder: () => placeholder.current }),
        Collaboration.configure({ document: collab.doc, field: section }),
        CollaborationCaret.configure({
          provider: collab.provider,
          user: { ...props.user },
          render: renderCaret,
          selectionRender: selectionAttrs,
        }),
      ],
      editorProps: {
        attributes: {
          class: 'vision-editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': headingId(section),
          'aria-describedby': hintId(section),
          'data-testid': `vision-editor-${section}`,
        },
      },
      onFocus: ({ editor: e }) => onFocus.current(e),
    },
    [collab.doc, collab.provider, section],
  );

  useEffect(() => {
    if (editor && !editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return (
    <section className={`vision-section vision-${section}`} aria-labelledby={headingId(section)} data-testid={`vision-section-${section}`}>
      <h2 id={headingId(section)}>{t(titleKey(section))}</h2>
      <p id={hintId(section)} className="vision-hint">
        {t(hintKey(section))}
      </p>
      <EditorContent editor={editor} className="vision-editor-frame" />
    </section>
  );
}
