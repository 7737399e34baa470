/**
 * The registry of output formats: one document tree in, one file's bytes out. Every command
 * that writes documents (`piao build`, `piao publish`) goes through `writeDocument`, so all
 * write the same bytes from the same tree; adding a format is one writer module and one case
 * here. Writers are imported only when their format is asked for, to keep the CLI's start fast.
 */
import type { DocTree } from '../render/tree.js';
import type { LoadedTheme } from '../render/theme.js';
import type { DocMeta } from './meta.js';
import type { Revisions } from './docx-xml.js';

export const FORMATS = ['docx', 'pdf', 'html'] as const;
export type DocumentFormat = (typeof FORMATS)[number];

export interface WriteOptions {
  /** HTML only: a skip link and a table of contents (the page published in Amministrazione Trasparente). */
  navigation?: boolean;
  /** DOCX only: the number of pages its page count field shows until a viewer counts them (the PDF's, when known). */
  pages?: number | undefined;
  /** DOCX only: who made and when the tree's tracked revisions (`piao build --confronta`). */
  revisions?: Revisions;
  /** PDF only: told the number of pages of the PDF written. */
  onPages?: (pages: number) => void;
}

export async function writeDocument(format: DocumentFormat, tree: DocTree, theme: LoadedTheme, meta: DocMeta, options: WriteOptions = {}): Promise<Buffer> {
  switch (format) {
    case 'html':
      return (await import('./html.js')).writeHtml(tree, theme.theme, meta, { navigation: options.navigation ?? false });
    case 'pdf':
      return (await import('./pdf.js')).writePdf(tree, theme.theme, theme.fonts(), meta, options.onPages);
    case 'docx':
      return (await import('./docx.js')).writeDocx(tree, theme.theme, theme.fonts(), meta, options.pages, options.revisions);
  }
}
