/**
 * Reading the theme in the writers: colours by name and the merged style of a class list.
 * Kept apart from theme.ts (which validates tema.json with zod and yaml): the writers depend on
 * the theme's shape, not on how it is read.
 */
import type { ClassStyle, Theme } from '../render/theme.js';

/** A colour of the theme, by name ("etichette") or literal ("#DCE6F2"). */
export function color(theme: Theme, c: string | undefined): string | undefined {
  if (!c) return undefined;
  return c.startsWith('#') ? c.toUpperCase() : theme.colori[c]?.toUpperCase();
}

/** The merged style of a space-separated class list. */
export function classStyle(theme: Theme, cls: string | undefined): ClassStyle {
  if (!cls) return {};
  return Object.assign({}, ...cls.split(/\s+/).map((c) => theme.classi[c] ?? {}));
}

/**
 * The colours of words removed and inserted in a change report (the prospetto delle variazioni):
 * marks of their own, the same in every format and whatever the theme, as the struck-through and
 * underlined words of a revision are in Word.
 */
export const MARK_COLOURS = { del: '#B00020', ins: '#1F5FA8' } as const;
/** Their light background, so that an inserted word is not taken for a link. */
export const MARK_BACKGROUNDS = { del: '#FBE9EB', ins: '#E6F0FA' } as const;
