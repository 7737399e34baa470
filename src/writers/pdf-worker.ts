/**
 * The PDF writer in a child process (started by ../pdf-process.ts, up to two of them): on a machine
 * with two or more cores, the PDF (the slowest format) is laid out while the parent writes the DOCX
 * and the HTML, a large document in two parts at once (see pdf-parts.ts). It is started
 * first thing, so that loading pdfmake overlaps with reading the plan; from a V8 startup snapshot
 * with pdfmake already loaded, when build.mjs could make one.
 *
 * Requests: `write` a whole PDF; or, for one part of a document, `layout` it (the answer is its
 * page count), then `draw` it once the parent knows where its pages fall; `merge` parts' PDFs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { deserialize, startupSnapshot } from 'node:v8';
import { dirname } from 'node:path';
import type { DocTree } from '../tree.js';
import type { FontFiles, Theme } from '../theme.js';
import type { DocMeta } from './meta.js';
import { packageFile } from '../paths.js';
import { fontPath } from '../font-files.js';
import { trace } from '../trace.js';
import { layOutPdf, writePdf } from './pdf.js';
import type { LaidOut } from './pdf-print.js';
import { mergePdfs } from './pdf-merge.js';

export interface PdfJob {
  id: number;
  tree: DocTree;
  theme: Theme;
  fonts: FontFiles;
  meta: DocMeta;
}

/**
 * What the parent asks. A job goes in a file (v8-serialized PdfJob), only its name through the
 * pipe. `draw` refers to the `layout` request with the number `layout`.
 */
export type PdfRequest =
  | { id: number; kind: 'write' | 'layout'; file: string }
  | { id: number; kind: 'draw'; layout: number; first: number; total: number }
  | { id: number; kind: 'merge'; pdfs: Uint8Array[] };

/** The answer: a PDF, a part's page count, or what went wrong (the message for the user, the stack for PIAO_DEBUG). */
export type PdfResult = { id: number; pdf: Uint8Array } | { id: number; pages: number } | { id: number; error: string; stack?: string };

/** The first message: the process is up (from the snapshot or not) and takes jobs. */
export interface PdfReady {
  ready: true;
}

/** Writes a small document with the default theme's fonts, and throws it away. */
async function warmUp(): Promise<void> {
  const themeFile = packageFile('templates', 'default', 'tema.json');
  const theme = JSON.parse(readFileSync(themeFile, 'utf8')) as Theme;
  const read = (spec: string) => readFileSync(fontPath(spec, dirname(themeFile)));
  const f = theme.carattere.file;
  const fonts: FontFiles = { normal: read(f.normale), bold: read(f.grassetto), italics: read(f.corsivo), bolditalics: read(f.grassettoCorsivo) };
  const text = (t: string, style: { bold?: boolean; italic?: boolean } = {}) => ({ type: 'text' as const, text: t, ...style });
  const cell = (header: boolean, t: string) => ({ header, colspan: 1, ...(header && { cls: 'etichetta' }), content: [{ type: 'paragraph' as const, content: [text(t)] }] });
  const tree: DocTree = {
    header: [text('Prova')],
    footer: [text('Pagina '), { type: 'field', field: 'page' }],
    body: [
      { type: 'heading', level: 2, content: [text('Titolo àèéìòù')] },
      { type: 'paragraph', content: [text('Testo '), text('grassetto', { bold: true }), text(' e '), text('corsivo', { italic: true })] },
      { type: 'list', ordered: false, items: [[{ type: 'paragraph', content: [text('voce')] }]] },
      { type: 'table', cls: 'obiettivo', rows: [{ cells: [cell(true, 'Etichetta'), cell(false, 'Valore')] }, { cells: [cell(true, 'Fasi'), cell(false, 'Una fase')] }] },
    ],
  };
  await writePdf(tree, theme, fonts, { title: 'x', author: 'x', subject: 'x', keywords: 'x', language: 'it-IT', date: new Date(Date.UTC(2000, 0, 1)) });
}

/**
 * A job from its file (removed once read). Nothing here refers to the job afterwards, so that
 * its tree can be freed while pdfmake lays out the document (with thousands of objectives,
 * memory is what limits).
 */
function readJob(file: string): Omit<PdfJob, 'id'> {
  const { tree, theme, fonts: raw, meta: sent } = deserialize(readFileSync(file)) as PdfJob;
  rmSync(file, { force: true }); // read: not needed any more (the parent removes it too)
  // Buffers arrive as Uint8Array from the structured clone.
  const fonts = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Buffer.from(v as Uint8Array)])) as unknown as FontFiles;
  // A Date made by this realm's global Date: the deserialized one fails pdfkit's `instanceof Date`
  // where Date was replaced (as the determinism test's fake clock does), and pdfkit then uses the clock.
  return { tree, theme, fonts, meta: { ...sent, date: new Date(sent.date.getTime()) } };
}

/**
 * Serves the parent: warms pdfmake up with a tiny document while the parent is still reading
 * the plan (a first document costs about twice a later one, its code not yet optimised by V8),
 * then writes each job's PDF. Tells the parent it is ready first (see pdf-process.ts).
 */
function serve(fromSnapshot = false): void {
  trace(`pdf: avviato${fromSnapshot ? ' da istantanea' : ''}`);
  process.send!({ ready: true } satisfies PdfReady);
  const warm = warmUp().catch(() => undefined).then(() => trace('pdf: riscaldato'));

  const laidOut = new Map<number, LaidOut>();
  process.on('message', async (r: PdfRequest) => {
    try {
      await warm;
      if (r.kind === 'merge') {
        process.send!({ id: r.id, pdf: await mergePdfs(r.pdfs) } satisfies PdfResult);
      } else if (r.kind === 'draw') {
        const part = laidOut.get(r.layout);
        laidOut.delete(r.layout);
        if (!part) throw new Error(`parte ${r.layout} non impaginata`);
        const pdf = await part.draw(r.first, r.total);
        trace('pdf: parte disegnata');
        process.send!({ id: r.id, pdf } satisfies PdfResult);
      } else {
        const { tree, theme, fonts, meta } = readJob(r.file);
        trace(`pdf: lavoro ricevuto (${r.kind === 'write' ? 'documento' : 'parte'})`);
        if (r.kind === 'write') {
          const pdf = await writePdf(tree, theme, fonts, meta);
          trace('pdf: scritto');
          process.send!({ id: r.id, pdf } satisfies PdfResult);
        } else {
          const part = layOutPdf(tree, theme, fonts, meta);
          laidOut.set(r.id, part);
          trace('pdf: parte impaginata');
          process.send!({ id: r.id, pages: part.pages } satisfies PdfResult);
        }
      }
    } catch (e) {
      process.send!({ id: r.id, error: (e as Error).message ?? String(e), ...((e as Error).stack && { stack: (e as Error).stack }) } satisfies PdfResult);
    }
  });

  // The parent is gone (or done): so is this process.
  process.on('disconnect', () => process.exit(0));
}

// Built into a V8 startup snapshot (build.mjs), this module is loaded, pdfmake included, when the
// snapshot is made, and the process starts at serve(); otherwise it serves at once.
// The snapshot is taken after a first warm-up: the bytecode of the writer's functions is in it
// (the first PDF of a run then takes ~8% less; what V8 learnt while running is not kept).
if (startupSnapshot?.isBuildingSnapshot()) {
  void warmUp().catch(() => undefined);
  startupSnapshot.setDeserializeMainFunction(() => serve(true));
} else serve();
