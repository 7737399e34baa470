/**
 * One document of the section in one format: its metadata and the writer that produces it.
 * Shared by `piao build` and `piao publish`, so that both write the same bytes from the same
 * tree. Writers are imported only when their format is asked for, to keep the CLI's start fast.
 */
import type { Piano } from './schema.js';
import type { DocTree } from './tree.js';
import type { LoadedTheme } from './theme.js';
import type { PlanView } from './view.js';
import type { DocMeta } from './writers/meta.js';

export const FORMATS = ['docx', 'pdf', 'html'] as const;
export type DocumentFormat = (typeof FORMATS)[number];

export interface WriteOptions {
  /** HTML only: a skip link and a table of contents (the page published in Amministrazione Trasparente). */
  navigation?: boolean;
}

export async function writeDocument(format: DocumentFormat, tree: DocTree, theme: LoadedTheme, meta: DocMeta, options: WriteOptions = {}): Promise<Buffer> {
  switch (format) {
    case 'html':
      return (await import('./writers/html.js')).writeHtml(tree, theme.theme, meta, { navigation: options.navigation ?? false });
    case 'pdf':
      return (await import('./writers/pdf.js')).writePdf(tree, theme.theme, theme.fonts(), meta);
    case 'docx':
      return (await import('./writers/docx.js')).writeDocx(tree, theme.theme, theme.fonts(), meta);
  }
}

/** "PIAO 2024-2026 – Sottosezione 2.2 Performance". */
export function subjectOf(view: PlanView): string {
  return `PIAO ${view.piano.triennio} – Sottosezione ${view.piano.sezione} ${view.piano.titolo}`;
}

/** The document date comes from the data, never from the clock. */
export function documentDate(plan: Piano): Date {
  const iso = plan.piano.data_documento ?? plan.piano.approvazione?.data ?? `${plan.piano.anno}-01-01`;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12, 0, 0));
}

/** Document properties: the title from the template, the date from the data (never the clock). */
export function metaOf(plan: Piano, view: PlanView, tree: DocTree, subject: string): DocMeta {
  return {
    title: tree.title ?? subject,
    author: view.ente.nome,
    subject,
    keywords: `PIAO, performance, obiettivi, ${view.ente.nome}, ${view.piano.triennio}`,
    language: 'it-IT',
    date: documentDate(plan),
  };
}
