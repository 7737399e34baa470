/**
 * The PDF writer in a child process (started by ../pdf-process.ts): on a machine with two or
 * more cores, the PDF (the slowest format) is laid out while the parent writes the DOCX and the
 * HTML. It is started first thing, so that loading pdfmake overlaps with reading the plan; from
 * a V8 startup snapshot with pdfmake already loaded, when build.mjs could make one.
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
import { writePdf } from './pdf.js';

export interface PdfJob {
  id: number;
  tree: DocTree;
  theme: Theme;
  fonts: FontFiles;
  meta: DocMeta;
}

/** What the parent sends: the job's number and the file that holds it (v8-serialized PdfJob). */
export interface PdfJobFile {
  id: number;
  file: string;
}

/** The PDF, or what went wrong: the message for the user, the stack for PIAO_DEBUG. */
export type PdfResult = { id: number; pdf: Uint8Array } | { id: number; error: string; stack?: string };

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
 * Serves the parent: warms pdfmake up with a tiny document while the parent is still reading
 * the plan (a first document costs about twice a later one, its code not yet optimised by V8),
 * then writes each job's PDF. Tells the parent it is ready first (see pdf-process.ts).
 */
function serve(fromSnapshot = false): void {
  trace(`pdf: avviato${fromSnapshot ? ' da istantanea' : ''}`);
  process.send!({ ready: true } satisfies PdfReady);
  const warm = warmUp().catch(() => undefined).then(() => trace('pdf: riscaldato'));

  process.on('message', async ({ id, file }: PdfJobFile) => {
    try {
      await warm;
      // Nothing here refers to the job after handing it over, so that its tree can be freed while
      // pdfmake lays out the document (with thousands of objectives, memory is what limits).
      const { tree, theme, fonts: raw, meta: sent } = deserialize(readFileSync(file)) as PdfJob;
      rmSync(file, { force: true }); // read: not needed any more (the parent removes it too)
      // Buffers arrive as Uint8Array from the structured clone.
      const fonts = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Buffer.from(v as Uint8Array)])) as unknown as FontFiles;
      trace('pdf: lavoro ricevuto');
      // A Date made by this realm's global Date: the deserialized one fails pdfkit's `instanceof Date`
      // where Date was replaced (as the determinism test's fake clock does), and pdfkit then uses the clock.
      const meta = { ...sent, date: new Date(sent.date.getTime()) };
      const pdf = await writePdf(tree, theme, fonts, meta);
      trace('pdf: scritto');
      process.send!({ id, pdf } satisfies PdfResult);
    } catch (e) {
      process.send!({ id, error: (e as Error).message ?? String(e), ...((e as Error).stack && { stack: (e as Error).stack }) } satisfies PdfResult);
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
