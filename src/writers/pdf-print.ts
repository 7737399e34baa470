/**
 * pdfmake's printer (its `createPdfKitDocument`) in two steps, so that a document can be laid out
 * in parts, each on its own (in parallel, in two processes), and its pages numbered afterwards
 * across all of them:
 *
 *   layOut(definition) -> pages counted  ...  draw(first, total) -> headers and footers, then the PDF
 *
 * The same calls as pdfmake's, in the same order: the layout of the content, then the headers and
 * footers of every page (pdfmake lays them out last too, once the pages are known), then drawing.
 * Only the parts of the definition that pdf.ts uses are read. Nothing is fetched: pdfmake's step
 * that resolves URLs is left out, and fonts come from its virtual file system (memory).
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { LayoutBuilder, PDFDocument, Renderer, SVGMeasure, normalizePageMargin, normalizePageSize, tableLayouts, type PdfKitDocument } from './pdfmake-internals.js';

/** Header and footer as pdf.ts writes them: for a page number and a page count. */
type Repeated = (page: number, pages: number) => object;

export type PrintDefinition = Omit<TDocumentDefinitions, 'header' | 'footer'> & {
  header: Repeated;
  footer: Repeated;
  language: string;
  version: string;
  subset: string;
  tagged: boolean;
  displayTitle: boolean;
};

/** A laid out part of a document: its page count, and how to draw it once its pages are numbered. */
export interface LaidOut {
  pages: number;
  /** `first`: the number of this part's first page in the whole document; `total`: its pages. */
  draw(first: number, total: number): Promise<Buffer>;
}

/** pdfmake's names for the document properties (its `createMetadata`). */
const INFO_KEYS = { title: 'Title', author: 'Author', subject: 'Subject', keywords: 'Keywords', creator: 'Creator', producer: 'Producer', creationDate: 'CreationDate', modDate: 'ModDate' } as const;

export function layOut(def: PrintDefinition, fonts: object, virtualfs: unknown): LaidOut {
  const pageSize = normalizePageSize(def.pageSize, def.pageOrientation);
  const info: Record<string, unknown> = { Producer: 'pdfmake', Creator: 'pdfmake' };
  for (const [key, value] of Object.entries(def.info ?? {})) if (value) info[INFO_KEYS[key as keyof typeof INFO_KEYS] ?? key] = value;
  const doc = new PDFDocument(
    fonts,
    {},
    {},
    {},
    {
      size: [pageSize.width, pageSize.height],
      pdfVersion: def.version,
      subset: def.subset,
      tagged: def.tagged,
      displayTitle: def.displayTitle,
      compress: true,
      lang: def.language,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      info,
      font: null,
    },
    virtualfs,
    () => false, // fonts come from memory; nothing is read from the file system
  );
  const builder = new LayoutBuilder(pageSize, normalizePageMargin(def.pageMargins), new SVGMeasure());
  builder.registerTableLayouts(tableLayouts);
  let pages: unknown[] | undefined = builder.layoutDocument(def.content, doc, def.styles ?? {}, def.defaultStyle ?? {}, undefined, undefined, undefined, undefined, undefined);
  const count = pages.length;
  return {
    pages: count,
    draw(first, total) {
      if (!pages) throw new Error('parte del PDF già disegnata');
      builder.addHeadersAndFooters(
        (page) => def.header(first + page - 1, total),
        (page) => def.footer(first + page - 1, total),
      );
      new Renderer(doc).renderPages(pages);
      pages = undefined; // drawn: the layout can be freed
      return bytesOf(doc);
    },
  };
}

function bytesOf(doc: PdfKitDocument): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}
