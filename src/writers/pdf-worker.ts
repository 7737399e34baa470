/**
 * The PDF writer in a worker thread: on a machine with two or more cores, the PDF (the slowest
 * format) is laid out while the main thread writes the DOCX and the HTML. The worker is started
 * first thing, so that loading pdfmake overlaps with reading and checking the plan.
 */
import { parentPort } from 'node:worker_threads';
import type { DocTree } from '../tree.js';
import type { FontFiles, Theme } from '../theme.js';
import type { DocMeta } from './meta.js';

export interface PdfJob {
  id: number;
  tree: DocTree;
  theme: Theme;
  fonts: FontFiles;
  meta: DocMeta;
}

export type PdfResult = { id: number; pdf: Uint8Array } | { id: number; error: string };

// Loaded now, while the main thread is still reading the plan.
const writer = import('./pdf.js');

parentPort!.on('message', async (job: PdfJob) => {
  try {
    const { writePdf } = await writer;
    // Buffers arrive as Uint8Array from the structured clone.
    const fonts = Object.fromEntries(Object.entries(job.fonts).map(([k, v]) => [k, Buffer.from(v as Uint8Array)])) as unknown as FontFiles;
    // A Date made by this thread's Date (the cloned one may fail pdfkit's `instanceof Date` where Date was replaced).
    const meta = { ...job.meta, date: new Date(job.meta.date.getTime()) };
    const pdf = await writePdf(job.tree, job.theme, fonts, meta);
    parentPort!.postMessage({ id: job.id, pdf } satisfies PdfResult, [pdf.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: (e as Error).stack ?? String(e) } satisfies PdfResult);
  }
});
