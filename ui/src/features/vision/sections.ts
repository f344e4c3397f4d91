/**
 * The vision's sections. Each is one `Y.XmlFragment` of the Yjs document `vision`, under exactly
 * the name given here: the server and other clients rely on these names, so they never change.
 */
import type { Key } from '../../i18n';

export const VISION_DOC = 'vision';

export const SECTIONS = ['purpose', 'future', 'values', 'goals', 'culture', 'leaders', 'structure'] as const;
export type VisionSection = (typeof SECTIONS)[number];

/** The three pillars of engagement: what the vision means for them. Shown as one row. */
export const PILLARS: readonly VisionSection[] = ['culture', 'leaders', 'structure'];

/** The heading of a section in the UI language. */
export const titleKey = (s: VisionSection): Key => `vision.section.${s}`;
/** The one-line hint under a section's heading. */
export const hintKey = (s: VisionSection): Key => `vision.section.${s}.hint`;
