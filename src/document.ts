/**
 * One document of the section in one format: its metadata and the writer that produces it.
 * Shared by `piao build` and `piao publish`, so that both write the same bytes from the same
 * tree. Writers are imported only when their format is asked for, to keep the CLI's start fast.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Piano } from './schema.js';
import type { PdfJob, PdfResult } from './writers/pdf-worker.js';
import type { DocTree } from './tree.js';
import type { LoadedTheme } from './theme.js';
import type { PlanView } from './view.js';
import type { DocMeta } from './writers/meta.js';

export type DocumentFormat = 'docx' | 'pdf' | 'html';

export interface WriteOptions {
  /** HTML only: a skip link and a table of contents (the page published in Amministrazione Trasparente). */
  navigation?: boolean;
}

/**
 * Writes PDFs in a worker thread when there are two or more cores (see writers/pdf-worker.ts),
 * in this thread otherwise, or when running from the TypeScript sources (tests).
 */
export class PdfWorker {
  private worker: Worker | undefined;
  private next = 0;
  private readonly pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

  constructor() {
    const url = new URL('./writers/pdf-worker.js', import.meta.url);
    // PIAO_WORKERS=0 keeps everything in one thread (less memory, slower on several cores).
    if (process.env.PIAO_WORKERS === '0' || availableParallelism() < 2 || !existsSync(fileURLToPath(url))) return;
    this.worker = new Worker(url);
    this.worker.unref();
    this.worker.on('message', (r: PdfResult) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      if (!p) return;
      if ('error' in r) p.reject(new Error(`scrittura del PDF non riuscita: ${r.error}`));
      else p.resolve(Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength));
    });
    this.worker.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    });
  }

  write(tree: DocTree, theme: LoadedTheme, meta: DocMeta): Promise<Buffer> {
    if (!this.worker) return writeDocument('pdf', tree, theme, meta);
    const id = this.next++;
    const job: PdfJob = { id, tree, theme: theme.theme, fonts: theme.fonts(), meta };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
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
